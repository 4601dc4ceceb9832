import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonAncestor, glob, hasGlob, relativePath } from '../../src/files/glob.js';
import { findHeadProfiles, pairWithBaseline } from '../../src/action/pairing.js';
import { buildCli, runCli } from '../helpers/cli.js';
import { collectDebugOutput } from '../helpers/debug-output.js';

const debugLines = collectDebugOutput();

/**
 * The expected layouts below are the paths actions/upload-artifact gives each file for the same
 * `path` input, worked out by hand from its rules: @actions/glob with symbolic links followed and
 * broken ones skipped, a directory taking every file under it, hidden names left out by default;
 * the artifact root is the one search path, the least common ancestor of several search paths
 * (a search path under another one does not count), or the parent directory of a single file
 * named without wildcards.
 */
function workspace(): string {
  const ws = realpathSync(mkdtempSync(join(tmpdir(), 'pprof-gate-glob-')));
  const files = [
    'out/a/heap.pb.gz',
    'out/a/goroutine.pb.gz',
    'out/b/heap.pb.gz',
    'out/b/.cache/heap.pb.gz',
    'out/.heap.pb.gz',
    'out/notes.txt',
    'other/heap.pb.gz',
    'shared/heap.pb.gz',
    '.profiles/heap.pb.gz',
    'braces/{a,b}/x.pb.gz',
  ];
  for (const f of files) {
    mkdirSync(join(ws, f, '..'), { recursive: true });
    writeFileSync(join(ws, f), f);
  }
  symlinkSync(join(ws, 'shared'), join(ws, 'out/linked'));
  symlinkSync(join(ws, 'other/heap.pb.gz'), join(ws, 'out/link.pb.gz'));
  symlinkSync(join(ws, 'missing.pb.gz'), join(ws, 'out/broken.pb.gz'));
  return ws;
}

/** What the artifact holds: each file's path relative to the root, as upload-artifact zips it. */
async function layout(patterns: string[], ws: string, includeHiddenFiles = false): Promise<{ root: string; paths: string[] }> {
  const { files, rootDirectory } = await glob(patterns, ws, { includeHiddenFiles });
  return { root: relativePath(ws, rootDirectory), paths: files.map((f) => relativePath(rootDirectory, f)) };
}

describe('globs as actions/upload-artifact reads them', () => {
  const ws = workspace();

  test('`**`: root is the search path; linked directories and files followed, broken links and hidden names skipped', async () => {
    expect(await layout(['out/**/*.pb.gz'], ws)).toEqual({
      root: 'out',
      paths: ['a/goroutine.pb.gz', 'a/heap.pb.gz', 'b/heap.pb.gz', 'link.pb.gz', 'linked/heap.pb.gz'],
    });
    // The broken link is skipped on purpose, which @actions/glob says only in its debug log.
    expect(debugLines).toContain(`::debug::Broken symlink '${join(ws, 'out/broken.pb.gz')}'`);
  });

  test('a directory takes every file under it, with or without a trailing slash', async () => {
    const all = ['a/goroutine.pb.gz', 'a/heap.pb.gz', 'b/heap.pb.gz', 'link.pb.gz', 'linked/heap.pb.gz', 'notes.txt'];
    expect(await layout(['out'], ws)).toEqual({ root: 'out', paths: all });
    expect(await layout(['out/'], ws)).toEqual({ root: 'out', paths: all });
    expect(await layout(['out/a'], ws)).toEqual({ root: 'out/a', paths: ['goroutine.pb.gz', 'heap.pb.gz'] });
  });

  test('negations remove files but do not move the root', async () => {
    expect(await layout(['out/**/*.pb.gz', '!out/a/**', '!**/link*'], ws)).toEqual({ root: 'out', paths: ['b/heap.pb.gz'] });
    expect(await layout(['out/a/*.pb.gz', '!out/a/goroutine*'], ws)).toEqual({ root: 'out/a', paths: ['heap.pb.gz'] });
  });

  test('several patterns: the least common ancestor of their search paths', async () => {
    expect(await layout(['out/a/heap.pb.gz', 'other/heap.pb.gz'], ws)).toEqual({
      root: '',
      paths: ['other/heap.pb.gz', 'out/a/heap.pb.gz'],
    });
    expect(await layout(['out/a/*.pb.gz', 'out/b/*.pb.gz'], ws)).toEqual({
      root: 'out',
      paths: ['a/goroutine.pb.gz', 'a/heap.pb.gz', 'b/heap.pb.gz'],
    });
    // A search path under another one is dropped, leaving a single search path.
    expect(await layout(['out/a/*.pb.gz', 'out/a/heap.pb.gz'], ws)).toEqual({ root: 'out/a', paths: ['goroutine.pb.gz', 'heap.pb.gz'] });
  });

  test('a single file named without wildcards keeps only its base name; with one it keeps the path below the search path', async () => {
    expect(await layout(['out/b/heap.pb.gz'], ws)).toEqual({ root: 'out/b', paths: ['heap.pb.gz'] });
    expect(await layout(['out/*/heap.pb.gz'], ws)).toEqual({ root: 'out', paths: ['a/heap.pb.gz', 'b/heap.pb.gz', 'linked/heap.pb.gz'] });
  });

  test('hidden files and directories only with include-hidden-files, even as the search path itself', async () => {
    expect(await layout(['.profiles/*.pb.gz'], ws)).toEqual({ root: '.profiles', paths: [] });
    expect(await layout(['.profiles/*.pb.gz'], ws, true)).toEqual({ root: '.profiles', paths: ['heap.pb.gz'] });
    expect((await layout(['out/b'], ws, true)).paths).toEqual(['.cache/heap.pb.gz', 'heap.pb.gz']);
    expect((await layout(['out/*.pb.gz'], ws, true)).paths).toEqual(['.heap.pb.gz', 'link.pb.gz']);
  });

  test('braces are literal and # starts a comment, as in upload-artifact', async () => {
    expect((await layout(['braces/{a,b}/*.pb.gz'], ws)).paths).toEqual(['x.pb.gz']);
    expect((await layout(['# out/a', 'out/a/heap.pb.gz'], ws)).paths).toEqual(['heap.pb.gz']);
  });

  test('wildcard characters in the directory the patterns are relative to are taken literally', async () => {
    expect(await glob(['*.pb.gz'], join(ws, 'braces/{a,b}'))).toEqual({
      rootDirectory: join(ws, 'braces/{a,b}'),
      files: [join(ws, 'braces/{a,b}/x.pb.gz')],
    });
    const odd = join(ws, 'odd[1]*');
    mkdirSync(odd);
    writeFileSync(join(odd, 'heap.pb.gz'), '');
    expect(await glob(['*.pb.gz'], odd)).toEqual({ rootDirectory: odd, files: [join(odd, 'heap.pb.gz')] });
  });

  test('helpers', () => {
    expect(hasGlob('prof/heap-*.pb.gz')).toBe(true);
    expect(hasGlob('prof/heap-[12].pb.gz')).toBe(true);
    expect(hasGlob('prof/{a,b}.pb.gz')).toBe(false);
    expect(commonAncestor(['/w/out/a', '/w/out/b/c'])).toBe('/w/out');
    expect(commonAncestor(['/foo', '/bar'])).toBe('/');
  });
});

