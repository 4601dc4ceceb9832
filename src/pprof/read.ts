import { closeSync, openSync, readSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { decodeProfileAsync, DEFAULT_LIMITS, type DecodeLimits } from './decode.js';
import { ProfileError } from './errors.js';
import { detectFormat, isGzip } from './format.js';
import { decodeTextProfile } from './text/index.js';
import type { Profile } from './profile.js';
import { prepareFrameRules } from './prune.js';
import type { DecodeScratch } from './raw.js';

export { DecodeScratch } from './raw.js';

export interface ReadLimits extends DecodeLimits {
  /** Bytes of the file as stored (gzipped or not). */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_LIMITS, maxFileBytes: 256 * 1024 * 1024 };

/**
 * Read and decode one profile file; every failure is a ProfileError naming the file. With a
 * scratch, a profile.proto's sample arrays are views into it (see DecodeScratch).
 */
export async function readProfileFile(path: string, limits: Partial<ReadLimits> = {}, scratch?: DecodeScratch): Promise<Profile> {
  const lim = { ...DEFAULT_READ_LIMITS, ...limits };
  let bytes: Uint8Array;
  let text: Profile | null;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ProfileError('not a regular file', path);
    if (info.size > lim.maxFileBytes) {
      throw new ProfileError(`file is ${info.size} bytes, over the limit of ${lim.maxFileBytes}`, path);
    }
    text = readPlainText(path, info.size, lim);
    bytes = text ? new Uint8Array(0) : await readFile(path);
  } catch (err) {
    if (err instanceof ProfileError) throw err.file ? err : err.withFile(path);
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new ProfileError(reason, path);
  }
  try {
    // (async: the inflate runs on the thread pool, so two files inflate in parallel)
    const profile = text ?? (await decodeProfileAsync(bytes, lim, scratch));
    await prepareFrameRules(profile);
    return profile;
  } catch (err) {
    if (err instanceof ProfileError) throw err.withFile(path);
    throw err;
  }
}

/**
 * A text profile in a plain (not gzipped) file, read from the file piece by piece through a small
 * window instead of into one buffer of the file's size (on a small VM each fresh page of memory
 * costs a fault, and a 100 MB buffer costs more than parsing it); null when the file is no text
 * profile, which is then read whole.
 */
function readPlainText(path: string, size: number, lim: DecodeLimits): Profile | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.allocUnsafe(Math.min(size, 1 << 16));
    const n = readSync(fd, head, 0, head.length, null);
    const first = head.subarray(0, n);
    if (n === 0 || isGzip(first)) return null;
    const format = detectFormat(first);
    if (format.kind !== 'text' || format.form === 'contention-debug1') return null;
    if (size > lim.maxDecompressedBytes) throw new ProfileError(`size exceeds the limit of ${lim.maxDecompressedBytes} bytes`);
    return decodeTextProfile({ fd, head: first, size }, lim, format.form);
  } finally {
    closeSync(fd);
  }
}
