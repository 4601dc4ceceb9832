import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import type { Profile } from '../profile.js';
import { ProfileBuilder, type TextFrame } from './build.js';
import { LineScanner, quoteLine } from './lines.js';

/** `goroutine 6 [chan send, 12 minutes]:`, or with `gp=… m=… mp=…` before the bracket (newer runtimes). */
export const GOROUTINE_HEADER = /^goroutine (\d+)((?: [a-z]+=\S+)*) \[([^\]]*)\]:\s*$/;
const CREATED_BY = /^created by (\S+?)(?: in goroutine (\d+))?\s*$/;
const ELIDED = /^\.\.\.(?:additional frames elided|\d+ frames elided)\.\.\.\s*$/;
const ANCESTOR = /^\[originating from goroutine \d+\]:\s*$/;
const UNAVAILABLE = /^\s+goroutine running on other thread; stack unavailable\s*$/;

interface Goroutine {
  id: number;
  state: string;
  minutes: number;
  locked: boolean;
  /** `key`: what identifies the frame's location (name, file and line). */
  frames: (TextFrame & { inlined: boolean; key: string })[];
  createdBy: string;
  createdAt: string;
  parent: number;
  /** Stack printed ("goroutine running on other thread; stack unavailable" also counts). */
  hasStack: boolean;
  headerText: string;
  headerLine: number;
}

/**
 * `\t/src/app/main.go:12 +0x1d` (the offset absent for an inlined frame; ` fp=… sp=… pc=…` after it
 * under GOTRACEBACK=system): the file (which may hold spaces and a drive letter) and the line.
 * Parsed by hand: it is every other line of a dump.
 */
function parseFileLine(text: string): { file: string; line: number; offset: boolean } | null {
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) === 9 || text.charCodeAt(start) === 32)) start++;
  if (start === 0) return null;
  let end = text.length;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  const fp = text.lastIndexOf(' fp=0x', end);
  if (fp > start) end = fp;
  const plus = text.lastIndexOf(' +0x', end);
  const offset = plus > start;
  if (offset) end = plus;
  const colon = text.lastIndexOf(':', end - 1);
  if (colon <= start || colon === end - 1) return null;
  let line = 0;
  for (let i = colon + 1; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    line = line * 10 + c;
  }
  return { file: text.slice(start, colon), line, offset };
}

/** The status in a goroutine header's brackets, split into what the runtime states. */
function parseStatus(bracket: string): { state: string; minutes: number; locked: boolean } {
  const parts = bracket.split(', ');
  let minutes = 0;
  let locked = false;
  for (const p of parts.slice(1)) {
    const m = /^(\d+) minutes$/.exec(p);
    if (m) minutes = Number(m[1]);
    else if (p === 'locked to thread') locked = true;
  }
  // (" (scan)": the garbage collector was scanning the stack at that instant, not a wait reason)
  return { state: parts[0].replace(/ \(scan\)$/, ''), minutes, locked };
}

/** `pkg.f(args)` → pkg.f; null when the line is not a frame (the args are the last balanced parentheses). */
function frameName(line: string): string | null {
  if (!line.endsWith(')') || /^\s/.test(line)) return null;
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40 && --depth === 0) {
      const name = line.slice(0, i);
      return name !== '' && !/\s/.test(name) ? name : null;
    }
  }
  return null;
}

/**
 * Reads a goroutine dump as Go prints it for `/debug/pprof/goroutine?debug=2`, `runtime.Stack(buf,
 * true)`, SIGQUIT, an unrecovered panic or a `go test -timeout`: one sample per goroutine (value
 * 1, type goroutine/count), with the runtime's stated status, wait minutes, thread lock and
 * creation site as labels. Text before the first goroutine and after the last (a test log,
 * `panic: …`, `exit status 2`, register dumps) is skipped; goroutine 0 (a thread's own stack in
 * crash dumps) is no goroutine and is left out. A frame without its `file:line` line is an error.
 */
