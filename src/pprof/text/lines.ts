import { ProfileError } from '../errors.js';

/**
 * Reads a text profile line by line over its bytes, never decoding the whole file into a string
 * (a dump of 100k goroutines is tens of MB, and most of its lines repeat): `next()` moves to the
 * following line, `[start, end)` are that line's bytes without its line ending, `number` its
 * 1-based line number. Parsers read the hot lines (frames, file:line, records) from the bytes and
 * ask for `text()` only for the rare ones. A line over `maxLineLength` bytes is an error at that
 * line, found before anything is copied.
 */
export class LineScanner {
  start = 0;
  end = 0;
  number = 0;
  private pos = 0;

  constructor(
    readonly bytes: Buffer,
    private readonly maxLineLength: number,
  ) {}

  /** Moves to the next line; false at the end of the text. */
  next(): boolean {
    const buf = this.bytes;
    const n = buf.length;
    if (this.pos >= n) return false;
    // (a plain loop: Buffer#indexOf costs more per call than a short line takes to scan)
    let end = this.pos;
    while (end < n && buf[end] !== 10) end++;
    let stop = end;
    if (stop > this.pos && buf[stop - 1] === 13) stop--;
    this.number++;
    if (stop - this.pos > this.maxLineLength) {
      throw new ProfileError(`line of ${stop - this.pos} bytes, over the limit of ${this.maxLineLength}`, '', this.number);
    }
    this.start = this.pos;
    this.end = stop;
    this.pos = end + 1;
    return true;
  }

  /** The current line as a string. */
  text(): string {
    return this.bytes.toString('utf8', this.start, this.end);
  }

  /** The first byte of the line that is no space or tab (its index; `end` when there is none). */
  firstNonBlank(): number {
    const buf = this.bytes;
    let i = this.start;
    while (i < this.end && (buf[i] === 32 || buf[i] === 9)) i++;
    return i;
  }

  /** Whether the line holds only whitespace. */
  isBlank(): boolean {
    const buf = this.bytes;
    for (let i = this.start; i < this.end; i++) if (buf[i] > 32) return false;
    return true;
  }

  /** Error at the current line. */
  fail(reason: string): never {
    throw new ProfileError(reason, '', this.number);
  }
}

/** The end of buf[from, to) without trailing whitespace. */
export function trimmedEnd(buf: Buffer, from: number, to: number): number {
  while (to > from && buf[to - 1] <= 32) to--;
  return to;
}

/** Index after the decimal digits of `buf` from `i` (at most `end`). */
export function skipDigits(buf: Buffer, i: number, end: number): number {
  while (i < end && buf[i] >= 48 && buf[i] <= 57) i++;
  return i;
}

/** The decimal number in buf[from, to) (digits only, checked by the caller). */
export function decimalAt(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (buf[i] - 48);
  return n;
}

/** Value of a hex digit byte, -1 for another byte. */
export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Index after the hex digits of `buf` from `i` (at most `end`). */
export function skipHex(buf: Buffer, i: number, end: number): number {
  while (i < end && hexDigit(buf[i]) >= 0) i++;
  return i;
}

/** Whether buf[i, end) starts with "0x" followed by at least one hex digit. */
export function isHexAt(buf: Buffer, i: number, end: number): boolean {
  return i + 2 < end && buf[i] === 48 && (buf[i + 1] | 32) === 120 && hexDigit(buf[i + 2]) >= 0;
}

/**
 * A line cut to a readable length for an error message, in double quotes. Only printable ASCII
 * of a few safe characters is kept (others become '?'): an error message never carries markup.
 */
export function quoteLine(line: string, max = 60): string {
  const flat = line.trim().replace(/\t+/g, ' ');
  if (flat === '') return 'an empty line';
  const t = flat.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}'*[\]@#!?-]/g, '?');
  return `"${flat.length > max ? `${t}...` : t}"`;
}
