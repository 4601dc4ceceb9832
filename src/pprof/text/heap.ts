import type { DecodeLimits } from '../decode.js';
import type { Profile, ValueType } from '../profile.js';
import { ProfileBuilder } from './build.js';
import { type CommentFrame, parseFrameComment, pushRecordStack } from './frames.js';
import { LineScanner, quoteLine } from './lines.js';

const HEADER = /^heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const RECORD = /^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *\] *@([ x0-9a-fA-F]*)$/;
const MEMORY_MAP = /--- Memory map: ---|MAPPED_LIBRARIES:/;
const MEMSTAT = /^#\s*(\w+) = (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?: \/ (\d+))?\s*$/;

/**
 * The values of one sample as go tool pprof reads this format (google/pprof's legacy parser):
 * the raw counts and bytes of a sampled profile are scaled up by 1/(1 − e^(−avg/rate)), the
 * chance that an allocation of the average size was sampled, each product truncated to an
 * integer; a rate of 1 (MemProfileRate = 1) records everything and is not scaled.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const scale = 1 / (1 - Math.exp(-(size / count) / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

/**
 * Reads a heap profile written with debug=1 (`/debug/pprof/heap?debug=1`): the header's rate gives
 * the period (Go writes 2 × MemProfileRate, pprof halves it), each record becomes a sample with
 * pprof's values and its `bytes` label, the `#` frames give names, files and lines, and the
 * `# runtime.MemStats` block is kept as memStats.
 */
export function parseHeapDebug1(text: string, lim: DecodeLimits): Profile {
  const lines: LineScanner = new LineScanner(text, lim.maxStringLength);
  while (lines.next() && lines.text.trim() === '');
  const header = HEADER.exec(lines.text.trim());
  if (!header) lines.fail(`expected the header "heap profile: N: B [N: B] @ heap/RATE", found ${quoteLine(lines.text)}`);
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

  const b = new ProfileBuilder(lim, sampleTypes.length);
  let memStats: Map<string, number> | null = null;
  let inMemStats = false;
  let record: { values: number[]; blockSize: number; addresses: string[]; frames: CommentFrame[] } | null = null;
  // What the line before was, described only when an error needs it.
  let previous = { kind: 'the header', text: '' };
  const describePrevious = () => (previous.text ? `${previous.kind} ${quoteLine(previous.text)}` : previous.kind);
  const flush = () => {
    if (!record) return;
    // (a record without addresses has nowhere to go: pprof drops it, and so do we)
    if (record.addresses.length === 0) {
      record = null;
      return;
    }
    pushRecordStack(b, record.frames, record.addresses);
    b.numberLabel('bytes', record.blockSize);
    b.endSample(record.values);
    record = null;
  };
  while (lines.next()) {
    b.line = lines.number;
    const line = lines.text.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (inMemStats) {
        const m = MEMSTAT.exec(line);
        if (m && m[3] !== undefined) {
          memStats!.set(`${m[1]}Inuse`, Number(m[2]));
          memStats!.set(`${m[1]}Sys`, Number(m[3]));
        } else if (m) memStats!.set(m[1], Number(m[2]));
        continue;
      }
      if (/^#\s*runtime\.MemStats\s*$/.test(line)) {
        flush();
        inMemStats = true;
        memStats = new Map();
        continue;
      }
      const frame = parseFrameComment(lines);
      if (frame && record) {
        record.frames.push(frame);
        previous = { kind: 'the frame', text: line };
      } else if (frame) lines.fail(`expected a record "N: B [N: B] @ addresses" before the frame ${quoteLine(line)}`);
      continue;
    }
    if (MEMORY_MAP.test(line)) break;
    if (inMemStats) lines.fail(`expected "# name = value" in the runtime.MemStats block, found ${quoteLine(line)}`);
    const m = RECORD.exec(line);
    if (!m) lines.fail(`expected a record "N: B [N: B] @ addresses" after ${describePrevious()}, found ${quoteLine(line)}`);
    flush();
    const values: number[] = [];
    let blockSize = 0;
    const add = (countText: string, sizeText: string, what: string) => {
      let count = Number(countText);
      let size = Number(sizeText);
      if (count === 0 && size !== 0) lines.fail(`${what} count is 0 but ${what} bytes is ${size}`);
      if (count !== 0) {
        blockSize = Math.trunc(size / count);
        if (sampled) [count, size] = scaleHeapSample(count, size, period);
      }
      values.push(count, size);
    };
    if (hasAlloc) add(m[3], m[4], 'allocation');
    add(m[1], m[2], 'inuse');
    const addresses = m[5].trim() === '' ? [] : m[5].trim().split(/\s+/);
    for (const a of addresses) if (!/^0x[0-9a-fA-F]+$/.test(a)) lines.fail(`expected addresses "0x..." after "@", found ${quoteLine(a)}`);
    record = { values, blockSize, addresses, frames: [] };
    previous = { kind: 'the record', text: line };
  }
  flush();
  return b.finish({ format: 'heap-debug1', sampleTypes, periodType: { type: 'space', unit: 'bytes' }, period: BigInt(period), memStats });
}
