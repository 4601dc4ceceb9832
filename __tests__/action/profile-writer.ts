import { gzipSync } from 'node:zlib';

/** A tiny profile.proto writer for hand-made heap profiles (hostile names and the like). */

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

function field(num: number, wire: 0 | 2, payload: number | number[]): number[] {
  const key = varint((num << 3) | wire);
  if (wire === 0) return [...key, ...varint(payload as number)];
  const bytes = payload as number[];
  return [...key, ...varint(bytes.length), ...bytes];
}

const packed = (nums: number[]) => nums.flatMap(varint);

export interface HeapSample {
  /** Function names, leaf first. */
  stack: string[];
  /** alloc_objects, alloc_space, inuse_objects, inuse_space */
  values: [number, number, number, number];
}

/** A gzipped Go-style heap profile with these samples; every function in file main.go. */
export function heapProfile(samples: HeapSample[]): Buffer {
  const strings = [''];
  const str = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const out: number[] = [];
  for (const [t, u] of [
    ['alloc_objects', 'count'],
    ['alloc_space', 'bytes'],
    ['inuse_objects', 'count'],
    ['inuse_space', 'bytes'],
  ]) {
    out.push(...field(1, 2, [...field(1, 0, str(t)), ...field(2, 0, str(u))]));
  }
  const fnIds = new Map<string, number>();
  for (const s of samples) for (const f of s.stack) if (!fnIds.has(f)) fnIds.set(f, fnIds.size + 1);
  for (const s of samples) {
    out.push(...field(2, 2, [...field(1, 2, packed(s.stack.map((f) => fnIds.get(f)!))), ...field(2, 2, packed(s.values))]));
  }
  for (const id of fnIds.values()) {
    // location id = function id, one line each
    out.push(...field(4, 2, [...field(1, 0, id), ...field(4, 2, [...field(1, 0, id), ...field(2, 0, 10 + id)])]));
  }
  const file = str('main.go');
  for (const [name, id] of fnIds) {
    out.push(
      ...field(5, 2, [
        ...field(1, 0, id),
        ...field(2, 0, str(name)),
        ...field(3, 0, str(name)),
        ...field(4, 0, file),
        ...field(5, 0, 10 + id),
      ]),
    );
  }
  out.push(...field(11, 2, [...field(1, 0, str('space')), ...field(2, 0, str('bytes'))]));
  out.push(...field(12, 0, 524288));
  const body = strings.flatMap((s) => field(6, 2, [...Buffer.from(s, 'utf8')]));
  return gzipSync(Buffer.from([...body, ...out]));
}
