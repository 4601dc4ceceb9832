import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import type { Profile } from '../profile.js';
import { ProfileBuilder } from './build.js';
import { type CommentFrame, parseFrameComment, pushRecordStack } from './frames.js';
import { parseLabelSet } from './goquote.js';
import { LineScanner, quoteLine } from './lines.js';

const HEADER = /^(\w+) profile: total (\d+)$/;
const RECORD = /^(\d+) @((?: 0x[0-9a-fA-F]+)*)$/;

/**
 * Reads a count profile written with debug=1 (`/debug/pprof/goroutine?debug=1`, also threadcreate):
 * `count @ addresses` records with their `#` frames and `# labels: {…}` line. One sample per
 * record, its labels as string labels. The header's total must match the records (a file cut
 * short is an error, not a smaller profile).
 */
export function parseCountDebug1(text: string, lim: DecodeLimits): Profile {
  const lines: LineScanner = new LineScanner(text, lim.maxStringLength);
  while (lines.next() && (lines.text.trim() === '' || lines.text.startsWith('#')));
  const header = HEADER.exec(lines.text.trim());
  if (!header) lines.fail(`expected the header "goroutine profile: total N", found ${quoteLine(lines.text)}`);
  const name = header[1];
  const total = Number(header[2]);
  const headerLine = lines.number;

  const b = new ProfileBuilder(lim, 1);
  let record: { count: number; addresses: string[]; frames: CommentFrame[]; labels: [string, string][] } | null = null;
  // What the line before was, described only when an error needs it.
  let previous = { kind: 'the header', text: '' };
  const describePrevious = () => (previous.text ? `${previous.kind} ${quoteLine(previous.text)}` : previous.kind);
  let sum = 0;
  const flush = () => {
    if (!record) return;
    pushRecordStack(b, record.frames, record.addresses);
    for (const [k, v] of record.labels) b.stringLabel(k, v);
    b.endSample([record.count]);
    record = null;
  };
  while (lines.next()) {
    b.line = lines.number;
    const line = lines.text.trim();
    if (line === '') continue;
    if (line.startsWith('---')) break;
    if (line.startsWith('#')) {
      const labels = /^#\s*labels:\s*(.*)$/.exec(line);
      if (labels) {
        const set = parseLabelSet(labels[1]);
        if (!set) lines.fail(`expected labels {"key":"value", ...} after "# labels:", found ${quoteLine(labels[1])}`);
        if (!record) lines.fail(`expected a record "N @ addresses" before ${quoteLine(line)}`);
        record.labels.push(...set);
        continue;
      }
      const frame = parseFrameComment(lines);
      if (frame && record) {
        record.frames.push(frame);
        previous = { kind: 'the frame', text: line };
      } else if (frame) lines.fail(`expected a record "N @ addresses" before the frame ${quoteLine(line)}`);
      continue;
    }
    const m = RECORD.exec(line);
    if (!m) lines.fail(`expected a record "N @ addresses" after ${describePrevious()}, found ${quoteLine(line)}`);
    flush();
    const count = Number(m[1]);
    sum += count;
    record = { count, addresses: m[2].trim() === '' ? [] : m[2].trim().split(' '), frames: [], labels: [] };
    previous = { kind: 'the record', text: line };
  }
  flush();
  if (sum !== total) {
    throw new ProfileError(`the header says total ${total} but the records add up to ${sum} (is the file cut short?)`, '', headerLine);
  }
  return b.finish({
    format: 'goroutine-debug1',
    sampleTypes: [{ type: name, unit: 'count' }],
    periodType: { type: name, unit: 'count' },
    period: 1n,
  });
}
