// The top-level fields of a profile.proto message, for the dev scripts that count, check or drop
// them without decoding the profile (bench.mjs, set-frame-rules.mjs, drop-samples.mjs).

/** Each top-level field of `buf`, in order: its number and the byte range it takes (tag included). */
export function* topLevelFieldSpans(buf) {
  let pos = 0;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const start = pos;
    const tag = varint();
    const wire = tag % 8;
    if (wire === 0) varint();
    else if (wire === 1) pos += 8;
    else if (wire === 2) {
      const len = varint();
      pos += len;
    } else if (wire === 5) pos += 4;
    else throw new Error(`unexpected wire type ${wire} at byte ${pos}`);
    yield { field: Math.floor(tag / 8), start, end: pos };
  }
}

/** Field numbers of the top-level fields of `buf`, in order (values skipped). */
export function* topLevelFields(buf) {
  for (const { field } of topLevelFieldSpans(buf)) yield field;
}
