import { describe, expect, test } from '@jest/globals';
import { cleanPath, GRANULARITIES, locationFrames, NodeTable, type Granularity } from '../../src/analysis/nodes.js';
import { decodeProfile } from '../../src/pprof/index.js';
import { encodeProfile, type ProfileSpec } from '../helpers/encode.js';

describe('NodeTable', () => {
  test('one id per distinct node, in order of first sight; the same node gets the same id', () => {
    const t = new NodeTable();
    expect(t.intern('main.f', '', 0, '', 0)).toBe(0);
    expect(t.intern('main.g', '', 0, '', 0)).toBe(1);
    expect(t.intern('main.f', '', 0, '', 0)).toBe(0);
    // Any one part of the key makes another node.
    expect(t.intern('main.f', 'f.go', 0, '', 0)).toBe(2);
    expect(t.intern('main.f', 'f.go', 3, '', 0)).toBe(3);
    expect(t.intern('main.f', 'f.go', 3, 'app', 0)).toBe(4);
    expect(t.intern('main.f', 'f.go', 3, 'app', 1)).toBe(5);
    expect(t.size).toBe(6);
    expect(t.nodes.map((n) => n.name)).toEqual(['main.f', 'main.g', 'main.f', 'main.f', 'main.f', 'main.f']);
  });

  test('labels are pprof’s printable names', () => {
    const t = new NodeTable();
    const label = (name: string, file: string, line: number, objfile: string) => t.nodes[t.intern(name, file, line, objfile, 0)].label;
    expect(label('main.f', '', 0, '')).toBe('main.f');
    expect(label('main.f', 'x/f.go', 42, '')).toBe('main.f x/f.go:42');
    expect(label('', 'x/f.go', 0, '')).toBe('x/f.go');
    expect(label('main.f', 'x/f.go', 0, '')).toBe('main.f x/f.go');
    // A name says it all: the binary is not added to it.
    expect(label('main.f', '', 0, '/bin/app')).toBe('main.f');
    expect(label('', '', 0, '/usr/local/bin/app')).toBe('[app]');
    expect(label('', '', 0, '/opt/lib/')).toBe('[lib]');
    expect(label('', '', 0, '/opt/lib//')).toBe('[lib]');
    expect(label('', '', 0, '/')).toBe('[/]');
    expect(label('', '', 0, 'app')).toBe('[app]');
    expect(label('', '', 0, '')).toBe('<unknown>');
  });

  test('the tie key is fmt.Sprint of pprof’s NodeInfo', () => {
    const t = new NodeTable();
    const n = t.nodes[t.intern('main.f', 'x/f.go', 42, 'app', 7)];
    expect(n.tieKey).toBe('{main.f  0 x/f.go 7 42 app}');
    expect(n).toMatchObject({ name: 'main.f', file: 'x/f.go', line: 42, objfile: 'app', startLine: 7 });
  });
});

describe('cleanPath, as Go’s filepath.Clean on Unix', () => {
  test.each([
    ['', '.'],
    ['.', '.'],
    ['/', '/'],
    ['//', '/'],
    ['a/b/', 'a/b'],
    ['a//b', 'a/b'],
    ['./a/./b', 'a/b'],
    ['a/b/../c', 'a/c'],
    ['a/../..', '..'],
    ['../../a', '../../a'],
    ['a/../../b', '../b'],
    ['/../a', '/a'],
    ['/a/b/../../..', '/'],
    ['a/..', '.'],
  ])('%j → %j', (path, clean) => {
    expect(cleanPath(path)).toBe(clean);
  });
});

