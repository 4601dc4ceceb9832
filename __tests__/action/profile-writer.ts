import { gzipSync } from 'node:zlib';
import { encodeProfile } from '../helpers/encode.js';

/** Hand-made heap profiles (hostile names and the like), written with the shared test encoder. */

export interface HeapSample {
  /** Function names, leaf first. */
  stack: string[];
  /** alloc_objects, alloc_space, inuse_objects, inuse_space */
  values: [number, number, number, number];
}

/** A gzipped Go-style heap profile with these samples; every function in file main.go. */
export function heapProfile(samples: HeapSample[]): Buffer {
  const fnIds = new Map<string, number>();
  for (const s of samples) for (const f of s.stack) if (!fnIds.has(f)) fnIds.set(f, fnIds.size + 1);
  const ids = [...fnIds.entries()];
  const profile = encodeProfile({
    sampleTypes: [
      ['alloc_objects', 'count'],
      ['alloc_space', 'bytes'],
      ['inuse_objects', 'count'],
      ['inuse_space', 'bytes'],
    ],
    // One location per function, with the same id.
    samples: samples.map((s) => ({ locations: s.stack.map((f) => fnIds.get(f)!), values: s.values })),
    locations: ids.map(([, id]) => ({ id, lines: [{ functionId: id, line: 10 + id }] })),
    functions: ids.map(([name, id]) => ({ id, name, filename: 'main.go', startLine: 10 + id })),
    periodType: ['space', 'bytes'],
    period: 524288,
  });
  return gzipSync(profile);
}
