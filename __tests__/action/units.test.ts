import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comparison, DiffRow } from '../../src/analysis/types.js';
import { commentMarker, runStamp } from '../../src/action/comment.js';
import { parseInputs } from '../../src/action/inputs.js';
import { findHeadProfiles, MAX_PROFILE_FILES, pairWithBaseline } from '../../src/action/pairing.js';
import { glob } from '../../src/files/glob.js';
import { ArtifactError, verifyArtifactDir } from '../../src/github/baseline.js';
import { findStickyComment } from '../../src/github/comment.js';
import type { Octokit } from '../../src/github/octokit.js';
import { actionDefaults } from './harness.js';
import { COMMENT_LIMIT, renderComment, type CommentInput } from '../../src/report/comment.js';

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-unit-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

describe('profile globs and pairing, as actions/upload-artifact lays files out', () => {
  test('paths are relative to the search path of the globs; a single literal file keeps its base name', () => {
    const ws = tree(['out/a/heap.pb.gz', 'out/a/goroutine.pb.gz', 'out/b/heap.pb.gz', 'out/notes.txt', 'other/heap.pb.gz']);
    expect(findHeadProfiles(['out/**/*.pb.gz'], ws).map((h) => h.rel)).toEqual(['a/goroutine.pb.gz', 'a/heap.pb.gz', 'b/heap.pb.gz']);
    expect(findHeadProfiles(['out/a/*.pb.gz', '!out/a/goroutine*'], ws).map((h) => h.rel)).toEqual(['heap.pb.gz']);
    expect(findHeadProfiles(['out/b/heap.pb.gz'], ws).map((h) => h.rel)).toEqual(['heap.pb.gz']);
    expect(findHeadProfiles(['out/a/heap.pb.gz', 'other/heap.pb.gz'], ws).map((h) => h.rel)).toEqual([
      'other/heap.pb.gz',
      'out/a/heap.pb.gz',
    ]);
    expect(glob(['out/{a,b}/heap.pb.gz'], ws).files.map((f) => f.slice(ws.length + 1))).toEqual(['out/a/heap.pb.gz', 'out/b/heap.pb.gz']);
    expect(() => findHeadProfiles(['nothing/*.pb.gz'], ws)).toThrow(/input profiles: no file matches nothing\/\*\.pb\.gz/);
  });

  test('pairing falls back to the least common ancestor of the matches, and lists unpaired baseline files', () => {
    const ws = tree(['out/x/y/heap.pb.gz', 'out/x/y/goroutine.pb.gz']);
    const heads = findHeadProfiles(['out/**/*.pb.gz'], ws);
    expect(heads.map((h) => [h.rel, h.lcaRel])).toEqual([
      ['x/y/goroutine.pb.gz', 'goroutine.pb.gz'],
      ['x/y/heap.pb.gz', 'heap.pb.gz'],
    ]);
    const { groups, unpaired } = pairWithBaseline(heads, '/b', ['heap.pb.gz', 'x/y/goroutine.pb.gz', 'extra.pb.gz']);
    expect(groups.map((g) => g.bases.map((b) => b.file))).toEqual([['/b/x/y/goroutine.pb.gz'], ['/b/heap.pb.gz']]);
    expect(unpaired).toEqual(['extra.pb.gz']);
  });

  test('runs of one profile form one group on each side, keyed without the run index', () => {
    const ws = tree(['profiles/heap-1.pb.gz', 'profiles/heap-2.pb.gz', 'profiles/heap-3.pb.gz', 'profiles/goroutine.pb.gz']);
    const heads = findHeadProfiles(['profiles/*.pb.gz'], ws);
    const { groups, unpaired } = pairWithBaseline(heads, '/b', ['heap_1.pb.gz', 'heap_2.pb.gz', 'goroutine.pb.gz', 'heap-sampled.pb.gz']);
    expect(groups.map((g) => [g.key, g.heads.map((h) => h.rel), g.bases.map((b) => b.rel)])).toEqual([
      ['goroutine.pb.gz', ['goroutine.pb.gz'], ['goroutine.pb.gz']],
      ['heap.pb.gz', ['heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz'], ['heap_1.pb.gz', 'heap_2.pb.gz']],
    ]);
    expect(unpaired).toEqual(['heap-sampled.pb.gz']);
    const custom = pairWithBaseline(heads, '/b', ['heap.pb.gz'], /-\d+$/);
    expect(custom.groups.map((g) => g.key)).toEqual(['goroutine.pb.gz', 'heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz']);
  });
});

