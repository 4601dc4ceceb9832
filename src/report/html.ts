import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { flameTreesFor, type FlameNode, type FlameOptions, type FlameTree } from '../analysis/flame.js';
import type { Comparison } from '../analysis/types.js';
import type { Profile } from '../pprof/profile.js';
import { escapeHtml, escapeScriptJson, sanitizeName } from './escape.js';
import { formatDelta, formatSignedPercent, formatValue } from './format.js';

/**
 * The differential flame graph report: one self-contained HTML file per comparison. The call tree
 * travels as JSON in a non-executed <script type="application/json"> element and is drawn by the
 * inline script below as an icicle (root on top) of absolutely positioned elements; names are set
 * with textContent only. A Content-Security-Policy with the hashes of the inline script and style
 * forbids everything else (no network, no other script).
 */

/** Frames below 0.01% of the total are narrower than a pixel until zoomed far in; and a cap on size. */
export const HTML_FLAME_LIMITS: Pick<FlameOptions, 'minFraction' | 'maxNodes'> = { minFraction: 1e-4, maxNodes: 40_000 };

/** A frame's change reaches full colour at this share of the base total (pprof's percentage base). */
const FULL_COLOUR_SHARE = 0.2;

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; padding: 12px 16px 24px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 16px; margin: 0 0 2px; font-weight: 600; word-break: break-all; }
.sub { color: #59636e; margin: 0 0 8px; }
.bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0; }
.bar input { font: inherit; padding: 3px 6px; width: 260px; border: 1px solid #b7bdc4; border-radius: 4px; }
.bar button { font: inherit; padding: 3px 10px; border: 1px solid #b7bdc4; border-radius: 4px; background: #f6f8fa; cursor: pointer; }
.bar button:disabled { cursor: default; color: #8c959f; }
.legend { display: flex; gap: 10px; align-items: center; color: #59636e; }
.sw { display: inline-block; width: 22px; height: 12px; vertical-align: -2px; margin-right: 4px; border-radius: 2px; }
.sw.up { background: rgb(214,39,40); } .sw.down { background: rgb(31,95,191); } .sw.same { background: rgb(221,216,207); }
#status { color: #59636e; min-height: 1.4em; }
#chart { position: relative; width: 100%; overflow: hidden; margin-top: 4px; }
.frame { position: absolute; height: 18px; box-sizing: border-box; padding: 0 4px; border-right: 1px solid #fff; border-bottom: 1px solid #fff; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 11px/17px ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; cursor: pointer; }
.frame.new::before { content: "new"; font: bold 9px/13px system-ui, sans-serif; background: #ffd33d; color: #1f2328; border-radius: 3px; padding: 0 3px; margin-right: 4px; vertical-align: 1px; }
.frame.gone { background-image: repeating-linear-gradient(135deg, rgba(255,255,255,0.28) 0 2px, transparent 2px 7px); }
.frame.ancestor { opacity: 0.7; }
.frame:hover { filter: brightness(0.93); }
#chart.searching .frame { opacity: 0.3; }
#chart.searching .frame.match { opacity: 1; outline: 2px solid #bf00ff; outline-offset: -2px; }
#tip { position: fixed; display: none; pointer-events: none; z-index: 10; max-width: 520px; padding: 6px 9px; background: #fff; border: 1px solid #b7bdc4; border-radius: 6px; box-shadow: 0 3px 12px rgba(0,0,0,0.15); font-size: 12px; }
#tip .name { font: 600 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; margin-bottom: 3px; }
#tip .up { color: #b31d28; } #tip .down { color: #0a5bc4; }
.note { color: #59636e; margin-top: 10px; }
`;

// Plain ES5-style JavaScript (no template literals, so nothing here is ever interpolated).
const SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flame-data').textContent);
  var ROW = 18, NEUTRAL = [221, 216, 207], RED = [214, 39, 40], BLUE = [31, 95, 191];
  var chart = document.getElementById('chart'), tip = document.getElementById('tip');
  var search = document.getElementById('search'), reset = document.getElementById('reset'), status = document.getElementById('status');
  var unit = data.unit, denom = data.percentBase > 0 ? data.percentBase : 1;

  // Nodes arrive in preorder as [name index, parent, base, head, weight] quintuples.
  var nodes = [], flat = data.nodes;
  for (var i = 0; i < flat.length; i += 5) {
    var p = flat[i + 1];
    var n = { id: nodes.length, name: p < 0 ? 'all' : data.names[flat[i]], parent: p < 0 ? null : nodes[p], base: flat[i + 2], head: flat[i + 3], w: flat[i + 4], children: [], depth: 0 };
    if (n.parent) { n.parent.children.push(n); n.depth = n.parent.depth + 1; }
    nodes.push(n);
  }
  var root = nodes[0], focus = root, query = '';

  var BYTES = [['B', 1], ['kB', 1024], ['MB', 1048576], ['GB', 1073741824], ['TB', 1099511627776], ['PB', 1125899906842624]];
  var TIMES = [['ns', 1], ['us', 1e3], ['ms', 1e6], ['s', 1e9], ['hrs', 3600e9]];
  function two(v) { var s = v.toFixed(2).replace(/\\.00$/, ''); return s === '-0' ? '0' : s; }
  function fmt(v) {
    if (v === 0) return '0';
    var scale = /^(b|bytes?)$/i.test(unit) ? BYTES : /^(ns|nanoseconds?)$/i.test(unit) ? TIMES : null;
    if (!scale) return two(v);
    var a = Math.abs(v), c = scale[0];
    for (var k = 0; k < scale.length; k++) if (a / scale[k][1] >= 1) c = scale[k];
    return two(v / c[1]) + c[0];
  }
  function fmtDelta(v) { return v === 0 ? '0' : (v > 0 ? '+' : '\\u2212') + fmt(Math.abs(v)); }
  function fmtShare(v) {
    var r = Math.abs(v / denom) * 100, s;
    if (r === 0) return '0%';
    s = r >= 1 ? r.toFixed(2) + '%' : Number(r.toPrecision(2)) + '%';
    return (v > 0 ? '+' : '\\u2212') + s;
  }

  function colour(n) {
    var d = n.head - n.base;
    if (d === 0) return 'rgb(' + NEUTRAL.join(',') + ')';
    var t = Math.sqrt(Math.min(1, Math.abs(d) / (data.fullShare * denom)));
    var to = d > 0 ? RED : BLUE, c = [];
    for (var k = 0; k < 3; k++) c.push(Math.round(NEUTRAL[k] + (to[k] - NEUTRAL[k]) * t));
    return 'rgb(' + c.join(',') + ')';
  }
  function textColour(n) {
    var d = n.head - n.base;
    var t = d === 0 ? 0 : Math.sqrt(Math.min(1, Math.abs(d) / (data.fullShare * denom)));
    return t > 0.6 ? '#fff' : '#1f2328';
  }
  function matches(n) { return query !== '' && n.name.toLowerCase().indexOf(query) >= 0; }

  function frame(n, x, width, cls) {
    var el = document.createElement('div');
    el.className = 'frame' + cls + (n.base === 0 && n.head !== 0 ? ' new' : '') + (n.head === 0 && n.base !== 0 ? ' gone' : '') + (matches(n) ? ' match' : '');
    el.style.left = x + 'px';
    el.style.top = n.depth * ROW + 'px';
    el.style.width = width + 'px';
    el.style.backgroundColor = colour(n);
    el.style.color = textColour(n);
    el.setAttribute('data-id', String(n.id));
    el.textContent = n.name;
    return el;
  }

  function render() {
    var W = chart.clientWidth, out = [], maxDepth = 0;
    for (var a = focus.parent; a; a = a.parent) out.push(frame(a, 0, W, ' ancestor'));
    var stack = [[focus, 0, W]];
    while (stack.length) {
      var item = stack.pop(), n = item[0], x = item[1], width = item[2];
      out.push(frame(n, x, width, n === focus && n !== root ? ' focus' : ''));
      if (n.depth > maxDepth) maxDepth = n.depth;
      var cx = x;
      for (var k = 0; k < n.children.length; k++) {
        var c = n.children[k], cw = n.w > 0 ? width * c.w / n.w : 0;
        if (cw >= 0.5) stack.push([c, cx, cw]);
        cx += cw;
      }
    }
    chart.replaceChildren.apply(chart, out);
    chart.style.height = (maxDepth + 1) * ROW + 'px';
    chart.classList.toggle('searching', query !== '');
    reset.disabled = focus === root;
  }

  function updateSearch() {
    query = search.value.trim().toLowerCase();
    if (query === '') { status.textContent = ''; render(); return; }
    var count = 0, head = 0, base = 0;
    (function walk(n, inside) {
      var m = matches(n);
      if (m) { count++; if (!inside) { head += n.head; base += n.base; } }
      for (var k = 0; k < n.children.length; k++) walk(n.children[k], inside || m);
    })(root, false);
    status.textContent = count === 0 ? 'No frame matches.' : count + (count === 1 ? ' frame matches' : ' frames match') + ': ' + fmt(base) + ' \\u2192 ' + fmt(head) + ' (' + fmtDelta(head - base) + ', ' + fmtShare(head - base) + ' of base total)';
    render();
  }

  function nodeOf(target) {
    var el = target && target.closest ? target.closest('.frame') : null;
    return el ? nodes[Number(el.getAttribute('data-id'))] : null;
  }
  function line(text, cls) { var d = document.createElement('div'); d.textContent = text; if (cls) d.className = cls; return d; }

  chart.addEventListener('click', function (e) {
    var n = nodeOf(e.target);
    if (!n) return;
    focus = n === focus ? (n.parent || root) : n;
    render();
  });
  chart.addEventListener('mousemove', function (e) {
    var n = nodeOf(e.target);
    if (!n) { tip.style.display = 'none'; return; }
    var d = n.head - n.base;
    var parts = [line(n.name, 'name'), line(fmt(n.base) + ' \\u2192 ' + fmt(n.head) + '  (base \\u2192 head)'), line(d === 0 ? 'unchanged' : fmtDelta(d) + ', ' + fmtShare(d) + ' of base total', d > 0 ? 'up' : d < 0 ? 'down' : '')];
    if (n.base === 0 && n.head !== 0) parts.push(line('new in head'));
    if (n.head === 0 && n.base !== 0) parts.push(line('gone in head'));
    if (n.parent && n.parent.head > 0) parts.push(line(two(100 * n.head / n.parent.head) + '% of its caller in head'));
    tip.replaceChildren.apply(tip, parts);
    tip.style.display = 'block';
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 4) x = Math.max(4, e.clientX - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > window.innerHeight - 4) y = Math.max(4, e.clientY - tip.offsetHeight - 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  });
  chart.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  reset.addEventListener('click', function () { focus = root; render(); });
  search.addEventListener('input', updateSearch);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { if (document.activeElement === search && search.value) { search.value = ''; updateSearch(); } else { focus = root; render(); } }
  });
  window.addEventListener('resize', render);
  render();
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

interface Payload {
  unit: string;
  percentBase: number;
  fullShare: number;
  names: string[];
  /** Preorder quintuples: name index, parent index (-1 for the root), base, head, weight. */
  nodes: number[];
}

function payload(tree: FlameTree): Payload {
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const nodes: number[] = [];
  const stack: [FlameNode, number][] = [[tree.root, -1]];
  let next = 0;
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    const id = next++;
    let name = -1;
    if (parent >= 0) {
      const shown = sanitizeName(node.name);
      name = nameIndex.get(shown) ?? -1;
      if (name < 0) {
        name = names.length;
        names.push(shown);
        nameIndex.set(shown, name);
      }
    }
    nodes.push(name, parent, node.base, node.head, node.weight);
    // Children pushed in reverse so they come out (and are drawn) heaviest first.
    for (let k = node.children.length - 1; k >= 0; k--) stack.push([node.children[k], id]);
  }
  const percentBase = tree.baseTotal > 0 ? tree.baseTotal : tree.headTotal;
  return { unit: tree.unit, percentBase, fullShare: FULL_COLOUR_SHARE, names, nodes };
}

/** One comparison's differential flame graph as a complete, self-contained HTML document. */
export function renderHtml(c: Comparison, tree: FlameTree): string {
  if (tree.sampleIndex !== c.sampleIndex) throw new Error(`flame tree of ${tree.sampleIndex} given for the ${c.sampleIndex} comparison`);
  const title = `${c.profile ? `${sanitizeName(c.profile)} · ` : ''}${sanitizeName(c.sampleIndex)}${c.normalized ? ' (normalized)' : ''}`;
  const delta = c.headSum - c.baseSum;
  const totals = `Total ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (${formatDelta(delta, c.unit)}, ${formatSignedPercent(delta, c.baseSum)})`;
  const sides = tree.baseCount > 1 || tree.headCount > 1 ? ` · medians of ${tree.baseCount} base and ${tree.headCount} head profiles` : '';
  const hidden =
    tree.hiddenNodes > 0
      ? `<p class="note">${tree.hiddenNodes} call paths narrower than ${(HTML_FLAME_LIMITS.minFraction ?? 0) * 100}% of the total (or past ${HTML_FLAME_LIMITS.maxNodes} frames) are left out.</p>`
      : '';
  const json = escapeScriptJson(JSON.stringify(payload(tree)));
  const csp = `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>pprof-gate: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(totals)} · ${escapeHtml(sanitizeName(c.unit))} · ${escapeHtml(c.granularity)}${escapeHtml(sides)} · width: head value (at least the base value, so frames that shrank stay visible)</p>
<div class="bar">
<input id="search" type="search" placeholder="Search frames (substring)" aria-label="Search frames" autocomplete="off" spellcheck="false">
<button id="reset" type="button">Reset zoom</button>
<span class="legend"><span><span class="sw up"></span>grew</span><span><span class="sw down"></span>shrank</span><span><span class="sw same"></span>unchanged</span><span>click a frame to zoom, again (or Esc) to zoom out</span></span>
</div>
<div id="status" aria-live="polite"></div>
<div id="chart"></div>
<div id="tip"></div>
${hidden}
<script type="application/json" id="flame-data">${json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The HTML reports of one base/head comparison set, one per comparison, in the comparisons' order
 * (what the CLI writes and the action uploads).
 */
export function renderHtmlReports(bases: Profile[], heads: Profile[], comparisons: Comparison[]): string[] {
  const trees = flameTreesFor(bases, heads, comparisons, HTML_FLAME_LIMITS);
  return comparisons.map((c, i) => renderHtml(c, trees[i]));
}

/**
 * Output files for `--output FILE`: FILE for the first comparison, FILE with `.<sample type>`
 * before its extension for the others (report.html, report.inuse_space.html). Sample type names
 * come from the profile: anything but letters, digits, `_` and `-` becomes `_`.
 */
export function htmlOutputPaths(output: string, comparisons: Pick<Comparison, 'sampleIndex'>[]): string[] {
  const dir = dirname(output);
  const ext = extname(basename(output));
  const stem = basename(output, ext);
  const used = new Set<string>();
  return comparisons.map((c, i) => {
    let path = i === 0 ? output : join(dir, `${stem}.${c.sampleIndex.replace(/[^A-Za-z0-9_-]/g, '_') || 'sample'}${ext}`);
    if (used.has(path)) path = join(dir, `${stem}.${i}${ext}`);
    used.add(path);
    return path;
  });
}
