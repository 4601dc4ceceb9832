import { describe, expect, test } from '@jest/globals';
import { DEFAULT_THRESHOLDS, exceeds, parseThresholds } from '../../src/analysis/gate.js';
import {
  computeDrift,
  extendHistory,
  hotspotTrends,
  HISTORY_FILE,
  HISTORY_SCHEMA,
  HISTORY_TOP_ROWS,
  parseHistory,
  referenceSize,
  rowValues,
  seriesPoints,
  serializeHistory,
  topRows,
  type HistoryEntry,
} from '../../src/analysis/history.js';

const MiB = 1024 * 1024;

function sha(i: number): string {
  return i.toString(16).padStart(7, '0').repeat(6).slice(0, 40);
}

function entry(i: number, total: number, top: [string, number][] = [['main.f', total / 2]]): HistoryEntry {
  return {
    sha: sha(i),
    runId: 1000 + i,
    runAttempt: 1,
    time: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    series: [{ profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total, top }],
  };
}

const head = (total: number, at = 'abcdef0123456789abcdef0123456789abcdef01') => ({
  profile: 'heap.pb.gz',
  sampleIndex: 'inuse_space',
  unit: 'bytes',
  total,
  sha: at,
});

describe('history file', () => {
  test('round trip: what is serialized parses back unchanged', () => {
    const entries = [entry(1, 10 * MiB), entry(2, 11 * MiB)];
    const parsed = parseHistory(serializeHistory(entries));
    expect(parsed).toEqual({ entries, notes: [] });
  });

  test('bytes and strings both parse; a bad UTF-8 sequence is a fresh history', () => {
    const text = serializeHistory([entry(1, 5)]);
    expect(parseHistory(new TextEncoder().encode(text)).entries).toHaveLength(1);
    const bad = new Uint8Array([0x7b, 0xff, 0x7d]);
    expect(parseHistory(bad).fresh).toMatch(/does not parse/);
  });

  test('too large, not JSON, another schema, a newer version: a fresh history with the reason', () => {
    const text = serializeHistory([entry(1, 5)]);
    expect(parseHistory(text, 10).fresh).toBe(`the history file is ${Buffer.byteLength(text)} bytes, over the limit of 10`);
    expect(parseHistory('{"schema": ').fresh).toMatch(/^the history file does not parse: /);
    expect(parseHistory('[]').fresh).toBe(`the history file is not a ${HISTORY_SCHEMA} file`);
    expect(parseHistory(JSON.stringify({ schema: HISTORY_SCHEMA, version: 2, entries: [] })).fresh).toMatch(
      /version 2, written by a newer/,
    );
    expect(parseHistory(JSON.stringify({ schema: HISTORY_SCHEMA, version: '1', entries: [] })).fresh).toMatch(/version is not 1/);
    expect(parseHistory(JSON.stringify({ schema: HISTORY_SCHEMA, version: 1, entries: {} })).fresh).toMatch(/no list of entries/);
    for (const r of [parseHistory('nope'), parseHistory('[]')]) expect(r.entries).toEqual([]);
  });

  test('bad entries are skipped with a note naming them; good ones are kept in order', () => {
    const good = [entry(1, 5), entry(3, 7)];
    const raw = JSON.parse(serializeHistory(good));
    const bads: unknown[] = [
      { ...entry(2, 6), sha: 'not a sha' },
      { ...entry(2, 6), runId: -1 },
      { ...entry(2, 6), time: 'yesterday' },
      { ...entry(2, 6), series: [{ ...entry(2, 6).series[0], total: 'big' }] },
      { ...entry(2, 6), series: [{ ...entry(2, 6).series[0], top: [['main.f']] }] },
      { ...entry(2, 6), series: [{ ...entry(2, 6).series[0], top: Array.from({ length: HISTORY_TOP_ROWS + 1 }, () => ['f', 1]) }] },
      'text',
    ];
    raw.entries = [raw.entries[0], ...bads, raw.entries[1]];
    const parsed = parseHistory(JSON.stringify(raw));
    expect(parsed.fresh).toBeUndefined();
    expect(parsed.entries).toEqual(good);
    expect(parsed.notes).toHaveLength(1);
    expect(parsed.notes[0]).toBe(
      'history: 7 of 9 entries skipped (entry 2: sha is not a commit hash; entry 3: runId is not a positive whole number; entry 4: time is not a date; and 4 more)',
    );
  });

  test('a total that is not finite (1e999 in the JSON) is refused', () => {
    const text = serializeHistory([entry(1, 5)]).replace('"total":5', '"total":1e999');
    expect(parseHistory(text).notes[0]).toMatch(/the total of heap\.pb\.gz inuse_space is not a number/);
  });
});

