import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import type { Profile } from '../profile.js';
import { ProfileBuilder, type TextFrame } from './build.js';
import { LineScanner, quoteLine, textBytes, type TextSource } from './lines.js';
import { TupleIndex } from './tuples.js';

/** `goroutine 6 [chan send, 12 minutes]:`, or with `gp=… m=… mp=…` before the bracket (newer runtimes). */
const GOROUTINE_HEADER = /^goroutine (\d+)((?: [a-z]+=\S+)*) \[([^\]]*)\]:\s*$/;
const CREATED_BY = /^created by (\S+?)(?: in goroutine (\d+))?\s*$/;
const ELIDED = /^\.\.\.(?:additional frames elided|\d+ frames elided)\.\.\.\s*$/;
const ANCESTOR = /^\[originating from goroutine (\d+)\]:\s*$/;
const UNAVAILABLE = /^\s+goroutine running on other thread; stack unavailable\s*$/;

const PC_LINE = /^PC=0x[0-9a-fA-F]+ m=(\d+) /;

/** One goroutine being read: its header's details, and its frames in arrays reused from goroutine to goroutine. */
class Goroutine {
  active = false;
  id = 0;
  state = '';
  minutes = 0;
  locked = false;
  /** The thread (M) the header or the signal line before it names, −1 when none. */
  thread = -1;
  frames = 0;
  /** Per frame: name and file as string indices, the line, whether inlined (no pc offset), and its id in `frameIds`. */
  readonly name: number[] = [];
  readonly file: number[] = [];
  readonly line: number[] = [];
  readonly inlined: boolean[] = [];
  readonly frameId: number[] = [];
  /** String indices of `created by`'s function and file:line, 0 when there is none. */
  createdBy = 0;
  createdAt = 0;
  parent = -1;
  /** `[originating from goroutine N]` blocks (tracebackancestors): "N" with its own creation site, nearest first. */
  readonly ancestors: string[] = [];
  inAncestor = false;
  /** Stack printed ("goroutine running on other thread; stack unavailable" also counts). */
  hasStack = false;
  headerText = '';
  headerLine = 0;
}

const isSpace = (c: number) => c === 32 || c === 9;

/** `the frame "…"` or `"created by …"`: the line a file:line line must follow. */
const after = (frame: boolean, line: string) => (frame ? `the frame ${quoteLine(line)}` : quoteLine(line));

/**
 * `\t/src/app/main.go:12 +0x1d` (the offset absent for an inlined frame; ` fp=… sp=… pc=…` after it
 * under GOTRACEBACK=system) at the scanner's line: the file (which may hold spaces and a drive
 * letter) ends at `fileEnd`, the line number ends at `lineEnd`. Returns false when the line is not
 * of that form. Read from the bytes: it is every other line of a dump.
 */
class FileLine {
  fileStart = 0;
  fileEnd = 0;
  lineEnd = 0;
  line = 0;
  offset = false;

  read(buf: Buffer, from: number, to: number): boolean {
    let start = from;
    while (start < to && isSpace(buf[start])) start++;
    if (start === from) return false;
    let end = to;
    while (end > start && buf[end - 1] <= 32) end--;
    const fp = lastIndexOf(buf, start, end, FP);
    if (fp > start) end = fp;
    const plus = lastIndexOf(buf, start, end, PLUS_HEX);
    this.offset = plus > start;
    if (this.offset) end = plus;
    let colon = end - 1;
    while (colon >= start && buf[colon] !== 58) colon--;
    if (colon <= start || colon === end - 1) return false;
    let line = 0;
    for (let i = colon + 1; i < end; i++) {
      const c = buf[i] - 48;
      if (c < 0 || c > 9) return false;
      line = line * 10 + c;
    }
    this.fileStart = start;
    this.fileEnd = colon;
    this.lineEnd = end;
    this.line = line;
    return true;
  }
}

const FP = Buffer.from(' fp=0x');
const PLUS_HEX = Buffer.from(' +0x');

