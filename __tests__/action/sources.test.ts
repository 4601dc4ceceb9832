import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionSources, SourceLinker } from '../../src/action/sources.js';
import { decodeProfile } from '../../src/pprof/index.js';
import { encodeProfile } from '../helpers/encode.js';
import { fileTree } from '../helpers/tree.js';

describe('functionSources', () => {
  test('the leaf line carrying the most of the last sample type; else the first line seen; else the declaration', () => {
    const profile = decodeProfile(
      encodeProfile({
        sampleTypes: [
          ['alloc_space', 'bytes'],
          ['inuse_space', 'bytes'],
        ],
        functions: [
          { id: 1, name: 'main.hot', filename: 'example.com/app/hot.go', startLine: 10 },
          { id: 2, name: 'main.caller', filename: 'example.com/app/main.go', startLine: 3 },
          { id: 3, name: 'main.unseen', filename: 'example.com/app/unseen.go', startLine: 7 },
          { id: 4, name: 'main.nofile' },
          { id: 5, name: 'main.freed', filename: 'example.com/app/freed.go', startLine: 19 },
        ],
        locations: [
          { id: 1, lines: [{ functionId: 1, line: 12 }] },
          { id: 2, lines: [{ functionId: 1, line: 15 }] },
          { id: 3, lines: [{ functionId: 2, line: 5 }] },
          { id: 4, lines: [{ functionId: 4, line: 1 }] },
          { id: 5, lines: [{ functionId: 5, line: 20 }] },
          { id: 6, lines: [{ functionId: 5, line: 21 }] },
        ],
        samples: [
          // Line 12 has more of the first type, line 15 more of the last, which is the one that counts.
          { locations: [1, 3], values: [900, 10] },
          { locations: [2, 3], values: [1, 30] },
          // Values count by their size: line 20 lost more than line 21 gained.
          { locations: [5], values: [0, -50] },
          { locations: [6], values: [0, 40] },
        ],
      }),
    );
    expect(Object.fromEntries(functionSources(profile))).toEqual({
      'main.hot': { file: 'example.com/app/hot.go', line: 15 },
      'main.caller': { file: 'example.com/app/main.go', line: 5 },
      'main.unseen': { file: 'example.com/app/unseen.go', line: 7 },
      'main.freed': { file: 'example.com/app/freed.go', line: 20 },
    });
  });

  test('ties go to the line seen first, line 0 never wins, a sample with no stack or a leaf with no lines counts for nothing', () => {
    const profile = decodeProfile(
      encodeProfile({
        sampleTypes: [
          ['alloc_space', 'bytes'],
          ['inuse_space', 'bytes'],
        ],
        functions: [
          { id: 1, name: 'main.declared', filename: 'd.go', startLine: 60 },
          { id: 2, name: 'main.tie', filename: 't.go', startLine: 1 },
          { id: 3, name: 'main.zero', filename: 'z.go', startLine: 1 },
          { id: 4, name: 'main.noline', filename: 'n.go', startLine: 1 },
          { id: 5, name: 'main.next', filename: 'x.go', startLine: 1 },
        ],
        locations: [
          // Not sampled: the first line seen that is not 0, whatever comes after it.
          { id: 1, lines: [{ functionId: 1, line: 0 }] },
          { id: 2, lines: [{ functionId: 1, line: 65 }] },
          { id: 3, lines: [{ functionId: 1, line: 66 }] },
          { id: 4, lines: [{ functionId: 2, line: 30 }] },
          { id: 5, lines: [{ functionId: 2, line: 31 }] },
          // main.zero: line 41 is seen first but only as a caller; the leaf line 40 wins with nothing.
          { id: 6, lines: [{ functionId: 3, line: 41 }] },
          { id: 7, lines: [{ functionId: 3, line: 40 }] },
          { id: 8, lines: [{ functionId: 4, line: 0 }] },
          { id: 9, lines: [{ functionId: 4, line: 50 }] },
          { id: 10, lines: [] },
          { id: 11, lines: [{ functionId: 5, line: 81 }] },
          { id: 12, lines: [{ functionId: 5, line: 82 }] },
        ],
        samples: [
          // A sample with no stack is no one's.
          { locations: [], values: [0, 1000] },
          { locations: [4], values: [7, 5] },
          { locations: [5], values: [3, 5] },
          { locations: [7, 6], values: [0, 0] },
          { locations: [8], values: [0, 900] },
          { locations: [9], values: [0, 9] },
          { locations: [10], values: [0, 500] },
          { locations: [11], values: [0, 1] },
          { locations: [12], values: [0, 5] },
        ],
      }),
    );
    expect(Object.fromEntries(functionSources(profile))).toEqual({
      'main.declared': { file: 'd.go', line: 65 },
      'main.tie': { file: 't.go', line: 30 },
      'main.zero': { file: 'z.go', line: 40 },
      'main.noline': { file: 'n.go', line: 50 },
      'main.next': { file: 'x.go', line: 82 },
    });
  });
});

