import { ByteArena, type ProfileBuilder, type TextFrame } from './build.js';
import type { LineScanner } from './lines.js';
import { decimalAt, hexDigit, isHexAt, quoteLine, skipHex } from './lines.js';

/** Hex digits that fit a double exactly (2^52): wider addresses, rare, go through bigints. */
const NARROW_HEX_DIGITS = 13;

/**
 * Addresses as location keys without a string per address: an address below 2^52 is its own key,
 * a wider one gets a negative key (−1 − its index here).
 */
export class AddressKeys {
  private readonly wide: bigint[] = [];
  private readonly wideIndex = new Map<bigint, number>();

  /** The key of the hex number in buf[from, to) ("0x" and digits), minus `minus`. */
  key(buf: Buffer, from: number, to: number, minus: number): number {
    if (to - from - 2 <= NARROW_HEX_DIGITS) {
      const v = hexValue(buf, from + 2, to) - minus;
      if (v >= 0) return v;
    }
    return this.wideKey(BigInt(buf.toString('latin1', from, to)) - BigInt(minus));
  }

  private wideKey(v: bigint): number {
    let i = this.wideIndex.get(v);
    if (i === undefined) {
      i = this.wide.length;
      this.wide.push(v);
      this.wideIndex.set(v, i);
    }
    return -1 - i;
  }

  /** The address a key stands for. */
  address(key: number): bigint {
    return key >= 0 ? BigInt(key) : this.wide[-1 - key];
  }
}

function hexValue(buf: Buffer, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 16 + hexDigit(buf[i]);
  return v;
}

/**
 * The `#\tpc\tfunction+offset\tfile:line` lines of one record of a debug=1 profile (`#\tpc` alone
 * for an unknown pc), in arrays reused from record to record.
 */
export class RecordFrames {
  length = 0;
  /** The pc as a location key (AddressKeys): the location's address. */
  readonly pc: number[] = [];
  /** pc − offset: frames with the same entry are in one compiled function (inlined into it). */
  readonly entry: (number | string)[] = [];
  /** String indices; name −1 for an unknown pc. */
  readonly name: number[] = [];
  readonly file: number[] = [];
  readonly line: number[] = [];

  /**
   * Frame lines already read, by pc: a pc symbolizes the same on every record, so a line whose bytes
   * after the pc repeat the first one's is copied from it instead of read again. Per entry: where
   * those bytes lie, and what was read from them.
   */
  readonly seen = new Map<number, number>();
  readonly seenBytes = new ByteArena();
  readonly seenStart: number[] = [];
  readonly seenLength: number[] = [];
  readonly seenEntry: (number | string)[] = [];
  readonly seenName: number[] = [];
  readonly seenFile: number[] = [];
  readonly seenLine: number[] = [];
  /** Per entry, the location made for its pc (−1 until then), so a stack needs no lookup by pc. */
  readonly seenLocation: number[] = [];
  /** Per frame of the record, its entry in the seen lines (−1 when its line differed from it). */
  readonly seenIndex: number[] = [];

  /** Ends the frame whose pc was just set as a copy of the seen line `seen` (same pc, same bytes). */
  pushSeen(seen: number): void {
    const n = this.length;
    this.entry[n] = this.seenEntry[seen];
    this.name[n] = this.seenName[seen];
    this.file[n] = this.seenFile[seen];
    this.line[n] = this.seenLine[seen];
    this.seenIndex[n] = seen;
    this.length = n + 1;
  }
}

const isSpace = (c: number) => c === 32 || c === 9;

/** Whether buf[i, end) (a line from its `#`) is a frame line: `#`, whitespace, `0x`. */
export function isFrameComment(buf: Buffer, i: number, end: number): boolean {
  let j = i + 1;
  if (j >= end || !isSpace(buf[j])) return false;
  while (j < end && isSpace(buf[j])) j++;
  return j + 1 < end && buf[j] === 48 && buf[j + 1] === 120;
}

/**
 * Reads the frame line at buf[i, end) (from its `#`, trailing whitespace cut; isFrameComment said
 * yes) into `frames`. A malformed frame is an error. (tabwriter pads the columns with more tabs; a
 * file name may hold spaces, so it is the rest of the line up to `:line`.)
 */
