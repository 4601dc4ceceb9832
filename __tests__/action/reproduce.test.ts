import { describe, expect, test } from '@jest/globals';
import type { Analysis } from '../../src/action/analyse.js';
import { parseInputs } from '../../src/action/inputs.js';
import type { ProfileGroup } from '../../src/action/pairing.js';
import { reproduceCommands, shellQuote } from '../../src/action/reproduce.js';
import { actionDefaults } from './harness.js';

const inputs = (over: Record<string, string> = {}) => {
  const given: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', thresholds: '', ...over };
  return parseInputs((name) => given[name] ?? '');
};

const WS = '/home/runner/work/app/app';
const group = (key: string, heads: string[], bases: string[]): ProfileGroup => ({
  key,
  heads: heads.map((h) => ({ file: h.startsWith('/') ? h : `${WS}/${h}`, rel: h, lcaRel: h })),
  bases: bases.map((b) => ({ file: `/tmp/baseline/${b}`, rel: b })),
});
const analysis = (...groups: [ProfileGroup, string[]][]) =>
  ({
    compared: groups.map(([g, sampleIndexes]) => ({ group: g, sampleIndexes, bases: [], heads: [], comparisons: [] })),
  }) as unknown as Analysis;
const RUN = { runId: 42, artifact: 'pprof-baseline' };

describe('shellQuote', () => {
  test('plain words stay; anything else is single-quoted, quotes inside closed and escaped', () => {
    expect(shellQuote('out/heap-1.pb.gz')).toBe('out/heap-1.pb.gz');
    expect(shellQuote('a=b:c@d%e+f')).toBe('a=b:c@d%e+f');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });
});

describe('reproduceCommands', () => {
  test('download the baseline, then per profile the CLI and go tool pprof for each sample type', () => {
    const a = analysis([group('heap.pb.gz', ['out/heap.pb.gz'], ['heap.pb.gz']), ['alloc_space', 'inuse_space']]);
    expect(reproduceCommands(a, inputs(), RUN, WS, 'acme/pprof-gate')).toEqual([
      'gh run download 42 -n pprof-baseline -D pprof-baseline',
      '# pprof-gate CLI: node dist/cli.js in a clone of acme/pprof-gate',
      'pprof-gate diff --base pprof-baseline/heap.pb.gz --head out/heap.pb.gz',
      'go tool pprof -top -sample_index=alloc_space -diff_base=pprof-baseline/heap.pb.gz out/heap.pb.gz',
      'go tool pprof -top -sample_index=inuse_space -diff_base=pprof-baseline/heap.pb.gz out/heap.pb.gz',
    ]);
  });

  test('the inputs that change the result become flags; several runs a side take the first for pprof', () => {
    const a = analysis([group('heap.pb.gz', ['heap-1.pb.gz', 'heap-2.pb.gz'], ['heap-1.pb.gz']), ['inuse_space']]);
    const given = inputs({ normalize: 'true', thresholds: 'inuse_space: 1%\ngoroutine: 2', ignore: '^runtime\\.' });
    expect(reproduceCommands(a, given, RUN, WS, '').slice(1)).toEqual([
      '# pprof-gate CLI: node dist/cli.js in a clone of pprof-gate',
      "pprof-gate diff --base pprof-baseline/heap-1.pb.gz --head heap-1.pb.gz --head heap-2.pb.gz --normalize --thresholds 'inuse_space: 1%, goroutine: 2' --ignore '^runtime\\.'",
      'go tool pprof -top -sample_index=inuse_space -normalize -diff_base=pprof-baseline/heap-1.pb.gz heap-1.pb.gz  # first run of each side',
    ]);
  });

  test('several baseline runs and one head: pprof still takes the first of each, and says so', () => {
    const a = analysis([group('heap.pb.gz', ['heap.pb.gz'], ['heap-1.pb.gz', 'heap-2.pb.gz']), ['inuse_space']]);
    expect(reproduceCommands(a, inputs(), RUN, WS, '').slice(2)).toEqual([
      'pprof-gate diff --base pprof-baseline/heap-1.pb.gz --base pprof-baseline/heap-2.pb.gz --head heap.pb.gz',
      'go tool pprof -top -sample_index=inuse_space -diff_base=pprof-baseline/heap-1.pb.gz heap.pb.gz  # first run of each side',
    ]);
  });

  test('baseline-path: no download, the baseline files where they are; heads outside the workspace by full path', () => {
    const a = analysis([group('g.pb.gz', ['/elsewhere/g b.pb.gz'], ['g.pb.gz']), ['goroutine']]);
    expect(reproduceCommands(a, inputs(), undefined, WS, '')).toEqual([
      '# pprof-gate CLI: node dist/cli.js in a clone of pprof-gate',
      "pprof-gate diff --base /tmp/baseline/g.pb.gz --head '/elsewhere/g b.pb.gz'",
      "go tool pprof -top -sample_index=goroutine -diff_base=/tmp/baseline/g.pb.gz '/elsewhere/g b.pb.gz'",
    ]);
  });

  test('five profiles at most, then how many more; nothing compared, no lines', () => {
    const groups = Array.from(
      { length: 7 },
      (_, i) => [group(`p${i}.pb.gz`, [`p${i}.pb.gz`], [`p${i}.pb.gz`]), ['goroutine']] as [ProfileGroup, string[]],
    );
    const lines = reproduceCommands(analysis(...groups), inputs(), RUN, WS, '');
    expect(lines.filter((l) => l.startsWith('pprof-gate diff'))).toHaveLength(5);
    expect(lines.at(-1)).toBe('# … and 2 more profiles, likewise');
    expect(reproduceCommands(analysis(), inputs(), RUN, WS, '')).toEqual([]);
  });
});
