/**
 * A plain text file is read through a window of 1 MB that moves on (lines.ts): the same profile as
 * from the whole bytes in memory, wherever lines fall against the window's edges, with lines
 * longer than the window, and with errors that quote the line before after the window moved.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProfile } from '../../../src/pprof/decode.js';
import { ProfileError } from '../../../src/pprof/errors.js';
import type { Profile } from '../../../src/pprof/profile.js';
import { readProfileFile } from '../../../src/pprof/read.js';

const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-window-'));

function fileOf(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Each sample's frames (name file:line) and labels, as plain data to compare. */
function samples(p: Profile): string[] {
  const out: string[] = [];
  for (let s = 0; s < p.sampleCount; s++) {
    const parts: string[] = [];
    for (let k = p.stackStart[s]; k < p.stackStart[s + 1]; k++) {
      const loc = p.stackLocations[k];
      for (let j = p.lineStart[loc]; j < p.lineStart[loc + 1]; j++) {
        const fn = p.lineFunction[j];
        parts.push(`${p.strings[p.functionName[fn]]} ${p.strings[p.functionFilename[fn]]}:${p.lineNumber[j]}`);
      }
    }
    for (let i = p.labelStart[s]; i < p.labelStart[s + 1]; i++) {
      parts.push(`${p.strings[p.labelKey[i]]}=${p.labelStr[i] ? p.strings[p.labelStr[i]] : p.labelNum[i]}`);
    }
    out.push(`${parts.join('|')} = ${Array.from(p.values.subarray(s * p.sampleTypes.length, (s + 1) * p.sampleTypes.length)).join(',')}`);
  }
  return out;
}

/** A dump of n goroutines whose lines vary in length, so they fall across the window's edges everywhere. */
function dump(n: number): string {
  let text = 'panic: test timed out after 1s\n\n';
  for (let i = 0; i < n; i++) {
    text += `goroutine ${i + 1} [chan send, ${i % 7} minutes]:\n`;
    text += `main.worker${i % 13}(${'0x1, '.repeat(i % 5)}0x2)\n\t/src/app/w${i % 3}.go:${10 + (i % 50)} +0x${(i % 255).toString(16)}\n`;
    if (i % 4 === 0) text += `main.inlined${i % 2}(...)\n\t/src/app/inl.go:${i % 9}\n`;
    text += `main.run()\n\t/src/app/main.go:20 +0x1d\ncreated by main.start in goroutine ${i % 3}\n\t/src/app/main.go:${30 + (i % 2)} +0x4a\n\n`;
  }
  return text;
}

function heap(n: number): string {
  let text = 'heap profile: 10: 100 [20: 200] @ heap/1048576\n';
  for (let i = 0; i < n; i++) {
    const pc = 0x4000 + (i % 40) * 16;
    text += `${1 + (i % 3)}: ${64 * (1 + (i % 3))} [${2 + (i % 3)}: ${128 * (1 + (i % 3))}] @ 0x${(pc + 1).toString(16)} 0x4b1\n`;
    text += `#\t0x${pc.toString(16)}\tmain.f${i % 40}+0x${(i % 40).toString(16)}\t\t/src/app/f.go:${i % 40}\n`;
    text += `#\t0x4b0\tmain.main+0x10\t/src/app/main.go:5\n\n`;
  }
  return `${text}\n# runtime.MemStats\n# HeapInuse = 4096\n`;
}

