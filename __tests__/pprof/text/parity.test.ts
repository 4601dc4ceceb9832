/**
 * Text profiles against the binary ones written at the same instant (testdata/text, made by
 * scripts/gen-text-fixtures.sh): the diff of two text profiles is the diff of the two binary
 * profiles, row for row and value for value, once the frames a text form does not print are left
 * out of the binary side too.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffProfiles } from '../../../src/analysis/diff.js';
import type { Granularity } from '../../../src/analysis/nodes.js';
import type { Profile } from '../../../src/pprof/profile.js';
import { readProfileFile } from '../../../src/pprof/read.js';
import { TESTDATA } from '../../helpers/golden.js';
import { debug1Frames, debug2Frames, withoutFrames } from '../../../src/pprof/text/align.js';

const TEXT = join(TESTDATA, 'text');
const scenarios = readdirSync(TEXT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['dumps', 'legacy'].includes(d.name))
  .map((d) => d.name);

const read = (scenario: string, side: string, form: string) => readProfileFile(join(TEXT, scenario, `${side}.${form}`));

function rows(base: Profile, head: Profile, sampleIndex: string, granularity: Granularity) {
  const result = diffProfiles([base], [head], { sampleIndex, granularity, normalize: false, mode: 'exact' });
  return {
    total: [result.baseTotal, result.headTotal],
    rows: result.rows.map((r) => [r.label, r.flatDelta, r.cumDelta, r.inline]),
  };
}

function totals(p: Profile): number[] {
  const n = p.sampleTypes.length;
  const out = new Array<number>(n).fill(0);
  p.values.forEach((v, i) => (out[i % n] += v));
  return out;
}

/** A two-type heap profile (objects, space) as the four types whose alloc and inuse columns agree. */
function asFourTypes(p: Profile): Profile {
  if (p.sampleTypes.length !== 2) return p;
  const values = new Float64Array(p.sampleCount * 4);
  for (let s = 0; s < p.sampleCount; s++) values.set([p.values[2 * s], p.values[2 * s + 1], p.values[2 * s], p.values[2 * s + 1]], 4 * s);
  const sampleTypes = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'].map((type, i) => ({
    type,
    unit: i % 2 ? 'bytes' : 'count',
  }));
  return { ...p, sampleTypes, values };
}

const granularities: Granularity[] = ['functions', 'lines'];
const heapTypes = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

test('there are text fixtures', () => {
  expect(scenarios.length).toBeGreaterThanOrEqual(4);
});

describe.each(scenarios)('%s', (scenario) => {
  test.each(['heap', 'heap-sampled'])('%s debug=1 diff == binary diff (four types, functions and lines)', async (kind) => {
    const [tb, th, pb, ph] = await Promise.all([
      read(scenario, 'base', `${kind}.debug1`),
      read(scenario, 'head', `${kind}.debug1`),
      read(scenario, 'base', `${kind}.pb.gz`),
      read(scenario, 'head', `${kind}.pb.gz`),
    ]);
    expect(tb.format).toBe('heap-debug1');
    expect(tb.period).toBe(pb.period);
    for (const [text, binary] of [
      [tb, pb],
      [th, ph],
    ]) {
      expect(totals(text)).toEqual(totals(binary).slice(text.sampleTypes.length === 2 ? 2 : 0));
      // pprof reads a header whose alloc numbers repeat the inuse ones as a profile of two types
      // (objects, space); the binary profile's alloc columns are then its inuse ones.
      if (text.sampleTypes.length === 2) expect(totals(binary).slice(0, 2)).toEqual(totals(binary).slice(2));
    }
    for (const sampleIndex of heapTypes)
      for (const g of granularities) {
        const ours = rows(asFourTypes(tb), asFourTypes(th), sampleIndex, g);
        expect(ours.rows.length).toBeGreaterThan(0);
        expect(ours).toEqual(rows(pb, ph, sampleIndex, g));
      }
  });

  test('goroutine debug=1 diff == binary diff without the leading runtime frames', async () => {
    const [tb, th, pb, ph] = await Promise.all([
      read(scenario, 'base', 'goroutine.debug1'),
      read(scenario, 'head', 'goroutine.debug1'),
      read(scenario, 'base', 'goroutine.pb.gz'),
      read(scenario, 'head', 'goroutine.pb.gz'),
    ]);
    for (const g of granularities) {
      expect(rows(tb, th, 'goroutine', g)).toEqual(rows(withoutFrames(pb, debug1Frames), withoutFrames(ph, debug1Frames), 'goroutine', g));
    }
  });

  test.each(['goroutine.debug2', 'goroutine.stack'])('%s diff == binary diff without the hidden runtime frames', async (form) => {
    const [tb, th, pb, ph] = await Promise.all([
      read(scenario, 'base', form),
      read(scenario, 'head', form),
      read(scenario, 'base', 'goroutine.pb.gz'),
      read(scenario, 'head', 'goroutine.pb.gz'),
    ]);
    expect(tb.format).toBe('goroutine-debug2');
    for (const g of granularities) {
      expect(rows(tb, th, 'goroutine', g)).toEqual(rows(withoutFrames(pb, debug2Frames), withoutFrames(ph, debug2Frames), 'goroutine', g));
    }
  });
});

describe('mixed forms: a binary base against a text head (and back) gives the rows of two text profiles', () => {
  test.each(scenarios)('%s', async (scenario) => {
    const forms = ['goroutine.debug1', 'goroutine.debug2'];
    for (const form of forms) {
      const [tb, th, pb, ph] = await Promise.all([
        read(scenario, 'base', form),
        read(scenario, 'head', form),
        read(scenario, 'base', 'goroutine.pb.gz'),
        read(scenario, 'head', 'goroutine.pb.gz'),
      ]);
      for (const g of granularities) {
        const text = rows(tb, th, 'goroutine', g);
        expect(rows(pb, th, 'goroutine', g)).toEqual(
          rows(withoutFrames(pb, form.endsWith('1') ? debug1Frames : debug2Frames), th, 'goroutine', g),
        );
        // (the writer goroutine differs between the forms; every other row is the text one)
        const leakRows = (r: typeof text) =>
          r.rows.filter((row) => !/pprof|writeTextProfiles|runtime\.main|runtime\.Stack/.test(String(row[0])));
        expect(leakRows(rows(pb, th, 'goroutine', g))).toEqual(leakRows(text));
        expect(leakRows(rows(tb, ph, 'goroutine', g))).toEqual(leakRows(text));
      }
    }
  });
});
