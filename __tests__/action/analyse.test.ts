import { describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseGroups, analyseRun, HeadProfileError, type AnalysisOptions } from '../../src/action/analyse.js';
import { HISTORY_FILE } from '../../src/analysis/history.js';
import { parseInputs } from '../../src/action/inputs.js';
import type { HeadProfile, ProfileGroup } from '../../src/action/pairing.js';
import type { Baseline } from '../../src/action/types.js';
import { TESTDATA } from '../helpers/golden.js';
import { actionDefaults } from './harness.js';

/** A workspace holding the mapcache fixtures' heap and goroutine profiles, and a broken file. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'pprof-gate-analyse-'));
  for (const side of ['base', 'head']) {
    for (const kind of ['heap', 'goroutine'])
      copyFileSync(join(TESTDATA, 'profiles', 'mapcache', `${side}.${kind}.pb.gz`), join(ws, `${side}.${kind}.pb.gz`));
  }
  writeFileSync(join(ws, 'broken.pb.gz'), Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0));
  return ws;
}

const ws = workspace();
const options: AnalysisOptions = { maxProfileBytes: 1 << 26, normalize: false, alpha: 0.05, workspace: ws };
const file = (name: string) => ({ file: join(ws, name), rel: name });
const group = (key: string, heads: string[], bases: string[]): ProfileGroup => ({
  key,
  heads: heads.map((h) => ({ ...file(h), lcaRel: h })),
  bases: bases.map(file),
});

describe('analyseGroups', () => {
  test('each paired group is compared over its default sample types; sources come from this run’s profiles', async () => {
    const a = await analyseGroups([group('heap.pb.gz', ['head.heap.pb.gz'], ['base.heap.pb.gz'])], options);
    expect(a.profiles.map((p) => [p.name, p.comparisons.map((c) => c.sampleIndex), p.skipped])).toEqual([
      ['heap.pb.gz', ['alloc_space', 'inuse_space'], undefined],
    ]);
    expect(a.comparisons).toEqual(a.profiles[0].comparisons);
    expect(a.compared).toHaveLength(1);
    expect(a.compared[0].sampleIndexes).toEqual(['alloc_space', 'inuse_space']);
    expect([a.compared[0].bases.length, a.compared[0].heads.length]).toEqual([1, 1]);
    expect(a.sources.get('main.newSessionState')?.file).toMatch(/mapcache\.go$/);
    // The profiles as loaded, for the flame graphs and main's history: no file is read twice.
    expect(a.compared[0].bases[0].sampleTypes.map((t) => t.type)).toEqual(['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
    expect(a.compared[0].heads[0]).toBe(a.loaded[0].heads[0]);
    expect(a.loaded.map((l) => [l.key, l.heads.length])).toEqual([['heap.pb.gz', 1]]);
  });

  test('a group the baseline lacks, or whose baseline file is broken, is listed with the reason and not compared', async () => {
    const a = await analyseGroups(
      [
        group('goroutine.pb.gz', ['head.goroutine.pb.gz'], []),
        group('heap.pb.gz', ['head.heap.pb.gz'], ['base.heap.pb.gz', 'broken.pb.gz']),
      ],
      options,
    );
    expect(a.profiles.map((p) => [p.name, p.skipped])).toEqual([
      ['goroutine.pb.gz', 'the baseline has no goroutine.pb.gz'],
      ['heap.pb.gz', expect.stringMatching(/^no usable baseline: its broken\.pb\.gz is broken: .+/)],
    ]);
    expect(a.comparisons).toEqual([]);
    expect(a.profiles.map((p) => p.comparisons)).toEqual([[], []]);
    expect(a.compared).toEqual([]);
    // The skipped heads still give their functions’ sources.
    expect(a.sources.has('main.newSessionState')).toBe(true);
  });

  test('a baseline file of another kind than the first baseline file: no usable baseline, naming both by their artifact paths', async () => {
    const a = await analyseGroups([group('heap.pb.gz', ['head.heap.pb.gz'], ['base.heap.pb.gz', 'base.goroutine.pb.gz'])], options);
    expect(a.profiles[0].skipped).toMatch(/^no usable baseline: its base\.goroutine\.pb\.gz: .*\(base base\.heap\.pb\.gz\)$/);
  });

  test('this run’s profile broken: the step fails naming it', async () => {
    await expect(analyseGroups([group('x.pb.gz', ['broken.pb.gz'], ['base.heap.pb.gz'])], options)).rejects.toThrow(HeadProfileError);
    await expect(analyseGroups([group('x.pb.gz', ['broken.pb.gz'], ['base.heap.pb.gz'])], options)).rejects.toThrow(/^broken\.pb\.gz: /);
    // Outside the workspace the path is shown whole.
    const elsewhere = { ...options, workspace: join(ws, 'sub') };
    await expect(analyseGroups([group('x.pb.gz', ['broken.pb.gz'], [])], elsewhere)).rejects.toThrow(`${join(ws, 'broken.pb.gz')}: `);
  });

  test('a baseline file of another kind than this run’s file of the same name: the step fails (it must not pass as "no baseline"), naming the baseline file by its path in the artifact and its run, never where it was downloaded', async () => {
    const mismatch = [group('heap.pb.gz', ['head.heap.pb.gz'], ['base.goroutine.pb.gz'])];
    const fromRun = analyseGroups(mismatch, { ...options, baselineRun: 300 });
    await expect(fromRun).rejects.toThrow(HeadProfileError);
    await expect(fromRun).rejects.toThrow(
      /^head\.heap\.pb\.gz: base and head are different kinds of profile: .*\(base base\.goroutine\.pb\.gz in the artifact of run 300\)$/,
    );
    await expect(fromRun).rejects.not.toThrow(ws);
    // baseline-path: no run to name.
    await expect(analyseGroups(mismatch, options)).rejects.toThrow(/\(base base\.goroutine\.pb\.gz\)$/);
  });

  test('max-profile-bytes bounds every file read', async () => {
    const small = { ...options, maxProfileBytes: 100 };
    await expect(analyseGroups([group('heap.pb.gz', ['head.heap.pb.gz'], [])], small)).rejects.toThrow(/^head\.heap\.pb\.gz: .*100/);
  });
});

describe('analyseRun', () => {
  const given: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz' };
  const inputs = parseInputs((name) => given[name] ?? '');
  const baseDir = join(ws, 'artifact');
  mkdirSync(baseDir, { recursive: true });
  copyFileSync(join(ws, 'base.heap.pb.gz'), join(baseDir, 'heap.pb.gz'));
  const heads: HeadProfile[] = [{ file: join(ws, 'head.heap.pb.gz'), rel: 'heap.pb.gz', lcaRel: 'heap.pb.gz' }];
  const soak = join(TESTDATA, 'soak', 'slowleak');
  const series: HeadProfile[] = Array.from({ length: 16 }, (_, i) => ({
    file: join(soak, `heap-${i + 1}.pb.gz`),
    rel: `soak/heap-${i + 1}.pb.gz`,
    lcaRel: `heap-${i + 1}.pb.gz`,
  }));
  const baseline = (over: Partial<Baseline> = {}): Baseline => ({
    run: { id: 300, headSha: 'b'.repeat(40), htmlUrl: 'https://github.com/o/r/actions/runs/300' },
    dir: baseDir,
    files: ['heap.pb.gz', 'extra.pb.gz', HISTORY_FILE],
    reason: undefined,
    notes: [],
    ...over,
  });

  test('pairs the profiles with the baseline files (main’s history is none), compares them; no series, no growth', async () => {
    const r = await analyseRun(inputs, ws, heads, [], baseline());
    expect(r.analysis.profiles.map((p) => [p.name, p.comparisons.map((c) => c.sampleIndex)])).toEqual([
      ['heap.pb.gz', ['alloc_space', 'inuse_space']],
    ]);
    expect(r.unpaired).toEqual(['extra.pb.gz']);
    expect(r.growth).toBeUndefined();
    // baseline-path: no run to name, the same comparison.
    const local = await analyseRun(inputs, ws, heads, [], baseline({ run: undefined }));
    expect(local.analysis.comparisons.map((c) => c.sampleIndex)).toEqual(['alloc_space', 'inuse_space']);
  });

  test('max-profile-bytes bounds the profiles it reads', async () => {
    const small = parseInputs((name) => ({ ...given, 'max-profile-bytes': '100' })[name] ?? '');
    await expect(analyseRun(small, ws, heads, [], baseline())).rejects.toThrow(/^head\.heap\.pb\.gz: .*100/);
  });

  test('a series is analysed under series-thresholds, against the baseline only when one was found', async () => {
    const r = await analyseRun(inputs, ws, heads, series, baseline());
    expect(r.growth?.reasons.some((reason) => /recordAudit rises by \+/.test(reason))).toBe(true);
    expect(r.growth?.notes).toEqual(['the baseline has no series soak/heap-*.pb.gz: the series is judged on its own']);
    const none = await analyseRun(inputs, ws, heads, series, baseline({ run: undefined, reason: 'no run on main', files: [] }));
    expect(none.growth?.notes).toEqual([]);
    expect(none.growth?.regressions.length).toBeGreaterThan(0);
  });
});
