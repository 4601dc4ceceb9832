import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { diffProfiles } from '../../src/analysis/diff.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { expectDiffMatchesGolden, goldenCases, readGolden, TESTDATA } from '../helpers/golden.js';

const cases = goldenCases();

describe('engine matches go tool pprof -top -diff_base', () => {
  test('there are goldens for every scenario, kind, sample type and granularity', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7 * (4 * 3 * 2 + 3));
    const scenarios = new Set(cases.map((c) => c.scenario));
    expect(scenarios.size).toBeGreaterThanOrEqual(7);
  });

  test.each(cases.map((c) => [`${c.scenario}/${c.kind}.${c.sampleIndex}.${c.granularity}${c.normalize ? '.normalize' : ''}`, c] as const))(
    '%s',
    async (_name, c) => {
      const dir = join(TESTDATA, 'profiles', c.scenario);
      const base = await readProfileFile(join(dir, `base.${c.kind}.pb.gz`));
      const head = await readProfileFile(join(dir, `head.${c.kind}.pb.gz`));
      const golden = readGolden(c.path);
      const result = diffProfiles([base], [head], {
        sampleIndex: c.sampleIndex,
        granularity: c.granularity,
        normalize: c.normalize,
      });
      // Same rows, same order, same values to the byte, same inline markers.
      expectDiffMatchesGolden(result, golden);
    },
  );
});
