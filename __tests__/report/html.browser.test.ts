/// <reference lib="dom" />
/**
 * The HTML flame graph report in a real browser: Debian's chromium, driven by playwright-core.
 * The report is written by the CLI from a real fixture diff, opened from disk with every network
 * request refused, then checked for colours (computed styles and the rendered pixels), search,
 * zoom and the tooltip. A screenshot goes to test-output/, and with UPDATE_SCREENSHOT=1 to docs/flamegraph.png (the README's).
 * Without /usr/bin/chromium this test fails: .ci/run installs it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { compareProfiles } from '../../src/analysis/compare.js';
import { buildFlameTree, type FlameNode } from '../../src/analysis/flame.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { sanitizeName } from '../../src/report/escape.js';
import { formatValue } from '../../src/report/format.js';
import { renderHistoryHtml } from '../../src/report/history-html.js';
import { renderHtmlReports } from '../../src/report/html.js';
import { buildCli, runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const OUT = join(ROOT, 'test-output', 'html');
const FIXTURE = join(ROOT, 'testdata', 'profiles', 'mapcache');
const BASE = join(FIXTURE, 'base.heap-sampled.pb.gz');
const HEAD = join(FIXTURE, 'head.heap-sampled.pb.gz');
const CHROMIUM = '/usr/bin/chromium';

type RGB = [number, number, number];

interface FrameInfo {
  text: string;
  classes: string[];
  background: RGB;
  backgroundImage: string;
  opacity: number;
  outlineColor: string;
  outlineStyle: string;
  rect: { x: number; y: number; width: number; height: number };
}

function rgb(css: string): RGB {
  const m = /^rgba?\((\d+), (\d+), (\d+)/.exec(css);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const isRed = ([r, g, b]: RGB) => r > 150 && r - b > 60 && r - g > 60;
const isBlue = ([r, , b]: RGB) => b > 150 && b - r > 60;
const isNeutral = ([r, g, b]: RGB) => Math.max(r, g, b) - Math.min(r, g, b) < 20 && r > 180;

/** Every drawn frame whose text is exactly `name`. */
async function frames(page: Page, name: string): Promise<FrameInfo[]> {
  const raw = await page.$$eval(
    '#chart .frame',
    (els, wanted) =>
      els
        .filter((el) => el.textContent === wanted)
        .map((el) => {
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return {
            text: el.textContent ?? '',
            classes: Array.from(el.classList),
            background: s.backgroundColor,
            backgroundImage: s.backgroundImage,
            opacity: Number(s.opacity),
            outlineColor: s.outlineColor,
            outlineStyle: s.outlineStyle,
            rect: { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height },
          };
        }),
    name,
  );
  return raw.map((f) => ({ ...f, background: rgb(f.background) }));
}

async function frame(page: Page, name: string): Promise<FrameInfo> {
  const all = await frames(page, name);
  expect({ name, drawn: all.length }).toEqual({ name, drawn: 1 });
  return all[0];
}

/** Pixels of a PNG screenshot, decoded by the browser itself on a blank page. */
async function pixels(context: BrowserContext, png: Buffer, points: { x: number; y: number }[]): Promise<RGB[]> {
  const page = await context.newPage();
  try {
    await page.setContent('<canvas id="c"></canvas>');
    return await page.evaluate(
      async ({ b64, points }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.getElementById('c') as HTMLCanvasElement;
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return points.map((p) => {
          const d = ctx.getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data;
          return [d[0], d[1], d[2]] as [number, number, number];
        });
      },
      { b64: png.toString('base64'), points },
    );
  } finally {
    await page.close();
  }
}

/** Points along the top strip of a frame, clear of its text. */
function strip(f: FrameInfo, n = 5): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({ x: f.rect.x + 2 + ((f.rect.width - 6) * i) / (n - 1), y: f.rect.y + 1.5 }));
}

function findNode(node: FlameNode, path: string[]): FlameNode {
  let n = node;
  for (const name of path) {
    const next = n.children.find((c) => c.name === name);
    if (!next) throw new Error(`no frame ${name} under ${n.name}`);
    n = next;
  }
  return n;
}

