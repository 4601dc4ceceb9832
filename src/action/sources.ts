import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Profile } from '../pprof/profile.js';
import { encodeUrlPath } from '../report/escape.js';

/**
 * Where each function of a profile is hot: its file and the line that carries the most of the
 * last sample type's value at the leaf (else the first line seen, else the declaration).
 */
export function functionSources(profile: Profile): Map<string, { file: string; line: number }> {
  const nTypes = profile.sampleTypes.length;
  const weight = new Map<number, Map<number, number>>(); // function index → line → value
  const firstLine = new Map<number, number>();
  for (let loc = 0; loc < profile.locationCount; loc++) {
    for (let l = profile.lineStart[loc]; l < profile.lineStart[loc + 1]; l++) {
      const fn = profile.lineFunction[l];
      if (fn >= 0 && !firstLine.has(fn) && profile.lineNumber[l] > 0) firstLine.set(fn, profile.lineNumber[l]);
    }
  }
  for (let s = 0; s < profile.sampleCount && nTypes > 0; s++) {
    if (profile.stackStart[s] === profile.stackStart[s + 1]) continue;
    const leaf = profile.stackLocations[profile.stackStart[s]];
    const l = profile.lineStart[leaf];
    if (l >= profile.lineStart[leaf + 1]) continue;
    const fn = profile.lineFunction[l];
    if (fn < 0) continue;
    const v = Math.abs(profile.values[s * nTypes + nTypes - 1]);
    const lines = weight.get(fn) ?? new Map<number, number>();
    lines.set(profile.lineNumber[l], (lines.get(profile.lineNumber[l]) ?? 0) + v);
    weight.set(fn, lines);
  }
  const out = new Map<string, { file: string; line: number }>();
  for (let i = 0; i < profile.functionCount; i++) {
    const name = profile.strings[profile.functionName[i]];
    const file = profile.strings[profile.functionFilename[i]];
    if (!name || !file || out.has(name)) continue;
    let line = 0;
    let best = -1;
    for (const [ln, v] of weight.get(i) ?? []) if (v > best && ln > 0) [line, best] = [ln, v];
    out.set(name, { file, line: line || firstLine.get(i) || profile.functionStartLine[i] || 0 });
  }
  return out;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor']);
const MAX_SCAN_DEPTH = 4;
const MAX_SCAN_ENTRIES = 20000;

/**
 * Maps the source paths a profile names (a Go module path such as example.com/app/pkg/f.go, or
 * an absolute build path) to files of the repository checked out in the workspace, and links
 * them at a commit.
 */
export class SourceLinker {
  private modules: { path: string; dir: string }[] | undefined;
  private readonly cache = new Map<string, string | undefined>();
  private readonly root: string;

  constructor(
    private readonly workspace: string,
    private readonly blobBase: string,
  ) {
    let root = workspace;
    try {
      root = realpathSync(workspace);
    } catch {
      // no workspace: nothing will map
    }
    this.root = root;
  }

  /** `serverUrl/owner/repo/blob/sha`, the base of every link. */
  static forCommit(workspace: string, serverUrl: string, owner: string, repo: string, sha: string): SourceLinker {
    return new SourceLinker(
      workspace,
      `${serverUrl}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/blob/${encodeURIComponent(sha)}`,
    );
  }

  private goModules(): { path: string; dir: string }[] {
    if (this.modules) return this.modules;
    const found: { path: string; dir: string }[] = [];
    let seen = 0;
    const visit = (abs: string, rel: string, depth: number): void => {
      let entries;
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (++seen > MAX_SCAN_ENTRIES) return;
        if (e.isFile() && e.name === 'go.mod') {
          try {
            const m = /^\s*module\s+"?([^\s"]+)"?/m.exec(readFileSync(join(abs, e.name), 'utf8'));
            if (m) found.push({ path: m[1], dir: rel });
          } catch {
            // unreadable go.mod: ignore
          }
        } else if (e.isDirectory() && depth < MAX_SCAN_DEPTH && !SKIP_DIRS.has(e.name)) {
          visit(join(abs, e.name), rel ? `${rel}/${e.name}` : e.name, depth + 1);
        }
      }
    };
    visit(this.root, '', 0);
    found.sort((a, b) => b.path.length - a.path.length);
    this.modules = found;
    return found;
  }

  /** A regular file inside the workspace at this relative path? */
  private exists(rel: string): boolean {
    if (!rel || rel.split('/').some((s) => s === '..' || s === '.' || s === '')) return false;
    const abs = join(this.root, rel);
    try {
      const st = lstatSync(abs);
      if (!st.isFile()) return false;
      return realpathSync(abs).startsWith(this.root + sep);
    } catch {
      return false;
    }
  }

  /** The repository path a profile's source path names, when that file is in the workspace. */
  repoPath(file: string): string | undefined {
    if (this.cache.has(file)) return this.cache.get(file);
    const result = this.resolve(file.replace(/\\/g, '/'));
    this.cache.set(file, result);
    return result;
  }

  private resolve(file: string): string | undefined {
    for (const m of this.goModules()) {
      if (file.startsWith(`${m.path}/`)) {
        const rel = (m.dir ? `${m.dir}/` : '') + file.slice(m.path.length + 1);
        if (this.exists(rel)) return rel;
      }
    }
    const ws = this.workspace.replace(/\\/g, '/').replace(/\/+$/, '');
    if (file.startsWith(`${ws}/`) && this.exists(file.slice(ws.length + 1))) return file.slice(ws.length + 1);
    if (file.startsWith('/')) {
      // A build path elsewhere (/home/runner/work/repo/repo/pkg/f.go): the longest tail that exists.
      const parts = file.split('/').filter(Boolean);
      for (let i = 1; i < parts.length - 1 && i <= 12; i++) {
        const rel = parts.slice(i).join('/');
        if (this.exists(rel)) return rel;
      }
      return undefined;
    }
    return this.exists(file) ? file : undefined;
  }

  /** Link to the line of a profile's source path, when it maps to a repository file. */
  link(file: string, line: number): string | undefined {
    const rel = this.repoPath(file);
    if (!rel) return undefined;
    return `${this.blobBase}/${encodeUrlPath(rel)}${line > 0 ? `#L${line}` : ''}`;
  }
}
