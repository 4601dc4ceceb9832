import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { create as createGlobber } from '@actions/glob';

/**
 * Profile globs read as actions/upload-artifact reads its `path` input: the toolkit's
 * @actions/glob with the options upload-artifact passes (symbolic links followed, broken ones
 * skipped, a directory taking every file under it, hidden files and directories left out unless
 * asked for), and the artifact's root directory chosen by upload-artifact's rule. Patterns are
 * `*`, `?`, `[…]`, `**` and `!pattern`; braces are literal, a line starting with `#` is a comment.
 */

/** Whether a pattern has wildcards (a plain path is taken as it is). */
export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

export interface GlobResult {
  /** Absolute paths of the matched files (never directories), sorted. */
  files: string[];
  /** The directory actions/upload-artifact would make the artifact's root for these patterns. */
  rootDirectory: string;
}

export interface GlobOptions {
  /** upload-artifact's `include-hidden-files` (default false). */
  includeHiddenFiles?: boolean;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Least common ancestor directory of absolute paths. */
export function commonAncestor(paths: string[]): string {
  if (paths.length === 0) return '/';
  let parts = toPosix(paths[0]).split('/');
  for (const p of paths.slice(1)) {
    const q = toPosix(p).split('/');
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

/** A directory as a pattern prefix: its wildcard characters made literal as @actions/glob escapes them. */
function literalPrefix(dir: string): string {
  return sep === '/' ? dir.replace(/[*?[\]\\]/g, '\\$&') : dir.replace(/[*?[]/g, '[$&]');
}

/**
 * A pattern made absolute against `cwd` (upload-artifact resolves against the workspace, which
 * is the runner's working directory; here the directory is explicit), keeping its `!`s.
 */
function anchor(pattern: string, cwd: string): string {
  const bangs = /^!*/.exec(pattern)![0];
  const body = pattern.slice(bangs.length);
  if (isAbsolute(body) || body.startsWith('~')) return pattern;
  // join keeps a trailing '/', which restricts the pattern to directories.
  return bangs + join(literalPrefix(cwd), body);
}

/** Files matching the patterns (relative to `cwd` unless absolute), with upload-artifact's root. */
export async function glob(patterns: string[], cwd: string, options: GlobOptions = {}): Promise<GlobResult> {
  const lines = patterns.map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
  const globber = await createGlobber(lines.map((p) => anchor(p, cwd)).join('\n'), {
    followSymbolicLinks: true,
    implicitDescendants: true,
    omitBrokenSymbolicLinks: true,
    excludeHiddenFiles: !options.includeHiddenFiles,
  });
  const files: string[] = [];
  for await (const match of globber.globGenerator()) {
    // A directory that a pattern names is listed too; upload-artifact drops it (its files come on their own).
    if (!(await stat(match)).isDirectory()) files.push(match);
  }
  files.sort();
  const searchPaths = globber.getSearchPaths();
  let rootDirectory: string;
  if (searchPaths.length > 1) rootDirectory = commonAncestor(searchPaths);
  // A single file named without wildcards keeps only its base name.
  else if (files.length === 1 && searchPaths[0] === files[0]) rootDirectory = dirname(files[0]);
  else rootDirectory = searchPaths[0] ?? cwd;
  return { files, rootDirectory };
}

/** '/'-separated path of `file` relative to `dir`. */
export function relativePath(dir: string, file: string): string {
  return toPosix(relative(dir, file));
}
