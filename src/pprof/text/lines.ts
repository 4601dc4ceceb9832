import { readSync } from 'node:fs';
import { ProfileError } from '../errors.js';

/**
 * Where a text profile's bytes come from: all of them in memory (a decompressed file), or an open
 * file read piece by piece after its first bytes `head`. Reading a file of tens of MB into one
 * fresh buffer costs more than parsing it (each new page of memory is a fault); a small window
 * that is reused costs almost nothing.
 */
export type TextSource = Buffer | { fd: number; head: Buffer; size: number };

/** Bytes of text a source holds (the file's size for a file). */
export function textBytes(source: TextSource): number {
  return Buffer.isBuffer(source) ? source.length : source.size;
}

/** Bytes read from a file at a time. */
const WINDOW_BYTES = 1 << 20;

/**
 * Reads a text profile line by line over its bytes, never decoding the whole file into a string
 * (a dump of 100k goroutines is tens of MB, and most of its lines repeat): `next()` moves to the
 * following line, `bytes[start, end)` are that line's bytes without its line ending, `number` its
 * 1-based line number. Parsers read the hot lines (frames, file:line, records) from the bytes and
 * ask for `text()` only for the rare ones. From a file, `bytes` is a window that moves on: indices
 * hold until the next call of `next()`, except that the line before stays readable
 * (`previousText()`), and so does a line `pin()`ned, until another is pinned. A line over
 * `maxLineLength` bytes is an error at that line, found before it is copied.
 */
export class LineScanner {
  bytes: Buffer;
  start = 0;
  end = 0;
  number = 0;
  private pos = 0;
  /** Bytes in `bytes` that hold data (all of them for a whole buffer). */
  private filled: number;
  private eof: boolean;
  private readonly fd: number;
  /** Offset in the text of bytes[0]. */
  private base = 0;
  private previousStart = -1;
  private previousEnd = -1;
  /** Text offsets of the pinned line, −1 when none. */
  private pinStart = -1;
  private pinEnd = -1;

  constructor(
    source: TextSource,
    private readonly maxLineLength: number,
  ) {
    if (Buffer.isBuffer(source)) {
      this.bytes = source;
      this.filled = source.length;
      this.eof = true;
      this.fd = -1;
    } else {
      this.bytes = Buffer.allocUnsafe(Math.max(WINDOW_BYTES, source.head.length));
      source.head.copy(this.bytes);
      this.filled = source.head.length;
      this.eof = false;
      this.fd = source.fd;
    }
  }

  /** Moves to the next line; false at the end of the text. */
  next(): boolean {
    if (this.pos >= this.filled && !this.fill()) return false;
    let end = this.pos;
    for (;;) {
      const buf = this.bytes;
      const n = this.filled;
      // (a plain loop: Buffer#indexOf costs more per call than a short line takes to scan)
      while (end < n && buf[end] !== 10) end++;
      if (end < n || this.eof) break;
      if (end - this.pos > this.maxLineLength) this.tooLong(`over ${this.maxLineLength}`);
      const moved = this.pos;
      this.fill();
      end -= moved - this.pos;
    }
    const buf = this.bytes;
    let stop = end;
    if (stop > this.pos && buf[stop - 1] === 13) stop--;
    this.takeLine(stop, end);
    return true;
  }

  private tooLong(length: string): never {
    throw new ProfileError(`line of ${length} bytes, over the limit of ${this.maxLineLength}`, '', this.number + 1);
  }

  /**
   * Reads more of the file after the data in the window, first moving what is still needed (the
   * line being read, the line before, the pinned line) to the window's start, or growing the
   * window when all of it is needed. False at the end of the file.
   */
  private fill(): boolean {
    if (this.eof) return false;
    // (the line last returned becomes the line before)
    let keep = Math.min(this.pos, this.start);
    if (this.pinStart >= this.base) keep = Math.min(keep, this.pinStart - this.base);
    if (keep > 0) {
      this.bytes.copyWithin(0, keep, this.filled);
      this.filled -= keep;
      this.base += keep;
      this.pos -= keep;
      this.start -= keep;
      this.end -= keep;
      this.previousStart -= keep;
      this.previousEnd -= keep;
    }
    if (this.filled === this.bytes.length) {
      const grown = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.filled);
      this.bytes = grown;
    }
    const read = readSync(this.fd, this.bytes, this.filled, this.bytes.length - this.filled, null);
    this.filled += read;
    if (read === 0) this.eof = true;
    return read > 0;
  }

  /**
   * Where the next line starts, when the window holds more bytes after it (−1 otherwise), for a
   * parser that recognises a line it read before by its bytes and then takes it with
   * `takeLine`, without scanning for its end first.
   */
  peekNext(): number {
    return this.pos < this.filled ? this.pos : -1;
  }

  /** Where the bytes held in the window end (how far a `peekNext` reader may look). */
  windowEnd(): number {
    return this.filled;
  }

  /**
   * Moves to the line that starts at peekNext(), whose text ends at `end` and whose line ending
   * (a `\n` that the caller found, maybe after a `\r`) is at `newline`: what `next()` would
   * have done for it.
   */
  takeLine(end: number, newline: number): void {
    if (end - this.pos > this.maxLineLength) this.tooLong(String(end - this.pos));
    this.number++;
    this.previousStart = this.start;
    this.previousEnd = this.end;
    this.start = this.pos;
    this.end = end;
    this.pos = newline + 1;
  }

  /** The current line as a string. */
  text(): string {
    return this.bytes.toString('utf8', this.start, this.end);
  }

  /** The line before the current one as a string. */
  previousText(): string {
    return this.previousStart < 0 ? '' : this.bytes.toString('utf8', this.previousStart, this.previousEnd);
  }

  /** Keeps bytes[from, to) of the current line readable (pinnedText) until another line is pinned. */
  pin(from: number, to: number): void {
    this.pinStart = this.base + from;
    this.pinEnd = this.base + to;
  }

  /** The pinned bytes as a string ('' when none). */
  pinnedText(): string {
    return this.pinStart < 0 ? '' : this.bytes.toString('utf8', this.pinStart - this.base, this.pinEnd - this.base);
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

/** Hex digit values by byte, −1 for a byte that is no hex digit (one load per byte in the hot loops). */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let c = 0; c < 256; c++) {
  if (c >= 48 && c <= 57) HEX_VALUE[c] = c - 48;
  else if ((c | 32) >= 97 && (c | 32) <= 102) HEX_VALUE[c] = (c | 32) - 87;
}

/** Value of a hex digit byte, -1 for another byte (`c` is a byte read inside the buffer). */
export function hexDigit(c: number): number {
  return HEX_VALUE[c];
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