describe('SourceLinker', () => {
  const ws = fileTree(['go.mod', 'hot.go', 'pkg/f.go', 'tools/go.mod', 'tools/gen/main.go', 'vendor/go.mod', 'vendor/v.go']);
  writeFileSync(join(ws, 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
  writeFileSync(join(ws, 'tools', 'go.mod'), '// tools\nmodule "example.com/app/tools"\n');
  writeFileSync(join(ws, 'vendor', 'go.mod'), 'module example.com/vendored\n');
  mkdirSync(join(ws, 'dir.go'));
  const outside = mkdtempSync(join(tmpdir(), 'pprof-gate-outside-'));
  writeFileSync(join(outside, 'secret.go'), 'x');
  symlinkSync(join(outside, 'secret.go'), join(ws, 'pkg', 'link.go'));
  const linker = SourceLinker.forCommit(ws, 'https://github.com', 'o', 'r', 'abc');

  test('module paths map through the go.mod files, the longest module first; vendor/ is not scanned', () => {
    expect(linker.repoPath('example.com/app/pkg/f.go')).toBe('pkg/f.go');
    expect(linker.repoPath('example.com/app/tools/gen/main.go')).toBe('tools/gen/main.go');
    expect(linker.repoPath('example.com/vendored/v.go')).toBeUndefined();
    expect(linker.repoPath('example.com/app/missing.go')).toBeUndefined();
  });

  test('absolute build paths: inside the workspace, or the longest tail that exists', () => {
    expect(linker.repoPath(join(ws, 'hot.go'))).toBe('hot.go');
    expect(linker.repoPath('/home/runner/work/app/app/pkg/f.go')).toBe('pkg/f.go');
    expect(linker.repoPath('C:\\build\\app\\pkg\\f.go')).toBeUndefined();
    expect(linker.repoPath('/usr/local/go/src/runtime/proc.go')).toBeUndefined();
    expect(linker.repoPath('pkg/f.go')).toBe('pkg/f.go');
  });

  test('nothing outside the workspace, no folder, no climbing, no link leading out', () => {
    expect(linker.repoPath('example.com/app/../../etc/passwd')).toBeUndefined();
    expect(linker.repoPath('pkg/./f.go')).toBeUndefined();
    expect(linker.repoPath('dir.go')).toBeUndefined();
    expect(linker.repoPath('pkg/link.go')).toBeUndefined();
  });

  test('links at the commit, path segments encoded, the line as an anchor', () => {
    expect(linker.link('example.com/app/pkg/f.go', 42)).toBe('https://github.com/o/r/blob/abc/pkg/f.go#L42');
    expect(linker.link('hot.go', 0)).toBe('https://github.com/o/r/blob/abc/hot.go');
    expect(linker.link('nowhere.go', 3)).toBeUndefined();
    const odd = SourceLinker.forCommit(ws, 'https://ghe.example', 'o w', 'r#', 's/1');
    expect(odd.link('hot.go', 1)).toBe('https://ghe.example/o%20w/r%23/blob/s%2F1/hot.go#L1');
  });

  test('a nested module whose folder is not its path is tried before the module holding it', () => {
    const nested = fileTree(['go.mod', 'internal/x/y.go', 'xmod/y.go', 'internal/x/go.mod']);
    writeFileSync(join(nested, 'go.mod'), 'module example.com/app\n');
    writeFileSync(
      join(nested, 'internal', 'x', 'go.mod'),
      '//module example.com/old\n// this module moved\nmodule   example.com/app/xmod\n',
    );
    expect(new SourceLinker(nested, '').repoPath('example.com/app/xmod/y.go')).toBe('internal/x/y.go');
  });

  test('go.mod files four folders down at most, not under .git or node_modules, and only files named go.mod', () => {
    const deep = fileTree([
      'a/b/c/d/go.mod',
      'a/b/c/d/f.go',
      'a/b/c/d/e/go.mod',
      'a/b/c/d/e/g.go',
      '.git/go.mod',
      '.git/h.go',
      'node_modules/m/go.mod',
      'node_modules/m/i.go',
      'notes.txt',
      'j.go',
    ]);
    writeFileSync(join(deep, 'a/b/c/d/go.mod'), 'module example.com/four\n');
    writeFileSync(join(deep, 'a/b/c/d/e/go.mod'), 'module example.com/five\n');
    writeFileSync(join(deep, '.git/go.mod'), 'module example.com/git\n');
    writeFileSync(join(deep, 'node_modules/m/go.mod'), 'module example.com/nm\n');
    writeFileSync(join(deep, 'notes.txt'), 'module example.com/notes\n');
    mkdirSync(join(deep, 'sub', 'go.mod'), { recursive: true });
    const l = new SourceLinker(deep, '');
    expect(l.repoPath('example.com/four/f.go')).toBe('a/b/c/d/f.go');
    expect(l.repoPath('example.com/five/g.go')).toBeUndefined();
    expect(l.repoPath('example.com/git/h.go')).toBeUndefined();
    expect(l.repoPath('example.com/nm/i.go')).toBeUndefined();
    expect(l.repoPath('example.com/notes/j.go')).toBeUndefined();
  });

  test('paths with Windows separators, empty segments, a workspace named with trailing slashes', () => {
    expect(linker.repoPath('pkg\\f.go')).toBe('pkg/f.go');
    expect(linker.repoPath('pkg//f.go')).toBeUndefined();
    expect(new SourceLinker(`${ws}//`, '').repoPath(join(ws, 'hot.go'))).toBe('hot.go');
  });

  test('build paths elsewhere: a tail of two parts at least, twelve folders stripped at most', () => {
    expect(linker.repoPath('/x/y/hot.go')).toBeUndefined();
    const dirs = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`).join('/');
    expect(linker.repoPath(`/${dirs(12)}/pkg/f.go`)).toBe('pkg/f.go');
    expect(linker.repoPath(`/${dirs(13)}/pkg/f.go`)).toBeUndefined();
  });

  test('a workspace that does not exist maps nothing', () => {
    expect(new SourceLinker('/nonexistent/ws', 'https://x').repoPath('/nonexistent/ws/a.go')).toBeUndefined();
  });
});
