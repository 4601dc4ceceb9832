/**
 * The fast path for samples in the layout Go (and most writers) use: packed location ids, packed
 * values, labels of varint fields, every varint under 2^28, decoded straight into the typed arrays
 * without a call per field. Anything else is left to the field reader, which checks it.
 */
import type { DecodeLimits } from './decode.js';
import { checkSampleCount, closeSample, type SampleArrays } from './raw.js';
import type { WireReader } from './wire.js';

/** Field 2 (sample), length-delimited, as a one-byte tag. */
export const SAMPLE_TAG = 0x12;

/** Samples per call of readSamplesFast. */
const FAST_CHUNK = 1024;

/**
 * A varint of at most 4 bytes (< 2^28) starting at `pos` and ending by `end`, returned with its
 * size in one small integer: `value << 2 | (bytes - 1)` (below 2^30, so no heap number); -1 for
 * anything else (longer, negative, or cut), which the caller hands to the general, checking reader.
 */
function shortVarint(buf: Uint8Array, pos: number, end: number): number {
  if (pos >= end) return -1;
  let b = buf[pos];
  if (b < 0x80) return b << 2;
  let v = b & 0x7f;
  for (let i = 1; i < 4; i++) {
    if (pos + i >= end) return -1;
    b = buf[pos + i];
    if (b < 0x80) return ((v | (b << (7 * i))) << 2) | i;
    v |= (b & 0x7f) << (7 * i);
  }
  return -1;
}

/** The value of a shortVarint result. */
function valueOf(packed: number): number {
  return packed >>> 2;
}

/** The size in bytes of a shortVarint result. */
function sizeOf(packed: number): number {
  return (packed & 3) + 1;
}

/**
 * Decode consecutive samples in Go's layout. At the first sample that is written any other way
 * (or is broken) it undoes that sample and stops with r.pos on its tag, so the general reader
 * decodes it and reports its errors; it also stops at the first field that is not a sample, and
 * after FAST_CHUNK samples (returning true: call again, so that the function gets hot and
 * optimized as a whole, not only on-stack).
 */
export function readSamplesFast(r: WireReader, a: SampleArrays, lim: DecodeLimits): boolean {
  const buf = r.buf;
  const end = r.end;
  const { stackIds, values, labelKey, labelStr, labelNum, labelNumUnit } = a;
  let pos = r.pos;
  let count = 0;
  sample: while (pos < end && buf[pos] === SAMPLE_TAG) {
    if (++count > FAST_CHUNK) {
      r.pos = pos;
      return true;
    }
    const at = pos;
    checkSampleCount(a, lim, r, at);
    const lenV = shortVarint(buf, pos + 1, end);
    if (lenV < 0) break;
    let q = pos + 1 + sizeOf(lenV);
    const sEnd = q + valueOf(lenV);
    if (sEnd > end) break;
    const idStart = stackIds.length;
    const valStart = values.length;
    const lblStart = labelKey.length;
    let ok = true;
    while (q < sEnd) {
      const t = buf[q++];
      if (t === 0x0a || t === 0x12) {
        // packed location ids (field 1) or values (field 2)
        const flenV = shortVarint(buf, q, sEnd);
        if (flenV < 0) {
          ok = false;
          break;
        }
        const flen = valueOf(flenV);
        q += sizeOf(flenV);
        const fEnd = q + flen;
        if (fEnd > sEnd) {
          ok = false;
          break;
        }
        // (two copies of the loop, so that each writes one kind of typed array)
        if (t === 0x0a) {
          stackIds.reserve(flen);
          const data = stackIds.data;
          let n = stackIds.length;
          while (q < fEnd) {
            const b0 = buf[q];
            if (b0 < 0x80) {
              data[n++] = b0;
              q++;
              continue;
            }
            // Two- and three-byte varints inline too: ids past 127 and most values take them.
            if (q + 2 < fEnd) {
              const b1 = buf[q + 1];
              if (b1 < 0x80) {
                data[n++] = (b0 & 0x7f) | (b1 << 7);
                q += 2;
                continue;
              }
              const b2 = buf[q + 2];
              if (b2 < 0x80) {
                data[n++] = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
                q += 3;
                continue;
              }
            }
            const v = shortVarint(buf, q, fEnd);
            if (v < 0) {
              ok = false;
              break;
            }
            data[n++] = valueOf(v);
            q += sizeOf(v);
          }
          stackIds.length = n;
        } else {
          values.reserve(flen);
          const data = values.data;
          let n = values.length;
          while (q < fEnd) {
            const b0 = buf[q];
            if (b0 < 0x80) {
              data[n++] = b0;
              q++;
              continue;
            }
            if (q + 2 < fEnd) {
              const b1 = buf[q + 1];
              if (b1 < 0x80) {
                data[n++] = (b0 & 0x7f) | (b1 << 7);
                q += 2;
                continue;
              }
              const b2 = buf[q + 2];
              if (b2 < 0x80) {
                data[n++] = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
                q += 3;
                continue;
              }
            }
            const v = shortVarint(buf, q, fEnd);
            if (v < 0) {
              ok = false;
              break;
            }
            data[n++] = valueOf(v);
            q += sizeOf(v);
          }
          values.length = n;
        }
        if (!ok) break;
      } else if (t === 0x1a) {
        // a label: key=1, str=2, num=3, num_unit=4
        const llenV = shortVarint(buf, q, sEnd);
        if (llenV < 0) {
          ok = false;
          break;
        }
        q += sizeOf(llenV);
        const lEnd = q + valueOf(llenV);
        if (lEnd > sEnd) {
          ok = false;
          break;
        }
        let key = 0;
        let str = 0;
        let num = 0;
        let unit = 0;
        while (q < lEnd) {
          const lt = buf[q++];
          const p = shortVarint(buf, q, lEnd);
          if (p < 0 || (lt !== 0x08 && lt !== 0x10 && lt !== 0x18 && lt !== 0x20)) {
            ok = false;
            break;
          }
          q += sizeOf(p);
          const v = valueOf(p);
          if (lt === 0x08) key = v;
          else if (lt === 0x10) str = v;
          else if (lt === 0x18) num = v;
          else unit = v;
        }
        if (!ok) break;
        labelKey.push(key);
        labelStr.push(str);
        labelNum.push(num);
        labelNumUnit.push(unit);
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) {
      // Undo this sample; the general reader takes it from its tag.
      stackIds.length = idStart;
      values.length = valStart;
      labelKey.length = lblStart;
      labelStr.length = lblStart;
      labelNum.length = lblStart;
      labelNumUnit.length = lblStart;
      break sample;
    }
    closeSample(a, lim, r, at);
    pos = sEnd;
  }
  r.pos = pos;
  return false;
}