describe('a file read through the window reads as the same bytes in memory', () => {
  test.each([
    ['goroutine debug=2 of 1.5 MB', dump(12_000)],
    ['heap debug=1 of 1.5 MB', heap(15_000)],
  ])('%s', async (_name, text) => {
    expect(text.length).toBeGreaterThan(1 << 20);
    const fromFile = await readProfileFile(fileOf('big.txt', text));
    const inMemory = decodeProfile(Buffer.from(text));
    expect(fromFile.sampleCount).toBe(inMemory.sampleCount);
    expect(samples(fromFile)).toEqual(samples(inMemory));
    expect(fromFile.memStats).toEqual(inMemory.memStats);
  });

  test('a line longer than the window', async () => {
    const args = 'x'.repeat(3 << 20);
    const text = `goroutine 1 [select]:\nmain.f(${args})\n\t/a.go:1 +0x1\n\ngoroutine 2 [select]:\nmain.g()\n\t/b.go:2 +0x1\n`;
    const limits = { maxStringLength: 8 << 20 };
    const p = await readProfileFile(fileOf('long.txt', text), limits);
    expect(samples(p)).toEqual(samples(decodeProfile(Buffer.from(text), limits)));
    expect(p.sampleCount).toBe(2);
  });

  test('a line over the limit is an error, found before the window grows to hold it', async () => {
    const text = `goroutine 1 [select]:\nmain.f(${'x'.repeat(5 << 20)})\n\t/a.go:1 +0x1\n`;
    const err = await readProfileFile(fileOf('huge.txt', text), { maxStringLength: 1 << 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as ProfileError).message).toBe(`${join(dir, 'huge.txt')}:2: line of over 1048576 bytes, over the limit of 1048576`);
  });

  test('an error after the window moved quotes the line before it', async () => {
    const text = `${dump(12_000)}goroutine 99 [select]:\nmain.broken(0x1)\noops\n`;
    const err = await readProfileFile(fileOf('broken.txt', text)).catch((e: unknown) => e);
    const line = text.split('\n').length - 1;
    expect((err as ProfileError).message).toBe(
      `${join(dir, 'broken.txt')}:${line}: expected a "file:line" line after the frame "main.broken(0x1)", found "oops"`,
    );
  });

  test('a heap record error after the window moved quotes the frame before it', async () => {
    const text = `${heap(30_000)}`.replace('# runtime.MemStats', 'oops');
    const err = await readProfileFile(fileOf('broken-heap.txt', text)).catch((e: unknown) => e);
    const line = text.split('\n').indexOf('oops') + 1;
    expect((err as ProfileError).message).toBe(
      `${join(dir, 'broken-heap.txt')}:${line}: expected a record "N: B [N: B] @ addresses" after the frame "# 0x4b0 main.main+0x10 /src/app/main.go:5", found "oops"`,
    );
  });
});

// A frame line whose pc and bytes repeat an earlier one is taken by one comparison
// (takeKnownFrameLine); every other line goes the long way. Both ways must read alike.
describe('heap frame lines that repeat an earlier one', () => {
  const clean = heap(15_000);

  test('CRLF line endings and trailing blanks read as the plain text does, from a file and from memory', async () => {
    const crlf = clean.replace(/\n/g, '\r\n');
    const padded = clean.replace(/(main\.go:5)\n/g, (_m, l: string, at: number) => `${l}${at % 3 === 0 ? ' \t' : ''}\n`);
    const want = samples(decodeProfile(Buffer.from(clean)));
    expect(want).toHaveLength(15_000);
    for (const text of [crlf, padded]) {
      expect(samples(await readProfileFile(fileOf('variant.txt', text)))).toEqual(want);
      expect(samples(decodeProfile(Buffer.from(text)))).toEqual(want);
    }
  });

  test('a pc seen before with other bytes after it is one location: the frames it was first read with', () => {
    const text = [
      'heap profile: 2: 128 [2: 128] @ heap/1',
      '1: 64 [1: 64] @ 0x4b1',
      '#\t0x4b0\tmain.old+0x10\t/src/app/old.go:5',
      '',
      '1: 64 [1: 64] @ 0x4b1',
      '#\t0x4b0\tmain.renamed+0x10\t/src/app/new.go:7',
      '',
    ].join('\n');
    expect(samples(decodeProfile(Buffer.from(text)))).toEqual([
      'main.old /src/app/old.go:5|bytes=64 = 1,64',
      'main.old /src/app/old.go:5|bytes=64 = 1,64',
    ]);
  });

  test('a repeated frame line as the last line, without a line ending, is read', () => {
    const text =
      'heap profile: 2: 128 [2: 128] @ heap/1\n1: 64 [1: 64] @ 0x4b1\n#\t0x4b0\tmain.f+0x10\t/a.go:5\n1: 64 [1: 64] @ 0x4b1\n#\t0x4b0\tmain.f+0x10\t/a.go:5';
    expect(samples(decodeProfile(Buffer.from(text)))).toEqual(['main.f /a.go:5|bytes=64 = 1,64', 'main.f /a.go:5|bytes=64 = 1,64']);
  });
});
