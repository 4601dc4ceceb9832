export { decodeProfile, gunzipBounded, DEFAULT_LIMITS, type DecodeLimits } from './decode.js';
export { ProfileError } from './errors.js';
export * from './profile.js';
export { readProfileFile, DEFAULT_READ_LIMITS, type ReadLimits } from './read.js';