describe('extending the history', () => {
  test('appends, and drops the oldest past the cap', () => {
    let h: HistoryEntry[] = [];
    for (let i = 1; i <= 7; i++) h = extendHistory(h, entry(i, i), 5);
    expect(h.map((e) => e.runId)).toEqual([1003, 1004, 1005, 1006, 1007]);
  });

  test('a re-run of the same run replaces its earlier attempt', () => {
    const first = entry(1, 5);
    const again = { ...entry(1, 6), runAttempt: 2 };
    const h = extendHistory([entry(0, 4), first], again, 100);
    expect(h.map((e) => [e.runId, e.runAttempt])).toEqual([
      [1000, 1],
      [1001, 2],
    ]);
  });

  test('two pushes racing from the same history: each extends what it found, the later one wins whole', () => {
    const found = [entry(1, 5)];
    const a = extendHistory(found, entry(2, 6), 100);
    const b = extendHistory(found, entry(3, 7), 100);
    expect(found).toHaveLength(1);
    expect(a.map((e) => e.runId)).toEqual([1001, 1002]);
    // The next run reads the newest artifact (b): the racing entry of a is lost, nothing is corrupted.
    const next = extendHistory(parseHistory(serializeHistory(b)).entries, entry(4, 8), 100);
    expect(next.map((e) => e.runId)).toEqual([1001, 1003, 1004]);
  });

  test('topRows: largest |flat| first, ties by name, zeros dropped, capped', () => {
    const rows = [
      { label: 'b', flat: 5 },
      { label: 'a', flat: 5 },
      { label: 'neg', flat: -9 },
      { label: 'zero', flat: 0 },
      { label: 'small', flat: 1 },
    ];
    expect(topRows(rows)).toEqual([
      ['neg', -9],
      ['a', 5],
      ['b', 5],
      ['small', 1],
    ]);
    expect(topRows(rows, 2)).toEqual([
      ['neg', -9],
      ['a', 5],
    ]);
  });

  test('rowValues: the row at each entry of its series, 0 where it was not among the largest', () => {
    const entries = [entry(1, 10, [['main.f', 4]]), entry(2, 10, [['main.g', 4]]), entry(3, 10, [['main.f', 6]])];
    expect(rowValues(entries, 'heap.pb.gz', 'inuse_space', 'main.f')).toEqual({ values: [4, 0, 6], present: 2 });
    expect(rowValues(entries, 'other.pb.gz', 'inuse_space', 'main.f')).toEqual({ values: [], present: 0 });
  });
});

