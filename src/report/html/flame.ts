/**
 * The flame graph page's script, run in the browser: draws the call tree carried in
 * #flame-data as an icicle (root on top) of absolutely positioned elements, with search, zoom and
 * a tooltip. Names are set with textContent only. Type-checked with the DOM library by
 * src/report/html/tsconfig.json; compiled and inlined into the page by scripts/gen-html-assets.mjs.
 */
import type { FlamePayload } from './payload.js';

interface Node {
  id: number;
  name: string;
  parent: Node | null;
  base: number;
  head: number;
  /** Drawn width, relative to the parent's. */
  w: number;
  children: Node[];
  depth: number;
}

type RGB = [number, number, number];

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id} in the page`);
  return el as T;
}

const data = JSON.parse(element('flame-data').textContent ?? '') as FlamePayload;
const ROW = 18;
const NEUTRAL: RGB = [221, 216, 207];
const RED: RGB = [214, 39, 40];
const BLUE: RGB = [31, 95, 191];
const chart = element<HTMLDivElement>('chart');
const tip = element<HTMLDivElement>('tip');
const search = element<HTMLInputElement>('search');
const reset = element<HTMLButtonElement>('reset');
const status = element<HTMLDivElement>('status');
const unit = data.unit;
const denom = data.percentBase > 0 ? data.percentBase : 1;

// Nodes arrive in preorder as [name index, parent, base, head, weight] quintuples.
const nodes: Node[] = [];
const flat = data.nodes;
for (let i = 0; i < flat.length; i += 5) {
  const p = flat[i + 1];
  const parent = p < 0 ? null : nodes[p];
  const n: Node = {
    id: nodes.length,
    name: parent ? data.names[flat[i]] : 'all',
    parent,
    base: flat[i + 2],
    head: flat[i + 3],
    w: flat[i + 4],
    children: [],
    depth: 0,
  };
  if (parent) {
    parent.children.push(n);
    n.depth = parent.depth + 1;
  }
  nodes.push(n);
}
const root = nodes[0];
let focus = root;
let query = '';

const BYTES: [string, number][] = [
  ['B', 1],
  ['kB', 1024],
  ['MB', 1048576],
  ['GB', 1073741824],
  ['TB', 1099511627776],
  ['PB', 1125899906842624],
];
const TIMES: [string, number][] = [
  ['ns', 1],
  ['us', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
  ['hrs', 3600e9],
];

function two(v: number): string {
  const s = v.toFixed(2).replace(/\.00$/, '');
  return s === '-0' ? '0' : s;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const scale = /^(b|bytes?)$/i.test(unit) ? BYTES : /^(ns|nanoseconds?)$/i.test(unit) ? TIMES : null;
  if (!scale) return two(v);
  const a = Math.abs(v);
  let c = scale[0];
  for (const s of scale) if (a / s[1] >= 1) c = s;
  return two(v / c[1]) + c[0];
}

function fmtDelta(v: number): string {
  return v === 0 ? '0' : (v > 0 ? '+' : '\u2212') + fmt(Math.abs(v));
}

function fmtShare(v: number): string {
  const r = Math.abs(v / denom) * 100;
  if (r === 0) return '0%';
  const s = r >= 1 ? r.toFixed(2) + '%' : Number(r.toPrecision(2)) + '%';
  return (v > 0 ? '+' : '\u2212') + s;
}

/** How far toward full colour a frame's change takes it, 0..1. */
function intensity(n: Node): number {
  const d = n.head - n.base;
  return d === 0 ? 0 : Math.sqrt(Math.min(1, Math.abs(d) / (data.fullShare * denom)));
}

function colour(n: Node): string {
  const d = n.head - n.base;
  if (d === 0) return 'rgb(' + NEUTRAL.join(',') + ')';
  const t = intensity(n);
  const to = d > 0 ? RED : BLUE;
  const c = NEUTRAL.map((from, k) => Math.round(from + (to[k] - from) * t));
  return 'rgb(' + c.join(',') + ')';
}

function textColour(n: Node): string {
  return intensity(n) > 0.6 ? '#fff' : '#1f2328';
}

function matches(n: Node): boolean {
  return query !== '' && n.name.toLowerCase().indexOf(query) >= 0;
}

function frame(n: Node, x: number, width: number, cls: string): HTMLDivElement {
  const el = document.createElement('div');
  el.className =
    'frame' +
    cls +
    (n.base === 0 && n.head !== 0 ? ' new' : '') +
    (n.head === 0 && n.base !== 0 ? ' gone' : '') +
    (matches(n) ? ' match' : '');
  el.style.left = x + 'px';
  el.style.top = n.depth * ROW + 'px';
  el.style.width = width + 'px';
  el.style.backgroundColor = colour(n);
  el.style.color = textColour(n);
  el.setAttribute('data-id', String(n.id));
  el.textContent = n.name;
  return el;
}

function render(): void {
  const W = chart.clientWidth;
  const out: HTMLElement[] = [];
  let maxDepth = 0;
  for (let a = focus.parent; a; a = a.parent) out.push(frame(a, 0, W, ' ancestor'));
  const stack: [Node, number, number][] = [[focus, 0, W]];
  while (stack.length) {
    const [n, x, width] = stack.pop()!;
    out.push(frame(n, x, width, n === focus && n !== root ? ' focus' : ''));
    if (n.depth > maxDepth) maxDepth = n.depth;
    let cx = x;
    for (const c of n.children) {
      const cw = n.w > 0 ? (width * c.w) / n.w : 0;
      if (cw >= 0.5) stack.push([c, cx, cw]);
      cx += cw;
    }
  }
  chart.replaceChildren(...out);
  chart.style.height = (maxDepth + 1) * ROW + 'px';
  chart.classList.toggle('searching', query !== '');
  reset.disabled = focus === root;
}

function updateSearch(): void {
  query = search.value.trim().toLowerCase();
  if (query === '') {
    status.textContent = '';
    render();
    return;
  }
  let count = 0;
  let head = 0;
  let base = 0;
  // A match inside a matching frame is counted, but its value is already in its ancestor's.
  const walk = (n: Node, inside: boolean): void => {
    const m = matches(n);
    if (m) {
      count++;
      if (!inside) {
        head += n.head;
        base += n.base;
      }
    }
    for (const c of n.children) walk(c, inside || m);
  };
  walk(root, false);
  status.textContent =
    count === 0
      ? 'No frame matches.'
      : count +
        (count === 1 ? ' frame matches' : ' frames match') +
        ': ' +
        fmt(base) +
        ' \u2192 ' +
        fmt(head) +
        ' (' +
        fmtDelta(head - base) +
        ', ' +
        fmtShare(head - base) +
        ' of base total)';
  render();
}

function nodeOf(target: EventTarget | null): Node | null {
  const el = target instanceof Element ? target.closest('.frame') : null;
  return el ? nodes[Number(el.getAttribute('data-id'))] : null;
}

function line(text: string, cls?: string): HTMLDivElement {
  const d = document.createElement('div');
  d.textContent = text;
  if (cls) d.className = cls;
  return d;
}

chart.addEventListener('click', (e) => {
  const n = nodeOf(e.target);
  if (!n) return;
  focus = n === focus ? (n.parent ?? root) : n;
  render();
});
chart.addEventListener('mousemove', (e) => {
  const n = nodeOf(e.target);
  if (!n) {
    tip.style.display = 'none';
    return;
  }
  const d = n.head - n.base;
  const parts = [
    line(n.name, 'name'),
    line(fmt(n.base) + ' \u2192 ' + fmt(n.head) + '  (base \u2192 head)'),
    line(d === 0 ? 'unchanged' : fmtDelta(d) + ', ' + fmtShare(d) + ' of base total', d > 0 ? 'up' : d < 0 ? 'down' : ''),
  ];
  if (n.base === 0 && n.head !== 0) parts.push(line('new in head'));
  if (n.head === 0 && n.base !== 0) parts.push(line('gone in head'));
  if (n.parent && n.parent.head > 0) parts.push(line(two((100 * n.head) / n.parent.head) + '% of its caller in head'));
  tip.replaceChildren(...parts);
  tip.style.display = 'block';
  let x = e.clientX + 14;
  let y = e.clientY + 14;
  if (x + tip.offsetWidth > window.innerWidth - 4) x = Math.max(4, e.clientX - tip.offsetWidth - 14);
  if (y + tip.offsetHeight > window.innerHeight - 4) y = Math.max(4, e.clientY - tip.offsetHeight - 14);
  tip.style.left = x + 'px';
  tip.style.top = y + 'px';
});
chart.addEventListener('mouseleave', () => {
  tip.style.display = 'none';
});
reset.addEventListener('click', () => {
  focus = root;
  render();
});
search.addEventListener('input', updateSearch);
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (document.activeElement === search && search.value) {
    search.value = '';
    updateSearch();
  } else {
    focus = root;
    render();
  }
});
window.addEventListener('resize', render);
render();
