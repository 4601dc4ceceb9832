/**
 * What a profile file holds, decided from its first bytes: the one place that tells gzip, a
 * profile.proto, Go's text profiles and the files that are something else apart.
 */
import { quoteSafe } from './errors.js';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

/** The text forms the Go runtime writes (`WriteTo(w, debug)` with debug ≥ 1, `runtime.Stack`). */
export type TextForm = 'heap-debug1' | 'goroutine-debug1' | 'goroutine-debug2' | 'contention-debug1';

export type ProfileFormat =
  | { kind: 'proto' }
  /** Text: one of Go's text profiles (`form`), or other text (`form` null). */
  | { kind: 'text'; form: TextForm | null; firstLine: string }
  | { kind: 'zip' }
  /** The binary CPU format of gperftools and of Go before 1.9. */
  | { kind: 'legacy-cpu' };

/** Bytes looked at to tell text from binary. */
const HEAD_BYTES = 256;

/**
 * The format of a profile after decompression. Anything not recognised as something else is
 * taken for a profile.proto, whose decoder then reports what is wrong with it: none of the other
 * formats can be a valid profile.proto (each starts with a byte that is no valid first tag).
 */
export function detectFormat(raw: Uint8Array): ProfileFormat {
  if (raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04) return { kind: 'zip' };
  if (isLegacyCpuHeader(raw)) return { kind: 'legacy-cpu' };
  const head = raw.subarray(0, HEAD_BYTES);
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return { kind: 'proto' };
  const firstLine = new TextDecoder().decode(head).trim().split(/\r?\n/, 1)[0] ?? '';
  return { kind: 'text', form: textForm(firstLine), firstLine };
}

function textForm(firstLine: string): TextForm | null {
  if (firstLine.startsWith('heap profile:')) return 'heap-debug1';
  if (firstLine.startsWith('goroutine profile:')) return 'goroutine-debug1';
  if (/^goroutine \d+ (gp=\S+ m=\S+ (mp=\S+ )?)?\[/.test(firstLine)) return 'goroutine-debug2';
  if (/^--- (contention|mutex)/.test(firstLine)) return 'contention-debug1';
  return null;
}

/**
 * The legacy CPU profile's header: the machine words 0, 3, 0 (header count, header words,
 * version; then the period and a 0), in 32 or 64 bits, either byte order, as pprof's parseCPU
 * accepts them.
 */
function isLegacyCpuHeader(raw: Uint8Array): boolean {
  for (const wordBytes of [4, 8]) {
    if (raw.length < 3 * wordBytes) continue;
    for (const littleEndian of [true, false]) {
      const word = (i: number): number => {
        let v = 0;
        for (let k = 0; k < wordBytes; k++) v = v * 256 + raw[i * wordBytes + (littleEndian ? wordBytes - 1 - k : k)];
        return v;
      };
      if (word(0) === 0 && word(1) === 3 && word(2) === 0) return true;
    }
  }
  return false;
}

/** Why a file of this format is not read, for "not a profile.proto: …"; '' for a profile.proto. */
export function describeFormat(format: ProfileFormat): string {
  switch (format.kind) {
    case 'proto':
      return '';
    case 'zip':
      return 'the file is a zip archive (unzip the artifact first)';
    case 'legacy-cpu':
      return 'the file is a legacy binary CPU profile (gperftools / Go < 1.9): convert it with `go tool pprof -proto`';
    case 'text': {
      // (heap and goroutine text profiles are read: a text that gets here is none of those)
      const hint =
        format.form === 'contention-debug1'
          ? ' - a pprof text profile of a kind not read in text (debug=1); write it with debug=0'
          : format.form
            ? ` - a Go text profile (${format.form})`
            : /^<(!doctype|html)/i.test(format.firstLine)
              ? ' - an HTML page'
              : /^(panic: |fatal error: |=== RUN|--- FAIL|FAIL\s|ok\s)/.test(format.firstLine)
                ? ' - a log with no goroutine dump in it (no line "goroutine N [status]:")'
                : '';
      return `the file is text, starting "${quoteSafe(format.firstLine)}"${hint}`;
    }
  }
}