describe('drift', () => {
  test('twenty PRs of +4% each: every step passes a 5% gate, the drift check catches the creep', () => {
    const per = DEFAULT_THRESHOLDS.inuse_space;
    expect(per.percent).toBe(5);
    const totals = Array.from({ length: 21 }, (_, i) => Math.round(100 * MiB * 1.04 ** i));
    // Twenty merged PRs on main (entries 0..19, each 4% above the one before), the twenty-first is this PR.
    const main = totals.slice(0, 20).map((t, i) => entry(i, t));
    for (let i = 1; i < totals.length; i++) expect(exceeds(totals[i] - totals[i - 1], totals[i - 1], per)).toBe(false);

    const [d] = computeDrift(main, [head(totals[20])], 30, parseThresholds('inuse_space: 20% 1MiB', {}));
    expect(d.window).toHaveLength(20);
    expect(d.referenceCount).toBe(4);
    expect(d.reference).toBe((totals[1] + totals[2]) / 2);
    expect(d.growth / d.reference).toBeGreaterThan(1);
    expect(d.exceeded).toBe(true);
    // Compounding makes the latest steps the largest: this PR's first.
    expect(d.steps.map((s) => s.sha)).toEqual([head(0).sha, sha(19), sha(18)]);
    expect(d.steps[0]).toEqual({ sha: head(0).sha, from: totals[19], to: totals[20], growth: totals[20] - totals[19] });
  });

  test('noise around a level is no drift; the median of the oldest entries ignores one outlier', () => {
    const level = [100, 400, 100, 101, 99, 100, 102, 98, 100, 101].map((v) => entry(v, v * MiB));
    const [d] = computeDrift(level, [head(103 * MiB)], 10, parseThresholds('inuse_space: 20% 1MiB', {}));
    expect(d.referenceCount).toBe(2);
    expect(d.reference).toBe(250 * MiB);
    expect(d.exceeded).toBe(false);
    const [e] = computeDrift(level.slice(2), [head(103 * MiB)], 10, parseThresholds('inuse_space: 2% 1MiB', {}));
    expect(e.reference).toBe(100.5 * MiB);
    expect(e.exceeded).toBe(true);
  });

  test('the window takes the newest entries only', () => {
    const entries = [1, 2, 3, 10, 10, 10, 10, 10].map((v, i) => entry(i, v * MiB));
    const [d] = computeDrift(entries, [head(10 * MiB)], 5, parseThresholds('inuse_space: 1% 0', {}));
    expect(d.window.map((p) => p.sha)).toEqual([3, 4, 5, 6, 7].map(sha));
    expect(d.reference).toBe(10 * MiB);
    expect(d.exceeded).toBe(false);
    expect(d.steps).toEqual([]);
  });

  test('a sample type drift-thresholds does not name is reported, not checked; no history, no drift', () => {
    const entries = [entry(1, 1 * MiB), entry(2, 50 * MiB)];
    const [d] = computeDrift(entries, [head(100 * MiB)], 30, parseThresholds('goroutine: 5% 10', {}));
    expect(d.threshold).toBeUndefined();
    expect(d.exceeded).toBe(false);
    expect(computeDrift([], [head(1)], 30, {})).toEqual([]);
    expect(computeDrift(entries, [{ ...head(1), profile: 'other.pb.gz' }], 30, {})).toEqual([]);
  });

  test('the reference is the oldest fifth of the window, at least one entry', () => {
    expect([1, 2, 5, 6, 30, 100].map(referenceSize)).toEqual([1, 1, 1, 2, 6, 20]);
  });
});

