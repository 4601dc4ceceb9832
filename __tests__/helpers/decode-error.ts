import { expect } from '@jest/globals';
import { decodeProfile, type DecodeLimits } from '../../src/pprof/decode.js';
import { ProfileError } from '../../src/pprof/errors.js';

/** The message of the ProfileError that decoding these bytes throws (any other outcome fails the test). */
export function errorOf(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}): string {
  try {
    decodeProfile(bytes, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    return (err as ProfileError).message;
  }
  throw new Error('decodeProfile accepted the input');
}
