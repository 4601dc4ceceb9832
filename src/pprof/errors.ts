/**
 * The one error type for input that is not a usable profile. Callers (CLI, action) turn it into a
 * one-line message naming the file; anything else escaping the decoder is a bug.
 */
export class ProfileError extends Error {
  /** File the profile came from, when known ('' otherwise). */
  file: string;
  /** What was wrong, without the file name. */
  reason: string;
  /** 1-based line of a text profile the problem is on, 0 when it has none. */
  line: number;

  constructor(reason: string, file = '', line = 0) {
    super(describe(reason, file, line));
    this.name = 'ProfileError';
    this.file = file;
    this.reason = reason;
    this.line = line;
  }

  /** "file:line: reason" with the file shown as the caller names it (e.g. relative to the workspace). */
  describe(shownFile: string): string {
    return describe(this.reason, shownFile, this.line);
  }

  /** The same error, attributed to a file. */
  withFile(file: string): ProfileError {
    return new ProfileError(this.reason, file, this.line);
  }
}

function describe(reason: string, file: string, line: number): string {
  const where = line > 0 ? (file ? `${file}:${line}` : `line ${line}`) : file;
  return where ? `${where}: ${reason}` : reason;
}

/** Printable ASCII of a few safe characters only: an error message never carries markup. */
export function quoteSafe(s: string, max = 40): string {
  const t = s.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}"'-]/g, '?');
  return s.length > max ? `${t}...` : t;
}