export function parseGoroutineDebug2(text: string, lim: DecodeLimits): Profile {
  const lines: LineScanner = new LineScanner(text, lim.maxStringLength);
  const b = new ProfileBuilder(lim, 1);
  let g: Goroutine | null = null;
  let inAncestor = false;
  let seen = 0;

  const finish = () => {
    if (!g) return;
    const cur: Goroutine = g;
    g = null;
    inAncestor = false;
    if (!cur.hasStack) lines.fail(`expected a frame "function(args)" after ${quoteLine(cur.headerText)}`);
    if (cur.id === 0) return;
    b.line = cur.headerLine; // (a limit passed by this goroutine is reported at its header)
    pushStack(b, cur.frames);
    b.stringLabel('state', cur.state);
    b.numberLabel('wait_minutes', cur.minutes, 'minutes');
    if (cur.locked) b.stringLabel('locked', 'true');
    if (cur.createdBy) {
      b.stringLabel('created_by', cur.createdBy);
      b.stringLabel('created_at', cur.createdAt);
    }
    if (cur.parent >= 0) b.numberLabel('parent_goroutine', cur.parent);
    b.endSample([1]);
  };

  // The file:line line that must follow a frame or "created by".
  // The file:line line that must follow a frame or "created by" (`what`: the frame's line).
  const fileLine = (what: string, frame: boolean): { file: string; line: number; offset: boolean } => {
    const after = () => (frame ? `the frame ${quoteLine(what)}` : quoteLine(what));
    if (!lines.next()) lines.fail(`expected a "file:line" line after ${after()}, found the end of the text`);
    const at = parseFileLine(lines.text);
    if (!at) lines.fail(`expected a "file:line" line after ${after()}, found ${quoteLine(lines.text)}`);
    return at;
  };
  const statuses = new Map<string, ReturnType<typeof parseStatus>>();

  while (lines.next()) {
    b.line = lines.number;
    const line = lines.text;
    const first = line.charCodeAt(0);
    const header = first === 103 /* g */ ? GOROUTINE_HEADER.exec(line) : null;
    if (header) {
      let status = statuses.get(header[3]);
      if (!status) statuses.set(header[3], (status = parseStatus(header[3])));
      finish();
      seen++;
      g = {
        id: Number(header[1]),
        ...status,
        frames: [],
        createdBy: '',
        createdAt: '',
        parent: -1,
        hasStack: false,
        headerText: line,
        headerLine: lines.number,
      };
      continue;
    }
    if (!g) continue; // text around the dump
    const cur: Goroutine = g;
    if (line.length === 0 || line.trim() === '') {
      finish();
      continue;
    }
    if (!cur.hasStack && UNAVAILABLE.test(line)) {
      cur.hasStack = true;
      continue;
    }
    if (first === 46 /* . */ && ELIDED.test(line)) continue;
    if (first === 91 /* [ */ && ANCESTOR.test(line)) {
      inAncestor = true;
      continue;
    }
    const created = first === 99 /* c */ ? CREATED_BY.exec(line) : null;
    if (created) {
      const at = fileLine(line, false);
      if (!inAncestor) {
        cur.createdBy = created[1];
        cur.createdAt = `${at.file}:${at.line}`;
        if (created[2] !== undefined) cur.parent = Number(created[2]);
      }
      continue;
    }
    const name = frameName(line);
    if (name === null) {
      if (!cur.hasStack) lines.fail(`expected a frame "function(args)" after ${quoteLine(cur.headerText)}, found ${quoteLine(line)}`);
      finish(); // the dump ends here: what follows is other text
      continue;
    }
    if (cur.frames.length >= lim.maxStackDepth) lines.fail(`a stack deeper than ${lim.maxStackDepth} frames`);
    const at = fileLine(line, true);
    cur.hasStack = true;
    if (inAncestor) continue;
    cur.frames.push({ name, file: at.file, line: at.line, inlined: !at.offset, key: `${name}\u0000${at.file}\u0000${at.line}` });
  }
  finish();
  if (seen === 0) throw new ProfileError('no goroutine in the text: expected a line "goroutine N [status]:"');
  return b.finish({
    format: 'goroutine-debug2',
    sampleTypes: [{ type: 'goroutine', unit: 'count' }],
    periodType: { type: 'goroutine', unit: 'count' },
    period: 1n,
  });
}

/**
 * One goroutine's frames (leaf first) as locations: a frame the runtime printed without a pc
 * offset was inlined, and shares the location of the frame it was inlined into (the next one with
 * an offset), innermost first, as Go's binary form groups them. runtime.goexit, at the root of
 * every goroutine under GOTRACEBACK=system, is left out as the binary form leaves it out.
 */
function pushStack(b: ProfileBuilder, frames: Goroutine['frames']): void {
  let n = frames.length;
  if (n > 0 && frames[n - 1].name === 'runtime.goexit') n--;
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (frames[i].inlined && i + 1 < n) continue;
    let key = frames[start].key;
    for (let j = start + 1; j <= i; j++) key += `\u0000${frames[j].key}`;
    const from = start;
    b.pushLocation(b.location(key, 0n, () => frames.slice(from, i + 1)));
    start = i + 1;
  }
}
