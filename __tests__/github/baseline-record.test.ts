import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Baseline } from '../../src/action/types.js';
import { HISTORY_FILE, MAX_HISTORY_BYTES, serializeHistory } from '../../src/analysis/history.js';
import { readBaselineHistory } from '../../src/github/baseline-record.js';

const entry = {
  sha: 'a'.repeat(40),
  runId: 1,
  runAttempt: 1,
  time: '2026-12-01T00:00:00.000Z',
  series: [{ profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total: 5, top: [['main.f', 5]] as [string, number][] }],
};

function baselineWith(content?: (path: string) => void): Baseline {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-history-'));
  writeFileSync(join(dir, 'heap.pb.gz'), 'x');
  const files = ['heap.pb.gz'];
  if (content) {
    content(join(dir, HISTORY_FILE));
    files.push(HISTORY_FILE);
  }
  return { run: { id: 300, headSha: 'b'.repeat(40), htmlUrl: '' }, dir, files, reason: undefined, notes: [] };
}

describe("main's history read from the baseline directory", () => {
  test('a good file: its entries', () => {
    const b = baselineWith((p) => writeFileSync(p, serializeHistory([entry])));
    expect(readBaselineHistory(b, true)).toEqual({ entries: [entry], notes: [] });
  });

  test('no baseline or no history file: a fresh history when recording, nothing to say on a PR', () => {
    const none: Baseline = { run: undefined, dir: '', files: [], reason: 'nothing found', notes: [] };
    expect(readBaselineHistory(none, true)).toEqual({ entries: [], notes: [], fresh: 'no previous baseline (nothing found)' });
    expect(readBaselineHistory(none, false)).toEqual({ entries: [], notes: [], fresh: undefined });
    const plain = baselineWith();
    expect(readBaselineHistory(plain, true).fresh).toBe(`the baseline artifact of run 300 holds no ${HISTORY_FILE}`);
    expect(readBaselineHistory(plain, false).fresh).toBeUndefined();
  });

  test('unusable files are a fresh history naming the artifact, on a PR too, and never an exception', () => {
    const broken = baselineWith((p) => writeFileSync(p, '{'));
    expect(readBaselineHistory(broken, false).fresh).toMatch(/^the baseline artifact of run 300: the history file does not parse: /);
    const dir = baselineWith((p) => mkdirSync(p));
    expect(readBaselineHistory(dir, true).fresh).toBe(`the baseline artifact of run 300: ${HISTORY_FILE} is not a regular file`);
    // Sparse: the size is checked before anything is read.
    const huge = baselineWith((p) => {
      writeFileSync(p, '');
      truncateSync(p, MAX_HISTORY_BYTES + 1);
    });
    expect(readBaselineHistory(huge, true)).toEqual({
      entries: [],
      notes: [],
      fresh: `the baseline artifact of run 300: ${HISTORY_FILE} is ${MAX_HISTORY_BYTES + 1} bytes, over the limit of ${MAX_HISTORY_BYTES}`,
    });
    const local = { ...baselineWith((p) => writeFileSync(p, '[]')), run: undefined };
    expect(readBaselineHistory(local, true).fresh).toBe('the baseline directory: the history file is not a pprof-gate/history file');
  });
});
