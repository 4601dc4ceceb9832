import { ProfileError } from '../errors.js';

/**
 * Reads a text profile line by line without splitting it into an array (a dump of a million
 * goroutines is tens of millions of lines): `next()` moves to the following line, `text` is that
 * line without its line ending, `number` its 1-based line number. A line over `maxLineLength`
 * is an error at that line, found before the line is copied.
 */
export class LineScanner {
  text = '';
  number = 0;
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly maxLineLength: number,
  ) {}

  /** Moves to the next line; false at the end of the text. */
  next(): boolean {
    const src = this.source;
    if (this.pos >= src.length) return false;
    let end = src.indexOf('\n', this.pos);
    if (end < 0) end = src.length;
    let stop = end;
    if (stop > this.pos && src.charCodeAt(stop - 1) === 13) stop--;
    this.number++;
    if (stop - this.pos > this.maxLineLength) {
      throw new ProfileError(`line of ${stop - this.pos} characters, over the limit of ${this.maxLineLength}`, '', this.number);
    }
    this.text = src.slice(this.pos, stop);
    this.pos = end + 1;
    return true;
  }

  /** Error at the current line. */
  fail(reason: string): never {
    throw new ProfileError(reason, '', this.number);
  }
}

/**
 * A line cut to a readable length for an error message, in double quotes. Only printable ASCII
 * of a few safe characters is kept (others become '?'): an error message never carries markup.
 */
export function quoteLine(line: string, max = 60): string {
  const flat = line.trim().replace(/\t+/g, ' ');
  if (flat === '') return 'an empty line';
  const t = flat.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}'*[\]@#!?-]/g, '?');
  return `"${flat.length > max ? `${t}...` : t}"`;
}
