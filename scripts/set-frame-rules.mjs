#!/usr/bin/env node
// node scripts/set-frame-rules.mjs IN OUT DROP [KEEP]
//
// Writes OUT: the gzipped profile IN with its drop_frames (and keep_frames) set, for the
// frame-rules fixtures (scripts/gen-frame-rules.sh). The two patterns are appended to the string
// table, and fields 7 and 8 (profile.proto) point at them; nothing else in the profile changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { topLevelFields } from './lib/proto.mjs';

const [input, output, drop, keep = ''] = process.argv.slice(2);
if (!input || !output || !drop) {
  console.error('usage: set-frame-rules.mjs IN OUT DROP [KEEP]');
  process.exit(2);
}
const raw = gunzipSync(readFileSync(input));

function varint(value) {
  const out = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

// Count the string table (field 6) and refuse a profile that sets the rules already.
let strings = 0;
for (const field of topLevelFields(raw)) {
  if (field === 6) strings++;
  if (field === 7 || field === 8) {
    console.error(`${input}: already sets drop_frames or keep_frames`);
    process.exit(1);
  }
}

const extra = [];
const addString = (s) => {
  const bytes = Buffer.from(s, 'utf8');
  extra.push(...varint((6 << 3) | 2), ...varint(bytes.length), ...bytes);
  return strings++;
};
const dropIndex = addString(drop);
extra.push(...varint(7 << 3), ...varint(dropIndex));
if (keep) {
  const keepIndex = addString(keep);
  extra.push(...varint(8 << 3), ...varint(keepIndex));
}
writeFileSync(output, gzipSync(Buffer.concat([raw, Buffer.from(extra)])));
