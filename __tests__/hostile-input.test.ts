/**
 * Hostile and broken profiles end to end: decompression bombs stop at the limit without
 * allocating what they would inflate to, file-size limits hold, and the CLI turns every broken
 * profile into one line on stderr naming the file and the problem, with exit status 2.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProfile, DEFAULT_LIMITS, ProfileError, readProfileFile } from '../src/pprof/index.js';
import { buildCli, runCli } from './helpers/cli.js';
import { basicSpec, concat, encodeProfile, gzipBomb, tag } from './helpers/encode.js';
import { TESTDATA } from './helpers/golden.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    return (err as ProfileError).message;
  }
  throw new Error('no error');
}

describe('decompression bomb', () => {
  let bomb: Uint8Array;
  beforeAll(() => {
    bomb = gzipBomb(2 * GiB);
  });

  test('the bomb is a valid gzip stream of zeros (checked on a small one)', () => {
    const small = gzipBomb(4 * MiB);
    const out = gunzipSync(small);
    expect(out.length).toBe(4 * MiB);
    expect(out.every((b) => b === 0)).toBe(true);
    expect(bomb.length).toBeLessThan(3 * MiB);
  });

  test('a 2 MB gzip that inflates to 2 GiB stops at a small limit without allocating the rest', () => {
    const before = process.memoryUsage().arrayBuffers;
    expect(reasonOf(() => decodeProfile(bomb, { maxDecompressedBytes: MiB }))).toBe(`decompressed size exceeds the limit of ${MiB} bytes`);
    // Inflating it all would take 2 GiB; stopping at the limit keeps at most one chunk past it.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MiB);
  });

  test('and at the default limit (256 MiB)', () => {
    expect(DEFAULT_LIMITS.maxDecompressedBytes).toBe(256 * MiB);
    expect(reasonOf(() => decodeProfile(bomb))).toBe(`decompressed size exceeds the limit of ${256 * MiB} bytes`);
  });
});

describe('files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pprof-gate-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a file over the size limit is refused before it is read', async () => {
    const file = join(dir, 'big.pb.gz');
    writeFileSync(file, gzipSync(encodeProfile(basicSpec())));
    const size = readFileSync(file).length;
    await expect(readProfileFile(file, { maxFileBytes: size - 1 })).rejects.toThrow(
      `${file}: file is ${size} bytes, over the limit of ${size - 1}`,
    );
    await expect(readProfileFile(file, { maxFileBytes: size })).resolves.toHaveProperty('sampleCount', 2);
  });

  test('a directory, a missing file', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    await expect(readProfileFile(sub)).rejects.toThrow(new ProfileError('not a regular file', sub));
    await expect(readProfileFile(join(dir, 'nope'))).rejects.toThrow(`${join(dir, 'nope')}: no such file`);
  });

  test('decoder errors name the file', async () => {
    const file = join(dir, 'missing-location.pb');
    const s = basicSpec();
    s.samples![0].locations = [1, 42];
    writeFileSync(file, encodeProfile(s));
    await expect(readProfileFile(file)).rejects.toThrow(`${file}: sample 0 names location id 42, which does not exist`);
  });
});

describe('CLI: a broken profile is exit status 2 and one line naming the file', () => {
  let dir: string;
  let cli: string;
  let cleanup: () => void;
  const good = join(TESTDATA, 'profiles', 'timeout', 'base.goroutine.pb.gz');
  beforeAll(() => {
    ({ cli, cleanup } = buildCli());
    dir = mkdtempSync(join(tmpdir(), 'pprof-gate-cli-'));
  });
  afterAll(() => {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, bytes: Uint8Array): string => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  const broken: [string, () => Uint8Array, string][] = [
    ['empty.pb.gz', () => new Uint8Array(0), 'empty file'],
    [
      'text.pb.gz',
      () => new TextEncoder().encode('=== RUN   TestHang\n--- FAIL: TestHang (0.00s)\nFAIL\n'),
      'not a profile.proto: the file is text, starting "=== RUN   TestHang" - a log with no goroutine dump in it (no line "goroutine N [status]:")',
    ],
    [
      'missing-function.pb.gz',
      () => {
        const s = basicSpec();
        s.locations![0].lines[0].functionId = 77;
        return gzipSync(encodeProfile(s));
      },
      'location id 1 names function id 77, which does not exist',
    ],
    ['truncated.pb.gz', () => readFileSync(good).subarray(0, 100), 'truncated gzip data (the stream ends early)'],
    [
      'bad-varint.pb',
      () => concat(encodeProfile(basicSpec()), tag(12, 0), Uint8Array.from([0xff])),
      `truncated varint at byte ${encodeProfile(basicSpec()).length + 1}`,
    ],
  ];

  test.each(broken)('%s as head', (name, make, reason) => {
    const file = write(name, make());
    const r = runCli(cli, ['diff', '--base', good, '--head', file]);
    expect(r.stderr).toBe(`pprof-gate: ${file}: ${reason}\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  test('a broken text profile names the file and the line', () => {
    const file = write(
      'goroutine.txt',
      new TextEncoder().encode('panic: boom\n\ngoroutine 1 [running]:\nmain.worker(...)\nexit status 2\n'),
    );
    const r = runCli(cli, ['diff', '--base', good, '--head', file]);
    expect(r.stderr).toBe(`pprof-gate: ${file}:5: expected a "file:line" line after the frame "main.worker(...)", found "exit status 2"\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  test('a broken base is reported the same way', () => {
    const file = write('base-empty.pb.gz', new Uint8Array(0));
    const r = runCli(cli, ['diff', '--base', file, '--head', good]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pprof-gate: ${file}: empty file\n`);
  });

  test('a decompression bomb stops at --max-profile-bytes', () => {
    const file = write('bomb.pb.gz', gzipBomb(64 * MiB));
    const r = runCli(cli, ['diff', '--base', good, '--head', file, '--max-profile-bytes', String(MiB)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pprof-gate: ${file}: decompressed size exceeds the limit of ${MiB} bytes\n`);
  });

  test('a compressed file over --max-profile-bytes is refused by its size', () => {
    const size = readFileSync(good).length;
    const r = runCli(cli, ['diff', '--base', good, '--head', good, '--max-profile-bytes', String(size - 1)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pprof-gate: ${good}: file is ${size} bytes, over the limit of ${size - 1}\n`);
  });

  test('base and head of different kinds (heap vs goroutine)', () => {
    const heap = join(TESTDATA, 'profiles', 'timeout', 'head.heap.pb.gz');
    const r = runCli(cli, ['diff', '--base', good, '--head', heap]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^pprof-gate: ${heap}: base and head are different kinds of profile: .*\\n$`));
  });
});
