/**
 * Several runs of one profile (heap-1.pb.gz … heap-5.pb.gz) form one comparison. Files are grouped
 * by a key: their relative path with the run index removed.
 */

/** The default: a run index ("-3", "_03", ".3") just before the file's extension(s). */
export const DEFAULT_RUN_INDEX = /[-_.]\d+(?=(?:\.[^/.\d][^/.]*)*$)/;

/** Key of a profile path: `pattern`'s first match removed from the file name. */
export function groupKey(path: string, pattern: RegExp = DEFAULT_RUN_INDEX): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const key = name.replace(pattern, '');
  return dir + (key === '' ? name : key);
}

/** Paths grouped by key, keys and members sorted. */
export function groupPaths(paths: string[], pattern: RegExp = DEFAULT_RUN_INDEX): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of [...paths].sort()) {
    const key = groupKey(p, pattern);
    const members = groups.get(key);
    if (members) members.push(p);
    else groups.set(key, [p]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
