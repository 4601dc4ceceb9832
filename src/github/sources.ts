import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Profile } from '../pprof/profile.js';
import { encodeUrlPath } from '../report/escape.js';

/** Where a function is defined, from a profile's function table (the first entry of the name wins). */
export function functionSources(profile: Profile): Map<string, { file: string; line: number }> {
  const out = new Map<string, { file: string; line: number }>();
  for (let i = 0; i < profile.functionCount; i++) {
    const name = profile.strings[profile.functionName[i]];
    const file = profile.strings[profile.functionFilename[i]];
    if (!name || !file || out.has(name)) continue;
    out.set(name, { file, line: profile.functionStartLine[i] || 0 });
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
    return new SourceLinker(workspace, `${serverUrl}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/blob/${encodeURIComponent(sha)}`);
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
