import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import type { Profile } from '../profile.js';
import { ProfileBuilder, type TextFrame } from './build.js';
import { LineScanner, quoteLine } from './lines.js';

/** `goroutine 6 [chan send, 12 minutes]:`, or with `gp=… m=… mp=…` before the bracket (newer runtimes). */
export const GOROUTINE_HEADER = /^goroutine (\d+)((?: [a-z]+=\S+)*) \[([^\]]*)\]:\s*$/;
const FILE_LINE = /^\s+(.+?):(\d+)(?: (\+0x[0-9a-fA-F]+))?(?: fp=0x[0-9a-fA-F]+ sp=0x[0-9a-fA-F]+ pc=0x[0-9a-fA-F]+)?\s*$/;
const CREATED_BY = /^created by (\S+?)(?: in goroutine (\d+))?\s*$/;
const ELIDED = /^\.\.\.(?:additional frames elided|\d+ frames elided)\.\.\.\s*$/;
const ANCESTOR = /^\[originating from goroutine \d+\]:\s*$/;
const UNAVAILABLE = /^\s+goroutine running on other thread; stack unavailable\s*$/;

interface Goroutine {
  id: number;
  state: string;
  minutes: number;
  locked: boolean;
  frames: (TextFrame & { inlined: boolean })[];
  createdBy: string;
  createdAt: string;
  parent: number;
  /** Stack printed ("goroutine running on other thread; stack unavailable" also counts). */
  hasStack: boolean;
  headerText: string;
  headerLine: number;
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
  const fileLine = (after: string): { file: string; line: number; offset: boolean } => {
    if (!lines.next()) lines.fail(`expected a "file:line" line after ${after}, found the end of the text`);
    const m = FILE_LINE.exec(lines.text);
    if (!m) lines.fail(`expected a "file:line" line after ${after}, found ${quoteLine(lines.text)}`);
    return { file: m[1], line: Number(m[2]), offset: m[3] !== undefined };
  };

  while (lines.next()) {
    b.line = lines.number;
    const line = lines.text;
    const header = GOROUTINE_HEADER.exec(line);
    if (header) {
      finish();
      seen++;
      g = {
        id: Number(header[1]),
        ...parseStatus(header[3]),
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
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (!cur.hasStack && UNAVAILABLE.test(line)) {
      cur.hasStack = true;
      continue;
    }
    if (ELIDED.test(line)) continue;
    if (ANCESTOR.test(line)) {
      inAncestor = true;
      continue;
    }
    const created = CREATED_BY.exec(line);
    if (created) {
      const at = fileLine(quoteLine(line));
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
    const at = fileLine(`the frame ${quoteLine(line)}`);
    cur.hasStack = true;
    if (inAncestor) continue;
    cur.frames.push({ name, file: at.file, line: at.line, inlined: !at.offset });
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
    let key = '';
    for (let j = start; j <= i; j++) key += `${frames[j].name}\u0000${frames[j].file}\u0000${frames[j].line}\u0000`;
    b.pushLocation(b.location(key, 0n, frames.slice(start, i + 1)));
    start = i + 1;
  }
}
