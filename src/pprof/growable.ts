type NumberArray = Uint32Array | Float64Array;

/**
 * An append-only typed array that doubles as it grows; `finish()` returns the exact-length copy.
 * Hot loops call `reserve` once for a run of values and then write `data` directly.
 */
class Growable<A extends NumberArray> {
  data: A;
  length = 0;

  constructor(
    private readonly allocate: (size: number) => A,
    capacity: number,
  ) {
    this.data = allocate(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }

  /** Room for `extra` more values after `length`: the one place the array grows. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.data.length) return;
    const next = this.allocate(Math.max(need, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  finish(): A {
    return this.data.slice(0, this.length) as A;
  }
}

export class GrowableUint32 extends Growable<Uint32Array> {
  constructor(capacity = 1024) {
    super((size) => new Uint32Array(size), capacity);
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(capacity = 1024) {
    super((size) => new Float64Array(size), capacity);
  }
}
