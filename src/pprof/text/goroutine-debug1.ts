import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import type { Profile } from '../profile.js';
import { ProfileBuilder } from './build.js';
import { AddressKeys, isFrameComment, pushRecordStack, readAddresses, readFrameComment, RecordFrames } from './frames.js';
import { parseLabelSet } from './goquote.js';
import { decimalAt, LineScanner, quoteLine, skipDigits, textBytes, type TextSource, trimmedEnd } from './lines.js';

const HEADER = /^(\w+) profile: total (\d+)$/;

/**
 * Reads a count profile written with debug=1 (`/debug/pprof/goroutine?debug=1`, also threadcreate):
 * `count @ addresses` records with their `#` frames and `# labels: {…}` line. One sample per
 * record, its labels as string labels. The header's total must match the records (a file cut
 * short is an error, not a smaller profile).
 */
export function parseCountDebug1(source: TextSource, lim: DecodeLimits): Profile {
  const lines: LineScanner = new LineScanner(source, lim.maxStringLength);
  while (lines.next() && (lines.isBlank() || lines.bytes[lines.start] === 35));
  const header = HEADER.exec(lines.text().trim());
  if (!header) lines.fail(`expected the header "goroutine profile: total N", found ${quoteLine(lines.text())}`);
  const name = header[1];
  const total = Number(header[2]);
  const headerLine = lines.number;

  const b = new ProfileBuilder(lim, 1, textBytes(source));
  const keys = new AddressKeys();
  const frames = new RecordFrames();
  const addresses: number[] = [];
  let nAddresses = 0;
  let count = 0;
  let inRecord = false;
  const labels: [string, string][] = [];
  // What the record or frame line before was (kept by the scanner), described only when an error needs it.
  let previousKind = 'the header';
  const describePrevious = () => (previousKind === 'the header' ? previousKind : `${previousKind} ${quoteLine(lines.pinnedText())}`);
  let sum = 0;
  const flush = () => {
    if (!inRecord) return;
    inRecord = false;
    pushRecordStack(b, keys, frames, addresses, nAddresses);
    for (const [k, v] of labels) b.stringLabel(k, v);
    b.endSample([count]);
  };
  while (lines.next()) {
    b.line = lines.number;
    const bytes = lines.bytes;
    const i = lines.firstNonBlank();
    const end = trimmedEnd(bytes, i, lines.end);
    if (i === end) continue;
    if (bytes[i] === 45 && bytes[i + 1] === 45 && bytes[i + 2] === 45) break; // ---
    if (bytes[i] === 35 /* # */) {
      if (isFrameComment(bytes, i, end)) {
        if (!inRecord) lines.fail(`expected a record "N @ addresses" before the frame ${quoteLine(lines.text())}`);
        readFrameComment(lines, i, end, b, keys, frames);
        previousKind = 'the frame';
        lines.pin(i, end);
        continue;
      }
      const line = lines.text().trim();
      const labelText = /^#\s*labels:\s*(.*)$/.exec(line);
      if (labelText) {
        const set = parseLabelSet(labelText[1]);
        if (!set) lines.fail(`expected labels {"key":"value", ...} after "# labels:", found ${quoteLine(labelText[1])}`);
        if (!inRecord) lines.fail(`expected a record "N @ addresses" before ${quoteLine(line)}`);
        labels.push(...set);
      }
      continue;
    }
    // `count @ addresses`
    const digitsEnd = skipDigits(bytes, i, end);
    const at = digitsEnd > i && bytes[digitsEnd] === 32 && bytes[digitsEnd + 1] === 64 /* @ */ ? digitsEnd + 2 : -1;
    if (at >= 0) {
      flush();
      nAddresses = readAddresses(lines, at, end, keys, addresses);
    }
    if (at < 0 || nAddresses < 0) {
      lines.fail(`expected a record "N @ addresses" after ${describePrevious()}, found ${quoteLine(lines.text())}`);
    }
    count = decimalAt(bytes, i, digitsEnd);
    sum += count;
    frames.length = 0;
    labels.length = 0;
    inRecord = true;
    previousKind = 'the record';
    lines.pin(i, end);
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