describe('downloaded artifacts are checked', () => {
  test('regular files are listed; a symbolic link is refused with a clear message', () => {
    const dir = tree(['heap.pb.gz', 'sub/goroutine.pb.gz']);
    expect(verifyArtifactDir(dir)).toEqual(['heap.pb.gz', 'sub/goroutine.pb.gz']);
    symlinkSync('/etc/passwd', join(dir, 'sub', 'evil.pb.gz'));
    expect(() => verifyArtifactDir(dir)).toThrow(ArtifactError);
    expect(() => verifyArtifactDir(dir)).toThrow('the artifact holds a symbolic link (sub/evil.pb.gz); only profile files are accepted');
  });
});

function row(i: number, name: string): DiffRow {
  return {
    label: name,
    name,
    file: '',
    line: 0,
    baseFlat: 0,
    headFlat: 1000 + i,
    flatDelta: 1000 + i,
    baseCum: 0,
    headCum: 1000 + i,
    cumDelta: 1000 + i,
    isNew: true,
    inline: '',
    pValue: null,
    significant: null,
  };
}

function comparison(profile: string, rows: DiffRow[]): Comparison {
  return {
    profile,
    baseCount: 1,
    headCount: 1,
    mode: 'exact',
    alpha: 0.05,
    tested: false,
    totalPValue: null,
    sampleIndex: 'inuse_space',
    unit: 'bytes',
    granularity: 'functions',
    normalized: false,
    baseTotal: 1,
    headTotal: 1,
    baseSum: 1,
    headSum: 100000,
    rows,
  } as unknown as Comparison;
}

function input(over: Partial<CommentInput>): CommentInput {
  return {
    marker: commentMarker('ci/job'),
    verdict: 'regression',
    reasons: [],
    acceptLabel: 'pprof-gate: accept',
    baseline: { sha: 'a'.repeat(40), runId: 1, runUrl: 'https://github.com/o/r/actions/runs/1', commitUrl: '' },
    notes: [],
    profiles: [],
    top: 10,
    reproduce: [],
    ...over,
  };
}

describe('renderComment', () => {
  test('stays under the limit: sections shortened, then left out, with a note; the marker survives', () => {
    const long = 'main.' + '&<>'.repeat(200);
    const profiles = Array.from({ length: 40 }, (_, p) => ({
      name: `p${p}.pb.gz`,
      comparisons: [
        comparison(
          `p${p}.pb.gz`,
          Array.from({ length: 50 }, (_, i) => row(i, `${long}${i}`)),
        ),
      ],
    }));
    const reasons = Array.from({ length: 500 }, (_, i) => `p.pb.gz inuse_space: ${long}${i} grew`);
    const body = renderComment(input({ profiles, reasons, top: 0 }));
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 5000);
    expect(body).toMatch(/section\(s\) (show fewer rows|are left out).*65,536-character limit/);
    expect(body.endsWith('<!-- pprof-gate:ci/job -->')).toBe(true);
    expect(body).toContain('- … and 490 more');
    expect(body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
  });

  test('a small report is whole, with no truncation note', () => {
    const body = renderComment(input({ profiles: [{ name: 'heap.pb.gz', comparisons: [comparison('heap.pb.gz', [row(1, 'main.f')])] }] }));
    expect(body).not.toContain('character limit');
    expect(body).toContain('main\\.f');
  });

  test('the marker cannot be closed early by the job key or the comment key', () => {
    expect(commentMarker('a-->b<c')).toBe('<!-- pprof-gate:a_b_c -->');
    expect(commentMarker('ci/job', 'go1.22 --> <b>')).toBe('<!-- pprof-gate:ci/job/go1.22 _ _b_ -->');
  });

  test('a comment key makes a different marker; the run stamp goes just before it', () => {
    expect(commentMarker('ci/job', 'linux')).not.toBe(commentMarker('ci/job'));
    expect(commentMarker('ci/job', 'linux')).not.toBe(commentMarker('ci/job', 'darwin'));
    expect(runStamp('555', '2')).toBe('<!-- pprof-gate-run:555.2 -->');
    expect(runStamp('555', '')).toBe('<!-- pprof-gate-run:555.1 -->');
    const body = renderComment(input({ stamp: runStamp('555', '1') }));
    expect(body.split('\n').slice(-2)).toEqual(['<!-- pprof-gate-run:555.1 -->', '<!-- pprof-gate:ci/job -->']);
  });
});

