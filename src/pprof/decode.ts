/**
 * Bytes of a profile file → Profile: inflate when gzipped, tell the format apart, read the fields,
 * resolve ids. Each step lives in its own module; this one runs them in order and owns the limits.
 */
import { ProfileError } from './errors.js';
import { readProfileFields } from './fields.js';
import { describeFormat, detectFormat, isGzip } from './format.js';
import { gunzipBounded, gunzipBoundedAsync } from './inflate.js';
import type { Profile } from './profile.js';
import type { DecodeScratch } from './raw.js';
import { resolveProfile } from './resolve.js';
import { decodeTextProfile } from './text/index.js';

/** Bounds on what one profile may hold; exceeding one is a ProfileError, never an allocation. */
export interface DecodeLimits {
  /** Bytes of the profile.proto after decompression. */
  maxDecompressedBytes: number;
  maxSamples: number;
  maxLocations: number;
  maxFunctions: number;
  maxStrings: number;
  /** Locations in one sample's stack. */
  maxStackDepth: number;
  /** Bytes of one string. */
  maxStringLength: number;
  /** Labels over all samples (each costs 20 bytes decoded, from 2 bytes in the file). */
  maxLabels: number;
  /** Line entries over all locations (each costs 24 bytes decoded, from 2 bytes in the file). */
  maxLines: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxSamples: 20_000_000,
  maxLocations: 20_000_000,
  maxFunctions: 10_000_000,
  maxStrings: 10_000_000,
  maxStackDepth: 100_000,
  maxStringLength: 1024 * 1024,
  maxLabels: 20_000_000,
  maxLines: 20_000_000,
};

export { gunzipBounded } from './inflate.js';

/**
 * Decode a profile from the bytes of a file: gzipped or plain, profile.proto or one of Go's text
 * profiles. With a scratch, a profile.proto's sample arrays are views into it (see DecodeScratch).
 */
export function decodeProfile(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}, scratch?: DecodeScratch): Profile {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const raw = isGzip(bytes) ? gunzipBounded(bytes, lim.maxDecompressedBytes) : bytes;
  return decodeInflated(bytes, raw, lim, scratch);
}

/**
 * decodeProfile with the inflate on libuv's thread pool: profiles read together inflate in
 * parallel, and one decodes while the next inflates. Same checks, same errors.
 */
export async function decodeProfileAsync(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}, scratch?: DecodeScratch): Promise<Profile> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const raw = isGzip(bytes) ? await gunzipBoundedAsync(bytes, lim.maxDecompressedBytes) : bytes;
  return decodeInflated(bytes, raw, lim, scratch);
}

/** The checks and decoding after decompression; `raw === bytes` for a plain file. */
function decodeInflated(bytes: Uint8Array, raw: Uint8Array, lim: DecodeLimits, scratch?: DecodeScratch): Profile {
  if (bytes.length === 0) throw new ProfileError('empty file');
  if (raw === bytes && bytes.length > lim.maxDecompressedBytes) {
    throw new ProfileError(`size exceeds the limit of ${lim.maxDecompressedBytes} bytes`);
  }
  if (raw.length === 0) throw new ProfileError('empty profile (no bytes after decompression)');
  const format = detectFormat(raw);
  if (format.kind === 'text') {
    const text = decodeTextProfile(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), lim, format.form);
    if (text) return text;
  }
  if (format.kind !== 'proto') throw new ProfileError(`not a profile.proto: ${describeFormat(format)}`);
  try {
    return resolveProfile(readProfileFields(raw, lim, scratch));
  } catch (err) {
    // Offsets are into the profile.proto, which for a gzipped file is the decompressed data.
    if (err instanceof ProfileError && raw !== bytes && / at byte \d+$/.test(err.reason)) {
      throw new ProfileError(`${err.reason} of the decompressed profile`);
    }
    throw err;
  }
}
