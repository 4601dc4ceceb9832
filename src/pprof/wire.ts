import { ProfileError } from './errors.js';

/** Protocol-buffer wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;
export const FIXED32 = 5;

const TWO_32 = 4294967296;

/**
 * A bounds-checked protobuf wire reader over one byte buffer. Every failure is a ProfileError
 * naming the byte offset; values that do not fit a double exactly are errors, never rounded.
 */
export class WireReader {
  readonly buf: Uint8Array;
  pos: number;
  end: number;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  fail(reason: string, at = this.pos): never {
    throw new ProfileError(`${reason} at byte ${at}`);
  }

  /** An unsigned varint as a number; values above 2^53 are an error. */
  uint(): number {
    const v = this.short();
    return v >= 0 ? v : this.slowVarint(false);
  }

  /** A varint read as int64 (two's complement in ten bytes when negative). */
  int(): number {
    const v = this.short();
    return v >= 0 ? v : this.slowVarint(true);
  }

  /**
   * The hot path: a varint of at most 4 bytes (< 2^28, the same value signed or not), read
   * without a loop; -1 (position unchanged) for anything longer or too close to the end.
   */
  private short(): number {
    const buf = this.buf;
    const pos = this.pos;
    const end = this.end;
    if (pos >= end) return -1;
    let b = buf[pos];
    if (b < 0x80) {
      this.pos = pos + 1;
      return b;
    }
    if (pos + 4 > end) return -1;
    let v = b & 0x7f;
    b = buf[pos + 1];
    if (b < 0x80) {
      this.pos = pos + 2;
      return v | (b << 7);
    }
    v |= (b & 0x7f) << 7;
    b = buf[pos + 2];
    if (b < 0x80) {
      this.pos = pos + 3;
      return v | (b << 14);
    }
    v |= (b & 0x7f) << 14;
    b = buf[pos + 3];
    if (b < 0x80) {
      this.pos = pos + 4;
      return v | (b << 21);
    }
    return -1;
  }

  private slowVarint(signed: boolean): number {
    const start = this.pos;
    const buf = this.buf;
    const end = this.end;
    let lo = 0;
    let hi = 0;
    let pos = start;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) this.fail('truncated varint', start);
      const b = buf[pos++];
      const bits = b & 0x7f;
      if (i < 4) {
        lo |= bits << (7 * i);
      } else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else {
        hi |= bits << (7 * i - 32);
      }
      if (b < 0x80) {
        if (i === 9 && b > 1) this.fail('varint overflows 64 bits', start);
        this.pos = pos;
        lo >>>= 0;
        hi >>>= 0;
        if (signed && hi & 0x80000000) {
          // Negative int64: magnitude is the two's complement.
          const mlo = (~lo >>> 0) + 1;
          const mhi = (~hi >>> 0) + (mlo === TWO_32 ? 1 : 0);
          const magnitude = mhi * TWO_32 + (mlo === TWO_32 ? 0 : mlo);
          if (magnitude > Number.MAX_SAFE_INTEGER) this.fail('value below -2^53 cannot be represented exactly', start);
          return -magnitude;
        }
        const value = hi * TWO_32 + lo;
        if (value > Number.MAX_SAFE_INTEGER) this.fail('value above 2^53 cannot be represented exactly', start);
        return value;
      }
    }
    return this.fail('varint longer than 10 bytes', start);
  }

  /** An unsigned 64-bit varint as a bigint (addresses may use all 64 bits). */
  uint64(): bigint {
    const start = this.pos;
    // Up to 7 bytes (< 2^49, every address in a Go profile) fit a number: one BigInt, not one per byte.
    let small = 0;
    let scale = 1;
    for (let i = 0, pos = start; i < 7 && pos < this.end; i++, pos++, scale *= 128) {
      const b = this.buf[pos];
      small += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = pos + 1;
        return BigInt(small);
      }
    }
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varint', start);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) {
        if (i === 9 && b > 1) this.fail('varint overflows 64 bits', start);
        return result;
      }
    }
    return this.fail('varint longer than 10 bytes', start);
  }

  /** Start of a length-delimited field: returns its end offset. */
  lengthEnd(): number {
    const at = this.pos;
    const len = this.uint();
    const end = this.pos + len;
    if (end > this.end) this.fail(`length ${len} runs past the end of its message`, at);
    return end;
  }

  /** A signed 64-bit varint as a bigint, for header fields that may use all 64 bits. */
  int64(): bigint {
    return BigInt.asIntN(64, this.uint64());
  }

  /**
   * Read a length-delimited sub-message: `onField` is called once per field with the reader on
   * the field's value, and must consume it (`skip(wireType)` for fields it does not know).
   */
  message(onField: (field: number, wireType: number, at: number) => void): void {
    const end = this.lengthEnd();
    const outerEnd = this.end;
    this.end = end;
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.uint();
      onField(Math.floor(tag / 8), tag & 7, at);
    }
    this.end = outerEnd;
  }

  string(): string {
    const end = this.lengthEnd();
    const s = this.decoder.decode(this.buf.subarray(this.pos, end));
    this.pos = end;
    return s;
  }

  /** Skip one field of the given wire type. */
  skip(wireType: number): void {
    const at = this.pos;
    switch (wireType) {
      case VARINT:
        this.uint64();
        return;
      case FIXED64:
        this.advance(8, at);
        return;
      case LEN:
        this.pos = this.lengthEnd();
        return;
      case FIXED32:
        this.advance(4, at);
        return;
      default:
        this.fail(`unsupported wire type ${wireType}`, at);
    }
  }

  private advance(n: number, at: number): void {
    if (this.pos + n > this.end) this.fail('truncated field', at);
    this.pos += n;
  }
}
