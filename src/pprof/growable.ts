type NumberArray = Uint32Array | Float64Array;

/**
 * `data` with room for `need` values, the first `length` kept: the one place an array grows
 * (doubling, or to `need` when that is more). Returns `data` itself when it has the room.
 */
function reserved<A extends NumberArray>(data: A, length: number, need: number, allocate: (size: number) => A): A {
  if (need <= data.length) return data;
  const next = allocate(Math.max(need, data.length * 2));
  next.set(data.subarray(0, length));
  return next;
}

const newUint32 = (size: number): Uint32Array => new Uint32Array(size);
const newFloat64 = (size: number): Float64Array => new Float64Array(size);

// Two classes, not one generic one: each push site then sees a single array type, which keeps the
// decoder's per-sample pushes monomorphic.

/**
 * An append-only typed array that doubles as it grows. `finish()` hands the values over as a view
 * of `data`, not a copy: on these machines memory written for the first time costs more than
 * parsing into it, and the pages past `length` that were never written are not resident. The
 * growable is not used after `finish()`, but by a DecodeScratch, whose next decode writes over the
 * views it handed over. Hot loops call `reserve` once for a run of values and then write `data`
 * directly.
 */
export class GrowableUint32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  /** Room for `extra` more values after `length`. */
  reserve(extra: number): void {
    this.data = reserved(this.data, this.length, this.length + extra, newUint32);
  }
  finish(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

export class GrowableFloat64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  /** Room for `extra` more values after `length`. */
  reserve(extra: number): void {
    this.data = reserved(this.data, this.length, this.length + extra, newFloat64);
  }
  finish(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