describe('pairing follows the artifact upload-artifact makes of the same globs', () => {
  const ws = workspace();

  test('each head pairs with the baseline file at the path upload-artifact gave it', async () => {
    const patterns = ['out/a/*.pb.gz', 'out/b/', 'other/heap.pb.gz', '!**/goroutine*'];
    const artifact = (await layout(patterns, ws)).paths;
    expect(artifact).toEqual(['other/heap.pb.gz', 'out/a/heap.pb.gz', 'out/b/heap.pb.gz']);
    const heads = await findHeadProfiles(patterns, ws);
    const { groups, unpaired } = pairWithBaseline(heads, '/base', artifact);
    expect(groups.map((g) => [relativePath(ws, g.heads[0].file), g.bases.map((b) => b.rel)])).toEqual([
      ['other/heap.pb.gz', ['other/heap.pb.gz']],
      ['out/a/heap.pb.gz', ['out/a/heap.pb.gz']],
      ['out/b/heap.pb.gz', ['out/b/heap.pb.gz']],
    ]);
    expect(unpaired).toEqual([]);
  });

  test('hidden profiles pair only when include-hidden-files is set on both sides', async () => {
    const artifact = (await layout(['out/b'], ws, true)).paths;
    const heads = await findHeadProfiles(['out/b'], ws, true);
    expect(pairWithBaseline(heads, '/base', artifact).groups.map((g) => g.key)).toEqual(['.cache/heap.pb.gz', 'heap.pb.gz']);
    const visible = await findHeadProfiles(['out/b'], ws);
    expect(pairWithBaseline(visible, '/base', artifact).unpaired).toEqual(['.cache/heap.pb.gz']);
  });
});

describe('the CLI reads --base and --head globs the same way', () => {
  // Built in beforeAll, not on load: a run that filters these tests out (npm run mutate) skips it.
  let cli: string;
  let cleanup = (): void => {};
  beforeAll(() => {
    ({ cli, cleanup } = buildCli());
  });
  afterAll(() => cleanup());

  test('a glob takes every match (hidden ones left out), and stdout holds the report alone', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pprof-gate-cli-glob-')));
    const timeout = join(import.meta.dirname, '..', '..', 'testdata', 'profiles', 'timeout');
    for (const n of ['1', '2']) copyFileSync(join(timeout, 'base.goroutine.pb.gz'), join(dir, `base-${n}.pb.gz`));
    copyFileSync(join(timeout, 'head.goroutine.pb.gz'), join(dir, 'head-1.pb.gz'));
    copyFileSync(join(timeout, 'head.goroutine.pb.gz'), join(dir, '.head-2.pb.gz'));
    const r = runCli(cli, ['diff', '--base', `${dir}/base-*.pb.gz`, '--head', `${dir}/*head-[0-9].pb.gz`, '--format', 'json']);
    expect(r.stderr).not.toMatch(/Error|::debug::/);
    const report = JSON.parse(r.stdout) as { comparisons: { baseCount: number; headCount: number }[] };
    expect(report.comparisons.map((c) => [c.baseCount, c.headCount])).toEqual([[2, 1]]);
    const none = runCli(cli, ['diff', '--base', `${dir}/{base-1,base-2}.pb.gz`, '--head', `${dir}/head-1.pb.gz`]);
    // Braces are no wildcard: the path is taken as given, and no file has that name.
    expect(none.stderr).toContain(`${dir}/{base-1,base-2}.pb.gz: no such file`);
    expect(none.status).not.toBe(0);
    const empty = runCli(cli, ['diff', '--base', `${dir}/base-[3-9].pb.gz`, '--head', `${dir}/head-1.pb.gz`]);
    expect(empty.stderr).toContain(`--base ${dir}/base-[3-9].pb.gz: no file matches`);
  });
});
