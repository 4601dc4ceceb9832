import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffProfiles } from '../../src/analysis/diff.js';
import { applyGate, parseThresholds } from '../../src/analysis/gate.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { renderJson } from '../../src/report/json.js';
import { renderText } from '../../src/report/text.js';
import { expectDiffMatchesGolden, readGolden, TESTDATA } from '../helpers/golden.js';

// Goldens written by scripts/gen-zero-base.sh: go tool pprof -diff_base against a base with no samples.
const dir = join(TESTDATA, 'zero-base');
const cases = readdirSync(dir)
  .map((f) => /^([a-z]+)\.([a-z_]+)\.functions\.txt$/.exec(f))
  .filter((m) => m !== null)
  .map((m) => ({ name: m[1], sampleIndex: m[2], path: join(dir, m[0]) }));

async function diff(name: string, sampleIndex: string) {
  const base = await readProfileFile(join(dir, `${name}.base.pb.gz`));
  const head = await readProfileFile(join(dir, `${name}.head.pb.gz`));
  return diffProfiles([base], [head], { sampleIndex, granularity: 'functions', normalize: false, profileName: name });
}

describe('a base that sums to 0: pprof takes Σ|v| of both profiles as the total', () => {
  test('there is a golden per heap sample type and one for goroutines', () => {
    expect(cases.map((c) => `${c.name}.${c.sampleIndex}`).sort()).toEqual([
      'mapcache.alloc_objects',
      'mapcache.alloc_space',
      'mapcache.inuse_objects',
      'mapcache.inuse_space',
      'timeout.goroutine',
    ]);
  });

  test.each(cases.map((c) => [`${c.name}.${c.sampleIndex}`, c] as const))('%s: rows and total as pprof', async (_n, c) => {
    const golden = readGolden(c.path);
    const result = await diff(c.name, c.sampleIndex);
    expect(result.baseTotal).toBe(0);
    expect(golden.total).toBeGreaterThan(0);
    expectDiffMatchesGolden(result, golden);
    // The JSON states the denominator it used.
    const json = JSON.parse(renderJson([result])) as { comparisons: { total: number; baseTotal: number }[] };
    expect(json.comparisons[0]).toMatchObject({ total: golden.total, baseTotal: 0 });
  });

  test("the text report's percentages are pprof's", async () => {
    const result = await diff('mapcache', 'inuse_space');
    const text = renderText([result], { top: 0 });
    // pprof: "8192000B 92.98% 92.98%   8192000B 92.98%  main.newSessionState (inline)"
    expect(text).toMatch(/^\s+7\.81MB 92\.98% 92\.98%\s+7\.81MB 92\.98% {2}main\.newSessionState \(inline\) \(new\)$/m);
  });

  test('row thresholds take their percentage of that total', async () => {
    const c = await diff('mapcache', 'inuse_space');
    // main.newSessionState is 92.98% of the total, main.loadSession 2.91%, every other row less.
    const gate = applyGate([c], parseThresholds('inuse_space: 50% 0'));
    expect(gate.regressions.filter((r) => r.kind === 'row').map((r) => r.what)).toEqual(['main.newSessionState']);
    const loose = applyGate([c], parseThresholds('inuse_space: 2% 0'));
    expect(loose.regressions.filter((r) => r.kind === 'row').map((r) => r.what)).toEqual([
      'main.newSessionState',
      'main.loadSession',
      'main.cachePut',
    ]);
  });
});
