/**
 * heap debug=1 read as go tool pprof reads it: every `*.raw.txt` next to a heap text profile in
 * testdata/text is `go tool pprof -raw` of that file (scripts/gen-text-fixtures.sh). Same sample
 * types and period, and sample for sample the same values (scaled as pprof scales them), the
 * same `bytes` label and the same addresses.
 */
import { expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from '../../../src/pprof/profile.js';
import { readProfileFile } from '../../../src/pprof/read.js';
import { TESTDATA } from '../../helpers/golden.js';

const TEXT = join(TESTDATA, 'text');

interface RawSample {
  values: number[];
  addresses: bigint[];
  bytes: number;
}

/** `go tool pprof -raw` output: period, sample types, samples (with addresses) in order. */
function parseRaw(text: string): { period: number; types: string[]; samples: RawSample[] } {
  const lines = text.split('\n');
  const period = Number(/^Period: (\d+)$/m.exec(text)![1]);
  const start = lines.indexOf('Samples:');
  const types = lines[start + 1].trim().split(/\s+/);
  const locStart = lines.indexOf('Locations');
  const address = new Map<string, bigint>();
  for (const l of lines.slice(locStart + 1)) {
    const m = /^\s*(\d+): (0x[0-9a-f]+)/.exec(l);
    if (!m) break;
    address.set(m[1], BigInt(m[2]));
  }
  const samples: RawSample[] = [];
  for (const l of lines.slice(start + 2, locStart)) {
    const m = /^\s*([-\d ]+): ?([\d ]*)$/.exec(l);
    if (m) {
      const ids = m[2].trim() === '' ? [] : m[2].trim().split(/\s+/);
      samples.push({ values: m[1].trim().split(/\s+/).map(Number), addresses: ids.map((id) => address.get(id)!), bytes: NaN });
      continue;
    }
    const b = /^\s*bytes:\[(\d+)\]/.exec(l);
    if (b) samples[samples.length - 1].bytes = Number(b[1]);
  }
  return { period, types, samples };
}

function ourSamples(p: Profile): RawSample[] {
  const n = p.sampleTypes.length;
  const out: RawSample[] = [];
  for (let s = 0; s < p.sampleCount; s++) {
    const values = Array.from(p.values.subarray(s * n, s * n + n));
    if (values.every((v) => v === 0)) continue; // pprof drops all-zero samples
    const addresses = Array.from(p.stackLocations.subarray(p.stackStart[s], p.stackStart[s + 1]), (l) => p.locationAddress[l]);
    let bytes = NaN;
    for (let i = p.labelStart[s]; i < p.labelStart[s + 1]; i++) if (p.strings[p.labelKey[i]] === 'bytes') bytes = p.labelNum[i];
    out.push({ values, addresses, bytes });
  }
  return out;
}

const cases: string[] = [];
for (const dir of readdirSync(TEXT, { withFileTypes: true }))
  if (dir.isDirectory())
    for (const f of readdirSync(join(TEXT, dir.name)))
      if (f.endsWith('.raw.txt')) cases.push(join(dir.name, f.slice(0, -'.raw.txt'.length)));

test('there are pprof readings of heap text profiles, legacy ones among them', () => {
  expect(cases.length).toBeGreaterThanOrEqual(16 + 3);
  expect(cases.filter((c) => c.startsWith('legacy')).length).toBe(3);
});

test.each(cases)('%s: values, labels and addresses as go tool pprof -raw reads them', async (file) => {
  const profile = await readProfileFile(join(TEXT, file));
  const raw = parseRaw(readFileSync(join(TEXT, `${file}.raw.txt`), 'utf8'));
  expect(profile.format).toBe('heap-debug1');
  expect(profile.period).toBe(BigInt(raw.period));
  expect(profile.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual(raw.types);
  const ours = ourSamples(profile);
  expect(ours.map((s) => [s.values, s.bytes])).toEqual(raw.samples.map((s) => [s.values, s.bytes]));
  ours.forEach((s, i) => {
    const theirs = raw.samples[i].addresses;
    // Unsymbolized, a location per address; else the frames Go printed, which leave out the
    // leading runtime frames, at the same addresses (return address - 1, as pprof reads them).
    if (file.startsWith('legacy/gobench') || file.startsWith('legacy/heapprofile')) expect(s.addresses).toEqual(theirs);
    else for (const a of s.addresses) expect(theirs).toContain(a);
  });
});