describe('what an entry must hold to be read', () => {
  /** The note of a history made of one good entry and one with `change` applied. */
  function noteFor(change: (e: Record<string, unknown>, s: Record<string, unknown>) => unknown): string {
    const bad = JSON.parse(JSON.stringify(entry(2, 6))) as Record<string, unknown>;
    const replaced = change(bad, (bad.series as Record<string, unknown>[])[0]);
    const raw = JSON.parse(serializeHistory([entry(1, 5)])) as { entries: unknown[] };
    raw.entries.push(replaced ?? bad);
    const parsed = parseHistory(JSON.stringify(raw));
    expect(parsed.entries).toEqual([entry(1, 5)]);
    return parsed.notes.join('\n');
  }

  test('each field that is missing or of the wrong kind is named', () => {
    const cases: [string, (e: Record<string, unknown>, s: Record<string, unknown>) => unknown][] = [
      ['sha is not a commit hash', (e) => void (e.sha = 'abc12')],
      ['sha is not a commit hash', (e) => void (e.sha = 'a'.repeat(65))],
      ['sha is not a commit hash', (e) => void (e.sha = 7)],
      ['sha is not a commit hash', (e) => void (e.sha = `x${'a'.repeat(39)}`)],
      ['runId is not a positive whole number', (e) => void (e.runId = 0)],
      ['runId is not a positive whole number', (e) => void (e.runId = 1.5)],
      ['runId is not a positive whole number', (e) => void (e.runId = '7')],
      ['runId is not a positive whole number', (e) => void (e.runId = 2 ** 53)],
      ['runAttempt is not a positive whole number', (e) => void (e.runAttempt = 0)],
      ['time is not a date', (e) => void (e.time = 1767225600000)],
      ['time is not a date', (e) => void (e.time = `2026-01-01T00:00:00.000Z${' '.repeat(20)}`)],
      ['series is not a list of at most 1000', (e) => void (e.series = {})],
      ['series is not a list of at most 1000', (e) => void (e.series = Array.from({ length: 1001 }, () => (e.series as unknown[])[0]))],
      ['a series is not an object', (e) => void (e.series = [null])],
      ['a series is not an object', (e) => void (e.series = [['heap.pb.gz']])],
      ['a series lacks its profile, sample type or unit', (_e, s) => void (s.profile = '')],
      ['a series lacks its profile, sample type or unit', (_e, s) => void (s.profile = 'p'.repeat(4097))],
      ['a series lacks its profile, sample type or unit', (_e, s) => void delete s.sampleIndex],
      ['a series lacks its profile, sample type or unit', (_e, s) => void (s.unit = 1)],
      ['a series lacks its profile, sample type or unit', (_e, s) => void (s.unit = 'u'.repeat(101))],
      ['the total of heap.pb.gz inuse_space is not a number', (_e, s) => void delete s.total],
      ['the rows of heap.pb.gz inuse_space are not a list of at most 100', (_e, s) => void (s.top = 'main.f')],
      ['a row of heap.pb.gz inuse_space is not [name, value]', (_e, s) => void (s.top = ['main.f'])],
      ['a row of heap.pb.gz inuse_space is not [name, value]', (_e, s) => void (s.top = [['main.f', 1, 2]])],
      ['a row of heap.pb.gz inuse_space is not [name, value]', (_e, s) => void (s.top = [['', 1]])],
      ['a row of heap.pb.gz inuse_space is not [name, value]', (_e, s) => void (s.top = [['main.f', '1']])],
      ['not an object', () => [entry(2, 6)]],
    ];
    for (const [why, change] of cases) expect([why, noteFor(change)]).toEqual([why, `history: 1 of 2 entries skipped (entry 2: ${why})`]);
  });

  test('the limits themselves are accepted: 7- and 64-digit shas, 1000 series, 100 rows, names of 4096 and units of 100 characters', () => {
    const e = entry(2, 6);
    const s = e.series[0];
    const long = {
      ...s,
      profile: 'p'.repeat(4096),
      unit: 'u'.repeat(100),
      top: Array.from({ length: 100 }, (_, i): [string, number] => [`f${i}`, i]),
    };
    const wide = { ...e, sha: 'a'.repeat(64), series: Array.from({ length: 1000 }, () => long) };
    const short = { ...e, sha: 'abc1234', runId: 1, runAttempt: 1, time: '2026-01-01T00:00:00.000+00:00' };
    const parsed = parseHistory(serializeHistory([wide, short]));
    expect(parsed.notes).toEqual([]);
    expect(parsed.entries).toEqual([wide, short]);
  });

  test('a sha in capitals is read in lower case, as git prints it', () => {
    const upper = { ...entry(1, 5), sha: sha(1).toUpperCase().replace(/0/g, 'A') };
    expect(parseHistory(serializeHistory([upper])).entries[0].sha).toBe(upper.sha.toLowerCase());
  });

  test('up to three problems are shown whole; past three, the rest are counted', () => {
    const raw = JSON.parse(serializeHistory([entry(1, 5)])) as { entries: unknown[] };
    raw.entries.push('a', 'b', 'c');
    expect(parseHistory(JSON.stringify(raw)).notes).toEqual([
      'history: 3 of 4 entries skipped (entry 2: not an object; entry 3: not an object; entry 4: not an object)',
    ]);
    raw.entries.push('d', 'e');
    expect(parseHistory(JSON.stringify(raw)).notes).toEqual([
      'history: 5 of 6 entries skipped (entry 2: not an object; entry 3: not an object; entry 4: not an object; and 2 more)',
    ]);
  });

  test('past 1000 entries only the newest 1000 are read, with a note', () => {
    const many = Array.from({ length: 1003 }, (_, i) => entry(i, i));
    const parsed = parseHistory(serializeHistory(many));
    expect(parsed.notes).toEqual(['history: the 3 oldest of 1003 entries ignored (at most 1000 are read)']);
    expect(parsed.entries.map((e) => e.runId)).toEqual(many.slice(3).map((e) => e.runId));
    const bad = JSON.parse(serializeHistory(many)) as { entries: unknown[] };
    bad.entries[2] = 'skipped with the oldest, never looked at';
    bad.entries[5] = 'read';
    expect(parseHistory(JSON.stringify(bad)).notes[1]).toBe('history: 1 of 1000 entries skipped (entry 6: not an object)');
    expect(parseHistory(serializeHistory(many.slice(0, 1000))).notes).toEqual([]);
  });

  test('an older or unnamed version is refused without claiming a newer writer', () => {
    for (const version of [0, null]) {
      expect(parseHistory(JSON.stringify({ schema: HISTORY_SCHEMA, version, entries: [] })).fresh).toBe(
        "the history file's version is not 1",
      );
    }
    expect(parseHistory(JSON.stringify({ schema: 'other', version: 1, entries: [] })).fresh).toBe(
      `the history file is not a ${HISTORY_SCHEMA} file`,
    );
    expect(parseHistory('null').fresh).toBe(`the history file is not a ${HISTORY_SCHEMA} file`);
  });

  test('a file of exactly the size limit is read; the reason for a parse failure is its first line, at most 200 characters', () => {
    const text = serializeHistory([entry(1, 5)]);
    expect(parseHistory(text, Buffer.byteLength(text)).entries).toHaveLength(1);
    expect(parseHistory(new TextEncoder().encode(text), text.length - 1).fresh).toBe(
      `the history file is ${text.length} bytes, over the limit of ${text.length - 1}`,
    );
    const why = parseHistory(`{"x": ${'1'.repeat(500)}`).fresh!;
    expect(why.length).toBeLessThanOrEqual('the history file does not parse: '.length + 200);
    expect(why).not.toContain('\n');
  });
});

