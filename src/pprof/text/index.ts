import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import type { TextForm } from '../format.js';
import type { Profile } from '../profile.js';
import { parseCountDebug1 } from './goroutine-debug1.js';
import { parseGoroutineDebug2 } from './goroutine-debug2.js';
import { parseHeapDebug1 } from './heap.js';
import type { TextSource } from './lines.js';

export type { TextSource } from './lines.js';

/**
 * The profile in a Go text profile (decompressed bytes, or a file read piece by piece, whose first
 * line detectFormat read as `form`), or null when the text is none that is read: a text of no
 * known form is a goroutine dump when a goroutine header appears anywhere in it (the log of a hung
 * `go test`, a panic).
 */
export function decodeTextProfile(source: TextSource, lim: DecodeLimits, form: TextForm | null): Profile | null {
  switch (form) {
    case 'heap-debug1':
      return parseHeapDebug1(source, lim);
    case 'goroutine-debug1':
      return parseCountDebug1(source, lim);
    case 'goroutine-debug2': {
      const p = parseGoroutineDebug2(source, lim);
      if (!p) throw new ProfileError('no goroutine in the text: expected a line "goroutine N [status]:"');
      return p;
    }
    case null:
      return parseGoroutineDebug2(source, lim);
    default:
      return null;
  }
}
