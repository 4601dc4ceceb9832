/**
 * Rendering safety: function and file names come from the pull request's own code. A table of
 * hostile names goes through a real profile, the diff and every output format; the markdown is
 * rendered with a CommonMark + GFM-tables parser (markdown-it) and must have exactly the
 * structure it has with harmless names, showing each name as plain text.
 */
import { describe, expect, test } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { compareProfiles } from '../../src/analysis/compare.js';
import type { Comparison } from '../../src/analysis/types.js';
import { decodeProfile, type Profile } from '../../src/pprof/index.js';
import { renderComment, type CommentInput } from '../../src/report/comment.js';
import { encodeUrlPath, escapeHtml, escapeMarkdown, escapeScriptJson, escapeText, sanitizeName } from '../../src/report/escape.js';
import { renderHtmlReports } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { encodeProfile, type ProfileSpec } from '../helpers/encode.js';

const HOSTILE: [string, string][] = [
  ['backticks', 'main.`code`'],
  ['triple backticks', '```\nfenced'],
  ['pipe', 'main.a|b||c'],
  ['escaped pipe', 'main.a\\|b'],
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['markdown link', 'main.f](https://evil.example/x)'],
  ['full link', '[click me](https://evil.example)'],
  ['image', '![x](https://evil.example/p.png)'],
  ['autolink', '<https://evil.example>'],
  ['bare URL', 'https://evil.example/path'],
  ['www URL', 'www.evil.example'],
  ['email', 'someone@evil.example'],
  ['user mention', '@octocat'],
  ['team mention', '@github/security'],
  ['issue reference', '#123'],
  ['cross-repo reference', 'octo/repo#42'],
  ['HTML entities', '&lt;b&gt;bold&lt;/b&gt; &amp; &#60;i&#62;'],
  ['newline', 'main.f\n# Heading\n| a | b |'],
  ['carriage return', 'main.f\r\n\r\n---'],
  ['emphasis', '*bold* _em_ ~~strike~~'],
  ['html comment', '<!-- pprof-gate:fake -->'],
  ['details', '</details><details open>'],
  ['very long', `main.${'x'.repeat(5000)}`],
  ['right-to-left override', 'main.\u202eevil\u202c.go'],
  ['zero-width and bidi isolates', 'ma\u200bin.\u2066f\u2069'],
  ['terminal escape', 'main.\u001b[31mred\u001b[0m'],
  ['NUL and DEL', 'main.\u0000f\u007f'],
];

/** Base and head profiles whose every function has one of `names`; each grows by 1000·(i+1). */
function profiles(names: string[]): { base: Profile; head: Profile } {
  const spec = (head: boolean): ProfileSpec => ({
    sampleTypes: [['inuse_space', 'bytes']],
    periodType: ['space', 'bytes'],
    period: 1,
    functions: names.map((name, i) => ({ id: i + 1, name, filename: `${name}.go` })),
    locations: names.map((_, i) => ({ id: i + 1, lines: [{ functionId: i + 1, line: 1 }] })),
    samples: names.map((_, i) => ({ locations: [i + 1], values: [head ? 2000 * (i + 1) : 1000 * (i + 1)] })),
  });
  return { base: decodeProfile(encodeProfile(spec(false))), head: decodeProfile(encodeProfile(spec(true))) };
}

function compare(names: string[], file: string): { comparisons: Comparison[]; base: Profile; head: Profile } {
  const { base, head } = profiles(names);
  const comparisons = compareProfiles([{ file: `base/${file}`, profile: base }], [{ file, profile: head }], {
    sampleIndexes: [],
    granularity: 'functions',
    normalize: false,
    name: file,
  });
  return { comparisons, base, head };
}

const hostileNames = HOSTILE.map(([, n]) => n);
const benignNames = HOSTILE.map((_, i) => `main.f${i}`);

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
const gfm = new MarkdownIt({ html: true, linkify: true }); // tables, strikethrough, autolinked URLs

/** The shape of rendered markdown: every token's type and tag, text contents left out. */
function shape(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'inline') out.push(...shape(t.children ?? []));
    else if (t.type !== 'text' && t.type !== 'text_special') out.push(`${t.type}:${t.tag}:${t.type.startsWith('html') ? t.content : ''}`);
  }
  return out;
}

/** Each table body row's last cell (the row name) as the reader sees it, zero-width spaces removed. */
function nameCells(tokens: Token[]): string[] {
  const cells: string[] = [];
  let inBody = false;
  let row: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'tbody_open') inBody = true;
    if (t.type === 'tbody_close') inBody = false;
    if (inBody && t.type === 'tr_open') row = [];
    if (inBody && t.type === 'inline') row.push((t.children ?? []).map((c) => c.content).join(''));
    if (inBody && t.type === 'tr_close') cells.push(row[row.length - 1].replace(/\u200b/g, ''));
  }
  return cells;
}

/** Text a reader sees anywhere in the document. */
function allText(tokens: Token[]): string {
  return tokens
    .map((t) => (t.type === 'inline' ? allText(t.children ?? []) : t.type === 'text' || t.type === 'code_inline' ? t.content : ''))
    .join('\n');
}

