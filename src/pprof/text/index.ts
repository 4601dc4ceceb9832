import type { DecodeLimits } from '../decode.js';
import type { TextForm } from '../format.js';
import type { Profile } from '../profile.js';
import { parseCountDebug1 } from './goroutine-debug1.js';
import { parseGoroutineDebug2 } from './goroutine-debug2.js';
import { parseHeapDebug1 } from './heap.js';

/** A goroutine header anywhere in the text: a dump after a test log or a panic message. */
const DUMP_HEADER = /^goroutine \d+(?: [a-z]+=\S+)* \[[^\]\n]*\]:[ \t\r]*$/m;

/**
 * The profile in a Go text profile (decompressed bytes whose first line detectFormat read as
 * `form`), or null when the text is none that is read: a text of no known form is a goroutine
 * dump when a goroutine header appears anywhere in it (the log of a hung `go test`, a panic).
 */
export function decodeTextProfile(raw: Uint8Array, lim: DecodeLimits, form: TextForm | null): Profile | null {
  if (form === 'contention-debug1') return null;
  // (Buffer's decoder: several times faster than TextDecoder on tens of MB)
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  switch (form ?? (DUMP_HEADER.test(text) ? 'goroutine-debug2' : null)) {
    case 'heap-debug1':
      return parseHeapDebug1(text, lim);
    case 'goroutine-debug1':
      return parseCountDebug1(text, lim);
    case 'goroutine-debug2':
      return parseGoroutineDebug2(text, lim);
    default:
      return null;
  }
}
