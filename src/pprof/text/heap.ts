import type { DecodeLimits } from '../decode.js';
import type { Profile, ValueType } from '../profile.js';
import { ProfileBuilder } from './build.js';
import {
  AddressKeys,
  isFrameComment,
  pushRecordStack,
  readAddresses,
  readFrameComment,
  RecordFrames,
  takeKnownFrameLine,
} from './frames.js';
import { decimalAt, LineScanner, quoteLine, skipDigits, textBytes, type TextSource, trimmedEnd } from './lines.js';

const HEADER = /^heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const MEMORY_MAP = /--- Memory map: ---|MAPPED_LIBRARIES:/;
const MEMSTAT = /^#\s*(\w+) = (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?: \/ (\d+))?\s*$/;

/**
 * What go tool pprof (google/pprof's legacy parser) multiplies a sample's count and bytes by in
 * this format, each product then truncated to an integer: 1/(1 − e^(−avg/rate)), the chance that
 * an allocation of the average size was sampled. A rate of 1 (MemProfileRate = 1) records
 * everything and is not scaled; a sample without bytes becomes 0.
 */
export function heapSampleScale(count: number, size: number, rate: number): number {
  if (count === 0 || size === 0) return 0;
  if (rate <= 1) return 1;
  return 1 / (1 - Math.exp(-(size / count) / rate));
}

/**
 * The numbers of a record line `inuse_count: inuse_bytes [alloc_count: alloc_bytes] @ addresses`,
 * read from its bytes.
 */
class RecordNumbers {
  inuseCount = 0;
  inuseBytes = 0;
  allocCount = 0;
  allocBytes = 0;
  private pos = 0;

  /**
   * Reads buf[i, end) up to its `@`; the index of the addresses after it, or −1 when the line is
   * no record (readAddresses checks the rest).
   */
  read(buf: Buffer, i: number, end: number): number {
    this.pos = i;
    const inuseCount = this.number(buf, end, true);
    if (inuseCount === null || !this.expect(buf, end, 58 /* : */, false)) return -1;
    const inuseBytes = this.number(buf, end, true);
    if (inuseBytes === null || !this.expect(buf, end, 91 /* [ */, true)) return -1;
    this.spaces(buf, end);
    const allocCount = this.number(buf, end, false);
    if (allocCount === null || !this.expect(buf, end, 58, false)) return -1;
    const allocBytes = this.number(buf, end, false);
    if (allocBytes === null || !this.expect(buf, end, 93 /* ] */, true) || !this.expect(buf, end, 64 /* @ */, true)) return -1;
    const at = this.pos;
    this.inuseCount = inuseCount;
    this.inuseBytes = inuseBytes;
    this.allocCount = allocCount;
    this.allocBytes = allocBytes;
    return at;
  }

  /** `-?\d+` (the sign when `signed`), then spaces. */
  private number(buf: Buffer, end: number, signed: boolean): number | null {
    let i = this.pos;
    const negative = signed && buf[i] === 45;
    if (negative) i++;
    const digitsEnd = skipDigits(buf, i, end);
    if (digitsEnd === i) return null;
    const v = decimalAt(buf, i, digitsEnd);
    this.pos = digitsEnd;
    this.spaces(buf, end);
    return negative ? -v : v;
  }

  /** The byte `c` (after spaces when `spacesBefore`), then spaces. */
  private expect(buf: Buffer, end: number, c: number, spacesBefore: boolean): boolean {
    if (spacesBefore) this.spaces(buf, end);
    if (this.pos >= end || buf[this.pos] !== c) return false;
    this.pos++;
    this.spaces(buf, end);
    return true;
  }

  private spaces(buf: Buffer, end: number): void {
    while (this.pos < end && buf[this.pos] === 32) this.pos++;
  }
}

/**
 * Reads a heap profile written with debug=1 (`/debug/pprof/heap?debug=1`): the header's rate gives
 * the period (Go writes 2 × MemProfileRate, pprof halves it), each record becomes a sample with
 * pprof's values and its `bytes` label, the `#` frames give names, files and lines, and the
 * `# runtime.MemStats` block is kept as memStats. Records and frames, nearly every line, are read
 * from the bytes; the header and MemStats lines as text.
 */