function checkMarkdown(hostile: string, benign: string, names: string[]): void {
  for (const parser of [md, gfm]) {
    const h = parser.parse(hostile, {});
    const b = parser.parse(benign, {});
    // Same tables, rows, cells, HTML blocks and inline markup as with harmless names: no link,
    // image, HTML tag, code span, emphasis, heading or table break came from a name.
    expect(shape(h)).toEqual(shape(b));
    const types = (ts: Token[]) => new Set(ts.flatMap((t) => [t.type, ...(t.children ?? []).map((c) => c.type)]));
    const own = types(b); // e.g. the bold total and the <details> block are the renderer's own
    for (const forbidden of [
      'link_open',
      'image',
      'code_inline',
      'em_open',
      'strong_open',
      's_open',
      'heading_open',
      'hr',
      'html_inline',
      'html_block',
    ]) {
      if (!own.has(forbidden)) expect(types(h).has(forbidden)).toBe(false);
    }
  }
  const tokens = gfm.parse(hostile, {});
  // Every name is shown, as text, exactly as sanitizeName makes it.
  const shown = new Set(nameCells(tokens));
  for (const n of names) expect(shown.has(sanitizeName(n))).toBe(true);
  // GitHub's own extensions, which markdown-it does not know: mentions, references, autolinks.
  const text = allText(tokens);
  expect(text).not.toMatch(/(^|[^\w\u200b])@[A-Za-z0-9]/m);
  expect(text).not.toMatch(/(^|[^\w\u200b])#[0-9]/m);
  expect(text).not.toMatch(/[\w.-]+\/[\w.-]+#[0-9]/);
  expect(text).not.toMatch(/\bhttps?:\/\//);
  expect(text).not.toMatch(/\bwww\./);
  // eslint-disable-next-line no-control-regex -- control characters are what this checks for
  expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000\u001b]/);
}

describe('hostile names through every output format', () => {
  const hostile = compare(hostileNames, 'heap.pb.gz');
  const benign = compare(benignNames, 'heap.pb.gz');

  test('the diff has a row for every hostile name (the table is really exercised)', () => {
    const labels = hostile.comparisons[0].rows.map((r) => r.label);
    for (const n of hostileNames) expect(labels).toContain(n);
  });

  test('markdown (the report section of the PR comment)', () => {
    const render = (c: Comparison[]) => renderMarkdown(c, { top: 0 });
    checkMarkdown(render(hostile.comparisons), render(benign.comparisons), hostileNames);
  });

  test('the whole PR comment / job summary, with names also in reasons, notes and file names', () => {
    const input = (c: Comparison[], names: string[]): CommentInput => ({
      marker: '<!-- pprof-gate:test -->',
      verdict: 'regression',
      reasons: names.map((n) => `inuse_space of ${n} grew by 1 MiB`),
      acceptLabel: 'pprof-gate:accept',
      baseline: {
        sha: 'abc123',
        runId: 1,
        runUrl: 'https://github.com/o/r/actions/runs/1',
        commitUrl: 'https://github.com/o/r/commit/abc123',
      },
      notes: names.map((n) => `skipped ${n}`),
      profiles: [
        { name: 'heap.pb.gz', comparisons: c },
        ...names.map((n) => ({ name: n, comparisons: [], skipped: `no baseline for ${n}` })),
      ],
      top: 0,
      reproduce: names.map((n) => `pprof-gate diff --base ${n}`),
    });
    const h = renderComment(input(hostile.comparisons, hostileNames));
    const b = renderComment(input(benign.comparisons, benignNames));
    // The comment's own links (baseline run, commit) are the only ones.
    for (const parser of [md, gfm]) {
      const strip = (tokens: Token[]) => shape(tokens);
      expect(strip(parser.parse(h, {}))).toEqual(strip(parser.parse(b, {})));
    }
    const text = allText(gfm.parse(h, {}));
    expect(text).not.toMatch(/(^|[^\w\u200b])@[A-Za-z0-9]/m);
    expect(text).not.toMatch(/(^|[^\w\u200b])#[0-9]/m);
    // Only the comment's own marker is live HTML (a name may show one as text inside the
    // reproduce code block, where it is inert).
    const html = gfm
      .parse(h, {})
      .filter((t) => t.type === 'html_block')
      .map((t) => t.content);
    expect(html.join('').match(/<!-- pprof-gate:/g)).toHaveLength(1);
  });

  test('text: one line per row, no control characters, every name visible', () => {
    const out = renderText(hostile.comparisons, { top: 0 });
    const benignOut = renderText(benign.comparisons, { top: 0 });
    expect(out.split('\n')).toHaveLength(benignOut.split('\n').length);
    // eslint-disable-next-line no-control-regex -- control characters are what this checks for
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069]/);
    for (const n of hostileNames) expect(out).toContain(escapeText(n));
  });

  test('JSON round-trips every name exactly', () => {
    const parsed = JSON.parse(renderJson(hostile.comparisons)) as { comparisons: Comparison[] };
    const labels = parsed.comparisons[0].rows.map((r) => r.label);
    for (const n of hostileNames) expect(labels).toContain(n);
    expect(parsed.comparisons[0].rows).toEqual(JSON.parse(JSON.stringify(hostile.comparisons[0].rows)));
  });

  test('HTML flame graph: same markup as with harmless names, names only as inert JSON data', () => {
    const [h] = renderHtmlReports([hostile.base], [hostile.head], hostile.comparisons);
    const [b] = renderHtmlReports([benign.base], [benign.head], benign.comparisons);
    const tags = (html: string) =>
      [...html.replace(/<script type="application\/json" id="flame-data">[^]*?<\/script>/, '').matchAll(/<\/?[a-zA-Z!][^>]*>/g)].map(
        (m) => m[0],
      );
    expect(tags(h)).toEqual(tags(b));
    expect(h.match(/<\/script/gi)).toHaveLength(2);
    const json = /<script type="application\/json" id="flame-data">([^]*?)<\/script>/.exec(h)![1];
    expect(h.replace(json, '')).not.toMatch(/<img|onerror|alert|evil/i);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(json) as { names: string[] };
    for (const n of hostileNames) expect(data.names).toContain(sanitizeName(n));
    // Names reach the page through textContent only.
    expect(h).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('escapeMarkdown unit cases', () => {
  test.each(HOSTILE)('%s renders as its own text inside a table cell', (_label, name) => {
    const doc = `| a | b |\n|---|---|\n| 1 | ${escapeMarkdown(name)} |\n`;
    const tokens = gfm.parse(doc, {});
    expect(shape(tokens)).toEqual(shape(gfm.parse('| a | b |\n|---|---|\n| 1 | x |\n', {})));
    expect(nameCells(tokens)).toEqual([sanitizeName(name)]);
  });
  test('long names are capped, line breaks collapse, invisible characters are shown', () => {
    expect(sanitizeName('x'.repeat(5000))).toHaveLength(300);
    expect(sanitizeName('a\nb\r\nc')).toBe('a b c');
    expect(sanitizeName('a\u202eb')).toBe('a\\u{202e}b');
  });
});

describe('escape functions, exactly', () => {
  test('escapeScriptJson leaves no way out of a <script> element and round-trips', () => {
    const hostile = { name: '</script><script>alert(1)</script><!-- & \u2028\u2029 >' };
    const text = escapeScriptJson(JSON.stringify(hostile));
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(hostile);
  });

  test('escapeScriptJson writes each of the five characters as its \\u escape', () => {
    expect(escapeScriptJson('"<>&\u2028\u2029"')).toBe('"\\u003c\\u003e\\u0026\\u2028\\u2029"');
  });

  test('sanitizeName: a name of the cap is kept whole, one longer ends in an ellipsis at the cap', () => {
    expect(sanitizeName('x'.repeat(300))).toBe('x'.repeat(300));
    expect(sanitizeName('x'.repeat(301))).toBe(`${'x'.repeat(299)}…`);
    expect(sanitizeName('abcdef', 4)).toBe('abc…');
    expect(sanitizeName('a\tb\rc')).toBe('a b c');
    expect(sanitizeName('\u0000\u0008\u000b\u001f\u007f\u009f\u200b\u2066\ufeff')).toBe(
      '\\u{0}\\u{8}\\u{b}\\u{1f}\\u{7f}\\u{9f}\\u{200b}\\u{2066}\\u{feff}',
    );
    expect(sanitizeName('naïve 世界 é')).toBe('naïve 世界 é');
  });

  test('escapeText caps only very long names', () => {
    expect(escapeText('y'.repeat(100_000))).toHaveLength(100_000);
    expect(escapeText('y'.repeat(100_001))).toBe(`${'y'.repeat(99_999)}…`);
    expect(escapeText('a\u001b[31mb')).toBe('a\\u{1b}[31mb');
  });

  test('escapeHtml: the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  test('escapeMarkdown: punctuation behind a backslash, mentions, references and autolinks broken', () => {
    expect(escapeMarkdown('a\\b`c*d_e{f}g[h]i(j)k#l+m-n.o!p|q~r:s')).toBe(
      'a\\\\b\\`c\\*d\\_e\\{f\\}g\\[h\\]i\\(j\\)k\\#\u200bl\\+m\\-n\\.o\\!p\\|q\\~r\\:s',
    );
    expect(escapeMarkdown('@octocat')).toBe('@\u200boctocat');
    expect(escapeMarkdown('https://x.io')).toBe('https\\:\u200b//x\\.io');
    expect(escapeMarkdown('WWW.x')).toBe('WWW\u200b\\.x');
    expect(escapeMarkdown('<b>&</b>')).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(escapeMarkdown('main.(*T).f')).toBe('main\\.\\(\\*T\\)\\.f');
  });

  test('encodeUrlPath: each segment percent-encoded, slashes kept, link-breaking characters too', () => {
    expect(encodeUrlPath("pkg/a b/(x)'!*#?%.go")).toBe('pkg/a%20b/%28x%29%27%21%2A%23%3F%25.go');
    expect(encodeUrlPath('plain/path.go')).toBe('plain/path.go');
  });
});
