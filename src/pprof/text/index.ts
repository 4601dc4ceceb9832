import type { DecodeLimits } from '../decode.js';
import type { TextForm } from '../format.js';
import type { Profile } from '../profile.js';
import { parseCountDebug1 } from './goroutine-debug1.js';
import { GOROUTINE_HEADER, parseGoroutineDebug2 } from './goroutine-debug2.js';
import { parseHeapDebug1 } from './heap.js';

/** Whether a goroutine header starts a line anywhere in the text: a dump after a test log or a panic message. */
function hasGoroutineHeader(bytes: Buffer): boolean {
  for (let at = bytes.indexOf('goroutine '); at >= 0; at = bytes.indexOf('goroutine ', at + 1)) {
    if (at > 0 && bytes[at - 1] !== 10) continue;
    let end = bytes.indexOf(10, at);
    if (end < 0) end = bytes.length;
    if (GOROUTINE_HEADER.test(bytes.toString('utf8', at, end))) return true;
  }
  return false;
}

/**
 * The profile in a Go text profile (decompressed bytes whose first line detectFormat read as
 * `form`), or null when the text is none that is read: a text of no known form is a goroutine
 * dump when a goroutine header appears anywhere in it (the log of a hung `go test`, a panic).
 */
export function decodeTextProfile(raw: Uint8Array, lim: DecodeLimits, form: TextForm | null): Profile | null {
  if (form === 'contention-debug1') return null;
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (form ?? (hasGoroutineHeader(bytes) ? 'goroutine-debug2' : null)) {
    case 'heap-debug1':
      return parseHeapDebug1(bytes, lim);
    case 'goroutine-debug1':
      return parseCountDebug1(bytes, lim);
    case 'goroutine-debug2':
      return parseGoroutineDebug2(bytes, lim);
    default:
      return null;
  }
}
