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

  test('a workspace that does not exist maps nothing', () => {
    expect(new SourceLinker('/nonexistent/ws', 'https://x').repoPath('/nonexistent/ws/a.go')).toBeUndefined();
  });
});
