#!/usr/bin/env node
// node scripts/drop-samples.mjs IN OUT
//
// Writes OUT: the gzipped profile IN without its samples (profile.proto field 2), everything else
// kept, so a profile whose values sum to 0 can be diffed against IN (scripts/gen-zero-base.sh).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { topLevelFieldSpans } from './lib/proto.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: drop-samples.mjs IN OUT');
  process.exit(2);
}
const raw = gunzipSync(readFileSync(input));
const kept = [];
for (const { field, start, end } of topLevelFieldSpans(raw)) if (field !== 2) kept.push(raw.subarray(start, end));
writeFileSync(output, gzipSync(Buffer.concat(kept)));
