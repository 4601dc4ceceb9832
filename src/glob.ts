import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const GLOB_CHARS = /[*?[]/;

export function hasGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** One path segment's pattern (`*`, `?`, `[abc]`) as a regular expression. */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, segments: string[], out: Set<string>): void {
  if (segments.length === 0) {
    if (isFile(dir)) out.add(dir);
    return;
  }
  const [segment, ...rest] = segments;
  if (segment === '**') {
    walk(dir, rest, out);
    for (const entry of safeReaddir(dir)) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(join(dir, entry.name), segments, out);
    }
    return;
  }
  if (!hasGlob(segment)) {
    walk(join(dir, segment), rest, out);
    return;
  }
  const re = segmentRegExp(segment);
  for (const entry of safeReaddir(dir)) {
    if (!re.test(entry.name) || (entry.name.startsWith('.') && !segment.startsWith('.'))) continue;
    if (rest.length > 0 && !entry.isDirectory()) continue;
    walk(join(dir, entry.name), rest, out);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Files matching a glob (`*`, `?`, `[…]`, `**`), sorted; a pattern without glob characters is
 * returned as it is, so that a missing file is reported by whoever opens it.
 */
export function expandGlob(pattern: string, cwd = '.'): string[] {
  if (!hasGlob(pattern)) return [pattern];
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const out = new Set<string>();
  walk(absolute ? '/' : cwd, segments, out);
  return [...out].sort();
}
