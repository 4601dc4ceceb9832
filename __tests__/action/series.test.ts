import { describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeadProfile } from '../../src/action/pairing.js';
import { analyseSeries, pairSeries, SeriesError, type SeriesSettings } from '../../src/action/series.js';
import { DEFAULT_GROWTH_THRESHOLDS } from '../../src/analysis/gate.js';
import { DEFAULT_GROWTH_ALPHA } from '../../src/analysis/series.js';
import { TESTDATA } from '../helpers/golden.js';

const head = (rel: string, lcaRel = rel): HeadProfile => ({ file: `/ws/out/${rel}`, rel, lcaRel });

describe('pairSeries', () => {
  test('every snapshot by its upload path, else every one by its path from the common folder, else none', () => {
    const heads = [head('soak/heap-1.pb.gz', 'heap-1.pb.gz'), head('soak/heap-2.pb.gz', 'heap-2.pb.gz')];
    expect(pairSeries(heads, '/b', ['soak/heap-1.pb.gz', 'soak/heap-2.pb.gz', 'x.pb.gz'])).toEqual([
      { file: '/b/soak/heap-1.pb.gz', rel: 'soak/heap-1.pb.gz' },
      { file: '/b/soak/heap-2.pb.gz', rel: 'soak/heap-2.pb.gz' },
    ]);
    expect(pairSeries(heads, '/b', ['heap-1.pb.gz', 'heap-2.pb.gz']).map((b) => b.rel)).toEqual(['heap-1.pb.gz', 'heap-2.pb.gz']);
    // All or nothing: a baseline with only some of the snapshots is no series.
    expect(pairSeries(heads, '/b', ['soak/heap-1.pb.gz', 'heap-2.pb.gz'])).toEqual([]);
  });
});

describe('analyseSeries', () => {
  const ws = mkdtempSync(join(tmpdir(), 'pprof-gate-series-'));
  mkdirSync(join(ws, 'soak'));
  const heads: HeadProfile[] = [];
  for (let i = 1; i <= 16; i++) {
    copyFileSync(join(TESTDATA, 'soak', 'slowleak', `heap-${i}.pb.gz`), join(ws, 'soak', `heap-${i}.pb.gz`));
    heads.push({ file: join(ws, 'soak', `heap-${i}.pb.gz`), rel: `soak/heap-${i}.pb.gz`, lcaRel: `heap-${i}.pb.gz` });
  }
  const settings: SeriesSettings = {
    intervalSeconds: undefined,
    warmup: 'default',
    thresholds: DEFAULT_GROWTH_THRESHOLDS,
    alpha: DEFAULT_GROWTH_ALPHA,
    maxProfileBytes: 1 << 26,
    workspace: ws,
  };

  test('a slow leak alone: regressions with their reasons; a baseline without the series is a note', async () => {
    const out = await analyseSeries(heads, { dir: '/b', files: ['other.pb.gz'] }, settings);
    expect(out.withBase).toBe(false);
    expect(out.baseFiles).toEqual([]);
    expect(out.notes).toEqual(['the baseline has no series soak/heap-*.pb.gz: the series is judged on its own']);
    expect(out.reasons).toHaveLength(out.regressions.length);
    expect(out.reasons.some((r) => /recordAudit rises by \+/.test(r))).toBe(true);
  });

  test('a broken baseline series is a note; a broken snapshot of this run is a SeriesError naming it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'pprof-gate-series-base-'));
    for (let i = 1; i <= 16; i++) writeFileSync(join(base, `heap-${i}.pb.gz`), 'not a profile');
    const files = heads.map((h) => h.lcaRel);
    const out = await analyseSeries(heads, { dir: base, files }, settings);
    expect(out.withBase).toBe(false);
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toMatch(/^the baseline's series is not usable \(.*heap-1\.pb\.gz: .+\): the series is judged on its own$/);
    const broken = [...heads.slice(0, 3), { file: join(base, 'heap-1.pb.gz'), rel: 'x/heap-4.pb.gz', lcaRel: 'heap-4.pb.gz' }];
    await expect(analyseSeries(broken, undefined, settings)).rejects.toThrow(SeriesError);
    await expect(analyseSeries(broken, undefined, settings)).rejects.toThrow(/^input series: .*heap-1\.pb\.gz: /);
  });

  test('a baseline with the same snapshots: compared with, its files listed, snapshots named by their paths', async () => {
    const base = mkdtempSync(join(tmpdir(), 'pprof-gate-series-base-'));
    mkdirSync(join(base, 'soak'));
    for (const h of heads) copyFileSync(h.file, join(base, h.rel));
    const files = heads.map((h) => h.rel);
    const out = await analyseSeries(heads, { dir: base, files: [...files, 'heap.pb.gz'] }, settings);
    expect(out.withBase).toBe(true);
    expect(out.baseFiles).toEqual(files);
    expect(out.notes).toEqual([]);
    // This run's snapshots by their paths in the workspace (outside it, in full); the baseline's by their paths in it.
    expect(out.analyses[0].files).toEqual(files);
    expect(out.analyses[0].base?.files).toEqual(files);
    const outside = await analyseSeries(heads, undefined, { ...settings, workspace: join(ws, 'elsewhere') });
    expect(outside.analyses[0].files).toEqual(heads.map((h) => h.file));
  });

  test('no baseline at all: judged alone, with no note and no baseline files', async () => {
    const out = await analyseSeries(heads, undefined, settings);
    expect(out).toMatchObject({ withBase: false, baseFiles: [], notes: [] });
    expect(out.analyses[0].base).toBeUndefined();
  });

  test('ignore drops the matching rows before the gate', async () => {
    const ignoring = await analyseSeries(heads, undefined, { ...settings, ignore: /recordAudit/ });
    expect(ignoring.reasons.some((r) => r.includes('recordAudit'))).toBe(false);
  });

  test('a snapshot over max-profile-bytes is refused', async () => {
    await expect(analyseSeries(heads, undefined, { ...settings, maxProfileBytes: 1000 })).rejects.toThrow(
      /^input series: .*heap-1\.pb\.gz: file is \d+ bytes, over the limit of 1000$/,
    );
  });
});