export function readFrameComment(
  lines: LineScanner,
  i: number,
  end: number,
  b: ProfileBuilder,
  keys: AddressKeys,
  frames: RecordFrames,
): void {
  const buf = lines.bytes;
  const bad = (): never =>
    lines.fail(`expected a frame "#<tab>0xPC<tab>function+0xOFFSET<tab>file:line", found ${quoteLine(lines.text())}`);
  let j = i + 1;
  while (isSpace(buf[j])) j++;
  const pcStart = j;
  if (!isHexAt(buf, j, end)) bad();
  const pcEnd = skipHex(buf, j + 2, end);
  const n = frames.length;
  const pc = keys.key(buf, pcStart, pcEnd, 0);
  frames.pc[n] = pc;
  const seen = frames.seen.get(pc);
  if (seen !== undefined && frames.seenLength[seen] === end - pcEnd && frames.seenBytes.equals(frames.seenStart[seen], buf, pcEnd, end)) {
    frames.pushSeen(seen);
    return;
  }
  readFrameTail(lines, pcStart, pcEnd, end, b, frames);
  frames.seenIndex[n] = -1;
  if (seen === undefined) {
    const e = frames.seenStart.length;
    frames.seenIndex[n] = e;
    frames.seenLocation.push(-1);
    frames.seen.set(pc, e);
    frames.seenStart.push(frames.seenBytes.add(buf, pcEnd, end));
    frames.seenLength.push(end - pcEnd);
    frames.seenEntry.push(frames.entry[n]);
    frames.seenName.push(frames.name[n]);
    frames.seenFile.push(frames.file[n]);
    frames.seenLine.push(frames.line[n]);
  }
  frames.length = n + 1;
}

/**
 * Takes the next line as a frame when it is `#`, whitespace, a pc read before and then the same
 * bytes as that pc's first line up to the line's end: nearly every frame line of a debug=1
 * profile repeats one seen before. Such a line is compared once, byte for byte, instead of being
 * scanned for its end, trimmed and parsed. False (nothing taken) for any other line, which
 * `next()` and `readFrameComment` then read as before.
 */
export function takeKnownFrameLine(lines: LineScanner, frames: RecordFrames): boolean {
  const from = lines.peekNext();
  if (from < 0) return false;
  const buf = lines.bytes;
  const limit = lines.windowEnd();
  let j = from + 1;
  if (buf[from] !== 35 /* # */ || j >= limit || !isSpace(buf[j])) return false;
  while (j < limit && isSpace(buf[j])) j++;
  if (!isHexAt(buf, j, limit)) return false;
  const k = skipHex(buf, j + 2, limit);
  if (k - j - 2 > NARROW_HEX_DIGITS) return false;
  const pc = hexValue(buf, j + 2, k);
  const seen = frames.seen.get(pc);
  if (seen === undefined) return false;
  const end = k + frames.seenLength[seen];
  let newline = end;
  if (newline < limit && buf[newline] === 13) newline++;
  if (newline >= limit || buf[newline] !== 10 || !frames.seenBytes.equals(frames.seenStart[seen], buf, k, end)) return false;
  lines.takeLine(end, newline);
  frames.pc[frames.length] = pc;
  frames.pushSeen(seen);
  return true;
}

/** The rest of a frame line after its pc, buf[pcEnd, end), into frames[frames.length]. */
function readFrameTail(lines: LineScanner, pcStart: number, pcEnd: number, end: number, b: ProfileBuilder, frames: RecordFrames): void {
  const buf = lines.bytes;
  const bad = (): never =>
    lines.fail(`expected a frame "#<tab>0xPC<tab>function+0xOFFSET<tab>file:line", found ${quoteLine(lines.text())}`);
  const n = frames.length;
  let j = pcEnd;
  while (j < end && isSpace(buf[j])) j++;
  if (j === end) {
    frames.entry[n] = frames.pc[n];
    frames.name[n] = -1;
    frames.file[n] = -1;
    frames.line[n] = 0;
    return;
  }
  if (j === pcEnd) bad();
  // function+0xOFFSET: the name is the token up to its last "+0x"
  const nameStart = j;
  while (j < end && !isSpace(buf[j])) j++;
  const tokenEnd = j;
  let k = tokenEnd;
  while (k > nameStart && hexDigit(buf[k - 1]) >= 0) k--;
  if (k === tokenEnd || k - 3 <= nameStart || buf[k - 1] !== 120 || buf[k - 2] !== 48 || buf[k - 3] !== 43) bad();
  const offStart = k - 2;
  const nameEnd = k - 3;
  while (j < end && isSpace(buf[j])) j++;
  if (j === tokenEnd) bad();
  // file:line
  const digitsStart = lastDigits(buf, j, end);
  if (digitsStart === end || digitsStart - 1 <= j || buf[digitsStart - 1] !== 58) bad();
  const narrow = pcEnd - pcStart - 2 <= NARROW_HEX_DIGITS && tokenEnd - offStart - 2 <= NARROW_HEX_DIGITS;
  frames.entry[n] = narrow
    ? hexValue(buf, pcStart + 2, pcEnd) - hexValue(buf, offStart + 2, tokenEnd)
    : String(BigInt(buf.toString('latin1', pcStart, pcEnd)) - BigInt(buf.toString('latin1', offStart, tokenEnd)));
  frames.name[n] = b.internBytes(buf, nameStart, nameEnd);
  frames.file[n] = b.internBytes(buf, j, digitsStart - 1);
  frames.line[n] = decimalAt(buf, digitsStart, end);
}