/** Locations: 1 inlines main.inner into main.outer; 2 has no lines; 3 is in a nameless function. */
const spec: ProfileSpec = {
  sampleTypes: [['objects', 'count']],
  mappings: [{ id: 1, filename: '/usr/bin/server' }],
  functions: [
    { id: 1, name: 'main.inner', filename: '/proc/self/cwd/./pkg/../inner.go', startLine: 5 },
    { id: 2, name: 'main.outer', filename: '/proc/self/cwd/outer.go', startLine: 1 },
    { id: 3, name: '', filename: 'asm.s', startLine: 9 },
  ],
  locations: [
    {
      id: 1,
      mappingId: 1,
      lines: [
        { functionId: 1, line: 6 },
        { functionId: 2, line: 3 },
      ],
    },
    { id: 2, mappingId: 1, lines: [] },
    { id: 3, mappingId: 1, lines: [{ functionId: 3, line: 11 }] },
    { id: 4, lines: [{ functionId: 2, line: 4 }] },
  ],
  samples: [{ locations: [1, 2, 3, 4], values: [1] }],
};

function framesOf(granularity: Granularity): { starts: number[]; labels: string[]; table: NodeTable } {
  const profile = decodeProfile(encodeProfile(spec));
  const table = new NodeTable();
  const { frameStart, frames } = locationFrames(profile, granularity, table);
  return { starts: [...frameStart], labels: [...frames].map((id) => table.nodes[id].label), table };
}

describe('locationFrames', () => {
  test('one frame per line entry, innermost first; one frame for a location without lines', () => {
    for (const g of GRANULARITIES) expect(framesOf(g).starts).toEqual([0, 2, 3, 4, 5]);
  });

  test('functions: names only; a location without lines, or a nameless function, is named by its binary', () => {
    const { labels, table } = framesOf('functions');
    expect(labels).toEqual(['main.inner', 'main.outer', '[server]', '[server]', 'main.outer']);
    // The same function at another line and in another location is the same node.
    expect(table.size).toBe(4);
    // The nameless function keeps its start line in its key, the line-less location does not.
    expect(table.nodes.filter((n) => n.label === '[server]').map((n) => n.startLine)).toEqual([0, 9]);
  });

  test('lines: name, file and line; /proc/self/cwd/ is trimmed and the path cleaned, as pprof does', () => {
    expect(framesOf('lines').labels).toEqual([
      'main.inner inner.go:6',
      'main.outer outer.go:3',
      '[server]',
      'asm.s:11',
      'main.outer outer.go:4',
    ]);
  });

  test('files: the file alone, trimmed and cleaned the same way', () => {
    const { labels } = framesOf('files');
    expect(labels).toEqual(['inner.go', 'outer.go', '[server]', 'asm.s', 'outer.go']);
  });

  test('the three granularities, finest-grained in the middle, as the inputs spell them', () => {
    expect(GRANULARITIES).toEqual(['functions', 'lines', 'files']);
  });

  test('a function without a file name gets no file, and a location without lines or binary is <unknown>', () => {
    const bare = decodeProfile(
      encodeProfile({
        sampleTypes: [['objects', 'count']],
        functions: [{ id: 1, name: 'main.f', filename: '', startLine: 1 }],
        locations: [
          { id: 1, lines: [{ functionId: 1, line: 3 }] },
          { id: 2, lines: [] },
        ],
        samples: [{ locations: [1, 2], values: [1] }],
      }),
    );
    const table = new NodeTable();
    const { frames } = locationFrames(bare, 'lines', table);
    // pprof's NodeInfo prints "file:line" whenever there is a line, so an empty file shows as " :3".
    expect([...frames].map((id) => table.nodes[id].label)).toEqual(['main.f :3', '<unknown>']);
    expect(table.nodes[frames[0]].file).toBe('');
  });

  test('one table shared by two profiles gives the same node the same id in both', () => {
    const a = decodeProfile(encodeProfile(spec));
    const b = decodeProfile(encodeProfile({ ...spec, functions: [...spec.functions!].reverse() }));
    const table = new NodeTable();
    const fa = locationFrames(a, 'functions', table);
    const fb = locationFrames(b, 'functions', table);
    expect([...fb.frames]).toEqual([...fa.frames]);
  });
});
