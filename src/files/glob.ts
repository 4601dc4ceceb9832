import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * A small glob, enough for profile paths: `*`, `?`, `[…]`, `{a,b}` within a segment, `**` across
 * segments, `!pattern` to exclude. A pattern that names a directory takes every file under it (as
 * actions/upload-artifact does). Symbolic links to directories are not followed.
 */

const MAGIC = /[*?[{]/;

/** Whether a pattern has wildcards (a plain path is taken as it is). */
export function hasGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

function segmentToRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = seg.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${seg
          .slice(i + 1, end)
          .split(',')
          .map(segmentToRegex)
          .join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
  }
  return out;
}

/** The regular expression for an absolute, '/'-separated pattern. */
export function globToRegex(pattern: string): RegExp {
  const segs = pattern.split('/');
  let re = '';
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    if (seg === '**') re += last ? '.*' : '(?:[^/]*/)*';
    else re += segmentToRegex(seg) + (last ? '' : '/');
  });
  return new RegExp(`^${re}$`);
}

/** The directory a pattern's matches are searched under: its segments before the first wildcard. */
export function searchPath(absPattern: string): string {
  const segs = absPattern.split('/');
  const i = segs.findIndex((s) => MAGIC.test(s));
  if (i < 0) return absPattern;
  return segs.slice(0, i).join('/') || '/';
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      out.push(`${p}/`);
      walk(p, out);
    } else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      try {
        if (statSync(p).isFile()) out.push(p);
      } catch {
        // a broken link is no match
      }
    }
  }
}

export interface GlobResult {
  /** Absolute paths of the matched files, sorted. */
  files: string[];
  /** The directory actions/upload-artifact would make the artifact's root for these patterns. */
  rootDirectory: string;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Least common ancestor directory of absolute paths. */
export function commonAncestor(paths: string[]): string {
  if (paths.length === 0) return '/';
  let parts = paths[0].split('/');
  for (const p of paths.slice(1)) {
    const q = p.split('/');
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

/** Files matching the patterns (relative to `cwd` unless absolute). */
export function glob(patterns: string[], cwd: string): GlobResult {
  const include: string[] = [];
  const exclude: RegExp[] = [];
  for (const raw of patterns) {
    const neg = raw.startsWith('!');
    let p = toPosix(neg ? raw.slice(1) : raw).replace(/\/+$/, '');
    p = isAbsolute(p) ? p : toPosix(resolve(cwd, p));
    if (neg) exclude.push(globToRegex(p), globToRegex(`${p}/**`));
    else include.push(p);
  }
  const found = new Set<string>();
  const searchPaths: string[] = [];
  for (const p of include) {
    const base = searchPath(p);
    searchPaths.push(base);
    const re = globToRegex(p);
    let baseStat;
    try {
      baseStat = lstatSync(base).isSymbolicLink() ? statSync(base) : lstatSync(base);
    } catch {
      continue;
    }
    if (!baseStat.isDirectory()) {
      if (re.test(base)) found.add(base);
      continue;
    }
    const all: string[] = [];
    walk(base, all);
    const dirs: string[] = [];
    for (const e of all) {
      if (e.endsWith('/')) {
        if (re.test(e.slice(0, -1))) dirs.push(e);
      } else if (re.test(e)) found.add(e);
    }
    if (!MAGIC.test(p)) dirs.push(`${base}/`);
    for (const d of dirs) for (const e of all) if (!e.endsWith('/') && e.startsWith(d)) found.add(e);
  }
  const files = [...found].filter((f) => !exclude.some((re) => re.test(f))).sort();
  let rootDirectory = searchPaths.length > 1 ? commonAncestor(searchPaths) : (searchPaths[0] ?? cwd);
  // actions/upload-artifact: a single file named without wildcards keeps only its base name.
  if (files.length === 1 && searchPaths.length === 1 && files[0] === searchPaths[0]) rootDirectory = dirname(files[0]);
  return { files, rootDirectory };
}

/** '/'-separated path of `file` relative to `dir`. */
export function relativePath(dir: string, file: string): string {
  return toPosix(relative(dir, file));
}