/** Start of the run of digits that ends at `end` (`end` when there is none). */
function lastDigits(buf: Buffer, from: number, end: number): number {
  let k = end;
  while (k > from && buf[k - 1] >= 48 && buf[k - 1] <= 57) k--;
  return k;
}

/** Whether buf[i, end) holds only spaces, `x` and hex digits: what may follow a record's `@`. */
export function onlyAddressBytes(buf: Buffer, i: number, end: number): boolean {
  for (let j = i; j < end; j++) if (buf[j] !== 32 && buf[j] !== 120 && hexDigit(buf[j]) < 0) return false;
  return true;
}

/**
 * The addresses after `@` of a record line, buf[i, end), as location keys of address − 1 (return
 * address → call instruction) into `out`; returns their count, or −1 when the line holds a byte
 * that no address list has (no record line: the caller says what it expected). A token of
 * address bytes that is no `0x…` address is an error.
 */
export function readAddresses(lines: LineScanner, i: number, end: number, keys: AddressKeys, out: number[]): number {
  const buf = lines.bytes;
  let n = 0;
  let j = i;
  for (;;) {
    while (j < end && buf[j] === 32) j++;
    if (j === end) return n;
    const start = j;
    j = isHexAt(buf, start, end) ? skipHex(buf, start + 2, end) : start;
    if (j === start || (j < end && buf[j] !== 32)) {
      if (!onlyAddressBytes(buf, start, end)) return -1;
      while (j < end && buf[j] !== 32) j++;
      lines.fail(`expected addresses "0x..." after "@", found ${quoteLine(buf.toString('latin1', start, j))}`);
    }
    out[n++] = keys.key(buf, start, j, 1);
  }
}

/**
 * Adds one record's stack (leaf first) to the sample being built. The `#` frames are the ones Go's
 * binary form keeps (the runtime hides the same leading runtime frames and runtime.goexit in both);
 * frames that were inlined into one compiled function become one location with several lines,
 * innermost first, as Go's binary form groups them. A record without `#` lines (an unsymbolized
 * profile) gets a location per address, moved back by 1 onto the call instruction as Go's
 * pprof does (go tool pprof of Go 1.19 moves every frame; newer ones all but the leaf). A `#`
 * line's pc is that same address.
 */
export function pushRecordStack(
  b: ProfileBuilder,
  keys: AddressKeys,
  frames: RecordFrames,
  addresses: readonly number[],
  nAddresses: number,
): void {
  if (frames.length === 0) {
    for (let k = 0; k < nAddresses; k++) {
      const key = addresses[k];
      const loc = b.findLocation(key);
      b.pushLocation(loc >= 0 ? loc : b.location(key, keys.address(key), []));
    }
    return;
  }
  let start = 0;
  for (let i = 1; i <= frames.length; i++) {
    if (i < frames.length && inlinedInto(frames, start, i)) continue;
    const seen = frames.seenIndex[start];
    let loc = seen >= 0 ? frames.seenLocation[seen] : -1;
    if (loc < 0) {
      const key = frames.pc[start];
      loc = b.findLocation(key);
      if (loc < 0) loc = b.location(key, keys.address(key), frames.name[start] >= 0 ? frameList(frames, start, i) : []);
      if (seen >= 0) frames.seenLocation[seen] = loc;
    }
    b.pushLocation(loc);
    start = i;
  }
}

function frameList(frames: RecordFrames, from: number, to: number): TextFrame[] {
  const out: TextFrame[] = [];
  for (let j = from; j < to; j++) out.push({ name: frames.name[j], file: frames.file[j], line: frames.line[j] });
  return out;
}

/**
 * Whether frames[i] is the caller of frames[i-1] within the same compiled function (the one
 * frames[start..i) are inlined into): same entry, and not a name seen in the group already (that
 * would be a real recursive call).
 */
function inlinedInto(frames: RecordFrames, start: number, i: number): boolean {
  const name = frames.name[i];
  if (name < 0 || frames.entry[i] !== frames.entry[i - 1]) return false;
  for (let j = start; j < i; j++) if (frames.name[j] === name || frames.name[j] < 0) return false;
  return true;
}