describe('following the history', () => {
  const threeTypes = (i: number, total: number): HistoryEntry => ({
    ...entry(i, total),
    series: [
      { profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total, top: [['main.f', total]] },
      { profile: 'heap.pb.gz', sampleIndex: 'alloc_space', unit: 'bytes', total: total * 10, top: [['main.f', total * 10]] },
      { profile: 'other.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total: -total, top: [['main.g', -total]] },
    ],
  });

  test('seriesPoints: one point per entry holding the profile and sample type, oldest first', () => {
    const entries = [threeTypes(1, 5), entry(2, 6), threeTypes(3, 7)];
    expect(seriesPoints(entries, 'heap.pb.gz', 'alloc_space')).toEqual([
      { sha: sha(1), time: entries[0].time, total: 50 },
      { sha: sha(3), time: entries[2].time, total: 70 },
    ]);
    expect(seriesPoints(entries, 'other.pb.gz', 'inuse_space').map((p) => p.total)).toEqual([-5, -7]);
    expect(seriesPoints(entries, 'heap.pb.gz', 'inuse_space').map((p) => p.total)).toEqual([5, 6, 7]);
  });

  test('rowValues keeps the last `window` entries of the series, at least one', () => {
    const entries = [1, 2, 3, 4].map((v, i) => threeTypes(i, v));
    expect(rowValues(entries, 'heap.pb.gz', 'alloc_space', 'main.f', 2)).toEqual({ values: [30, 40], present: 2 });
    expect(rowValues(entries, 'heap.pb.gz', 'alloc_space', 'main.f', 0)).toEqual({ values: [40], present: 1 });
  });

  test('extendHistory keeps at least the new entry whatever the cap', () => {
    expect(extendHistory([entry(1, 5)], entry(2, 6), 0)).toEqual([entry(2, 6)]);
  });

  test('topRows orders equal values by name whichever comes first', () => {
    const rows = [
      { label: 'b', flat: 2 },
      { label: 'c', flat: -2 },
      { label: 'a', flat: 2 },
    ];
    expect(topRows(rows).map(([l]) => l)).toEqual(['a', 'b', 'c']);
    expect(topRows([...rows].reverse()).map(([l]) => l)).toEqual(['a', 'b', 'c']);
  });

  test('drift: only increases are steps, at most three, the largest first; a window of 0 still takes one entry', () => {
    const entries = [10, 50, 20, 30, 25, 45].map((v, i) => entry(i, v));
    const [d] = computeDrift(entries, [head(60)], 30, {});
    expect(d.steps).toEqual([
      { sha: sha(1), from: 10, to: 50, growth: 40 },
      { sha: sha(5), from: 25, to: 45, growth: 20 },
      { sha: head(0).sha, from: 45, to: 60, growth: 15 },
    ]);
    const [one] = computeDrift(entries, [head(60)], 0, {});
    expect(one.window.map((p) => p.total)).toEqual([45]);
    expect([one.reference, one.growth, one.referenceCount]).toEqual([45, 15, 1]);
  });

  test('drift: a sample type called like an Object method is not a threshold; a shrinking head never exceeds', () => {
    const entries = [entry(1, 100), entry(2, 100)].map((e) => ({ ...e, series: [{ ...e.series[0], sampleIndex: 'constructor' }] }));
    const [d] = computeDrift(entries, [{ ...head(1000), sampleIndex: 'constructor' }], 30, parseThresholds('inuse_space: 1% 0', {}));
    expect(d.threshold).toBeUndefined();
    expect(d.exceeded).toBe(false);
    const [down] = computeDrift([entry(1, -100)], [head(-50)], 30, parseThresholds('inuse_space: 10% 0', {}));
    expect([down.growth, down.exceeded]).toEqual([50, true]);
    const [shrunk] = computeDrift([entry(1, 100)], [head(50)], 30, parseThresholds('inuse_space: 10% 0', {}));
    expect([shrunk.growth, shrunk.exceeded]).toEqual([-50, false]);
  });

  test("hotspotTrends: the row over the window, how many entries held it, and its run of growth up to main's newest", () => {
    const values = [5, 3, 0, 4, 6, 9];
    const entries = values.map((v, i) => entry(i, 100, v === 0 ? [['main.g', 1]] : [['main.f', v]]));
    const spot = { profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', label: 'main.f', head: 12 };
    expect(hotspotTrends(entries, [spot], 30)).toEqual([{ ...spot, values, present: 5, rising: 3 }]);
    expect(hotspotTrends(entries, [spot], 2)).toEqual([{ ...spot, values: [6, 9], present: 2, rising: 1 }]);
    const flat = [4, 4].map((v, i) => entry(i, 100, [['main.f', v]]));
    expect(hotspotTrends(flat, [spot], 30)[0].rising).toBe(0);
    const falling = [9, 4].map((v, i) => entry(i, 100, [['main.f', v]]));
    expect(hotspotTrends(falling, [spot], 30)[0].rising).toBe(0);
    expect(hotspotTrends(entries, [{ ...spot, label: 'main.h' }], 30)).toEqual([]);
  });
});

describe('the file as older and newer runs read it', () => {
  test("the artifact's file name, and the JSON: schema, version 1, the entries as given, a final newline", () => {
    expect(HISTORY_FILE).toBe('pprof-gate-history.json');
    const e = entry(1, 5);
    expect(serializeHistory([e])).toBe(`{"schema":"pprof-gate/history","version":1,"entries":[${JSON.stringify(e)}]}\n`);
    expect(parseHistory(`{"schema":"pprof-gate/history","version":1,"entries":[${JSON.stringify(e)}]}`).entries).toEqual([e]);
  });

  test('a version that is not a number is not taken for a newer one', () => {
    expect(parseHistory(JSON.stringify({ schema: HISTORY_SCHEMA, version: '3', entries: [] })).fresh).toBe(
      "the history file's version is not 1",
    );
  });

  test('the default size limit is 16 MiB', () => {
    const text = serializeHistory([entry(1, 5)]);
    const padded = (size: number) => text + ' '.repeat(size - Buffer.byteLength(text));
    expect(parseHistory(padded(16 * MiB)).entries).toHaveLength(1);
    expect(parseHistory(padded(16 * MiB + 1)).fresh).toBe(`the history file is ${16 * MiB + 1} bytes, over the limit of ${16 * MiB}`);
  });

  test('a time of 40 characters is read, one of 41 is not; a row value that is not finite is refused', () => {
    const at = (time: string) => parseHistory(serializeHistory([{ ...entry(1, 5), time }]));
    expect(at('Thu, 01 Jan 2026 00:00:00 GMT'.padEnd(40)).notes).toEqual([]);
    expect(at('Thu, 01 Jan 2026 00:00:00 GMT'.padEnd(41)).notes).toEqual(['history: 1 of 1 entries skipped (entry 1: time is not a date)']);
    const text = serializeHistory([entry(1, 5, [['main.f', 7]])]).replace('["main.f",7]', '["main.f",1e999]');
    expect(parseHistory(text).notes).toEqual([
      'history: 1 of 1 entries skipped (entry 1: a row of heap.pb.gz inuse_space is not [name, value])',
    ]);
  });

  test('topRows keeps 100 rows by default', () => {
    const rows = Array.from({ length: 101 }, (_, i) => ({ label: `f${i}`, flat: i + 1 }));
    const top = topRows(rows);
    expect(top).toHaveLength(100);
    expect(top[0]).toEqual(['f100', 101]);
    expect(top[99]).toEqual(['f1', 2]);
  });
});

describe('what is not text where text belongs', () => {
  const skipped = (change: (e: Record<string, unknown>) => void) => {
    const raw = JSON.parse(serializeHistory([entry(1, 5)])) as { entries: Record<string, unknown>[] };
    change(raw.entries[0]);
    return parseHistory(JSON.stringify(raw)).notes;
  };

  test('a sha or a time given as a number is refused, even one that would read as a hash or a year', () => {
    expect(skipped((e) => void (e.sha = 1234567))).toEqual(['history: 1 of 1 entries skipped (entry 1: sha is not a commit hash)']);
    expect(skipped((e) => void (e.time = 2026))).toEqual(['history: 1 of 1 entries skipped (entry 1: time is not a date)']);
  });

  test('a byte that is not UTF-8 inside a name: the file does not parse (not read with a replacement character)', () => {
    const bytes = new TextEncoder().encode(serializeHistory([entry(1, 5, [['main.f', 7]])]));
    const at = Buffer.from(bytes).indexOf('main.f') + 'main.'.length;
    bytes[at] = 0xff;
    const parsed = parseHistory(bytes);
    expect(parsed.entries).toEqual([]);
    expect(parsed.fresh).toMatch(/^the history file does not parse: /);
  });

  test("a parse failure gives JSON.parse's reason", () => {
    expect(parseHistory('{"schema": ').fresh).toContain('Unexpected end of JSON input');
  });
});
