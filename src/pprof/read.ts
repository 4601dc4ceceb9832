import { readFile, stat } from 'node:fs/promises';
import { decodeProfileAsync, DEFAULT_LIMITS, type DecodeLimits } from './decode.js';
import { ProfileError } from './errors.js';
import type { Profile } from './profile.js';
import { prepareFrameRules } from './prune.js';

export interface ReadLimits extends DecodeLimits {
  /** Bytes of the file as stored (gzipped or not). */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_LIMITS, maxFileBytes: 256 * 1024 * 1024 };

/** Read and decode one profile file; every failure is a ProfileError naming the file. */
export async function readProfileFile(path: string, limits: Partial<ReadLimits> = {}): Promise<Profile> {
  const lim = { ...DEFAULT_READ_LIMITS, ...limits };
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ProfileError('not a regular file', path);
    if (info.size > lim.maxFileBytes) {
      throw new ProfileError(`file is ${info.size} bytes, over the limit of ${lim.maxFileBytes}`, path);
    }
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof ProfileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new ProfileError(reason, path);
  }
  try {
    // (async: the inflate runs on the thread pool, so two files inflate in parallel)
    const profile = await decodeProfileAsync(bytes, lim);
    await prepareFrameRules(profile);
    return profile;
  } catch (err) {
    if (err instanceof ProfileError) throw err.withFile(path);
    throw err;
  }
}
