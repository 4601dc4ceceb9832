import type { Profile } from '../pprof/profile.js';

export type Granularity = 'functions' | 'lines' | 'files';
export const GRANULARITIES: readonly Granularity[] = ['functions', 'lines', 'files'];

/**
 * One row of a report: what pprof calls a node. Its identity is the same as pprof's NodeInfo at
 * the chosen granularity (function name; + file and line; or file alone), so rows match
 * `go tool pprof -top` one for one.
 */
export interface NodeInfo {
  /** Function name ('' at files granularity). */
  name: string;
  /** Source file ('' at functions granularity). */
  file: string;
  /** Line number (0 unless lines granularity). */
  line: number;
  /** Binary name, kept only when there is no function name (as pprof does). */
  objfile: string;
  startLine: number;
  /** pprof's printable name, e.g. "main.f", "main.f x/f.go:42", "x/f.go", "[binary]". */
  label: string;
  /** pprof's last-resort sort key (fmt.Sprint of its NodeInfo). */
  tieKey: string;
}

/** Rows shared by the profiles of one comparison, so that base and head index the same arrays. */
export class NodeTable {
  readonly nodes: NodeInfo[] = [];
  private readonly byKey = new Map<string, number>();

  intern(name: string, file: string, line: number, objfile: string, startLine: number): number {
    const key = `${name}\u0000${file}\u0000${line}\u0000${objfile}\u0000${startLine}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.nodes.push({
        name,
        file,
        line,
        objfile,
        startLine,
        label: printableName(name, file, line, objfile),
        tieKey: `{${name}  0 ${file} ${startLine} ${line} ${objfile}}`,
      });
      this.byKey.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.nodes.length;
  }
}

function printableName(name: string, file: string, line: number, objfile: string): string {
  const parts: string[] = [];
  if (name) parts.push(name);
  if (line !== 0) parts.push(`${file}:${line}`);
  else if (file) parts.push(file);
  else if (name) {
    // the name says it all
  } else if (objfile) parts.push(`[${basename(objfile)}]`);
  else parts.push('<unknown>');
  return parts.join(' ');
}

/** Go's filepath.Base on Unix. */
function basename(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Lexical path cleaning, as Go's filepath.Clean does on Unix. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined || '.';
}

/** pprof strips these prefixes from every source path when no -trim_path is given. */
const TRIMMED_PREFIXES = ['/proc/self/cwd/./', '/proc/self/cwd/'];

function reportPath(path: string): string {
  for (const prefix of TRIMMED_PREFIXES) {
    if (path.startsWith(prefix)) {
      path = path.slice(prefix.length);
      break;
    }
  }
  return path === '' ? '' : cleanPath(path);
}

/**
 * Frames of every location of a profile, as node ids: location i's frames are
 * frames[frameStart[i] .. frameStart[i+1]), innermost (inlined) first — one per Line entry, or a
 * single frame for a location without lines.
 */
export interface LocationFrames {
  frameStart: Uint32Array;
  frames: Uint32Array;
}

export function locationFrames(profile: Profile, granularity: Granularity, table: NodeTable): LocationFrames {
  const { strings, lineStart, lineFunction, lineNumber, locationMapping, mappings } = profile;
  const nLoc = profile.locationCount;
  const frameStart = new Uint32Array(nLoc + 1);
  let total = 0;
  for (let i = 0; i < nLoc; i++) {
    frameStart[i] = total;
    total += Math.max(1, lineStart[i + 1] - lineStart[i]);
  }
  frameStart[nLoc] = total;
  const frames = new Uint32Array(total);

  const keepName = granularity !== 'files';
  const keepFile = granularity !== 'functions';
  const keepLine = granularity === 'lines';
  // Functions and files granularities depend only on the function (and binary): cache per function.
  const perFunction = keepLine ? null : new Int32Array(profile.functionCount).fill(-1);
  const pathCache = new Map<number, string>();
  const path = (idx: number): string => {
    let p = pathCache.get(idx);
    if (p === undefined) {
      p = reportPath(strings[idx]);
      pathCache.set(idx, p);
    }
    return p;
  };
  const objfileOf = (loc: number): string => {
    const m = locationMapping[loc];
    return m >= 0 ? mappings[m].filename : '';
  };

  for (let loc = 0; loc < nLoc; loc++) {
    const first = lineStart[loc];
    const last = lineStart[loc + 1];
    let out = frameStart[loc];
    if (first === last) {
      frames[out] = table.intern('', '', 0, objfileOf(loc), 0);
      continue;
    }
    for (let j = first; j < last; j++, out++) {
      const fn = lineFunction[j];
      if (fn < 0) {
        frames[out] = table.intern('', '', 0, objfileOf(loc), 0);
        continue;
      }
      const name = keepName ? strings[profile.functionName[fn]] : '';
      if (perFunction && name !== '') {
        const cached = perFunction[fn];
        if (cached >= 0) {
          frames[out] = cached;
          continue;
        }
      }
      const file = keepFile ? path(profile.functionFilename[fn]) : '';
      const line = keepLine ? lineNumber[j] : 0;
      // pprof keys a nameless function by its binary and start line too.
      const nameless = name === '';
      const id = table.intern(name, file, line, nameless ? objfileOf(loc) : '', nameless ? profile.functionStartLine[fn] : 0);
      if (perFunction && !nameless) perFunction[fn] = id;
      frames[out] = id;
    }
  }
  return { frameStart, frames };
}
