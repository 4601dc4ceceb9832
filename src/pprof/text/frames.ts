import type { ProfileBuilder, TextFrame } from './build.js';
import type { LineScanner } from './lines.js';
import { quoteLine } from './lines.js';

/** A `#\tpc\tfunction+offset\tfile:line` line of a debug=1 profile (`#\tpc` alone for an unknown pc). */
export interface CommentFrame extends TextFrame {
  /** The pc as printed (lowercase hex with 0x), the location's address. */
  pc: string;
  /** pc − offset, in decimal: frames with the same entry are in one compiled function (inlined into it). */
  entry: string;
}

// (tabwriter pads the columns with more tabs; a file name may hold spaces, so it is the rest)
const FRAME_COMMENT = /^#\s+(0x[0-9a-fA-F]+)(?:\s+(\S+)\+(0x[0-9a-fA-F]+)\s+(.+):(\d+))?\s*$/;

/** The frame on a `#` line, null when the line is another comment; a malformed frame is an error. */
export function parseFrameComment(lines: LineScanner): CommentFrame | null {
  const text = lines.text;
  if (!/^#\s+0x/.test(text)) return null;
  const m = FRAME_COMMENT.exec(text);
  if (!m) lines.fail(`expected a frame "#<tab>0xPC<tab>function+0xOFFSET<tab>file:line", found ${quoteLine(text)}`);
  const pc = m[1].toLowerCase();
  if (m[2] === undefined) return { pc, entry: pc, name: '', file: '', line: 0 };
  // (addresses up to 2^52 in a double; wider ones, rare, as bigints)
  const entry = pc.length <= 15 ? String(parseInt(pc, 16) - parseInt(m[3], 16)) : String(BigInt(pc) - BigInt(m[3]));
  return { pc, entry, name: m[2], file: m[4], line: Number(m[5]) };
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
export function pushRecordStack(b: ProfileBuilder, frames: readonly CommentFrame[], addresses: readonly string[]): void {
  if (frames.length === 0) {
    addresses.forEach((hex) => {
      const address = BigInt(hex) - 1n;
      const key = `0x${address.toString(16)}`;
      b.pushLocation(b.location(key, () => address, []));
    });
    return;
  }
  let start = 0;
  for (let i = 1; i <= frames.length; i++) {
    if (i < frames.length && inlinedInto(frames, start, i)) continue;
    const first = frames[start];
    const from = start;
    b.pushLocation(
      b.location(
        first.pc,
        () => BigInt(first.pc),
        () => (first.name ? frames.slice(from, i) : []),
      ),
    );
    start = i;
  }
}

/**
 * Whether frames[i] is the caller of frames[i-1] within the same compiled function (the one
 * frames[start..i) are inlined into): same entry, and not a name seen in the group already (that
 * would be a real recursive call).
 */
function inlinedInto(frames: readonly CommentFrame[], start: number, i: number): boolean {
  const f = frames[i];
  if (!f.name || f.entry !== frames[i - 1].entry) return false;
  for (let j = start; j < i; j++) if (frames[j].name === f.name || !frames[j].name) return false;
  return true;
}