describe('the sticky comment', () => {
  test("is our comment that ends with the marker; a quoted copy of the marker, or another user's look-alike, does not count", async () => {
    const marker = commentMarker('ci/gate');
    const other = commentMarker('ci/other');
    const bot = { login: 'github-actions[bot]', type: 'Bot' };
    const comments = [
      { id: 1, html_url: 'u1', user: bot, body: `### other job\n\`\`\`sh\npprof-gate diff --head '${marker}'\n\`\`\`\n${other}` },
      { id: 2, html_url: 'u2', user: { login: 'mallory', type: 'User' }, body: `### a look-alike\n${marker}` },
      { id: 3, html_url: 'u3', user: bot, body: `### ours\n${marker}\n` },
    ];
    const octokit = { paginate: () => Promise.resolve(comments) } as unknown as Octokit;
    const repo = { owner: 'o', repo: 'r' };
    await expect(findStickyComment(octokit, repo, 7, marker, 'github-actions[bot]')).resolves.toMatchObject({ id: 3, url: 'u3' });
    await expect(findStickyComment(octokit, repo, 7, marker, 'mallory')).resolves.toMatchObject({ id: 2 });
    await expect(findStickyComment(octokit, repo, 7, marker, 'octocat')).resolves.toBeUndefined();
    await expect(findStickyComment(octokit, repo, 7, commentMarker('ci/none'), 'github-actions[bot]')).resolves.toBeUndefined();
  });
});

describe('thousands of files', () => {
  const many = Array.from({ length: MAX_PROFILE_FILES + 1 }, (_, i) => `p/heap-${i}.pb.gz`);

  test('this run: more matches than the limit is a clear input error', () => {
    const ws = tree(many);
    expect(() => findHeadProfiles(['p/*.pb.gz'], ws)).toThrow(
      `input profiles: ${MAX_PROFILE_FILES + 1} files match p/*.pb.gz, more than the limit of ${MAX_PROFILE_FILES}`,
    );
    expect(findHeadProfiles(['p/heap-1*.pb.gz'], ws).length).toBeLessThanOrEqual(MAX_PROFILE_FILES);
  });

  test('a baseline artifact with more files than the limit is refused', () => {
    const dir = tree(many);
    expect(() => verifyArtifactDir(dir)).toThrow(
      `the artifact holds more than ${MAX_PROFILE_FILES} files; a profile artifact should hold a few profiles`,
    );
  });
});

describe('input comment-key', () => {
  const reader = (over: Record<string, string>) => {
    const inputs: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', ...over };
    return (name: string) => inputs[name] ?? '';
  };

  test('is trimmed, empty by default', () => {
    expect(parseInputs(reader({})).commentKey).toBe('');
    expect(parseInputs(reader({ 'comment-key': ' go1.22 ' })).commentKey).toBe('go1.22');
  });

  test('more than one line, or very long, is refused naming the input', () => {
    for (const bad of ['a\nb', 'x'.repeat(101)]) {
      expect(() => parseInputs(reader({ 'comment-key': bad }))).toThrow('input comment-key: must be one line of at most 100 characters');
    }
  });
});