describe('HTML flame graph report in headless Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let cli: ReturnType<typeof buildCli>;
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    cli = buildCli();
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1200, height: 400 }, deviceScaleFactor: 1 });
    // The report must work offline: anything but the file itself is refused and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await browser?.close();
    cli?.cleanup();
  });

  async function open(file: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#chart .frame');
    return page;
  }

  test('the CLI writes one HTML file per sample type; stdout only for a single one', () => {
    const out = join(OUT, 'mapcache.html');
    const r = runCli(cli.cli, ['diff', '--base', BASE, '--head', HEAD, '--format', 'html', '--output', out]);
    expect(r.stderr).toContain(`wrote ${out}, ${join(OUT, 'mapcache.inuse_space.html')}`);
    expect(r.status).toBe(1); // the leak crosses the default thresholds
    for (const f of [out, join(OUT, 'mapcache.inuse_space.html')]) {
      const html = readFileSync(f, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      // Self-contained: no URL to load anything from.
      expect(html).not.toMatch(/\b(src|href)\s*=|https?:\/\/|@import|url\(/i);
    }
    expect(readFileSync(out, 'utf8')).toContain('<title>pprof-gate: head.heap-sampled.pb.gz · alloc_space</title>');

    const one = runCli(cli.cli, ['diff', '--base', BASE, '--head', HEAD, '--format', 'html', '--sample-index', 'inuse_space']);
    expect(one.stdout).toBe(readFileSync(join(OUT, 'mapcache.inuse_space.html'), 'utf8'));

    const two = runCli(cli.cli, ['diff', '--base', BASE, '--head', HEAD, '--format', 'html']);
    expect(two.status).toBe(2);
    expect(two.stdout).toBe('');
    expect(two.stderr.trim()).toBe(
      'pprof-gate: --format html writes one file per sample type (alloc_space, inuse_space): give --output FILE, or a single --sample-index',
    );
  });

  test('frames drawn in the right colours; tooltip, search and zoom work; screenshot saved', async () => {
    const file = join(OUT, 'mapcache.inuse_space.html');
    if (!existsSync(file))
      writeFileSync(
        file,
        runCli(cli.cli, ['diff', '--base', BASE, '--head', HEAD, '--format', 'html', '--sample-index', 'inuse_space']).stdout,
      );
    const page = await open(file);
    const tree = buildFlameTree([await readProfileFile(BASE)], [await readProfileFile(HEAD)], {
      sampleIndex: 'inuse_space',
      normalize: false,
    });
    const grown = findNode(tree.root, [
      'runtime.main',
      'main.main',
      'main.runMapcache',
      'main.handleRequest',
      'main.getSession',
      'main.loadSession',
      'main.newSessionState',
    ]);
    const gone = findNode(tree.root, ['runtime.main', 'main.main', 'main.loadConfig']);
    const same = findNode(tree.root, ['runtime.systemstack', 'runtime.newproc.func1', 'runtime.newproc1', 'runtime.malg']);
    expect([grown.base, grown.head > 0]).toEqual([0, true]);
    expect([gone.base > 0, gone.head]).toEqual([true, 0]);
    expect(same.base).toBe(same.head);

    // Colours, as computed styles.
    const chartWidth = await page.$eval('#chart', (el) => el.clientWidth);
    const newFrame = await frame(page, 'main.newSessionState');
    const goneFrame = await frame(page, 'main.loadConfig');
    const sameFrame = await frame(page, 'runtime.malg');
    expect({ bg: newFrame.background, red: isRed(newFrame.background) }).toEqual({ bg: newFrame.background, red: true });
    expect({ bg: goneFrame.background, blue: isBlue(goneFrame.background) }).toEqual({ bg: goneFrame.background, blue: true });
    expect({ bg: sameFrame.background, neutral: isNeutral(sameFrame.background) }).toEqual({ bg: sameFrame.background, neutral: true });
    expect(newFrame.classes).toContain('new');
    expect(goneFrame.classes).toContain('gone');
    expect(goneFrame.classes).not.toContain('new');
    // Gone frames are striped; the others are plain.
    expect(goneFrame.backgroundImage).toMatch(/^repeating-linear-gradient/);
    expect(newFrame.backgroundImage).toBe('none');
    // Widths: head value, with the vanished frame kept at its base width.
    expect(newFrame.rect.width).toBeCloseTo((chartWidth * grown.weight) / tree.root.weight, 0);
    expect(goneFrame.rect.width).toBeCloseTo((chartWidth * gone.base) / tree.root.weight, 0);
    expect((await frame(page, 'all')).rect.width).toBeCloseTo(chartWidth, 0);

    // Colours, as rendered pixels.
    const clean = await page.screenshot({ fullPage: true });
    writeFileSync(join(OUT, 'mapcache.inuse_space.clean.png'), clean);
    const [redPx, bluePx, greyPx] = await Promise.all(
      [strip(newFrame), strip(goneFrame), strip(sameFrame)].map((pts) => pixels(context, clean, pts)),
    );
    for (const p of redPx) expect({ p, red: isRed(p) }).toEqual({ p, red: true });
    for (const p of bluePx) expect({ p, blue: isBlue(p) }).toEqual({ p, blue: true });
    for (const p of greyPx) expect({ p, neutral: isNeutral(p) }).toEqual({ p, neutral: true });

    // Tooltip: base → head, delta, % of base total, in format.ts's numbers.
    await page.mouse.move(newFrame.rect.x + newFrame.rect.width * 0.6, newFrame.rect.y + 9);
    const tip = await page.$eval('#tip', (el) => ({ text: (el as HTMLElement).innerText, shown: getComputedStyle(el).display !== 'none' }));
    expect(tip.shown).toBe(true);
    expect(tip.text).toContain('main.newSessionState');
    expect(tip.text).toContain(`0 → ${formatValue(grown.head, 'bytes')}`);
    expect(tip.text).toContain(`+${formatValue(grown.head, 'bytes')}, +${((grown.head / tree.baseTotal) * 100).toFixed(2)}% of base total`);
    expect(tip.text).toContain('new in head');
    // The README's picture: the real diff with the tooltip over the leak.
    const shot = join(OUT, 'flamegraph.png');
    await page.screenshot({ path: shot, fullPage: true });
    // Refreshing the committed copy is asked for explicitly, so that a test run leaves the tree clean.
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(shot, join(ROOT, 'docs', 'flamegraph.png'));
    }
    await page.mouse.move(2, 2);

    // Search highlights the matching frame and dims the rest.
    await page.fill('#search', 'LOADCONFIG');
    const hit = await frame(page, 'main.loadConfig');
    const miss = await frame(page, 'main.newSessionState');
    expect(hit.classes).toContain('match');
    expect(hit.opacity).toBe(1);
    expect([hit.outlineStyle, hit.outlineColor]).toEqual(['solid', 'rgb(191, 0, 255)']);
    expect(miss.classes).not.toContain('match');
    expect(miss.opacity).toBeLessThan(0.5);
    expect(await page.textContent('#status')).toContain('1 frame matches');
    await page.fill('#search', 'parseSection');
    const sections = await frames(page, 'main.parseSection');
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.every((f) => f.classes.includes('match'))).toBe(true);
    expect(await page.textContent('#status')).toContain(`${sections.length} frames match`);
    await page.fill('#search', '');
    expect((await frame(page, 'main.loadConfig')).opacity).toBe(1);

    // Zoom: click a frame, it fills the width, its subtree widens, other subtrees go.
    const before = await frame(page, 'main.cachePut');
    expect(await frames(page, 'runtime.malg')).toHaveLength(1);
    await page.mouse.click((await frame(page, 'main.getSession')).rect.x + 5, (await frame(page, 'main.getSession')).rect.y + 9);
    expect((await frame(page, 'main.getSession')).rect.width).toBeCloseTo(chartWidth, 0);
    expect((await frame(page, 'main.getSession')).classes).toContain('focus');
    expect((await frame(page, 'main.main')).classes).toContain('ancestor');
    const zoomed = await frame(page, 'main.cachePut');
    expect(zoomed.rect.width).toBeGreaterThan(before.rect.width * 1.2);
    expect(await frames(page, 'runtime.malg')).toHaveLength(0);
    expect(await frames(page, 'main.loadConfig')).toHaveLength(0);
    expect(await page.isEnabled('#reset')).toBe(true);
    // Clicking the focused frame again zooms out one level; Reset (or Esc) goes back to the root.
    await page.mouse.click(zoomed.rect.x + 5, (await frame(page, 'main.getSession')).rect.y + 9);
    expect((await frame(page, 'main.handleRequest')).rect.width).toBeCloseTo(chartWidth, 0);
    await page.click('#reset');
    expect((await frame(page, 'main.cachePut')).rect.width).toBeCloseTo(before.rect.width, 1);
    expect(await frames(page, 'runtime.malg')).toHaveLength(1);
    await page.mouse.click((await frame(page, 'main.loadSession')).rect.x + 5, (await frame(page, 'main.loadSession')).rect.y + 9);
    expect(await frames(page, 'main.cachePut')).toHaveLength(0);
    await page.keyboard.press('Escape');
    expect(await frames(page, 'main.cachePut')).toHaveLength(1);

    await page.close();
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('hostile function and file names stay text: nothing runs, nothing is injected', async () => {
    const hostile = '</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u2028\u2029<!--&amp;\u202eevil';
    const load = async (path: string) => {
      const profile = await readProfileFile(path);
      for (let f = 0; f < profile.functionCount; f++) {
        if (profile.strings[profile.functionName[f]] === 'main.newSessionState') profile.strings[profile.functionName[f]] = hostile;
      }
      return { file: path, profile };
    };
    const base = await load(BASE);
    const head = await load(HEAD);
    const comparisons = compareProfiles([base], [head], {
      sampleIndexes: ['inuse_space'],
      granularity: 'functions',
      normalize: false,
      name: `<b>${hostile}</b>`,
    });
    const [html] = renderHtmlReports([base.profile], [head.profile], comparisons);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const file = join(OUT, 'hostile.html');
    writeFileSync(file, html);
    const page = await open(file);
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      bold: document.querySelectorAll('b').length,
      title: document.title,
    }));
    expect(state).toEqual({
      pwned: undefined,
      imgs: 0,
      scripts: 2,
      bold: 0,
      title: `pprof-gate: <b>${sanitizeName(hostile)}</b> · inuse_space`,
    });
    const shown = await frame(page, sanitizeName(hostile));
    expect(isRed(shown.background)).toBe(true);
    expect(sanitizeName(hostile)).toContain('\\u{202e}');
    await page.mouse.move(shown.rect.x + shown.rect.width / 2, shown.rect.y + 9);
    expect(await page.$eval('#tip .name', (el) => el.textContent)).toBe(sanitizeName(hostile));
    await page.fill('#search', '<img');
    expect((await frame(page, sanitizeName(hostile))).classes).toContain('match');
    await page.close();
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("main's history chart: one point per commit and the PR last, hover names the commit, nothing loads or runs", async () => {
    const MiB = 1024 * 1024;
    const hostile = '<img src=x onerror="window.__pwned=1">heap.pb.gz';
    const points = Array.from({ length: 12 }, (_, i) => ({
      sha: `${i.toString(16)}`.repeat(40),
      time: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      total: (10 + i) * MiB,
    }));
    const head = { label: 'this PR', sha: 'abcdef0123456789abcdef0123456789abcdef01' };
    const html = renderHistoryHtml([{ profile: hostile, sampleIndex: 'inuse_space', unit: 'bytes', points, head: 25 * MiB }], head);
    // No script, and the hostile name only as text.
    expect(html).not.toMatch(/<script|<img|https?:\/\/|url\(/i);
    const file = join(OUT, 'history.html');
    writeFileSync(file, html);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const drawn = await page.$$eval('svg.chart circle.pt', (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return {
          fill: getComputedStyle(el).fill,
          title: el.querySelector('title')?.textContent ?? '',
          x: r.x + r.width / 2,
          y: r.y + r.height / 2,
        };
      }),
    );
    // The PR's point (drawn first, in the chart's first colour), then main's twelve commits.
    expect(drawn).toHaveLength(13);
    const [pr, ...main] = drawn;
    expect(pr.fill).toBe('rgb(214, 39, 40)');
    expect(new Set(main.map((d) => d.fill))).toEqual(new Set(['rgb(31, 119, 180)']));
    // Left to right in commit order, the PR last; growing totals climb.
    const inOrder = [...main, pr];
    for (let i = 1; i < inOrder.length; i++) {
      expect(inOrder[i].x).toBeGreaterThan(inOrder[i - 1].x);
      expect(inOrder[i].y).toBeLessThan(inOrder[i - 1].y);
    }
    expect(main[0].title).toBe(`main · 0000000 · 2026-01-01T00:00:00Z: ${formatValue(10 * MiB, 'bytes')}`);
    expect(main[11].title).toBe(`main · bbbbbbb · 2026-01-12T00:00:00Z: ${formatValue(21 * MiB, 'bytes')}`);
    expect(pr.title).toBe(`this PR · abcdef0: ${formatValue(25 * MiB, 'bytes')}`);
    // Hovering a point outlines it (the style is allowed by its CSP hash, so it applies).
    await page.mouse.move(main[5].x, main[5].y);
    expect(await page.$$eval('svg.chart circle.pt', (els) => els.map((el) => getComputedStyle(el).strokeWidth))).toEqual(
      Array.from({ length: 13 }, (_, i) => (i === 6 ? '2px' : '1px')),
    );
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      imgs: document.querySelectorAll('img').length,
      heading: document.querySelector('h2')?.textContent,
    }));
    expect(state).toEqual({ pwned: undefined, imgs: 0, heading: `${hostile} · inuse_space` });
    await page.screenshot({ path: join(OUT, 'history.png'), fullPage: true });
    await page.close();
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("the growth chart of a snapshot series (CLI, as in the action's artifact): head against base, hover gives the values, nothing loads or runs", async () => {
    const out = join(OUT, 'growth.html');
    const soak = join(ROOT, 'testdata', 'soak');
    const r = runCli(cli.cli, [
      'growth',
      '--head',
      join(soak, 'slowleak', 'heap-*.pb.gz'),
      '--base',
      join(soak, 'healthy', 'heap-*.pb.gz'),
      '--interval',
      '30s',
      '--sample-index',
      'inuse_space',
      '--format',
      'html',
      '--output',
      out,
    ]);
    expect(r.status).toBe(1);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(out).href);
    // The first chart: the totals, head (solid) and base (dashed), one point per snapshot.
    const series = await page.$$eval('svg.chart', (charts) =>
      charts.map((chart) =>
        Array.from(chart.querySelectorAll('g.series')).map((g) => ({
          name: g.getAttribute('data-series') ?? '',
          dash: getComputedStyle(g.querySelector('polyline')!).strokeDasharray,
          points: Array.from(g.querySelectorAll('circle.pt')).map((c) => {
            const b = c.getBoundingClientRect();
            return { x: b.x + b.width / 2, y: b.y + b.height / 2, title: c.querySelector('title')?.textContent ?? '' };
          }),
        })),
      ),
    );
    expect(series).toHaveLength(2);
    const [totals, rows] = series;
    expect(totals.map((l) => l.name.replace(/ \(.*$/, ''))).toEqual(['head total', 'base total']);
    const [head, base] = totals;
    expect(head.dash).toBe('none');
    expect(base.dash).not.toBe('none');
    for (const l of totals) {
      expect(l.points).toHaveLength(16);
      for (let i = 1; i < l.points.length; i++) expect(l.points[i].x).toBeGreaterThan(l.points[i - 1].x);
    }
    // Hover text: the line, the snapshot and its time, the value.
    expect(head.points[3].title).toMatch(/^head total \(slope .*\) · .*heap-4\.pb\.gz · 1m30s: [\d.]+ ?[kMG]?B$/);
    expect(base.points[0].title).toMatch(/^base total \(slope .*\) · .*heap-1\.pb\.gz · 0s: [\d.]+ ?[kMG]?B$/);
    // The leak's own row climbs: its last point sits higher (smaller y) than its first after warm-up.
    const leak = rows.find((l) => l.name.startsWith('main.(*soakService).recordAudit'));
    expect(leak).toBeDefined();
    expect(leak!.points[15].y).toBeLessThan(leak!.points[4].y);
    // Hovering a point outlines it (the style applies: its CSP hash matches).
    await page.mouse.move(head.points[8].x, head.points[8].y);
    const widths = await page.$$eval('svg.chart circle.pt', (els) => els.map((el) => getComputedStyle(el).strokeWidth));
    expect(widths.filter((w) => w === '2px')).toHaveLength(1);
    expect(widths[8]).toBe('2px');
    await page.screenshot({ path: join(OUT, 'growth.png'), fullPage: true });
    await page.close();
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });
});
