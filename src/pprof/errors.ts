/**
 * The one error type for input that is not a usable profile. Callers (CLI, action) turn it into a
 * one-line message naming the file; anything else escaping the decoder is a bug.
 */
export class ProfileError extends Error {
  /** File the profile came from, when known ('' otherwise). */
  file: string;
  /** What was wrong, without the file name. */
  reason: string;

  constructor(reason: string, file = '') {
    super(file ? `${file}: ${reason}` : reason);
    this.name = 'ProfileError';
    this.file = file;
    this.reason = reason;
  }

  /** The same error, attributed to a file. */
  withFile(file: string): ProfileError {
    return new ProfileError(this.reason, file);
  }
}

/** Printable ASCII of a few safe characters only: an error message never carries markup. */
export function quoteSafe(s: string, max = 40): string {
  const t = s.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}"'-]/g, '?');
  return s.length > max ? `${t}...` : t;
}