/** Start of the last copy of `pattern` inside buf[from, to), −1 when none. */
function lastIndexOf(buf: Buffer, from: number, to: number, pattern: Buffer): number {
  const n = pattern.length;
  outer: for (let k = to - n; k >= from; k--) {
    for (let j = 0; j < n; j++) if (buf[k + j] !== pattern[j]) continue outer;
    return k;
  }
  return -1;
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

/**
 * `pkg.f(args)` at buf[from, to) → the end of pkg.f; −1 when the line is not a frame (the args are
 * the last balanced parentheses, the name has no whitespace).
 */
function frameNameEnd(buf: Buffer, from: number, to: number): number {
  if (to <= from || buf[to - 1] !== 41 || buf[from] <= 32) return -1;
  let depth = 0;
  for (let i = to - 1; i >= from; i--) {
    const c = buf[i];
    if (c === 41) depth++;
    else if (c === 40 && --depth === 0) {
      if (i === from) return -1;
      for (let j = from; j < i; j++) if (buf[j] <= 32) return -1;
      return i;
    }
  }
  return -1;
}

/** Whether buf[from, to) starts with `prefix`. */
function startsWith(buf: Buffer, from: number, to: number, prefix: Buffer): boolean {
  if (to - from < prefix.length) return false;
  for (let j = 0; j < prefix.length; j++) if (buf[from + j] !== prefix[j]) return false;
  return true;
}

const GOROUTINE_PREFIX = Buffer.from('goroutine ');
const CREATED_PREFIX = Buffer.from('created by ');

/**
 * Reads a goroutine dump as Go prints it for `/debug/pprof/goroutine?debug=2`, `runtime.Stack(buf,
 * true)`, SIGQUIT, an unrecovered panic or a `go test -timeout`: one sample per goroutine (value
 * 1, type goroutine/count), with the runtime's stated status, wait minutes, thread lock and
 * creation site as labels. Text before the first goroutine and after the last (a test log,
 * `panic: …`, `exit status 2`, register dumps) is skipped. Goroutine 0 of a crash dump (a thread's
 * own stack, `g0`) is kept as a sample labelled `g0` with its thread; `[originating from goroutine
 * N]` blocks (GODEBUG=tracebackancestors) are the creation history of the goroutine above them,
 * kept as its `ancestors` label, not as stacks. A frame without its `file:line` line is an error;
 * a text with no goroutine header in it is no dump (null).
 * Frames and file:line lines are read from the bytes, and each distinct name, file, frame and
 * inlined group is made once.
 */
export function parseGoroutineDebug2(source: TextSource, lim: DecodeLimits): Profile | null {
  const lines: LineScanner = new LineScanner(source, lim.maxStringLength);
  const b = new ProfileBuilder(lim, 1, textBytes(source));
  const frameIds = new TupleIndex();
  const groupIds = new TupleIndex();
  const tuple: number[] = [];
  const at = new FileLine();
  const g = new Goroutine();
  const key = {
    state: b.intern('state'),
    minutes: b.intern('wait_minutes'),
    minutesUnit: b.intern('minutes'),
    locked: b.intern('locked'),
    true: b.intern('true'),
    createdBy: b.intern('created_by'),
    createdAt: b.intern('created_at'),
    parent: b.intern('parent_goroutine'),
    ancestors: b.intern('ancestors'),
    g0: b.intern('g0'),
    thread: b.intern('thread'),
  };
  let seen = 0;
  /** The thread named by the last `PC=0x… m=N sigcode=…` line of a signal dump (the g0 after it runs there). */
  let signalThread = -1;

  const finish = () => {
    if (!g.active) return;
    g.active = false;
    if (!g.hasStack) lines.fail(`expected a frame "function(args)" after ${quoteLine(g.headerText)}`);
    b.line = g.headerLine; // (a limit passed by this goroutine is reported at its header)
    pushStack(b, g, groupIds, tuple);
    b.label(key.state, b.intern(g.state), 0, 0);
    b.label(key.minutes, 0, g.minutes, key.minutesUnit);
    if (g.locked) b.label(key.locked, key.true, 0, 0);
    if (g.createdBy) {
      b.label(key.createdBy, g.createdBy, 0, 0);
      b.label(key.createdAt, g.createdAt, 0, 0);
    }
    if (g.parent >= 0) b.label(key.parent, 0, g.parent, 0);
    if (g.ancestors.length > 0) b.label(key.ancestors, b.intern(g.ancestors.join(', ')), 0, 0);
    if (g.id === 0) b.label(key.g0, key.true, 0, 0);
    if (g.thread >= 0) b.label(key.thread, 0, g.thread, 0);
    b.endSample(ONE);
  };

  // The file:line line that must follow a frame or "created by" (`frame`: after a frame). The
  // scanner's window may move: indices into the line before are no longer valid after this.
  const fileLine = (frame: boolean): void => {
    if (!lines.next()) lines.fail(`expected a "file:line" line after ${after(frame, lines.text())}, found the end of the text`);
    if (!at.read(lines.bytes, lines.start, lines.end)) {
      lines.fail(`expected a "file:line" line after ${after(frame, lines.previousText())}, found ${quoteLine(lines.text())}`);
    }
  };
  const statuses = new Map<string, ReturnType<typeof parseStatus>>();

  // Before the first goroutine, a line over the length limit only means the text is no dump (a
  // text of no known form is searched for one): null, as for a text without a goroutine.
  const nextLine = (): boolean => {
    if (seen > 0) return lines.next();
    try {
      return lines.next();
    } catch (err) {
      if (err instanceof ProfileError) {
        seen = -1;
        return false;
      }
      throw err;
    }
  };

  while (nextLine()) {
    b.line = lines.number;
    const bytes = lines.bytes;
    const start = lines.start;
    const end = lines.end;
    const first = bytes[start];
    if (first === 103 /* g */ && startsWith(bytes, start, end, GOROUTINE_PREFIX)) {
      const line = lines.text();
      const header = GOROUTINE_HEADER.exec(line);
      if (header) {
        let status = statuses.get(header[3]);
        if (!status) statuses.set(header[3], (status = parseStatus(header[3])));
        finish();
        seen++;
        g.active = true;
        g.id = Number(header[1]);
        g.state = status.state;
        g.minutes = status.minutes;
        g.locked = status.locked;
        const m = / m=(\d+)/.exec(header[2]);
        g.thread = m ? Number(m[1]) : g.id === 0 ? signalThread : -1;
        g.frames = 0;
        g.createdBy = 0;
        g.createdAt = 0;
        g.parent = -1;
        g.ancestors.length = 0;
        g.inAncestor = false;
        g.hasStack = false;
        g.headerText = line;
        g.headerLine = lines.number;
        continue;
      }
    }
    if (!g.active) {
      // text around the dump; a signal dump names the thread its goroutine 0 ran on
      if (first === 80 /* P */) {
        const pc = PC_LINE.exec(lines.text());
        if (pc) signalThread = Number(pc[1]);
      }
      continue;
    }
    if (lines.isBlank()) {
      finish();
      continue;
    }
    if (isSpace(first)) {
      if (!g.hasStack && UNAVAILABLE.test(lines.text())) {
        g.hasStack = true;
        continue;
      }
    } else if (first === 46 /* . */ && ELIDED.test(lines.text())) continue;
    else if (first === 91 /* [ */) {
      const ancestor = ANCESTOR.exec(lines.text());
      if (ancestor) {
        g.inAncestor = true;
        g.ancestors.push(ancestor[1]);
        continue;
      }
    } else if (first === 99 /* c */ && startsWith(bytes, start, end, CREATED_PREFIX)) {
      const created = CREATED_BY.exec(lines.text());
      if (created) {
        fileLine(false);
        if (g.inAncestor) {
          const site = `${created[1]} at ${lines.bytes.toString('utf8', at.fileStart, at.lineEnd)}`;
          g.ancestors[g.ancestors.length - 1] += ` (created by ${site})`;
        } else {
          g.createdBy = b.intern(created[1]);
          g.createdAt = b.internBytes(lines.bytes, at.fileStart, at.lineEnd);
          if (created[2] !== undefined) g.parent = Number(created[2]);
        }
        continue;
      }
    }
    const nameEnd = frameNameEnd(bytes, start, end);
    if (nameEnd < 0) {
      if (!g.hasStack) lines.fail(`expected a frame "function(args)" after ${quoteLine(g.headerText)}, found ${quoteLine(lines.text())}`);
      finish(); // the dump ends here: what follows is other text
      continue;
    }
    if (g.frames >= lim.maxStackDepth) lines.fail(`a stack deeper than ${lim.maxStackDepth} frames`);
    const name = g.inAncestor ? 0 : b.internBytes(bytes, start, nameEnd);
    fileLine(true);
    g.hasStack = true;
    if (g.inAncestor) continue;
    const n = g.frames++;
    const file = b.internBytes(lines.bytes, at.fileStart, at.fileEnd);
    g.name[n] = name;
    g.file[n] = file;
    g.line[n] = at.line;
    g.inlined[n] = !at.offset;
    tuple[0] = name;
    tuple[1] = file;
    tuple[2] = at.line % 0x100000000;
    tuple[3] = Math.floor(at.line / 0x100000000);
    g.frameId[n] = frameIds.id(tuple, 4);
  }
  finish();
  if (seen <= 0) return null;
  return b.finish({
    format: 'goroutine-debug2',
    sampleTypes: [{ type: 'goroutine', unit: 'count' }],
    periodType: { type: 'goroutine', unit: 'count' },
    period: 1n,
  });
}

const ONE = [1];

/**
 * One goroutine's frames (leaf first) as locations: a frame the runtime printed without a pc
 * offset was inlined, and shares the location of the frame it was inlined into (the next one with
 * an offset), innermost first, as Go's binary form groups them; a location is found again by the
 * ids of its frames. runtime.goexit, at the root of every goroutine under GOTRACEBACK=system, is
 * left out as the binary form leaves it out.
 */
function pushStack(b: ProfileBuilder, g: Goroutine, groupIds: TupleIndex, tuple: number[]): void {
  let n = g.frames;
  if (n > 0 && b.stringAt(g.name[n - 1]) === 'runtime.goexit') n--;
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (g.inlined[i] && i + 1 < n) continue;
    for (let j = start; j <= i; j++) tuple[j - start] = g.frameId[j];
    const key = groupIds.id(tuple, i + 1 - start);
    const loc = b.findLocation(key);
    b.pushLocation(loc >= 0 ? loc : b.location(key, 0n, frameList(g, start, i + 1)));
    start = i + 1;
  }
}

function frameList(g: Goroutine, from: number, to: number): TextFrame[] {
  const out: TextFrame[] = [];
  for (let j = from; j < to; j++) out.push({ name: g.name[j], file: g.file[j], line: g.line[j] });
  return out;
}
