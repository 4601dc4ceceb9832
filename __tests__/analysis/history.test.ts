import { describe, expect, test } from '@jest/globals';
import { DEFAULT_THRESHOLDS, exceeds, parseThresholds } from '../../src/analysis/gate.js';
import {
  computeDrift,
  extendHistory,
  HISTORY_SCHEMA,
  HISTORY_TOP_ROWS,
  parseHistory,
  referenceSize,
  rowValues,
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