export function parseHeapDebug1(source: TextSource, lim: DecodeLimits): Profile {
  const lines: LineScanner = new LineScanner(source, lim.maxStringLength);
  while (lines.next() && lines.isBlank());
  const header = HEADER.exec(lines.text().trim());
  if (!header) lines.fail(`expected the header "heap profile: N: B [N: B] @ heap/RATE", found ${quoteLine(lines.text())}`);
  const [, inuseCount, inuseBytes, allocCount, allocBytes, kind, rateText] = header;
  let period = rateText ? Number(rateText) : 0;
  let sampled = true;
  if (kind === 'heap') period = Math.trunc(period / 2);
  else if (kind === 'heapprofile') {
    period = 1;
    sampled = false;
  } else if (kind !== 'heapz_v2' && kind !== 'heap_v2') lines.fail(`unknown heap profile kind "${kind}" (expected heap/RATE)`);
  // pprof's quirk: when the header's alloc numbers repeat the inuse ones (or are 0), it reads the
  // profile as one with two types, objects and space.
  const hasAlloc = (allocCount !== inuseCount && allocCount !== '0') || (allocBytes !== inuseBytes && allocBytes !== '0');
  const sampleTypes: ValueType[] = hasAlloc
    ? [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ]
    : [
        { type: 'objects', unit: 'count' },
        { type: 'space', unit: 'bytes' },
      ];

  const b = new ProfileBuilder(lim, sampleTypes.length, textBytes(source));
  // (interned at the first record, where the string table always had it)
  let bytesKey = -1;
  const keys = new AddressKeys();
  const frames = new RecordFrames();
  const addresses: number[] = [];
  let nAddresses = 0;
  const values: number[] = [];
  let blockSize = 0;
  let inRecord = false;
  let memStats: Map<string, number> | null = null;
  let inMemStats = false;
  // What the record or frame line before was (kept by the scanner), described only when an error needs it.
  let previousKind = 'the header';
  const describePrevious = () => (previousKind === 'the header' ? previousKind : `${previousKind} ${quoteLine(lines.pinnedText())}`);
  const flush = () => {
    if (!inRecord) return;
    inRecord = false;
    // (a record without addresses has nowhere to go: pprof drops it, and so do we)
    if (nAddresses === 0) return;
    pushRecordStack(b, keys, frames, addresses, nAddresses);
    if (bytesKey < 0) bytesKey = b.intern('bytes');
    b.label(bytesKey, 0, blockSize, 0);
    b.endSample(values);
  };
  const add = (count: number, size: number, what: string) => {
    if (count === 0 && size !== 0) lines.fail(`${what} count is 0 but ${what} bytes is ${size}`);
    if (count !== 0) {
      blockSize = Math.trunc(size / count);
      if (sampled) {
        const scale = heapSampleScale(count, size, period);
        count = Math.trunc(count * scale);
        size = Math.trunc(size * scale);
      }
    }
    values.push(count, size);
  };
  const record = new RecordNumbers();
  for (;;) {
    if (inRecord && takeKnownFrameLine(lines, frames)) {
      previousKind = 'the frame';
      lines.pin(lines.start, lines.end);
      continue;
    }
    if (!lines.next()) break;
    b.line = lines.number;
    const bytes = lines.bytes;
    const i = lines.firstNonBlank();
    const end = trimmedEnd(bytes, i, lines.end);
    if (i === end) continue;
    if (bytes[i] === 35 /* # */) {
      if (inMemStats) {
        const m = MEMSTAT.exec(lines.text().trim());
        if (m && m[3] !== undefined) {
          memStats!.set(`${m[1]}Inuse`, Number(m[2]));
          memStats!.set(`${m[1]}Sys`, Number(m[3]));
        } else if (m) memStats!.set(m[1], Number(m[2]));
        continue;
      }
      if (isFrameComment(bytes, i, end)) {
        if (!inRecord) lines.fail(`expected a record "N: B [N: B] @ addresses" before the frame ${quoteLine(lines.text())}`);
        readFrameComment(lines, i, end, b, keys, frames);
        previousKind = 'the frame';
        lines.pin(i, end);
      } else if (/^#\s*runtime\.MemStats\s*$/.test(lines.text().trim())) {
        flush();
        inMemStats = true;
        memStats = new Map();
      }
      continue;
    }
    const at = inMemStats ? -1 : record.read(bytes, i, end);
    if (at >= 0) {
      flush();
      nAddresses = readAddresses(lines, at, end, keys, addresses);
    }
    if (at < 0 || nAddresses < 0) {
      if (MEMORY_MAP.test(lines.text())) break;
      if (inMemStats) lines.fail(`expected "# name = value" in the runtime.MemStats block, found ${quoteLine(lines.text())}`);
      lines.fail(`expected a record "N: B [N: B] @ addresses" after ${describePrevious()}, found ${quoteLine(lines.text())}`);
    }
    values.length = 0;
    blockSize = 0;
    if (hasAlloc) add(record.allocCount, record.allocBytes, 'allocation');
    add(record.inuseCount, record.inuseBytes, 'inuse');
    frames.length = 0;
    inRecord = true;
    previousKind = 'the record';
    lines.pin(i, end);
  }
  flush();
  return b.finish({ format: 'heap-debug1', sampleTypes, periodType: { type: 'space', unit: 'bytes' }, period: BigInt(period), memStats });
}
