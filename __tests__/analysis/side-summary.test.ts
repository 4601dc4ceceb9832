import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeSide } from '../../src/analysis/diff.js';
import { medianOf } from '../../src/analysis/stats.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { readGolden, TESTDATA } from '../helpers/golden.js';

const SIDE = join(TESTDATA, 'side-golden');
const cases = readdirSync(SIDE)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => {
    const [scenario, kind, sampleIndex] = f.replace(/\.txt$/, '').split('.');
    return { file: f, scenario, kind, sampleIndex };
  });

describe('one side summarized as go tool pprof -top of it', () => {
  test('there are goldens', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  test.each(cases)('$file: every row with a flat value, and the total', async ({ file, scenario, kind, sampleIndex }) => {
    const golden = readGolden(join(SIDE, file));
    const profile = await readProfileFile(join(TESTDATA, 'profiles', scenario, `head.${kind}.pb.gz`));
    const s = summarizeSide([profile], sampleIndex, 'functions');
    const want = Object.fromEntries(golden.rows.filter((r) => r.flat !== 0).map((r) => [r.label, r.flat]));
    expect(Object.fromEntries(s.rows.map((r) => [r.label, r.flat]))).toEqual(want);
    expect(s.sum).toBe(golden.total);
    expect(s.unit).toBe(kind === 'goroutine' ? 'count' : 'bytes');
  });

  test('several runs of one profile: the median per row and of the totals', async () => {
    const dir = join(TESTDATA, 'repeat', 'mapcache');
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('healthy-'))
      .slice(0, 3);
    const profiles = await Promise.all(files.map((f) => readProfileFile(join(dir, f))));
    const singles = profiles.map((p) => summarizeSide([p], 'alloc_space', 'functions'));
    const s = summarizeSide(profiles, 'alloc_space', 'functions');
    expect(s.sum).toBe(medianOf(singles.map((x) => x.sum)));
    const labels = new Set(singles.flatMap((x) => x.rows.map((r) => r.label)));
    const want: Record<string, number> = {};
    for (const label of labels) {
      const m = medianOf(singles.map((x) => x.rows.find((r) => r.label === label)?.flat ?? 0));
      if (m !== 0) want[label] = m;
    }
    expect(Object.keys(want).length).toBeGreaterThanOrEqual(3);
    expect(Object.fromEntries(s.rows.map((r) => [r.label, r.flat]))).toEqual(want);
  });

  test('a sample type the profile lacks is an error naming the ones it has', async () => {
    const profile = await readProfileFile(join(TESTDATA, 'profiles', 'timeout', 'head.goroutine.pb.gz'));
    expect(() => summarizeSide([profile], 'inuse_space', 'functions')).toThrow(
      /no sample type "inuse_space" \(the profile has goroutine\/count\)/,
    );
  });
});
