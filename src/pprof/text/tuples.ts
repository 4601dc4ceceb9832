import { GrowableUint32 } from '../growable.js';

/**
 * Dense ids for sequences of unsigned 32-bit integers, found by hash: a frame as (name, file, line)
 * string indices, a location as the frames inlined into it. A dump of 100k goroutines repeats the
 * same few frames over and over; this finds each again without building a string key per frame.
 */
export class TupleIndex {
  /** Per slot: the tuple's id + 1, 0 when empty (open addressing, linear probing). */
  private slots = new Int32Array(1024);
  private readonly hashes = new GrowableUint32(256);
  private readonly starts = new GrowableUint32(256);
  private readonly items = new GrowableUint32(1024);

  constructor() {
    this.starts.push(0);
  }

  /** The id of `tuple[0, length)`, a new one when the tuple was not seen before. */
  id(tuple: ArrayLike<number>, length: number): number {
    let h = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ tuple[i], 0x01000193) ^ (h >>> 15);
    h >>>= 0;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s];
      if (slot === 0) break;
      const id = slot - 1;
      if (this.hashes.data[id] === h && this.equals(id, tuple, length)) return id;
    }
    const id = this.hashes.length;
    this.hashes.push(h);
    this.items.reserve(length);
    for (let i = 0; i < length; i++) this.items.data[this.items.length++] = tuple[i];
    this.starts.push(this.items.length);
    if (2 * (id + 1) > this.slots.length) this.rehash();
    else this.place(h, id);
    return id;
  }

  private equals(id: number, tuple: ArrayLike<number>, length: number): boolean {
    const from = this.starts.data[id];
    if (this.starts.data[id + 1] - from !== length) return false;
    const items = this.items.data;
    for (let i = 0; i < length; i++) if (items[from + i] !== tuple[i] >>> 0) return false;
    return true;
  }

  private place(h: number, id: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = id + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.hashes.length; id++) this.place(this.hashes.data[id], id);
  }
}
