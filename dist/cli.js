#!/usr/bin/env node
import { lstatSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve, dirname, relative, sep, join, extname, basename as basename$1 } from 'node:path';
import { parseArgs } from 'node:util';
import { kMaxLength } from 'node:buffer';
import { gunzip } from 'node:zlib';
import { stat, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';

/**
 * The one error type for input that is not a usable profile. Callers (CLI, action) turn it into a
 * one-line message naming the file; anything else escaping the decoder is a bug.
 */
class ProfileError extends Error {
    /** File the profile came from, when known ('' otherwise). */
    file;
    /** What was wrong, without the file name. */
    reason;
    /** 1-based line of a text profile the problem is on, 0 when it has none. */
    line;
    constructor(reason, file = '', line = 0) {
        super(describe(reason, file, line));
        this.name = 'ProfileError';
        this.file = file;
        this.reason = reason;
        this.line = line;
    }
    /** "file:line: reason" with the file shown as the caller names it (e.g. relative to the workspace). */
    describe(shownFile) {
        return describe(this.reason, shownFile, this.line);
    }
    /** The same error, attributed to a file. */
    withFile(file) {
        return new ProfileError(this.reason, file, this.line);
    }
}
function describe(reason, file, line) {
    const where = line > 0 ? (file ? `${file}:${line}` : `line ${line}`) : file;
    return where ? `${where}: ${reason}` : reason;
}
/** Printable ASCII of a few safe characters only: an error message never carries markup. */
function quoteSafe(s, max = 40) {
    const t = s.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}"'-]/g, '?');
    return s.length > max ? `${t}...` : t;
}

/** Index of a sample type by name, or -1. */
function sampleTypeIndex(profile, name) {
    return profile.sampleTypes.findIndex((t) => t.type === name);
}
const HEAP_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];
/** A Go heap profile: the four heap sample types. */
function isHeapProfile(profile) {
    return HEAP_TYPES.every((t) => sampleTypeIndex(profile, t) >= 0);
}
/**
 * The sample types compared when the user chooses none: both space types of a heap profile
 * (growth in live memory and in allocation churn); otherwise pprof's choice, default_sample_type
 * or else the last type.
 */
function defaultSampleIndexes(profile) {
    if (isHeapProfile(profile))
        return ['alloc_space', 'inuse_space'];
    if (profile.defaultSampleType && sampleTypeIndex(profile, profile.defaultSampleType) >= 0) {
        return [profile.defaultSampleType];
    }
    const last = profile.sampleTypes[profile.sampleTypes.length - 1];
    return last ? [last.type] : [];
}
/** Short description of a profile's kind for messages: "alloc_objects/count, …". */
function describeSampleTypes(profile) {
    return profile.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
}

function clip(s, max) {
    return s.length > max ? `${s.slice(0, max)}…` : s;
}
const compiled = new WeakMap();
/**
 * Compiles the profile's drop_frames / keep_frames, for frameRules. The patterns are Go regular
 * expressions (RE2 syntax), which pprof compiles with Go's regexp. They come from the profile, so
 * they are compiled with re2js, a port of RE2: the same syntax and meaning as Go's, and matching
 * in linear time, where a backtracking engine (JavaScript's RegExp) can be made to take
 * exponential time. re2js is loaded only for a profile that sets rules (Go's runtime never does):
 * it would add about 30 ms to every start.
 */
async function prepareFrameRules(profile) {
    if (profile.dropFrames === '' || compiled.has(profile))
        return;
    const { RE2JS } = await import('./chunks/re2js-BDLqsek3.js');
    const fields = [['drop_frames', profile.dropFrames]];
    if (profile.keepFrames !== '')
        fields.push(['keep_frames', profile.keepFrames]);
    const regexps = [];
    for (const [field, pattern] of fields) {
        try {
            regexps.push(RE2JS.compile(`^(${pattern})$`));
        }
        catch (err) {
            const why = err instanceof Error ? err.message : String(err);
            // pprof drops the error and prunes nothing; so do we, saying so. (The pattern comes from
            // the profile: the reports escape the note, as they do names.)
            compiled.set(profile, {
                ignored: `${field} "${clip(pattern, 60)}" is not a valid regular expression (${clip(why, 100)}): no frames pruned, as pprof does`,
            });
            return;
        }
    }
    compiled.set(profile, { drop: regexps[0], keep: regexps[1] ?? null, key: `${profile.dropFrames}\u0000${profile.keepFrames}` });
}
/**
 * The profile's frame rules: null when it sets no drop_frames, else as prepareFrameRules compiled
 * them (readProfileFile does that for every profile it reads).
 */
function frameRules(profile) {
    if (profile.dropFrames === '')
        return null;
    const rules = compiled.get(profile);
    if (!rules)
        throw new Error('the profile sets drop_frames: call prepareFrameRules before comparing it');
    return rules;
}
const RESERVED_NAMES = ['(anonymous namespace)', 'operator()'];
/**
 * The name the rules are matched against: pprof's simplifyFunc cuts an unsimplified C++ name at
 * its argument list, the first `(` that does not open a reserved name. (It cuts Go method names
 * such as main.(*T).m to "main." too; pprof does, so we do.)
 */
function simplifyFunctionName(name) {
    const f = name.startsWith('.') ? name.slice(1) : name;
    for (const m of f.matchAll(/\(anonymous namespace\)|operator\(\)|\(/g)) {
        if (!RESERVED_NAMES.includes(m[0]))
            return f.slice(0, m.index);
    }
    return f;
}
const NOT_PRUNED = 0;
/** The location keeps only the lines outside the matching frame, and nothing is kept beneath it. */
const PRUNE_BENEATH = 1;
/** The location's outermost line matches: the location goes, with everything beneath it. */
const PRUNE = 2;
/**
 * The profile with pprof's Prune applied: in each location, from the outermost line in, the first
 * line whose function matches cuts that line and those inlined into it; in each sample, from the
 * root, the first such location after a frame that is not pruned cuts the stack there (the
 * location itself stays when some of its lines remain). Frames at the root before any other frame
 * are never cut, so a stack cannot become empty.
 */
function pruneFrames(profile, rules) {
    const { strings, lineStart, lineFunction, functionName } = profile;
    const nLoc = profile.locationCount;
    const verdict = new Int8Array(profile.functionCount).fill(-1);
    const matches = (fn) => {
        if (verdict[fn] < 0) {
            const name = simplifyFunctionName(strings[functionName[fn]]);
            verdict[fn] = rules.drop.matches(name) && !(rules.keep && rules.keep.matches(name)) ? 1 : 0;
        }
        return verdict[fn] === 1;
    };
    const state = new Uint8Array(nLoc);
    // The lines each location keeps: a suffix of its own (the outer ones).
    const keepFrom = new Uint32Array(nLoc);
    let lines = 0;
    for (let loc = 0; loc < nLoc; loc++) {
        const first = lineStart[loc];
        const last = lineStart[loc + 1];
        let from = first;
        for (let j = last - 1; j >= first; j--) {
            const fn = lineFunction[j];
            if (fn >= 0 && strings[functionName[fn]] !== '' && matches(fn)) {
                state[loc] = j === last - 1 ? PRUNE : PRUNE_BENEATH;
                // A whole-location prune leaves the lines alone: the location only stays in stacks
                // where it sits at the root, before any other frame.
                if (j < last - 1)
                    from = j + 1;
                break;
            }
        }
        keepFrom[loc] = from;
        lines += last - from;
    }
    const newLineStart = new Uint32Array(nLoc + 1);
    const newLineFunction = new Int32Array(lines);
    const newLineNumber = new Float64Array(lines);
    const newLineColumn = new Float64Array(lines);
    let out = 0;
    for (let loc = 0; loc < nLoc; loc++) {
        newLineStart[loc] = out;
        for (let j = keepFrom[loc]; j < lineStart[loc + 1]; j++, out++) {
            newLineFunction[out] = lineFunction[j];
            newLineNumber[out] = profile.lineNumber[j];
            newLineColumn[out] = profile.lineColumn[j];
        }
    }
    newLineStart[nLoc] = out;
    const { stackStart, stackLocations } = profile;
    const n = profile.sampleCount;
    const newStackStart = new Uint32Array(n + 1);
    const newStackLocations = new Uint32Array(stackLocations.length);
    let k = 0;
    for (let s = 0; s < n; s++) {
        const first = stackStart[s];
        const last = stackStart[s + 1];
        // Scan from the root (the end) towards the leaf for the cut.
        let from = first;
        let foundOther = false;
        for (let i = last - 1; i >= first; i--) {
            const st = state[stackLocations[i]];
            if (st === NOT_PRUNED) {
                foundOther = true;
                continue;
            }
            if (!foundOther)
                continue;
            from = st === PRUNE ? i + 1 : i;
            break;
        }
        newStackStart[s] = k;
        for (let i = from; i < last; i++)
            newStackLocations[k++] = stackLocations[i];
    }
    newStackStart[n] = k;
    return {
        ...profile,
        lineStart: newLineStart,
        lineFunction: newLineFunction,
        lineNumber: newLineNumber,
        lineColumn: newLineColumn,
        stackStart: newStackStart,
        stackLocations: newStackLocations.slice(0, k),
    };
}

/**
 * `data` with room for `need` values, the first `length` kept: the one place an array grows
 * (doubling, or to `need` when that is more). Returns `data` itself when it has the room.
 */
function reserved(data, length, need, allocate) {
    if (need <= data.length)
        return data;
    const next = allocate(Math.max(need, data.length * 2));
    next.set(data.subarray(0, length));
    return next;
}
const newUint32 = (size) => new Uint32Array(size);
const newFloat64 = (size) => new Float64Array(size);
// Two classes, not one generic one: each push site then sees a single array type, which keeps the
// decoder's per-sample pushes monomorphic.
/**
 * An append-only typed array that doubles as it grows; `finish()` returns the exact-length copy.
 * Hot loops call `reserve` once for a run of values and then write `data` directly.
 */
class GrowableUint32 {
    data;
    length = 0;
    constructor(capacity = 1024) {
        this.data = new Uint32Array(capacity);
    }
    push(v) {
        if (this.length === this.data.length)
            this.reserve(1);
        this.data[this.length++] = v;
    }
    /** Room for `extra` more values after `length`. */
    reserve(extra) {
        this.data = reserved(this.data, this.length, this.length + extra, newUint32);
    }
    finish() {
        return this.data.slice(0, this.length);
    }
}
class GrowableFloat64 {
    data;
    length = 0;
    constructor(capacity = 1024) {
        this.data = new Float64Array(capacity);
    }
    push(v) {
        if (this.length === this.data.length)
            this.reserve(1);
        this.data[this.length++] = v;
    }
    /** Room for `extra` more values after `length`. */
    reserve(extra) {
        this.data = reserved(this.data, this.length, this.length + extra, newFloat64);
    }
    finish() {
        return this.data.slice(0, this.length);
    }
}

/** Stored in `stackIds` for a location id from 2^32-1 up; the id itself is in `wideIds`. */
const WIDE_ID = 0xffffffff;
/**
 * Empty arrays for the samples of a profile.proto of `size` bytes. Initial capacities are guesses
 * from the size (a sample takes ~20-60 bytes): a typed array's untouched pages cost no memory,
 * while growing one means copying it into fresh pages.
 */
function newSampleArrays(size) {
    const estSamples = Math.max(1024, Math.min(size >> 5, 1 << 22));
    const a = {
        stackStart: new GrowableUint32(estSamples),
        stackIds: new GrowableUint32(Math.max(1 << 14, Math.min(size >> 1, 1 << 24))),
        wideIds: new Map(),
        valueStart: new GrowableUint32(estSamples),
        values: new GrowableFloat64(Math.max(1 << 14, Math.min(size >> 2, 1 << 23))),
        labelStart: new GrowableUint32(estSamples),
        labelKey: new GrowableUint32(16),
        labelStr: new GrowableUint32(16),
        labelNum: new GrowableFloat64(16),
        labelNumUnit: new GrowableUint32(16),
    };
    a.stackStart.push(0);
    a.valueStart.push(0);
    a.labelStart.push(0);
    return a;
}
/** Before reading the sample whose tag is at `at`: the sample-count bound. */
function checkSampleCount(a, lim, r, at) {
    if (a.stackStart.length > lim.maxSamples)
        r.fail(`more than ${lim.maxSamples} samples`, at);
}
/** After a sample's fields have been appended: its bounds, and its end marks. */
function closeSample(a, lim, r, at) {
    const depth = a.stackIds.length - a.stackStart.data[a.stackStart.length - 1];
    if (depth > lim.maxStackDepth)
        r.fail(`sample stack of ${depth} locations exceeds the limit of ${lim.maxStackDepth}`, at);
    a.stackStart.push(a.stackIds.length);
    a.valueStart.push(a.values.length);
    a.labelStart.push(a.labelKey.length);
    if (a.labelKey.length > lim.maxLabels)
        r.fail(`more than ${lim.maxLabels} labels`, at);
}

/** Field 2 (sample), length-delimited, as a one-byte tag. */
const SAMPLE_TAG = 0x12;
/** Samples per call of readSamplesFast. */
const FAST_CHUNK = 1024;
/**
 * A varint of at most 4 bytes (< 2^28) starting at `pos` and ending by `end`, returned with its
 * size in one small integer: `value << 2 | (bytes - 1)` (below 2^30, so no heap number); -1 for
 * anything else (longer, negative, or cut), which the caller hands to the general, checking reader.
 */
function shortVarint(buf, pos, end) {
    if (pos >= end)
        return -1;
    let b = buf[pos];
    if (b < 0x80)
        return b << 2;
    let v = b & 0x7f;
    for (let i = 1; i < 4; i++) {
        if (pos + i >= end)
            return -1;
        b = buf[pos + i];
        if (b < 0x80)
            return ((v | (b << (7 * i))) << 2) | i;
        v |= (b & 0x7f) << (7 * i);
    }
    return -1;
}
/** The value of a shortVarint result. */
function valueOf(packed) {
    return packed >>> 2;
}
/** The size in bytes of a shortVarint result. */
function sizeOf(packed) {
    return (packed & 3) + 1;
}
/**
 * Decode consecutive samples in Go's layout. At the first sample that is written any other way
 * (or is broken) it undoes that sample and stops with r.pos on its tag, so the general reader
 * decodes it and reports its errors; it also stops at the first field that is not a sample, and
 * after FAST_CHUNK samples (returning true: call again, so that the function gets hot and
 * optimized as a whole, not only on-stack).
 */
function readSamplesFast(r, a, lim) {
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
        if (lenV < 0)
            break;
        let q = pos + 1 + sizeOf(lenV);
        const sEnd = q + valueOf(lenV);
        if (sEnd > end)
            break;
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
                }
                else {
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
                if (!ok)
                    break;
            }
            else if (t === 0x1a) {
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
                    if (lt === 0x08)
                        key = v;
                    else if (lt === 0x10)
                        str = v;
                    else if (lt === 0x18)
                        num = v;
                    else
                        unit = v;
                }
                if (!ok)
                    break;
                labelKey.push(key);
                labelStr.push(str);
                labelNum.push(num);
                labelNumUnit.push(unit);
            }
            else {
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

/** Protocol-buffer wire types. */
const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;
const TWO_32 = 4294967296;
/**
 * A bounds-checked protobuf wire reader over one byte buffer. Every failure is a ProfileError
 * naming the byte offset; values that do not fit a double exactly are errors, never rounded.
 */
class WireReader {
    buf;
    pos;
    end;
    decoder = new TextDecoder('utf-8');
    constructor(buf, pos = 0, end = buf.length) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }
    fail(reason, at = this.pos) {
        throw new ProfileError(`${reason} at byte ${at}`);
    }
    /** An unsigned varint as a number; values above 2^53 are an error. */
    uint() {
        const v = this.short();
        return v >= 0 ? v : this.slowVarint(false);
    }
    /** A varint read as int64 (two's complement in ten bytes when negative). */
    int() {
        const v = this.short();
        return v >= 0 ? v : this.slowVarint(true);
    }
    /**
     * The hot path: a varint of at most 4 bytes (< 2^28, the same value signed or not), read
     * without a loop; -1 (position unchanged) for anything longer or too close to the end.
     */
    short() {
        const buf = this.buf;
        const pos = this.pos;
        const end = this.end;
        if (pos >= end)
            return -1;
        let b = buf[pos];
        if (b < 0x80) {
            this.pos = pos + 1;
            return b;
        }
        if (pos + 4 > end)
            return -1;
        let v = b & 0x7f;
        b = buf[pos + 1];
        if (b < 0x80) {
            this.pos = pos + 2;
            return v | (b << 7);
        }
        v |= (b & 0x7f) << 7;
        b = buf[pos + 2];
        if (b < 0x80) {
            this.pos = pos + 3;
            return v | (b << 14);
        }
        v |= (b & 0x7f) << 14;
        b = buf[pos + 3];
        if (b < 0x80) {
            this.pos = pos + 4;
            return v | (b << 21);
        }
        return -1;
    }
    slowVarint(signed) {
        const start = this.pos;
        const buf = this.buf;
        const end = this.end;
        let lo = 0;
        let hi = 0;
        let pos = start;
        for (let i = 0; i < 10; i++) {
            if (pos >= end)
                this.fail('truncated varint', start);
            const b = buf[pos++];
            const bits = b & 0x7f;
            if (i < 4) {
                lo |= bits << (7 * i);
            }
            else if (i === 4) {
                lo |= (bits & 0x0f) << 28;
                hi |= bits >>> 4;
            }
            else {
                hi |= bits << (7 * i - 32);
            }
            if (b < 0x80) {
                if (i === 9 && b > 1)
                    this.fail('varint overflows 64 bits', start);
                this.pos = pos;
                lo >>>= 0;
                hi >>>= 0;
                if (signed && hi & 0x80000000) {
                    // Negative int64: magnitude is the two's complement.
                    const mlo = (~lo >>> 0) + 1;
                    const mhi = (~hi >>> 0) + (mlo === TWO_32 ? 1 : 0);
                    const magnitude = mhi * TWO_32 + (mlo === TWO_32 ? 0 : mlo);
                    if (magnitude > Number.MAX_SAFE_INTEGER)
                        this.fail('value below -2^53 cannot be represented exactly', start);
                    return -magnitude;
                }
                const value = hi * TWO_32 + lo;
                if (value > Number.MAX_SAFE_INTEGER)
                    this.fail('value above 2^53 cannot be represented exactly', start);
                return value;
            }
        }
        return this.fail('varint longer than 10 bytes', start);
    }
    /** An unsigned 64-bit varint as a bigint (addresses may use all 64 bits). */
    uint64() {
        const start = this.pos;
        // Up to 7 bytes (< 2^49, every address in a Go profile) fit a number: one BigInt, not one per byte.
        let small = 0;
        let scale = 1;
        for (let i = 0, pos = start; i < 7 && pos < this.end; i++, pos++, scale *= 128) {
            const b = this.buf[pos];
            small += (b & 0x7f) * scale;
            if (b < 0x80) {
                this.pos = pos + 1;
                return BigInt(small);
            }
        }
        let result = 0n;
        for (let i = 0; i < 10; i++) {
            if (this.pos >= this.end)
                this.fail('truncated varint', start);
            const b = this.buf[this.pos++];
            result |= BigInt(b & 0x7f) << BigInt(7 * i);
            if (b < 0x80) {
                if (i === 9 && b > 1)
                    this.fail('varint overflows 64 bits', start);
                return result;
            }
        }
        return this.fail('varint longer than 10 bytes', start);
    }
    /** Start of a length-delimited field: returns its end offset. */
    lengthEnd() {
        const at = this.pos;
        const len = this.uint();
        const end = this.pos + len;
        if (end > this.end)
            this.fail(`length ${len} runs past the end of its message`, at);
        return end;
    }
    /** A signed 64-bit varint as a bigint, for header fields that may use all 64 bits. */
    int64() {
        return BigInt.asIntN(64, this.uint64());
    }
    /**
     * Read a length-delimited sub-message: `onField` is called once per field with the reader on
     * the field's value, and must consume it (`skip(wireType)` for fields it does not know).
     */
    message(onField) {
        const end = this.lengthEnd();
        const outerEnd = this.end;
        this.end = end;
        while (this.pos < end) {
            const at = this.pos;
            const tag = this.uint();
            onField(Math.floor(tag / 8), tag & 7, at);
        }
        this.end = outerEnd;
    }
    string() {
        const end = this.lengthEnd();
        const s = this.decoder.decode(this.buf.subarray(this.pos, end));
        this.pos = end;
        return s;
    }
    /** Skip one field of the given wire type. */
    skip(wireType) {
        const at = this.pos;
        switch (wireType) {
            case VARINT:
                this.uint64();
                return;
            case FIXED64:
                this.advance(8, at);
                return;
            case LEN:
                this.pos = this.lengthEnd();
                return;
            case FIXED32:
                this.advance(4, at);
                return;
            default:
                this.fail(`unsupported wire type ${wireType}`, at);
        }
    }
    advance(n, at) {
        if (this.pos + n > this.end)
            this.fail('truncated field', at);
        this.pos += n;
    }
}

/** Each top-level field of Profile: its name and wire type (comment, 13, may also be packed). */
const PROFILE_FIELDS = {
    1: ['sample_type', LEN],
    2: ['sample', LEN],
    3: ['mapping', LEN],
    4: ['location', LEN],
    5: ['function', LEN],
    6: ['string_table', LEN],
    7: ['drop_frames', VARINT],
    8: ['keep_frames', VARINT],
    9: ['time_nanos', VARINT],
    10: ['duration_nanos', VARINT],
    11: ['period_type', LEN],
    12: ['period', VARINT],
    13: ['comment', VARINT],
    14: ['default_sample_type', VARINT],
    15: ['doc_url', VARINT],
};
const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];
/** Fails unless a field of `message` has the wire type it should. */
function expectWireType(r, message, field, got, want, at) {
    if (got !== want)
        r.fail(`${message} field ${field} has wire type ${WIRE_NAMES[got]}, expected ${WIRE_NAMES[want]}`, at);
}
function readProfileFields(buf, lim) {
    const r = new WireReader(buf);
    const p = {
        strings: [],
        sampleTypes: [],
        periodType: null,
        period: 0n,
        timeNanos: 0n,
        durationNanos: 0n,
        comments: new GrowableFloat64(4),
        dropFrames: 0,
        keepFrames: 0,
        defaultSampleType: 0,
        docUrl: 0,
        samples: newSampleArrays(buf.length),
        locations: {
            id: new GrowableFloat64(),
            mappingId: new GrowableFloat64(),
            address: [],
            isFolded: new GrowableUint32(),
            lineStart: new GrowableUint32(),
            lineFunctionId: new GrowableFloat64(),
            lineNumber: new GrowableFloat64(),
            lineColumn: new GrowableFloat64(),
        },
        functions: {
            id: new GrowableFloat64(),
            name: new GrowableFloat64(),
            systemName: new GrowableFloat64(),
            filename: new GrowableFloat64(),
            startLine: new GrowableFloat64(),
        },
        mappings: [],
    };
    p.locations.lineStart.push(0);
    const samples = p.samples;
    const end = buf.length;
    let slowAt = -1;
    while (r.pos < end) {
        if (buf[r.pos] === SAMPLE_TAG && r.pos !== slowAt) {
            // A run of samples in the layout Go writes, in one tight loop; it stops at anything else,
            // which the general code below then reads (and checks) field by field.
            if (!readSamplesFast(r, samples, lim))
                slowAt = r.pos;
            continue;
        }
        const at = r.pos;
        const tag = r.uint();
        const field = Math.floor(tag / 8);
        const wt = tag & 7;
        if (field === 0)
            r.fail('field number 0 in profile', at);
        if (field === 2 && wt === LEN) {
            // A sample the fast path left: written another way, or broken (its error comes from here).
            checkSampleCount(samples, lim, r, at);
            readSample(r, samples);
            closeSample(samples, lim, r, at);
            continue;
        }
        const known = PROFILE_FIELDS[field];
        if (known && field !== 13 && wt !== known[1])
            expectWireType(r, `profile ${known[0]}`, field, wt, known[1], at);
        switch (field) {
            case 1:
                p.sampleTypes.push(...readValueType(r));
                break;
            case 2:
                break; // (a well-formed sample was read above)
            case 3:
                p.mappings.push(readMapping(r));
                break;
            case 4:
                if (p.locations.id.length >= lim.maxLocations)
                    r.fail(`more than ${lim.maxLocations} locations`, at);
                readLocation(r, p.locations, lim);
                break;
            case 5:
                if (p.functions.id.length >= lim.maxFunctions)
                    r.fail(`more than ${lim.maxFunctions} functions`, at);
                readFunction(r, p.functions);
                break;
            case 6:
                if (p.strings.length >= lim.maxStrings)
                    r.fail(`more than ${lim.maxStrings} strings`, at);
                p.strings.push(readString(r, lim, at));
                break;
            case 7:
                p.dropFrames = r.uint();
                break;
            case 8:
                p.keepFrames = r.uint();
                break;
            // The header's int64s are kept whole: a writer may put a timestamp in any of them (Java
            // Flight Recorder's converter does, in duration_nanos), and the diff does not read them.
            case 9:
                p.timeNanos = r.int64();
                break;
            case 10:
                p.durationNanos = r.int64();
                break;
            case 11:
                p.periodType = readValueType(r);
                break;
            case 12:
                p.period = r.int64();
                break;
            case 13:
                readRepeated(r, wt, p.comments, () => r.uint(), 'profile comment field 13', at);
                break;
            case 14:
                p.defaultSampleType = r.uint();
                break;
            case 15:
                p.docUrl = r.uint();
                break;
            default:
                r.skip(wt);
        }
    }
    return p;
}
/** A string-table entry, its length checked against the limit before it is decoded. */
function readString(r, lim, at) {
    const len = r.buf[r.pos];
    if (len !== undefined && (len >= 0x80 || len > lim.maxStringLength)) {
        // Only long strings need the varint read; one-byte lengths are < 128.
        const save = r.pos;
        const n = r.uint();
        r.pos = save;
        if (n > lim.maxStringLength)
            r.fail(`string of ${n} bytes exceeds the limit of ${lim.maxStringLength}`, at);
    }
    return r.string();
}
/** A ValueType: [type, unit] string indexes. */
function readValueType(r) {
    const out = [0, 0];
    r.message((f, wt, at) => {
        if (f === 1 || f === 2) {
            expectWireType(r, 'value type', f, wt, VARINT, at);
            out[f - 1] = r.uint();
        }
        else {
            r.skip(wt);
        }
    });
    return out;
}
function readMapping(r) {
    const m = { id: 0, start: 0n, limit: 0n, offset: 0n, file: 0, buildId: 0, flags: 0 };
    r.message((f, wt, at) => {
        if (f < 1 || f > 10)
            return r.skip(wt);
        expectWireType(r, 'mapping', f, wt, VARINT, at);
        if (f === 1)
            m.id = r.uint();
        else if (f === 2)
            m.start = r.uint64();
        else if (f === 3)
            m.limit = r.uint64();
        else if (f === 4)
            m.offset = r.uint64();
        else if (f === 5)
            m.file = r.uint();
        else if (f === 6)
            m.buildId = r.uint();
        else if (r.uint())
            m.flags |= 1 << (f - 7);
    });
    return m;
}
function readLocation(r, out, lim) {
    let id = 0;
    let mappingId = 0;
    let address = 0n;
    let folded = 0;
    r.message((f, wt, at) => {
        if (f === 1 || f === 2 || f === 3 || f === 5) {
            expectWireType(r, 'location', f, wt, VARINT, at);
            if (f === 1)
                id = r.uint();
            else if (f === 2)
                mappingId = r.uint();
            else if (f === 3)
                address = r.uint64();
            else
                folded = r.uint() ? 1 : 0;
        }
        else if (f === 4) {
            expectWireType(r, 'location', f, wt, LEN, at);
            readLine(r, out);
            if (out.lineNumber.length > lim.maxLines)
                r.fail(`more than ${lim.maxLines} line entries in locations`, at);
        }
        else {
            r.skip(wt);
        }
    });
    out.id.push(id);
    out.mappingId.push(mappingId);
    out.address.push(address);
    out.isFolded.push(folded);
    out.lineStart.push(out.lineNumber.length);
}
function readLine(r, out) {
    let fn = 0;
    let line = 0;
    let column = 0;
    r.message((f, wt, at) => {
        if (f < 1 || f > 3)
            return r.skip(wt);
        expectWireType(r, 'line', f, wt, VARINT, at);
        if (f === 1)
            fn = r.uint();
        else if (f === 2)
            line = r.int();
        else
            column = r.int();
    });
    out.lineFunctionId.push(fn);
    out.lineNumber.push(line);
    out.lineColumn.push(column);
}
function readFunction(r, out) {
    const fields = [0, 0, 0, 0, 0, 0];
    r.message((f, wt, at) => {
        if (f < 1 || f > 5)
            return r.skip(wt);
        expectWireType(r, 'function', f, wt, VARINT, at);
        fields[f] = f === 5 ? r.int() : r.uint();
    });
    out.id.push(fields[1]);
    out.name.push(fields[2]);
    out.systemName.push(fields[3]);
    out.filename.push(fields[4]);
    out.startLine.push(fields[5]);
}
/** A sample the fast path did not take, field by field. */
function readSample(r, a) {
    // Location ids are kept as Uint32; the few from 2^32-1 up go to wideIds, by position.
    const readLocationId = () => {
        const id = r.uint();
        if (id >= WIDE_ID)
            a.wideIds.set(a.stackIds.length, id);
        return Math.min(id, WIDE_ID);
    };
    r.message((f, wt, at) => {
        if (f === 1)
            readRepeated(r, wt, a.stackIds, readLocationId, 'sample location_id field 1', at);
        else if (f === 2)
            readRepeated(r, wt, a.values, () => r.int(), 'sample value field 2', at);
        else if (f === 3) {
            expectWireType(r, 'sample', f, wt, LEN, at);
            readLabel(r, a, at);
        }
        else
            r.skip(wt);
    });
}
function readLabel(r, a, labelAt) {
    let key = 0;
    let str = 0;
    let num = 0;
    let unit = 0;
    r.message((f, wt, at) => {
        if (f < 1 || f > 4)
            return r.skip(wt);
        expectWireType(r, 'label', f, wt, VARINT, at);
        if (f === 1)
            key = r.uint();
        else if (f === 2)
            str = r.uint();
        else if (f === 3)
            num = r.int();
        else
            unit = r.uint();
    });
    if (key > 0xffffffff || str > 0xffffffff || unit > 0xffffffff)
        r.fail('label string index out of range', labelAt);
    a.labelKey.push(key);
    a.labelStr.push(str);
    a.labelNum.push(num);
    a.labelNumUnit.push(unit);
}
/**
 * A repeated integer field, packed or not, appended to `out`. `readLong` reads a value the inline
 * decoding leaves to the reader (three bytes and longer), with `out.length` at its index. A packed
 * field holds at most one varint per byte, so room is reserved once; one- and two-byte varints
 * are decoded inline.
 */
function readRepeated(r, wireType, out, readLong, what, at) {
    if (wireType === VARINT) {
        out.push(readLong());
        return;
    }
    if (wireType !== LEN)
        r.fail(`${what} has wire type ${WIRE_NAMES[wireType]}, expected varint or packed`, at);
    const end = r.lengthEnd();
    const outerEnd = r.end;
    r.end = end;
    out.reserve(end - r.pos);
    const data = out.data;
    const buf = r.buf;
    let n = out.length;
    let pos = r.pos;
    while (pos < end) {
        const b0 = buf[pos];
        if (b0 < 0x80) {
            data[n++] = b0;
            pos++;
            continue;
        }
        if (pos + 1 < end) {
            const b1 = buf[pos + 1];
            if (b1 < 0x80) {
                data[n++] = (b0 & 0x7f) | (b1 << 7);
                pos += 2;
                continue;
            }
        }
        r.pos = pos;
        out.length = n;
        data[n++] = readLong();
        pos = r.pos;
    }
    r.pos = pos;
    out.length = n;
    r.end = outerEnd;
}

/**
 * What a profile file holds, decided from its first bytes: the one place that tells gzip, a
 * profile.proto, Go's text profiles and the files that are something else apart.
 */
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
function isGzip(bytes) {
    return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}
/** Bytes looked at to tell text from binary. */
const HEAD_BYTES = 256;
/**
 * The format of a profile after decompression. Anything not recognised as something else is
 * taken for a profile.proto, whose decoder then reports what is wrong with it: none of the other
 * formats can be a valid profile.proto (each starts with a byte that is no valid first tag).
 */
function detectFormat(raw) {
    if (raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04)
        return { kind: 'zip' };
    if (isLegacyCpuHeader(raw))
        return { kind: 'legacy-cpu' };
    const head = raw.subarray(0, HEAD_BYTES);
    for (const b of head)
        if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f)
            return { kind: 'proto' };
    const firstLine = new TextDecoder().decode(head).trim().split(/\r?\n/, 1)[0] ?? '';
    return { kind: 'text', form: textForm(firstLine), firstLine };
}
function textForm(firstLine) {
    if (firstLine.startsWith('heap profile:'))
        return 'heap-debug1';
    if (firstLine.startsWith('goroutine profile:'))
        return 'goroutine-debug1';
    if (/^goroutine \d+ (gp=\S+ m=\S+ (mp=\S+ )?)?\[/.test(firstLine))
        return 'goroutine-debug2';
    if (/^--- (contention|mutex)/.test(firstLine))
        return 'contention-debug1';
    return null;
}
/**
 * The legacy CPU profile's header: the machine words 0, 3, 0 (header count, header words,
 * version; then the period and a 0), in 32 or 64 bits, either byte order, as pprof's parseCPU
 * accepts them.
 */
function isLegacyCpuHeader(raw) {
    for (const wordBytes of [4, 8]) {
        if (raw.length < 3 * wordBytes)
            continue;
        for (const littleEndian of [true, false]) {
            const word = (i) => {
                let v = 0;
                for (let k = 0; k < wordBytes; k++)
                    v = v * 256 + raw[i * wordBytes + (littleEndian ? wordBytes - 1 - k : k)];
                return v;
            };
            if (word(0) === 0 && word(1) === 3 && word(2) === 0)
                return true;
        }
    }
    return false;
}
/** Why a file of this format is not read, for "not a profile.proto: …"; '' for a profile.proto. */
function describeFormat(format) {
    switch (format.kind) {
        case 'proto':
            return '';
        case 'zip':
            return 'the file is a zip archive (unzip the artifact first)';
        case 'legacy-cpu':
            return 'the file is a legacy binary CPU profile (gperftools / Go < 1.9): convert it with `go tool pprof -proto`';
        case 'text': {
            // (heap and goroutine text profiles are read: a text that gets here is none of those)
            const hint = format.form === 'contention-debug1'
                ? ' - a pprof text profile of a kind not read in text (debug=1); write it with debug=0'
                : format.form
                    ? ` - a Go text profile (${format.form})`
                    : /^<(!doctype|html)/i.test(format.firstLine)
                        ? ' - an HTML page'
                        : /^(panic: |fatal error: |=== RUN|--- FAIL|FAIL\s|ok\s)/.test(format.firstLine)
                            ? ' - a log with no goroutine dump in it (no line "goroutine N [status]:")'
                            : '';
            return `the file is text, starting "${quoteSafe(format.firstLine)}"${hint}`;
        }
    }
}

/** gunzipBounded on libuv's thread pool. */
function gunzipBoundedAsync(input, limit) {
    return new Promise((resolve, reject) => {
        gunzip(input, gunzipOptions(limit), (err, out) => (err ? reject(gunzipError(err, limit)) : resolve(out)));
    });
}
function gunzipOptions(limit) {
    return { maxOutputLength: Math.max(1, Math.min(limit, kMaxLength)), chunkSize: 1 << 20 };
}
function gunzipError(err, limit) {
    const e = err;
    if (e.code === 'ERR_BUFFER_TOO_LARGE')
        return new ProfileError(`decompressed size exceeds the limit of ${limit} bytes`);
    // Z_BUF_ERROR: the input ran out before the end of the stream.
    if (e.code === 'Z_BUF_ERROR')
        return new ProfileError('truncated gzip data (the stream ends early)');
    return new ProfileError(`corrupt gzip data (${e.message})`);
}

/**
 * From a RawProfile to a Profile: ids become indexes and every cross-reference is checked (a
 * string index in the table, an id that exists, one value per sample type) — what pprof does in
 * postDecode and CheckValid.
 */
function resolveProfile(raw) {
    const { strings } = raw;
    if (strings.length === 0)
        throw new ProfileError('no string table (not a profile.proto?)');
    if (strings[0] !== '')
        throw new ProfileError(`string_table[0] must be empty, is "${quoteSafe(strings[0])}"`);
    const str = (idx, where) => {
        if (idx >= strings.length) {
            throw new ProfileError(`${where}: string index ${idx} out of range (string table has ${strings.length} entries)`);
        }
        return strings[idx];
    };
    if (raw.sampleTypes.length === 0)
        throw new ProfileError('no sample types (not a profile.proto?)');
    const sampleTypes = [];
    for (let i = 0; i < raw.sampleTypes.length; i += 2) {
        sampleTypes.push({
            type: str(raw.sampleTypes[i], `sample_type ${i / 2} type`),
            unit: str(raw.sampleTypes[i + 1], `sample_type ${i / 2} unit`),
        });
    }
    const { mappings, mappingIndex } = resolveMappings(raw, str);
    const fns = raw.functions;
    const nFunctions = fns.id.length;
    const fnIdToIndex = buildIdIndex(fns.id.data, nFunctions, 'function');
    const fnName = new Uint32Array(nFunctions);
    const fnSystemName = new Uint32Array(nFunctions);
    const fnFilename = new Uint32Array(nFunctions);
    for (let i = 0; i < nFunctions; i++) {
        const where = `function id ${fns.id.data[i]}`;
        str(fns.name.data[i], `${where} name`);
        str(fns.systemName.data[i], `${where} system_name`);
        str(fns.filename.data[i], `${where} filename`);
        fnName[i] = fns.name.data[i];
        fnSystemName[i] = fns.systemName.data[i];
        fnFilename[i] = fns.filename.data[i];
    }
    const locs = raw.locations;
    const nLocations = locs.id.length;
    const locIdToIndex = buildIdIndex(locs.id.data, nLocations, 'location');
    const locMapping = new Int32Array(nLocations);
    for (let i = 0; i < nLocations; i++) {
        const mid = locs.mappingId.data[i];
        if (mid === 0) {
            locMapping[i] = -1;
        }
        else {
            const idx = mappingIndex.get(mid);
            if (idx === undefined)
                throw new ProfileError(`location id ${locs.id.data[i]} names mapping id ${mid}, which does not exist`);
            locMapping[i] = idx;
        }
    }
    const lines = locs.lineStart.finish();
    const lineFunction = resolveLineFunctions(locs, lines, fnIdToIndex);
    const s = raw.samples;
    const nSamples = s.stackStart.length - 1;
    const nTypes = sampleTypes.length;
    const vStart = s.valueStart.data;
    for (let i = 0; i < nSamples; i++) {
        const n = vStart[i + 1] - vStart[i];
        if (n !== nTypes)
            throw new ProfileError(`sample ${i} has ${n} values, expected ${nTypes} (one per sample type)`);
    }
    const stackLocations = resolveStacks(s, nSamples, locIdToIndex);
    const lKey = s.labelKey.finish();
    const lStr = s.labelStr.finish();
    const lUnit = s.labelNumUnit.finish();
    const nStrings = strings.length;
    for (let i = 0; i < lKey.length; i++) {
        // (the message is built only for a bad index: there is a label per heap sample)
        if (lKey[i] >= nStrings)
            str(lKey[i], `label ${i} key`);
        if (lStr[i] >= nStrings)
            str(lStr[i], `label ${i} str`);
        if (lUnit[i] >= nStrings)
            str(lUnit[i], `label ${i} num_unit`);
    }
    const comments = [];
    for (let i = 0; i < raw.comments.length; i++)
        comments.push(str(raw.comments.data[i], `comment ${i}`));
    const pt = raw.periodType;
    const periodType = pt ? { type: str(pt[0], 'period_type type'), unit: str(pt[1], 'period_type unit') } : null;
    return {
        format: 'proto',
        memStats: null,
        strings,
        sampleTypes,
        defaultSampleType: str(raw.defaultSampleType, 'default_sample_type'),
        periodType,
        period: raw.period,
        timeNanos: raw.timeNanos,
        durationNanos: raw.durationNanos,
        comments,
        dropFrames: str(raw.dropFrames, 'drop_frames'),
        keepFrames: str(raw.keepFrames, 'keep_frames'),
        docUrl: str(raw.docUrl, 'doc_url'),
        sampleCount: nSamples,
        values: s.values.data.subarray(0, s.values.length),
        stackStart: s.stackStart.finish(),
        stackLocations,
        labelStart: s.labelStart.finish(),
        labelKey: lKey,
        labelStr: lStr,
        labelNum: s.labelNum.finish(),
        labelNumUnit: lUnit,
        locationCount: nLocations,
        locationId: locs.id.finish(),
        locationMapping: locMapping,
        locationAddress: BigUint64Array.from(locs.address),
        locationIsFolded: Uint8Array.from(locs.isFolded.finish()),
        lineStart: lines,
        lineFunction,
        lineNumber: locs.lineNumber.finish(),
        lineColumn: locs.lineColumn.finish(),
        functionCount: nFunctions,
        functionId: fns.id.finish(),
        functionName: fnName,
        functionSystemName: fnSystemName,
        functionFilename: fnFilename,
        functionStartLine: fns.startLine.finish(),
        mappings,
    };
}
function resolveMappings(raw, str) {
    const mappings = [];
    const mappingIndex = new Map();
    for (const m of raw.mappings) {
        if (m.id === 0)
            throw new ProfileError(`mapping ${mappings.length} has id 0`);
        if (mappingIndex.has(m.id))
            throw new ProfileError(`duplicate mapping id ${m.id}`);
        mappingIndex.set(m.id, mappings.length);
        mappings.push({
            id: m.id,
            memoryStart: m.start,
            memoryLimit: m.limit,
            fileOffset: m.offset,
            filename: str(m.file, `mapping id ${m.id} filename`),
            buildId: str(m.buildId, `mapping id ${m.id} build_id`),
            hasFunctions: (m.flags & 1) !== 0,
            hasFilenames: (m.flags & 2) !== 0,
            hasLineNumbers: (m.flags & 4) !== 0,
            hasInlineFrames: (m.flags & 8) !== 0,
        });
    }
    return { mappings, mappingIndex };
}
/** Each line's function index (-1 for function id 0). */
function resolveLineFunctions(locs, lines, fnIdToIndex) {
    const lineFunction = new Int32Array(locs.lineNumber.length);
    const fnIds = locs.lineFunctionId.data;
    for (let loc = 0; loc < locs.id.length; loc++) {
        for (let j = lines[loc]; j < lines[loc + 1]; j++) {
            const fid = fnIds[j];
            if (fid === 0) {
                lineFunction[j] = -1;
                continue;
            }
            const idx = fnIdToIndex(fid);
            if (idx < 0)
                throw new ProfileError(`location id ${locs.id.data[loc]} names function id ${fid}, which does not exist`);
            lineFunction[j] = idx;
        }
    }
    return lineFunction;
}
/** Sample stacks' location ids become indexes, in place (no second array of the largest section). */
function resolveStacks(s, nSamples, locIdToIndex) {
    const stackLocations = s.stackIds.data.subarray(0, s.stackIds.length);
    const sStart = s.stackStart.data;
    const dense = locIdToIndex.dense;
    // The common case in a small loop of its own: dense ids, none wide.
    const mapped = dense && s.wideIds.size === 0 ? mapDenseIds(stackLocations, dense) : 0;
    for (let i = mapped === stackLocations.length ? nSamples : 0; i < nSamples; i++) {
        for (let k = Math.max(sStart[i], mapped); k < sStart[i + 1]; k++) {
            let id = stackLocations[k];
            if (id === WIDE_ID)
                id = s.wideIds.get(k) ?? id;
            const idx = dense ? (id < dense.length ? dense[id] : -1) : locIdToIndex(id);
            if (idx < 0)
                throw new ProfileError(`sample ${i} names location id ${id}, which does not exist`);
            stackLocations[k] = idx;
        }
    }
    return stackLocations;
}
/**
 * id → index lookup. Go numbers ids 1..n, so a dense table serves almost every file; sparse ids
 * fall back to a Map. Id 0 and duplicates are errors.
 */
function buildIdIndex(ids, n, what) {
    let maxId = 0;
    for (let i = 0; i < n; i++)
        if (ids[i] > maxId)
            maxId = ids[i];
    if (maxId <= 4 * n + 1024) {
        const table = new Int32Array(maxId + 1).fill(-1);
        for (let i = 0; i < n; i++) {
            const id = ids[i];
            if (id === 0)
                throw new ProfileError(`${what} ${i} has id 0`);
            if (table[id] !== -1)
                throw new ProfileError(`duplicate ${what} id ${id}`);
            table[id] = i;
        }
        return Object.assign((id) => (id <= maxId ? table[id] : -1), { dense: table });
    }
    const map = new Map();
    for (let i = 0; i < n; i++) {
        const id = ids[i];
        if (id === 0)
            throw new ProfileError(`${what} ${i} has id 0`);
        if (map.has(id))
            throw new ProfileError(`duplicate ${what} id ${id}`);
        map.set(id, i);
    }
    return (id) => map.get(id) ?? -1;
}
/**
 * Location ids → indexes through a dense table, in place, up to the first id that names no
 * location; returns how many were mapped (the caller reports the bad id with its sample).
 */
function mapDenseIds(ids, dense) {
    const n = ids.length;
    const size = dense.length;
    for (let k = 0; k < n; k++) {
        const id = ids[k];
        const idx = id < size ? dense[id] : -1;
        if (idx < 0)
            return k;
        ids[k] = idx;
    }
    return n;
}

/**
 * Builds the compact Profile from stacks read out of a text profile: interns strings, functions
 * (name + file) and locations, and checks the decode limits as it goes, so that a hostile file
 * fails at the line that passes a limit instead of growing without bound.
 */
class ProfileBuilder {
    lim;
    valuesPerSample;
    strings = [''];
    stringIndex = new Map([['', 0]]);
    functionIndex = new Map();
    functionName = new GrowableUint32(256);
    functionFile = new GrowableUint32(256);
    locationIndex = new Map();
    locationAddress = [];
    lineStart = new GrowableUint32(1024);
    lineFunction = new GrowableUint32(1024);
    lineNumber = new GrowableFloat64(1024);
    stackStart = new GrowableUint32(1024);
    stackLocations = new GrowableUint32(4096);
    values = new GrowableFloat64(1024);
    labelStart = new GrowableUint32(1024);
    labelKey = new GrowableUint32(1024);
    labelStr = new GrowableUint32(1024);
    labelNum = new GrowableFloat64(1024);
    labelNumUnit = new GrowableUint32(1024);
    /** 1-based line being read, for the limit errors. */
    line = 0;
    constructor(lim, valuesPerSample) {
        this.lim = lim;
        this.valuesPerSample = valuesPerSample;
        this.lineStart.push(0);
        this.stackStart.push(0);
        this.labelStart.push(0);
    }
    fail(reason) {
        throw new ProfileError(reason, '', this.line);
    }
    intern(s) {
        let i = this.stringIndex.get(s);
        if (i === undefined) {
            if (s.length > this.lim.maxStringLength)
                this.fail(`a name of ${s.length} characters, over the limit of ${this.lim.maxStringLength}`);
            if (this.strings.length >= this.lim.maxStrings)
                this.fail(`more than ${this.lim.maxStrings} distinct strings`);
            i = this.strings.length;
            this.strings.push(s);
            this.stringIndex.set(s, i);
        }
        return i;
    }
    functionFor(name, file) {
        const key = `${name}\u0000${file}`;
        let i = this.functionIndex.get(key);
        if (i === undefined) {
            if (this.functionName.length >= this.lim.maxFunctions)
                this.fail(`more than ${this.lim.maxFunctions} functions`);
            i = this.functionName.length;
            this.functionName.push(this.intern(name));
            this.functionFile.push(this.intern(file));
            this.functionIndex.set(key, i);
        }
        return i;
    }
    /**
     * The location for `key` (an address, or the frames themselves when the form has none), made
     * from `lines` (its frames, innermost first; or a function giving them) the first time the key
     * is seen.
     */
    location(key, address, lines) {
        let i = this.locationIndex.get(key);
        if (i === undefined) {
            const frames = typeof lines === 'function' ? lines() : lines;
            if (this.locationAddress.length >= this.lim.maxLocations)
                this.fail(`more than ${this.lim.maxLocations} locations`);
            if (this.lineNumber.length + frames.length > this.lim.maxLines)
                this.fail(`more than ${this.lim.maxLines} lines in locations`);
            i = this.locationAddress.length;
            this.locationAddress.push(typeof address === 'function' ? address() : address);
            for (const f of frames) {
                this.lineFunction.push(this.functionFor(f.name, f.file));
                this.lineNumber.push(f.line);
            }
            this.lineStart.push(this.lineNumber.length);
            this.locationIndex.set(key, i);
        }
        return i;
    }
    /** Adds one location to the sample being built (leaf first). */
    pushLocation(location) {
        const depth = this.stackLocations.length - this.stackStart.data[this.stackStart.length - 1];
        if (depth >= this.lim.maxStackDepth)
            this.fail(`a stack deeper than ${this.lim.maxStackDepth} frames`);
        this.stackLocations.push(location);
    }
    stringLabel(key, value) {
        this.checkLabels();
        this.labelKey.push(this.intern(key));
        this.labelStr.push(this.intern(value));
        this.labelNum.push(0);
        this.labelNumUnit.push(0);
    }
    numberLabel(key, value, unit = '') {
        this.checkLabels();
        this.labelKey.push(this.intern(key));
        this.labelStr.push(0);
        this.labelNum.push(value);
        this.labelNumUnit.push(this.intern(unit));
    }
    checkLabels() {
        if (this.labelKey.length >= this.lim.maxLabels)
            this.fail(`more than ${this.lim.maxLabels} labels`);
    }
    /** Ends the sample whose locations and labels were just pushed. */
    endSample(values) {
        if (this.stackStart.length - 1 >= this.lim.maxSamples)
            this.fail(`more than ${this.lim.maxSamples} samples`);
        for (let i = 0; i < this.valuesPerSample; i++)
            this.values.push(values[i]);
        this.stackStart.push(this.stackLocations.length);
        this.labelStart.push(this.labelKey.length);
    }
    /** Drops what was pushed since the last endSample (a stack that turned out to be no sample). */
    discardSample() {
        this.stackLocations.length = this.stackStart.data[this.stackStart.length - 1];
        this.labelKey.length =
            this.labelStr.length =
                this.labelNum.length =
                    this.labelNumUnit.length =
                        this.labelStart.data[this.labelStart.length - 1];
    }
    get sampleCount() {
        return this.stackStart.length - 1;
    }
    finish(header) {
        const nLocations = this.locationAddress.length;
        const nFunctions = this.functionName.length;
        const nLines = this.lineNumber.length;
        return {
            format: header.format,
            memStats: header.memStats ?? null,
            strings: this.strings,
            sampleTypes: header.sampleTypes,
            defaultSampleType: '',
            periodType: header.periodType,
            period: header.period,
            timeNanos: 0n,
            durationNanos: 0n,
            comments: [],
            dropFrames: '',
            keepFrames: '',
            docUrl: '',
            sampleCount: this.sampleCount,
            values: this.values.finish(),
            stackStart: this.stackStart.finish(),
            stackLocations: this.stackLocations.finish(),
            labelStart: this.labelStart.finish(),
            labelKey: this.labelKey.finish(),
            labelStr: this.labelStr.finish(),
            labelNum: this.labelNum.finish(),
            labelNumUnit: this.labelNumUnit.finish(),
            locationCount: nLocations,
            locationId: Float64Array.from({ length: nLocations }, (_, i) => i + 1),
            locationMapping: new Int32Array(nLocations).fill(-1),
            locationAddress: BigUint64Array.from(this.locationAddress),
            locationIsFolded: new Uint8Array(nLocations),
            lineStart: this.lineStart.finish(),
            lineFunction: Int32Array.from(this.lineFunction.finish()),
            lineNumber: this.lineNumber.finish(),
            lineColumn: new Float64Array(nLines),
            functionCount: nFunctions,
            functionId: Float64Array.from({ length: nFunctions }, (_, i) => i + 1),
            functionName: this.functionName.finish(),
            functionSystemName: this.functionName.finish(),
            functionFilename: this.functionFile.finish(),
            functionStartLine: new Float64Array(nFunctions),
            mappings: [],
        };
    }
}

/**
 * Reads a text profile line by line without splitting it into an array (a dump of a million
 * goroutines is tens of millions of lines): `next()` moves to the following line, `text` is that
 * line without its line ending, `number` its 1-based line number. A line over `maxLineLength`
 * is an error at that line, found before the line is copied.
 */
class LineScanner {
    source;
    maxLineLength;
    text = '';
    number = 0;
    pos = 0;
    constructor(source, maxLineLength) {
        this.source = source;
        this.maxLineLength = maxLineLength;
    }
    /** Moves to the next line; false at the end of the text. */
    next() {
        const src = this.source;
        if (this.pos >= src.length)
            return false;
        let end = src.indexOf('\n', this.pos);
        if (end < 0)
            end = src.length;
        let stop = end;
        if (stop > this.pos && src.charCodeAt(stop - 1) === 13)
            stop--;
        this.number++;
        if (stop - this.pos > this.maxLineLength) {
            throw new ProfileError(`line of ${stop - this.pos} characters, over the limit of ${this.maxLineLength}`, '', this.number);
        }
        this.text = src.slice(this.pos, stop);
        this.pos = end + 1;
        return true;
    }
    /** Error at the current line. */
    fail(reason) {
        throw new ProfileError(reason, '', this.number);
    }
}
/**
 * A line cut to a readable length for an error message, in double quotes. Only printable ASCII
 * of a few safe characters is kept (others become '?'): an error message never carries markup.
 */
function quoteLine(line, max = 60) {
    const flat = line.trim().replace(/\t+/g, ' ');
    if (flat === '')
        return 'an empty line';
    const t = flat.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}'*[\]@#!?-]/g, '?');
    return `"${flat.length > max ? `${t}...` : t}"`;
}

// (tabwriter pads the columns with more tabs; a file name may hold spaces, so it is the rest)
const FRAME_COMMENT = /^#\s+(0x[0-9a-fA-F]+)(?:\s+(\S+)\+(0x[0-9a-fA-F]+)\s+(.+):(\d+))?\s*$/;
/** The frame on a `#` line, null when the line is another comment; a malformed frame is an error. */
function parseFrameComment(lines) {
    const text = lines.text;
    if (!/^#\s+0x/.test(text))
        return null;
    const m = FRAME_COMMENT.exec(text);
    if (!m)
        lines.fail(`expected a frame "#<tab>0xPC<tab>function+0xOFFSET<tab>file:line", found ${quoteLine(text)}`);
    const pc = m[1].toLowerCase();
    if (m[2] === undefined)
        return { pc, entry: pc, name: '', file: '', line: 0 };
    // (addresses up to 2^52 in a double; wider ones, rare, as bigints)
    const entry = pc.length <= 15 ? String(parseInt(pc, 16) - parseInt(m[3], 16)) : String(BigInt(pc) - BigInt(m[3]));
    return { pc, entry, name: m[2], file: m[4], line: Number(m[5]) };
}
/**
 * Adds one record's stack (leaf first) to the sample being built. The `#` frames are the ones Go's
 * binary form keeps (the runtime hides the same leading runtime frames and runtime.goexit in both);
 * frames that were inlined into one compiled function become one location with several lines,
 * innermost first, as Go's binary form groups them. A record without `#` lines (an unsymbolized
 * profile) gets a location per address, moved back by 1 onto the call instruction as Go's
 * pprof does (go tool pprof of Go 1.19 moves every frame; newer ones all but the leaf). A `#`
 * line's pc is that same address.
 */
function pushRecordStack(b, frames, addresses) {
    if (frames.length === 0) {
        addresses.forEach((hex) => {
            const address = BigInt(hex) - 1n;
            const key = `0x${address.toString(16)}`;
            b.pushLocation(b.location(key, () => address, []));
        });
        return;
    }
    let start = 0;
    for (let i = 1; i <= frames.length; i++) {
        if (i < frames.length && inlinedInto(frames, start, i))
            continue;
        const first = frames[start];
        const from = start;
        b.pushLocation(b.location(first.pc, () => BigInt(first.pc), () => (first.name ? frames.slice(from, i) : [])));
        start = i;
    }
}
/**
 * Whether frames[i] is the caller of frames[i-1] within the same compiled function (the one
 * frames[start..i) are inlined into): same entry, and not a name seen in the group already (that
 * would be a real recursive call).
 */
function inlinedInto(frames, start, i) {
    const f = frames[i];
    if (!f.name || f.entry !== frames[i - 1].entry)
        return false;
    for (let j = start; j < i; j++)
        if (frames[j].name === f.name || !frames[j].name)
            return false;
    return true;
}

/**
 * Go's %q quoting, read back: the `# labels: {"key":"value", …}` line of a goroutine debug=1
 * profile quotes each key and value so. Returns the string and the index after its closing quote,
 * or null when `s` has no well-formed quoted string at `start`.
 */
function unquoteGo(s, start) {
    if (s[start] !== '"')
        return null;
    let out = '';
    let i = start + 1;
    while (i < s.length) {
        const c = s[i];
        if (c === '"')
            return { value: out, end: i + 1 };
        if (c !== '\\') {
            out += c;
            i++;
            continue;
        }
        const e = s[i + 1];
        const simple = SIMPLE_ESCAPES[e];
        if (simple !== undefined) {
            out += simple;
            i += 2;
            continue;
        }
        const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (width > 0) {
            const hex = s.slice(i + 2, i + 2 + width);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width)
                return null;
            const code = parseInt(hex, 16);
            if (code > 0x10ffff)
                return null;
            // (\xHH is a byte; %q writes it only for bytes that are not valid UTF-8, kept as U+00HH)
            out += String.fromCodePoint(code);
            i += 2 + width;
            continue;
        }
        if (e !== undefined && e >= '0' && e <= '7') {
            const oct = s.slice(i + 1, i + 4);
            if (!/^[0-7]{3}$/.test(oct))
                return null;
            out += String.fromCharCode(parseInt(oct, 8));
            i += 4;
            continue;
        }
        return null;
    }
    return null;
}
const SIMPLE_ESCAPES = {
    a: '\u0007',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
    "'": "'",
};
/** `{"k":"v", "k2":"v2"}` as Go's labelMap prints it, or null when it is not of that form. */
function parseLabelSet(s) {
    const out = [];
    let i = 0;
    if (s[i++] !== '{')
        return null;
    if (s[i] === '}')
        return i + 1 === s.length ? out : null;
    for (;;) {
        const key = unquoteGo(s, i);
        if (!key || s[key.end] !== ':')
            return null;
        const value = unquoteGo(s, key.end + 1);
        if (!value)
            return null;
        out.push([key.value, value.value]);
        i = value.end;
        if (s[i] === '}')
            return i + 1 === s.length ? out : null;
        if (s[i] !== ',')
            return null;
        i++;
        while (s[i] === ' ')
            i++;
    }
}

const HEADER$1 = /^(\w+) profile: total (\d+)$/;
const RECORD$1 = /^(\d+) @((?: 0x[0-9a-fA-F]+)*)$/;
/**
 * Reads a count profile written with debug=1 (`/debug/pprof/goroutine?debug=1`, also threadcreate):
 * `count @ addresses` records with their `#` frames and `# labels: {…}` line. One sample per
 * record, its labels as string labels. The header's total must match the records (a file cut
 * short is an error, not a smaller profile).
 */
function parseCountDebug1(text, lim) {
    const lines = new LineScanner(text, lim.maxStringLength);
    while (lines.next() && (lines.text.trim() === '' || lines.text.startsWith('#')))
        ;
    const header = HEADER$1.exec(lines.text.trim());
    if (!header)
        lines.fail(`expected the header "goroutine profile: total N", found ${quoteLine(lines.text)}`);
    const name = header[1];
    const total = Number(header[2]);
    const headerLine = lines.number;
    const b = new ProfileBuilder(lim, 1);
    let record = null;
    // What the line before was, described only when an error needs it.
    let previous = { kind: 'the header', text: '' };
    const describePrevious = () => (previous.text ? `${previous.kind} ${quoteLine(previous.text)}` : previous.kind);
    let sum = 0;
    const flush = () => {
        if (!record)
            return;
        pushRecordStack(b, record.frames, record.addresses);
        for (const [k, v] of record.labels)
            b.stringLabel(k, v);
        b.endSample([record.count]);
        record = null;
    };
    while (lines.next()) {
        b.line = lines.number;
        const line = lines.text.trim();
        if (line === '')
            continue;
        if (line.startsWith('---'))
            break;
        if (line.startsWith('#')) {
            const labels = /^#\s*labels:\s*(.*)$/.exec(line);
            if (labels) {
                const set = parseLabelSet(labels[1]);
                if (!set)
                    lines.fail(`expected labels {"key":"value", ...} after "# labels:", found ${quoteLine(labels[1])}`);
                if (!record)
                    lines.fail(`expected a record "N @ addresses" before ${quoteLine(line)}`);
                record.labels.push(...set);
                continue;
            }
            const frame = parseFrameComment(lines);
            if (frame && record) {
                record.frames.push(frame);
                previous = { kind: 'the frame', text: line };
            }
            else if (frame)
                lines.fail(`expected a record "N @ addresses" before the frame ${quoteLine(line)}`);
            continue;
        }
        const m = RECORD$1.exec(line);
        if (!m)
            lines.fail(`expected a record "N @ addresses" after ${describePrevious()}, found ${quoteLine(line)}`);
        flush();
        const count = Number(m[1]);
        sum += count;
        record = { count, addresses: m[2].trim() === '' ? [] : m[2].trim().split(' '), frames: [], labels: [] };
        previous = { kind: 'the record', text: line };
    }
    flush();
    if (sum !== total) {
        throw new ProfileError(`the header says total ${total} but the records add up to ${sum} (is the file cut short?)`, '', headerLine);
    }
    return b.finish({
        format: 'goroutine-debug1',
        sampleTypes: [{ type: name, unit: 'count' }],
        periodType: { type: name, unit: 'count' },
        period: 1n,
    });
}

/** `goroutine 6 [chan send, 12 minutes]:`, or with `gp=… m=… mp=…` before the bracket (newer runtimes). */
const GOROUTINE_HEADER = /^goroutine (\d+)((?: [a-z]+=\S+)*) \[([^\]]*)\]:\s*$/;
const CREATED_BY = /^created by (\S+?)(?: in goroutine (\d+))?\s*$/;
const ELIDED = /^\.\.\.(?:additional frames elided|\d+ frames elided)\.\.\.\s*$/;
const ANCESTOR = /^\[originating from goroutine \d+\]:\s*$/;
const UNAVAILABLE = /^\s+goroutine running on other thread; stack unavailable\s*$/;
/**
 * `\t/src/app/main.go:12 +0x1d` (the offset absent for an inlined frame; ` fp=… sp=… pc=…` after it
 * under GOTRACEBACK=system): the file (which may hold spaces and a drive letter) and the line.
 * Parsed by hand: it is every other line of a dump.
 */
function parseFileLine(text) {
    let start = 0;
    while (start < text.length && (text.charCodeAt(start) === 9 || text.charCodeAt(start) === 32))
        start++;
    if (start === 0)
        return null;
    let end = text.length;
    while (end > start && text.charCodeAt(end - 1) <= 32)
        end--;
    const fp = text.lastIndexOf(' fp=0x', end);
    if (fp > start)
        end = fp;
    const plus = text.lastIndexOf(' +0x', end);
    const offset = plus > start;
    if (offset)
        end = plus;
    const colon = text.lastIndexOf(':', end - 1);
    if (colon <= start || colon === end - 1)
        return null;
    let line = 0;
    for (let i = colon + 1; i < end; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9)
            return null;
        line = line * 10 + c;
    }
    return { file: text.slice(start, colon), line, offset };
}
/** The status in a goroutine header's brackets, split into what the runtime states. */
function parseStatus(bracket) {
    const parts = bracket.split(', ');
    let minutes = 0;
    let locked = false;
    for (const p of parts.slice(1)) {
        const m = /^(\d+) minutes$/.exec(p);
        if (m)
            minutes = Number(m[1]);
        else if (p === 'locked to thread')
            locked = true;
    }
    // (" (scan)": the garbage collector was scanning the stack at that instant, not a wait reason)
    return { state: parts[0].replace(/ \(scan\)$/, ''), minutes, locked };
}
/** `pkg.f(args)` → pkg.f; null when the line is not a frame (the args are the last balanced parentheses). */
function frameName(line) {
    if (!line.endsWith(')') || /^\s/.test(line))
        return null;
    let depth = 0;
    for (let i = line.length - 1; i >= 0; i--) {
        const c = line.charCodeAt(i);
        if (c === 41)
            depth++;
        else if (c === 40 && --depth === 0) {
            const name = line.slice(0, i);
            return name !== '' && !/\s/.test(name) ? name : null;
        }
    }
    return null;
}
/**
 * Reads a goroutine dump as Go prints it for `/debug/pprof/goroutine?debug=2`, `runtime.Stack(buf,
 * true)`, SIGQUIT, an unrecovered panic or a `go test -timeout`: one sample per goroutine (value
 * 1, type goroutine/count), with the runtime's stated status, wait minutes, thread lock and
 * creation site as labels. Text before the first goroutine and after the last (a test log,
 * `panic: …`, `exit status 2`, register dumps) is skipped; goroutine 0 (a thread's own stack in
 * crash dumps) is no goroutine and is left out. A frame without its `file:line` line is an error.
 */
function parseGoroutineDebug2(text, lim) {
    const lines = new LineScanner(text, lim.maxStringLength);
    const b = new ProfileBuilder(lim, 1);
    let g = null;
    let inAncestor = false;
    let seen = 0;
    const finish = () => {
        if (!g)
            return;
        const cur = g;
        g = null;
        inAncestor = false;
        if (!cur.hasStack)
            lines.fail(`expected a frame "function(args)" after ${quoteLine(cur.headerText)}`);
        if (cur.id === 0)
            return;
        b.line = cur.headerLine; // (a limit passed by this goroutine is reported at its header)
        pushStack(b, cur.frames);
        b.stringLabel('state', cur.state);
        b.numberLabel('wait_minutes', cur.minutes, 'minutes');
        if (cur.locked)
            b.stringLabel('locked', 'true');
        if (cur.createdBy) {
            b.stringLabel('created_by', cur.createdBy);
            b.stringLabel('created_at', cur.createdAt);
        }
        if (cur.parent >= 0)
            b.numberLabel('parent_goroutine', cur.parent);
        b.endSample([1]);
    };
    // The file:line line that must follow a frame or "created by".
    // The file:line line that must follow a frame or "created by" (`what`: the frame's line).
    const fileLine = (what, frame) => {
        const after = () => (frame ? `the frame ${quoteLine(what)}` : quoteLine(what));
        if (!lines.next())
            lines.fail(`expected a "file:line" line after ${after()}, found the end of the text`);
        const at = parseFileLine(lines.text);
        if (!at)
            lines.fail(`expected a "file:line" line after ${after()}, found ${quoteLine(lines.text)}`);
        return at;
    };
    const statuses = new Map();
    while (lines.next()) {
        b.line = lines.number;
        const line = lines.text;
        const first = line.charCodeAt(0);
        const header = first === 103 /* g */ ? GOROUTINE_HEADER.exec(line) : null;
        if (header) {
            let status = statuses.get(header[3]);
            if (!status)
                statuses.set(header[3], (status = parseStatus(header[3])));
            finish();
            seen++;
            g = {
                id: Number(header[1]),
                ...status,
                frames: [],
                createdBy: '',
                createdAt: '',
                parent: -1,
                hasStack: false,
                headerText: line,
                headerLine: lines.number,
            };
            continue;
        }
        if (!g)
            continue; // text around the dump
        const cur = g;
        if (line.length === 0 || line.trim() === '') {
            finish();
            continue;
        }
        if (!cur.hasStack && UNAVAILABLE.test(line)) {
            cur.hasStack = true;
            continue;
        }
        if (first === 46 /* . */ && ELIDED.test(line))
            continue;
        if (first === 91 /* [ */ && ANCESTOR.test(line)) {
            inAncestor = true;
            continue;
        }
        const created = first === 99 /* c */ ? CREATED_BY.exec(line) : null;
        if (created) {
            const at = fileLine(line, false);
            if (!inAncestor) {
                cur.createdBy = created[1];
                cur.createdAt = `${at.file}:${at.line}`;
                if (created[2] !== undefined)
                    cur.parent = Number(created[2]);
            }
            continue;
        }
        const name = frameName(line);
        if (name === null) {
            if (!cur.hasStack)
                lines.fail(`expected a frame "function(args)" after ${quoteLine(cur.headerText)}, found ${quoteLine(line)}`);
            finish(); // the dump ends here: what follows is other text
            continue;
        }
        if (cur.frames.length >= lim.maxStackDepth)
            lines.fail(`a stack deeper than ${lim.maxStackDepth} frames`);
        const at = fileLine(line, true);
        cur.hasStack = true;
        if (inAncestor)
            continue;
        cur.frames.push({ name, file: at.file, line: at.line, inlined: !at.offset, key: `${name}\u0000${at.file}\u0000${at.line}` });
    }
    finish();
    if (seen === 0)
        throw new ProfileError('no goroutine in the text: expected a line "goroutine N [status]:"');
    return b.finish({
        format: 'goroutine-debug2',
        sampleTypes: [{ type: 'goroutine', unit: 'count' }],
        periodType: { type: 'goroutine', unit: 'count' },
        period: 1n,
    });
}
/**
 * One goroutine's frames (leaf first) as locations: a frame the runtime printed without a pc
 * offset was inlined, and shares the location of the frame it was inlined into (the next one with
 * an offset), innermost first, as Go's binary form groups them. runtime.goexit, at the root of
 * every goroutine under GOTRACEBACK=system, is left out as the binary form leaves it out.
 */
function pushStack(b, frames) {
    let n = frames.length;
    if (n > 0 && frames[n - 1].name === 'runtime.goexit')
        n--;
    let start = 0;
    for (let i = 0; i < n; i++) {
        if (frames[i].inlined && i + 1 < n)
            continue;
        let key = frames[start].key;
        for (let j = start + 1; j <= i; j++)
            key += `\u0000${frames[j].key}`;
        const from = start;
        b.pushLocation(b.location(key, 0n, () => frames.slice(from, i + 1)));
        start = i + 1;
    }
}

const HEADER = /^heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const RECORD = /^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *\] *@([ x0-9a-fA-F]*)$/;
const MEMORY_MAP = /--- Memory map: ---|MAPPED_LIBRARIES:/;
const MEMSTAT = /^#\s*(\w+) = (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?: \/ (\d+))?\s*$/;
/**
 * The values of one sample as go tool pprof reads this format (google/pprof's legacy parser):
 * the raw counts and bytes of a sampled profile are scaled up by 1/(1 − e^(−avg/rate)), the
 * chance that an allocation of the average size was sampled, each product truncated to an
 * integer; a rate of 1 (MemProfileRate = 1) records everything and is not scaled.
 */
function scaleHeapSample(count, size, rate) {
    if (count === 0 || size === 0)
        return [0, 0];
    if (rate <= 1)
        return [count, size];
    const scale = 1 / (1 - Math.exp(-(size / count) / rate));
    return [Math.trunc(count * scale), Math.trunc(size * scale)];
}
/**
 * Reads a heap profile written with debug=1 (`/debug/pprof/heap?debug=1`): the header's rate gives
 * the period (Go writes 2 × MemProfileRate, pprof halves it), each record becomes a sample with
 * pprof's values and its `bytes` label, the `#` frames give names, files and lines, and the
 * `# runtime.MemStats` block is kept as memStats.
 */
function parseHeapDebug1(text, lim) {
    const lines = new LineScanner(text, lim.maxStringLength);
    while (lines.next() && lines.text.trim() === '')
        ;
    const header = HEADER.exec(lines.text.trim());
    if (!header)
        lines.fail(`expected the header "heap profile: N: B [N: B] @ heap/RATE", found ${quoteLine(lines.text)}`);
    const [, inuseCount, inuseBytes, allocCount, allocBytes, kind, rateText] = header;
    let period = rateText ? Number(rateText) : 0;
    let sampled = true;
    if (kind === 'heap')
        period = Math.trunc(period / 2);
    else if (kind === 'heapprofile') {
        period = 1;
        sampled = false;
    }
    else if (kind !== 'heapz_v2' && kind !== 'heap_v2')
        lines.fail(`unknown heap profile kind "${kind}" (expected heap/RATE)`);
    // pprof's quirk: when the header's alloc numbers repeat the inuse ones (or are 0), it reads the
    // profile as one with two types, objects and space.
    const hasAlloc = (allocCount !== inuseCount && allocCount !== '0') || (allocBytes !== inuseBytes && allocBytes !== '0');
    const sampleTypes = hasAlloc
        ? [
            { type: 'alloc_objects', unit: 'count' },
            { type: 'alloc_space', unit: 'bytes' },
            { type: 'inuse_objects', unit: 'count' },
            { type: 'inuse_space', unit: 'bytes' },
        ]
        : [
            { type: 'objects', unit: 'count' },
            { type: 'space', unit: 'bytes' },
        ];
    const b = new ProfileBuilder(lim, sampleTypes.length);
    let memStats = null;
    let inMemStats = false;
    let record = null;
    // What the line before was, described only when an error needs it.
    let previous = { kind: 'the header', text: '' };
    const describePrevious = () => (previous.text ? `${previous.kind} ${quoteLine(previous.text)}` : previous.kind);
    const flush = () => {
        if (!record)
            return;
        // (a record without addresses has nowhere to go: pprof drops it, and so do we)
        if (record.addresses.length === 0) {
            record = null;
            return;
        }
        pushRecordStack(b, record.frames, record.addresses);
        b.numberLabel('bytes', record.blockSize);
        b.endSample(record.values);
        record = null;
    };
    while (lines.next()) {
        b.line = lines.number;
        const line = lines.text.trim();
        if (line === '')
            continue;
        if (line.startsWith('#')) {
            if (inMemStats) {
                const m = MEMSTAT.exec(line);
                if (m && m[3] !== undefined) {
                    memStats.set(`${m[1]}Inuse`, Number(m[2]));
                    memStats.set(`${m[1]}Sys`, Number(m[3]));
                }
                else if (m)
                    memStats.set(m[1], Number(m[2]));
                continue;
            }
            if (/^#\s*runtime\.MemStats\s*$/.test(line)) {
                flush();
                inMemStats = true;
                memStats = new Map();
                continue;
            }
            const frame = parseFrameComment(lines);
            if (frame && record) {
                record.frames.push(frame);
                previous = { kind: 'the frame', text: line };
            }
            else if (frame)
                lines.fail(`expected a record "N: B [N: B] @ addresses" before the frame ${quoteLine(line)}`);
            continue;
        }
        if (MEMORY_MAP.test(line))
            break;
        if (inMemStats)
            lines.fail(`expected "# name = value" in the runtime.MemStats block, found ${quoteLine(line)}`);
        const m = RECORD.exec(line);
        if (!m)
            lines.fail(`expected a record "N: B [N: B] @ addresses" after ${describePrevious()}, found ${quoteLine(line)}`);
        flush();
        const values = [];
        let blockSize = 0;
        const add = (countText, sizeText, what) => {
            let count = Number(countText);
            let size = Number(sizeText);
            if (count === 0 && size !== 0)
                lines.fail(`${what} count is 0 but ${what} bytes is ${size}`);
            if (count !== 0) {
                blockSize = Math.trunc(size / count);
                if (sampled)
                    [count, size] = scaleHeapSample(count, size, period);
            }
            values.push(count, size);
        };
        if (hasAlloc)
            add(m[3], m[4], 'allocation');
        add(m[1], m[2], 'inuse');
        const addresses = m[5].trim() === '' ? [] : m[5].trim().split(/\s+/);
        for (const a of addresses)
            if (!/^0x[0-9a-fA-F]+$/.test(a))
                lines.fail(`expected addresses "0x..." after "@", found ${quoteLine(a)}`);
        record = { values, blockSize, addresses, frames: [] };
        previous = { kind: 'the record', text: line };
    }
    flush();
    return b.finish({ format: 'heap-debug1', sampleTypes, periodType: { type: 'space', unit: 'bytes' }, period: BigInt(period), memStats });
}

/** A goroutine header anywhere in the text: a dump after a test log or a panic message. */
const DUMP_HEADER = /^goroutine \d+(?: [a-z]+=\S+)* \[[^\]\n]*\]:[ \t\r]*$/m;
/**
 * The profile in a Go text profile (decompressed bytes whose first line detectFormat read as
 * `form`), or null when the text is none that is read: a text of no known form is a goroutine
 * dump when a goroutine header appears anywhere in it (the log of a hung `go test`, a panic).
 */
function decodeTextProfile(raw, lim, form) {
    if (form === 'contention-debug1')
        return null;
    // (Buffer's decoder: several times faster than TextDecoder on tens of MB)
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    switch (form ?? (DUMP_HEADER.test(text) ? 'goroutine-debug2' : null)) {
        case 'heap-debug1':
            return parseHeapDebug1(text, lim);
        case 'goroutine-debug1':
            return parseCountDebug1(text, lim);
        case 'goroutine-debug2':
            return parseGoroutineDebug2(text, lim);
        default:
            return null;
    }
}

/**
 * Bytes of a profile file → Profile: inflate when gzipped, tell the format apart, read the fields,
 * resolve ids. Each step lives in its own module; this one runs them in order and owns the limits.
 */
const DEFAULT_LIMITS = {
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
/**
 * decodeProfile with the inflate on libuv's thread pool: profiles read together inflate in
 * parallel, and one decodes while the next inflates. Same checks, same errors.
 */
async function decodeProfileAsync(bytes, limits = {}) {
    const lim = { ...DEFAULT_LIMITS, ...limits };
    const raw = isGzip(bytes) ? await gunzipBoundedAsync(bytes, lim.maxDecompressedBytes) : bytes;
    return decodeInflated(bytes, raw, lim);
}
/** The checks and decoding after decompression; `raw === bytes` for a plain file. */
function decodeInflated(bytes, raw, lim) {
    if (bytes.length === 0)
        throw new ProfileError('empty file');
    if (raw === bytes && bytes.length > lim.maxDecompressedBytes) {
        throw new ProfileError(`size exceeds the limit of ${lim.maxDecompressedBytes} bytes`);
    }
    if (raw.length === 0)
        throw new ProfileError('empty profile (no bytes after decompression)');
    const format = detectFormat(raw);
    if (format.kind === 'text') {
        const text = decodeTextProfile(raw, lim, format.form);
        if (text)
            return text;
    }
    if (format.kind !== 'proto')
        throw new ProfileError(`not a profile.proto: ${describeFormat(format)}`);
    try {
        return resolveProfile(readProfileFields(raw, lim));
    }
    catch (err) {
        // Offsets are into the profile.proto, which for a gzipped file is the decompressed data.
        if (err instanceof ProfileError && raw !== bytes && / at byte \d+$/.test(err.reason)) {
            throw new ProfileError(`${err.reason} of the decompressed profile`);
        }
        throw err;
    }
}

/**
 * goroutine debug=1 prints no leading runtime frames (runtime.gopark, …) unless every frame is
 * one (the runtime's printStackRecord); the binary form keeps them.
 */
function debug1Frames(names) {
    const first = names.findIndex((n) => !n.startsWith('runtime.'));
    return names.map((_, i) => first < 0 || i >= first);
}
/** goroutine debug=2 hides unexported runtime functions anywhere on the stack, as Go's traceback does. */
function debug2Frames(names) {
    return names.map((n) => n.includes('.') && !/^runtime\.[^A-Z]/.test(n));
}
/**
 * The profile with the frames `keep` rejects taken out of every stack (a location losing some of
 * its inlined lines keeps the others): a binary goroutine profile as a text form would print it.
 */
function withoutFrames(p, keep) {
    const b = new ProfileBuilder(DEFAULT_LIMITS, p.sampleTypes.length);
    const n = p.sampleTypes.length;
    const frameName = (j) => (p.lineFunction[j] < 0 ? '' : p.strings[p.functionName[p.lineFunction[j]]]);
    for (let s = 0; s < p.sampleCount; s++) {
        const lines = [];
        for (let k = p.stackStart[s]; k < p.stackStart[s + 1]; k++) {
            const loc = p.stackLocations[k];
            for (let j = p.lineStart[loc]; j < p.lineStart[loc + 1]; j++)
                lines.push({ loc, line: j });
            if (p.lineStart[loc] === p.lineStart[loc + 1])
                lines.push({ loc, line: -1 }); // (an unsymbolized location is kept)
        }
        const mask = keep(lines.map((l) => (l.line < 0 ? '?' : frameName(l.line))));
        // Consecutive kept lines of one stack position form one location again.
        for (let i = 0; i < lines.length;) {
            const loc = lines[i].loc;
            let end = i;
            const frames = [];
            let key = `${loc}`;
            while (end < lines.length && lines[end].loc === loc && (end === i || lines[end].line > lines[end - 1].line)) {
                const j = lines[end].line;
                if (mask[end] && j >= 0) {
                    const fn = p.lineFunction[j];
                    frames.push({ name: frameName(j), file: fn < 0 ? '' : p.strings[p.functionFilename[fn]], line: p.lineNumber[j] });
                    key += `,${j}`;
                }
                end++;
            }
            if (frames.length > 0 || (lines[i].line < 0 && mask[i]))
                b.pushLocation(b.location(key, p.locationAddress[loc], frames));
            i = end;
        }
        for (let k = p.labelStart[s]; k < p.labelStart[s + 1]; k++) {
            const key = p.strings[p.labelKey[k]];
            if (p.labelStr[k] !== 0)
                b.stringLabel(key, p.strings[p.labelStr[k]]);
            else
                b.numberLabel(key, p.labelNum[k], p.strings[p.labelNumUnit[k]]);
        }
        b.endSample(Array.from(p.values.subarray(s * n, s * n + n)));
    }
    const out = b.finish({ format: p.format, sampleTypes: p.sampleTypes, periodType: p.periodType, period: p.period, memStats: p.memStats });
    return { ...out, defaultSampleType: p.defaultSampleType, dropFrames: p.dropFrames, keepFrames: p.keepFrames, comments: p.comments };
}
const aligned = new WeakMap();
/**
 * Profiles of one comparison in different forms, with the frames left out of every profile that
 * some form among them does not print: a binary goroutine profile compared with a debug=2 dump
 * loses its unexported runtime frames (runtime.gopark …), with a debug=1 one its leading runtime
 * frames, so that the same goroutines give the same rows whatever form each side was written in.
 * Heap forms print the same frames. Profiles all of one form come back unchanged.
 */
function alignTextForms(bases, heads) {
    const all = [...bases, ...heads];
    const forms = new Set(all.map((p) => p.format));
    if (forms.size < 2)
        return { bases, heads };
    const target = forms.has('goroutine-debug2') ? 'goroutine-debug2' : forms.has('goroutine-debug1') ? 'goroutine-debug1' : null;
    if (!target)
        return { bases, heads };
    const keep = target === 'goroutine-debug2' ? debug2Frames : debug1Frames;
    const align = (p) => {
        if (p.format === target || p.periodType?.type !== 'goroutine')
            return p;
        let byTarget = aligned.get(p);
        if (!byTarget)
            aligned.set(p, (byTarget = new Map()));
        let out = byTarget.get(target);
        if (!out)
            byTarget.set(target, (out = withoutFrames(p, keep)));
        return out;
    };
    return { bases: bases.map(align), heads: heads.map(align) };
}

const pruned = new WeakMap();
/**
 * Both sides with pprof's drop_frames / keep_frames applied. `go tool pprof -diff_base` merges the
 * head and the negated base into one profile that takes the head's rules, and prunes that: the
 * first head's rules therefore apply to every profile, and a base's own are ignored. Each pruned
 * profile is made once, so that every sample type and report shares it.
 */
function withFrameRules(loadedBases, loadedHeads) {
    // (a binary profile compared with a text form first loses the frames that form does not print)
    const { bases, heads } = alignTextForms(loadedBases, loadedHeads);
    const rules = heads.length > 0 ? frameRules(heads[0]) : null;
    if (!rules)
        return { bases, heads };
    if ('ignored' in rules)
        return { bases, heads, note: rules.ignored };
    const prune = (profile) => {
        let byRules = pruned.get(profile);
        if (!byRules)
            pruned.set(profile, (byRules = new Map()));
        let out = byRules.get(rules.key);
        if (!out)
            byRules.set(rules.key, (out = pruneFrames(profile, rules)));
        return out;
    };
    return { bases: bases.map(prune), heads: heads.map(prune) };
}

/**
 * Two-sided Mann–Whitney U test with exact p-values, including ties (the counting is done over
 * tie groups with midranks, as benchstat's exact test does for small samples), and a normal
 * approximation with tie correction for large ones.
 */
/** Largest sample size per side for which the exact distribution is enumerated. */
const EXACT_LIMIT = 50;
/** Median of values (not modified); NaN for none. */
function medianOf(values) {
    const n = values.length;
    if (n <= 1)
        return n === 1 ? values[0] : NaN;
    const sorted = Array.from(values).sort((a, b) => a - b);
    const mid = n >> 1;
    return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** Tie groups of the pooled sample: sizes, and how many members of each belong to `x`. */
function tieGroups(x, y) {
    const pooled = [...x.map((v) => ({ v, fromX: 1 })), ...y.map((v) => ({ v, fromX: 0 }))].sort((a, b) => a.v - b.v);
    const sizes = [];
    const inX = [];
    for (let i = 0; i < pooled.length;) {
        let j = i;
        let countX = 0;
        while (j < pooled.length && pooled[j].v === pooled[i].v)
            countX += pooled[j++].fromX;
        sizes.push(j - i);
        inX.push(countX);
        i = j;
    }
    return { sizes, inX };
}
function binomial(n, k) {
    if (k < 0 || k > n)
        return 0;
    let r = 1;
    for (let i = 1; i <= k; i++)
        r = (r * (n - k + i)) / i;
    return r;
}
/**
 * Exact two-sided p-value. Ranks are doubled so that midranks are integers; the distribution of
 * the first sample's doubled rank sum is counted over every way of choosing n1 of the N pooled
 * positions, tie group by tie group.
 */
function exactP(sizes, inX, n1) {
    // Doubled midrank of each tie group.
    const ranks2 = [];
    let start = 1;
    for (const t of sizes) {
        ranks2.push(2 * start + t - 1);
        start += t;
    }
    let observed = 0;
    sizes.forEach((_, g) => (observed += inX[g] * ranks2[g]));
    const maxSum = ranks2.reduce((acc, r, g) => acc + r * Math.min(sizes[g], n1), 0);
    // ways[k][s]: number of ways to take k members with doubled rank sum s.
    let ways = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
    ways[0][0] = 1;
    for (let g = 0; g < sizes.length; g++) {
        const next = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
        for (let k = 0; k <= n1; k++) {
            const row = ways[k];
            for (let s = 0; s <= maxSum; s++) {
                const w = row[s];
                if (w === 0)
                    continue;
                for (let take = 0; take <= sizes[g] && k + take <= n1; take++) {
                    next[k + take][s + take * ranks2[g]] += w * binomial(sizes[g], take);
                }
            }
        }
        ways = next;
    }
    const dist = ways[n1];
    let total = 0;
    let atMost = 0;
    let atLeast = 0;
    for (let s = 0; s <= maxSum; s++) {
        total += dist[s];
        if (s <= observed)
            atMost += dist[s];
        if (s >= observed)
            atLeast += dist[s];
    }
    return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}
/** Upper tail of the standard normal distribution. */
function normalSf(z) {
    // erfc with relative error < 1.2e-7 (Numerical Recipes' erfcc).
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.5 * x);
    const erfc = t *
        Math.exp(-x * x -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
/** Two-sided Mann–Whitney U test of x against y. Both need at least one value. */
function mannWhitneyU(x, y) {
    const n1 = x.length;
    const n2 = y.length;
    if (n1 === 0 || n2 === 0)
        throw new Error('mannWhitneyU needs values on both sides');
    const { sizes, inX } = tieGroups(x, y);
    let rankSumX = 0;
    let start = 1;
    sizes.forEach((t, g) => {
        rankSumX += inX[g] * (start + (t - 1) / 2);
        start += t;
    });
    const u = rankSumX - (n1 * (n1 + 1)) / 2;
    if (sizes.length === 1)
        return { u, p: 1 }; // every value equal
    if (n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT)
        return { u, p: exactP(sizes, inX, n1) };
    const n = n1 + n2;
    const tieTerm = sizes.reduce((acc, t) => acc + (t * t * t - t), 0);
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / sigma;
    return { u, p: Math.min(1, 2 * normalSf(Math.max(0, z))) };
}
/** The smallest two-sided p-value the exact test can reach with n1 and n2 values (no ties). */
function minimumP(n1, n2) {
    return Math.min(1, 2 / binomial(n1 + n2, n1));
}

/**
 * Why a goroutine is parked, from the runtime (or standard-library wait primitive) frame just
 * below its wait site; the first entry that matches any of those frames names the reason.
 */
const WAIT_REASONS = [
    [/^runtime\.chanrecv[12]?$/, 'chan receive'],
    [/^runtime\.chansend1?$/, 'chan send'],
    [/^runtime\.selectgo$/, 'select'],
    [/^runtime\.block$/, 'select (no cases)'],
    [/^sync\.\(\*WaitGroup\)\.Wait$/, 'sync.WaitGroup.Wait'],
    [/^sync\.\(\*RWMutex\)\.R?Lock$/, 'sync.RWMutex lock'],
    [/^sync\.\(\*Mutex\)\.(Lock|lockSlow)$/, 'sync.Mutex lock'],
    [/^sync\.\(\*Cond\)\.Wait$/, 'sync.Cond.Wait'],
    [
        /^(sync\.runtime_(Semacquire|SemacquireMutex|SemacquireRWMutexR?|SemacquireWaitGroup|notifyListWait)|runtime\.semacquire1?)$/,
        'semacquire',
    ],
    [/^(time\.Sleep|runtime\.timeSleep)$/, 'sleep'],
    [/^(internal\/poll\.runtime_pollWait|runtime\.netpollblock|runtime\.netpoll)$/, 'IO wait'],
    [/^runtime\.gopark(unlock)?$/, 'parked'],
];
/** Frames that are the machinery of waiting, not the user's code. */
function isWaitMachinery(name) {
    return name.startsWith('runtime.') || name.startsWith('sync.') || name.startsWith('internal/') || name === 'time.Sleep';
}
function waitReason(machinery) {
    if (machinery.length === 0)
        return 'running';
    // The table is in order of precedence: runtime.gopark is below every specific reason.
    for (const [pattern, reason] of WAIT_REASONS)
        if (machinery.some((name) => pattern.test(name)))
            return reason;
    return machinery[0];
}
function tally(profile, values, groups, slot, slots) {
    const { strings, stackStart, stackLocations, lineStart, lineFunction, functionName } = profile;
    const frames = [];
    for (let s = 0; s < profile.sampleCount; s++) {
        const v = values[s];
        if (v === 0)
            continue;
        frames.length = 0;
        for (let k = stackStart[s]; k < stackStart[s + 1]; k++) {
            const loc = stackLocations[k];
            for (let j = lineStart[loc]; j < lineStart[loc + 1]; j++) {
                const fn = lineFunction[j];
                frames.push(fn >= 0 ? strings[functionName[fn]] || '?' : '?');
            }
        }
        let site = 0;
        while (site < frames.length && isWaitMachinery(frames[site]))
            site++;
        const waitSite = site < frames.length ? frames[site] : (frames[frames.length - 1] ?? '?');
        const reason = waitReason(frames.slice(0, site));
        let root = frames.length - 1;
        while (root > 0 && frames[root].startsWith('runtime.'))
            root--;
        const entry = frames[root] ?? '?';
        const key = `${waitSite}\u0000${reason}\u0000${entry}`;
        let t = groups.get(key);
        if (!t) {
            t = { waitSite, waitReason: reason, entry, counts: new Float64Array(slots) };
            groups.set(key, t);
        }
        t.counts[slot] += v;
    }
}
/**
 * Goroutines grouped by where they wait, why, and what started them; every group whose count
 * changed (median across the profiles of each side), biggest growth first.
 */
function goroutineGroups(bases, heads) {
    const groups = new Map();
    const slots = bases.length + heads.length;
    bases.forEach((b, i) => tally(b.profile, b.values, groups, i, slots));
    heads.forEach((h, i) => tally(h.profile, h.values, groups, bases.length + i, slots));
    const out = [];
    for (const t of groups.values()) {
        const base = medianOf(t.counts.subarray(0, bases.length));
        const head = medianOf(t.counts.subarray(bases.length));
        const delta = head - base;
        if (delta !== 0)
            out.push({ waitSite: t.waitSite, waitReason: t.waitReason, entry: t.entry, base, head, delta });
    }
    out.sort((a, b) => b.delta - a.delta ||
        (a.waitSite < b.waitSite ? -1 : a.waitSite > b.waitSite ? 1 : 0) ||
        (a.waitReason < b.waitReason ? -1 : a.waitReason > b.waitReason ? 1 : 0) ||
        (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
    return out;
}
/** Every goroutine group of a sequence of profiles, with its count in each. */
function goroutineGroupCounts(samples) {
    const groups = new Map();
    samples.forEach((g, i) => tally(g.profile, g.values, groups, i, samples.length));
    return [...groups.values()];
}
/** "+300 goroutines blocked in chan send in main.queryWithTimeout.func1" */
function describeGroup(g) {
    const sign = g.delta > 0 ? '+' : '−';
    const n = Math.abs(g.delta);
    const noun = n === 1 ? 'goroutine' : 'goroutines';
    const state = g.waitReason === 'running' ? 'running' : `blocked in ${g.waitReason}`;
    const entry = g.entry !== g.waitSite ? ` (started by ${g.entry})` : '';
    return `${sign}${n} ${noun} ${state} in ${g.waitSite}${entry}`;
}

const GRANULARITIES = ['functions', 'lines', 'files'];
/** Rows shared by the profiles of one comparison, so that base and head index the same arrays. */
class NodeTable {
    nodes = [];
    byKey = new Map();
    intern(name, file, line, objfile, startLine) {
        const key = `${name}\u0000${file}\u0000${line}\u0000${objfile}\u0000${startLine}`;
        let id = this.byKey.get(key);
        if (id === undefined) {
            id = this.nodes.length;
            this.nodes.push({
                name,
                file,
                line,
                objfile,
                startLine,
                label: printableName(name, file, line, objfile),
                tieKey: `{${name}  0 ${file} ${startLine} ${line} ${objfile}}`,
            });
            this.byKey.set(key, id);
        }
        return id;
    }
    get size() {
        return this.nodes.length;
    }
}
function printableName(name, file, line, objfile) {
    const parts = [];
    if (name)
        parts.push(name);
    if (line !== 0)
        parts.push(`${file}:${line}`);
    else if (file)
        parts.push(file);
    else if (name) ;
    else if (objfile)
        parts.push(`[${basename(objfile)}]`);
    else
        parts.push('<unknown>');
    return parts.join(' ');
}
/** Go's filepath.Base on Unix. */
function basename(path) {
    if (path === '')
        return '.';
    const trimmed = path.replace(/\/+$/, '');
    return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
/** Lexical path cleaning, as Go's filepath.Clean does on Unix. */
function cleanPath(path) {
    if (path === '')
        return '.';
    const rooted = path.startsWith('/');
    const out = [];
    for (const part of path.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (out.length > 0 && out[out.length - 1] !== '..')
                out.pop();
            else if (!rooted)
                out.push('..');
            continue;
        }
        out.push(part);
    }
    const joined = out.join('/');
    if (rooted)
        return `/${joined}`;
    return joined || '.';
}
/** pprof strips these prefixes from every source path when no -trim_path is given. */
const TRIMMED_PREFIXES = ['/proc/self/cwd/./', '/proc/self/cwd/'];
function reportPath(path) {
    for (const prefix of TRIMMED_PREFIXES) {
        if (path.startsWith(prefix)) {
            path = path.slice(prefix.length);
            break;
        }
    }
    return path === '' ? '' : cleanPath(path);
}
function locationFrames(profile, granularity, table) {
    const { strings, lineStart, lineFunction, lineNumber, locationMapping, mappings } = profile;
    const nLoc = profile.locationCount;
    const frameStart = new Uint32Array(nLoc + 1);
    let total = 0;
    for (let i = 0; i < nLoc; i++) {
        frameStart[i] = total;
        total += Math.max(1, lineStart[i + 1] - lineStart[i]);
    }
    frameStart[nLoc] = total;
    const frames = new Uint32Array(total);
    const keepName = granularity !== 'files';
    const keepFile = granularity !== 'functions';
    const keepLine = granularity === 'lines';
    // Functions and files granularities depend only on the function (and binary): cache per function.
    const perFunction = keepLine ? null : new Int32Array(profile.functionCount).fill(-1);
    const pathCache = new Map();
    const path = (idx) => {
        let p = pathCache.get(idx);
        if (p === undefined) {
            p = reportPath(strings[idx]);
            pathCache.set(idx, p);
        }
        return p;
    };
    const objfileOf = (loc) => {
        const m = locationMapping[loc];
        return m >= 0 ? mappings[m].filename : '';
    };
    for (let loc = 0; loc < nLoc; loc++) {
        const first = lineStart[loc];
        const last = lineStart[loc + 1];
        let out = frameStart[loc];
        if (first === last) {
            frames[out] = table.intern('', '', 0, objfileOf(loc), 0);
            continue;
        }
        for (let j = first; j < last; j++, out++) {
            const fn = lineFunction[j];
            if (fn < 0) {
                frames[out] = table.intern('', '', 0, objfileOf(loc), 0);
                continue;
            }
            const name = keepName ? strings[profile.functionName[fn]] : '';
            if (perFunction && name !== '') {
                const cached = perFunction[fn];
                if (cached >= 0) {
                    frames[out] = cached;
                    continue;
                }
            }
            const file = keepFile ? path(profile.functionFilename[fn]) : '';
            const line = keepLine ? lineNumber[j] : 0;
            // pprof keys a nameless function by its binary and start line too.
            const nameless = name === '';
            const id = table.intern(name, file, line, nameless ? objfileOf(loc) : '', nameless ? profile.functionStartLine[fn] : 0);
            if (perFunction && !nameless)
                perFunction[fn] = id;
            frames[out] = id;
        }
    }
    return { frameStart, frames };
}

function sameValueType(a, b) {
    if (a === null || b === null)
        return a === b;
    return a.type === b.type && a.unit === b.unit;
}
/** pprof refuses to diff profiles of different kinds; so do we, with the reason. */
function checkCompatible(base, head) {
    if (!sameValueType(base.periodType, head.periodType)) {
        const fmt = (t) => (t ? `${t.type}/${t.unit}` : 'none');
        throw new ProfileError(`base and head are different kinds of profile: period types ${fmt(base.periodType)} and ${fmt(head.periodType)}`);
    }
    const same = base.sampleTypes.length === head.sampleTypes.length && base.sampleTypes.every((t, i) => sameValueType(t, head.sampleTypes[i]));
    if (!same) {
        throw new ProfileError(`base and head are different kinds of profile: sample types [${describeSampleTypes(base)}] and [${describeSampleTypes(head)}]`);
    }
}
/** Index of a sample type, or a ProfileError listing the ones the profile has. */
function requireSampleIndex(profile, name) {
    const idx = sampleTypeIndex(profile, name);
    if (idx < 0)
        throw new ProfileError(`no sample type "${name}" (the profile has ${describeSampleTypes(profile)})`);
    return idx;
}
/** One column of sample values. */
function column(profile, index) {
    const n = profile.sampleCount;
    const stride = profile.sampleTypes.length;
    const out = new Float64Array(n);
    for (let s = 0, k = index; s < n; s++, k += stride)
        out[s] = profile.values[k];
    return out;
}
function signedSum(values) {
    let sum = 0;
    for (let i = 0; i < values.length; i++)
        sum += values[i];
    return sum;
}
/** Go's math.Round: half away from zero. */
function roundHalfAway(x) {
    return x < 0 ? -Math.round(-x) : Math.round(x);
}
/**
 * pprof -normalize: head values × (Σ base / Σ head), each rounded. The sums are over every sample
 * type column separately; pprof uses a ratio of 0 when the head sums to 0.
 */
function normalizeValues(head, baseSum) {
    const headSum = signedSum(head);
    const ratio = headSum === 0 ? 0 : baseSum / headSum;
    if (ratio === 1)
        return head;
    const out = new Float64Array(head.length);
    for (let i = 0; i < head.length; i++)
        out[i] = roundHalfAway(head[i] * ratio);
    return out;
}
/**
 * flat and cum per node, as pprof's graph builds them: samples with value 0 are skipped; cum
 * counts a node once per sample however often it recurs on the stack; flat goes to the innermost
 * frame of the leaf location.
 */
function accumulate(profile, values, lf, nodeCount) {
    const flat = new Float64Array(nodeCount);
    const cum = new Float64Array(nodeCount);
    const seen = new Int32Array(nodeCount).fill(-1);
    const { stackStart, stackLocations } = profile;
    const { frameStart, frames } = lf;
    // Most locations have one frame (no inlining): their node in one load, without the inner loop.
    const nLoc = frameStart.length - 1;
    const single = new Int32Array(nLoc);
    for (let l = 0; l < nLoc; l++)
        single[l] = frameStart[l + 1] - frameStart[l] === 1 ? frames[frameStart[l]] : -1;
    const nSamples = profile.sampleCount;
    let total = 0;
    for (let s = 0; s < nSamples; s++) {
        const v = values[s];
        if (v === 0)
            continue;
        total += Math.abs(v);
        const first = stackStart[s];
        const last = stackStart[s + 1];
        if (first === last)
            continue;
        for (let k = first; k < last; k++) {
            const loc = stackLocations[k];
            const one = single[loc];
            if (one >= 0) {
                if (seen[one] !== s) {
                    seen[one] = s;
                    cum[one] += v;
                }
                continue;
            }
            for (let f = frameStart[loc], end = frameStart[loc + 1]; f < end; f++) {
                const node = frames[f];
                if (seen[node] !== s) {
                    seen[node] = s;
                    cum[node] += v;
                }
            }
        }
        flat[frames[frameStart[stackLocations[first]]]] += v;
    }
    return { flat, cum, total };
}
const localViews = new WeakMap();
function localView(profile, granularity) {
    let byGranularity = localViews.get(profile);
    if (!byGranularity)
        localViews.set(profile, (byGranularity = new Map()));
    let view = byGranularity.get(granularity);
    if (!view) {
        const table = new NodeTable();
        view = { table, lf: locationFrames(profile, granularity, table), bySampleIndex: new Map() };
        byGranularity.set(granularity, view);
    }
    return view;
}
/**
 * pprof marks a row "(inline)" when every call edge into it is an inlined call, "(partial-inline)"
 * when some are. An edge is inlined when the callee is not the outermost Line of its Location, and
 * stays so only while every sample that first reaches it that way agrees.
 */
function inlineMarkers(sides, nodeCount) {
    const edges = new Map();
    const seenInSample = new Set();
    for (const { profile, values, lf } of sides) {
        const { stackStart, stackLocations } = profile;
        const { frameStart, frames } = lf;
        for (let s = 0; s < profile.sampleCount; s++) {
            if (values[s] === 0)
                continue;
            seenInSample.clear();
            let parent = -1;
            for (let k = stackStart[s + 1] - 1; k >= stackStart[s]; k--) {
                const loc = stackLocations[k];
                const outer = frameStart[loc + 1] - 1;
                for (let f = outer; f >= frameStart[loc]; f--) {
                    const node = frames[f];
                    if (parent >= 0 && node !== parent) {
                        const key = parent * nodeCount + node;
                        if (!seenInSample.has(key)) {
                            seenInSample.add(key);
                            const inline = f !== outer;
                            const prev = edges.get(key);
                            edges.set(key, prev === undefined ? inline : prev && inline);
                        }
                    }
                    parent = node;
                }
            }
        }
    }
    const inl = new Uint8Array(nodeCount);
    const noinl = new Uint8Array(nodeCount);
    for (const [key, inline] of edges) {
        const node = key % nodeCount;
        if (inline)
            inl[node] = 1;
        else
            noinl[node] = 1;
    }
    const out = new Array(nodeCount);
    for (let n = 0; n < nodeCount; n++)
        out[n] = inl[n] ? (noinl[n] ? '(partial-inline)' : '(inline)') : '';
    return out;
}
/** pprof's -top order: |flat| descending, name ascending, |cum| descending, then its NodeInfo text. */
function compareRows(a, b, tieA = '', tieB = '') {
    const fa = Math.abs(a.flatDelta);
    const fb = Math.abs(b.flatDelta);
    if (fa !== fb)
        return fb - fa;
    if (a.label !== b.label)
        return a.label < b.label ? -1 : 1;
    const ca = Math.abs(a.cumDelta);
    const cb = Math.abs(b.cumDelta);
    if (ca !== cb)
        return cb - ca;
    return tieA < tieB ? -1 : tieA > tieB ? 1 : 0;
}
/** exact for deterministic profiles (goroutine counts; heap profiles written with MemProfileRate=1). */
function defaultMode(profile) {
    return isGoroutineProfile(profile) || profile.period === 1n ? 'exact' : 'statistical';
}
/**
 * `go tool pprof -top -diff_base=BASE HEAD` as data: every row whose flat or cum changed. With one
 * profile per side the numbers are pprof's exactly; with several, each row compares the median
 * of the base profiles with the median of the head profiles, and in statistical mode a two-sided
 * Mann–Whitney U test over the per-profile flat values says whether the change is significant.
 */
function diffProfiles(loadedBases, loadedHeads, options) {
    if (loadedBases.length === 0 || loadedHeads.length === 0)
        throw new Error('diffProfiles needs at least one profile per side');
    const { bases, heads, note: framesNote } = withFrameRules(loadedBases, loadedHeads);
    for (const p of [...bases.slice(1), ...heads])
        checkCompatible(bases[0], p);
    const si = requireSampleIndex(bases[0], options.sampleIndex);
    const mode = options.mode ?? defaultMode(bases[0]);
    const alpha = options.alpha ?? DEFAULT_ALPHA;
    const baseColumns = bases.map((p) => column(p, si));
    const baseSums = baseColumns.map(signedSum);
    const targetSum = medianOf(baseSums);
    const headRaw = heads.map((p) => column(p, si));
    const headColumns = headRaw.map((values) => (options.normalize ? normalizeValues(values, targetSum) : values));
    // Each profile's local nodes (cached per profile and granularity) join the comparison's table.
    const table = new NodeTable();
    const frameSides = (profiles, columns, raw) => profiles.map((profile, i) => {
        const view = localView(profile, options.granularity);
        const toShared = new Uint32Array(view.table.size);
        view.table.nodes.forEach((nd, j) => (toShared[j] = table.intern(nd.name, nd.file, nd.line, nd.objfile, nd.startLine)));
        const frames = view.lf.frames.map((j) => toShared[j]);
        return { profile, values: columns[i], raw: columns[i] === raw[i], view, toShared, lf: { frameStart: view.lf.frameStart, frames } };
    });
    const baseFrames = frameSides(bases, baseColumns, baseColumns);
    const headFrames = frameSides(heads, headColumns, headRaw);
    const n = table.size;
    const done = (sides) => sides.map(({ profile, values, lf, raw, view, toShared }) => {
        // Normalized values are rounded per sample: only the file's own values are cached.
        if (!raw)
            return { profile, values, lf, acc: accumulate(profile, values, lf, n) };
        let local = view.bySampleIndex.get(si);
        if (!local)
            view.bySampleIndex.set(si, (local = accumulate(profile, values, view.lf, view.table.size)));
        const flat = new Float64Array(n);
        const cum = new Float64Array(n);
        for (let j = 0; j < toShared.length; j++) {
            flat[toShared[j]] = local.flat[j];
            cum[toShared[j]] = local.cum[j];
        }
        return { profile, values, lf, acc: { flat, cum, total: local.total } };
    });
    const baseSides = done(baseFrames);
    const headSides = done(headFrames);
    const inline = options.inlineLabels ? inlineMarkers([...baseSides, ...headSides], n) : null;
    const tested = mode === 'statistical' && minimumP(bases.length, heads.length) < alpha;
    const bFlat = new Float64Array(bases.length);
    const bCum = new Float64Array(bases.length);
    const hFlat = new Float64Array(heads.length);
    const hCum = new Float64Array(heads.length);
    const rows = [];
    for (let i = 0; i < n; i++) {
        baseSides.forEach((s, k) => {
            bFlat[k] = s.acc.flat[i];
            bCum[k] = s.acc.cum[i];
        });
        headSides.forEach((s, k) => {
            hFlat[k] = s.acc.flat[i];
            hCum[k] = s.acc.cum[i];
        });
        const baseFlat = medianOf(bFlat);
        const headFlat = medianOf(hFlat);
        const baseCum = medianOf(bCum);
        const headCum = medianOf(hCum);
        const flatDelta = headFlat - baseFlat;
        const cumDelta = headCum - baseCum;
        if (flatDelta === 0 && cumDelta === 0)
            continue;
        const pValue = tested ? mannWhitneyU(Array.from(bFlat), Array.from(hFlat)).p : null;
        const node = table.nodes[i];
        rows.push({
            label: node.label,
            name: node.name || node.label,
            file: node.file,
            line: node.line,
            baseFlat,
            headFlat,
            flatDelta,
            baseCum,
            headCum,
            cumDelta,
            isNew: bFlat.every((v) => v === 0) && bCum.every((v) => v === 0),
            inline: inline ? inline[i] : '',
            pValue,
            significant: mode === 'exact' ? flatDelta !== 0 : pValue === null ? null : pValue < alpha,
            tie: node.tieKey,
        });
    }
    rows.sort((x, y) => compareRows(x, y, x.tie, y.tie));
    const headSums = headColumns.map(signedSum);
    const comparison = {
        profile: options.profileName ?? '',
        baseCount: bases.length,
        headCount: heads.length,
        mode,
        alpha,
        tested,
        totalPValue: tested ? mannWhitneyU(baseSums, headSums).p : null,
        sampleIndex: options.sampleIndex,
        unit: bases[0].sampleTypes[si].unit,
        granularity: options.granularity,
        normalized: options.normalize,
        baseTotal: medianOf(baseSides.map((s) => s.acc.total)),
        headTotal: medianOf(headSides.map((s) => s.acc.total)),
        baseSum: targetSum,
        headSum: medianOf(headSums),
        rows: rows.map(({ tie: _tie, ...row }) => row),
    };
    if (mode === 'statistical' && !tested) {
        const need = minimumProfiles(alpha);
        comparison.note =
            `${bases.length} base and ${heads.length} head profile${heads.length === 1 ? '' : 's'}: too few for a significance test ` +
                `at alpha ${alpha} (needs at least ${need} per side); gating on the thresholds alone`;
    }
    if (framesNote)
        comparison.note = comparison.note ? `${comparison.note}; ${framesNote}` : framesNote;
    if (isGoroutineProfile(bases[0])) {
        comparison.goroutineGroups = goroutineGroups(baseSides.map((s) => ({ profile: s.profile, values: s.values })), headSides.map((s) => ({ profile: s.profile, values: s.values })));
    }
    return comparison;
}
/**
 * Flat per row for each profile at one sample type and granularity, from the same per-profile
 * cache the diff uses: the snapshots of one process repeat most functions, so each joins the shared
 * table with one lookup per distinct local row, not per sample.
 */
function flatByProfile(profiles, sampleIndex, granularity) {
    const table = new NodeTable();
    const locals = profiles.map((profile) => {
        const si = requireSampleIndex(profile, sampleIndex);
        const view = localView(profile, granularity);
        const values = column(profile, si);
        let local = view.bySampleIndex.get(si);
        if (!local)
            view.bySampleIndex.set(si, (local = accumulate(profile, values, view.lf, view.table.size)));
        const toShared = view.table.nodes.map((nd) => table.intern(nd.name, nd.file, nd.line, nd.objfile, nd.startLine));
        return { local, toShared, sum: signedSum(values) };
    });
    const flats = locals.map(({ local, toShared }) => {
        const flat = new Float64Array(table.size);
        for (let j = 0; j < toShared.length; j++)
            flat[toShared[j]] += local.flat[j];
        return flat;
    });
    return { table, flats, sums: locals.map((l) => l.sum) };
}
const DEFAULT_ALPHA = 0.05;
/** Profiles needed per side (equal sizes) before the exact test can reach alpha. */
function minimumProfiles(alpha) {
    let n = 1;
    while (minimumP(n, n) >= alpha && n < 100)
        n++;
    return n;
}
function isGoroutineProfile(profile) {
    return profile.sampleTypes.length === 1 && profile.sampleTypes[0].type === 'goroutine';
}
/** pprof's percentage denominator for a diff: the base's Σ|v|, or everything when the base is empty. */
function percentBase(c) {
    return c.baseTotal > 0 ? c.baseTotal : c.headTotal;
}

function attribute(file, fn) {
    try {
        return fn();
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err.withFile(file);
        throw err;
    }
}
/**
 * Every requested sample type of one comparison: one or more base profiles against one or more
 * head profiles of the same kind. Errors name the file at fault: a sample type it lacks, or a
 * profile of another kind than the first base.
 */
function compareProfiles(bases, heads, options) {
    const first = bases[0];
    for (const other of [...bases.slice(1), ...heads]) {
        try {
            checkCompatible(first.profile, other.profile);
        }
        catch (err) {
            if (err instanceof ProfileError)
                throw new ProfileError(`${err.reason} (base ${first.file})`, other.file);
            throw err;
        }
    }
    const indexes = options.sampleIndexes.length > 0 ? options.sampleIndexes : defaultSampleIndexes(first.profile);
    for (const s of indexes)
        for (const side of [...bases, ...heads])
            attribute(side.file, () => requireSampleIndex(side.profile, s));
    return indexes.map((sampleIndex) => diffProfiles(bases.map((b) => b.profile), heads.map((h) => h.profile), {
        sampleIndex,
        granularity: options.granularity,
        normalize: options.normalize,
        inlineLabels: options.inlineLabels,
        profileName: options.name,
        mode: options.mode,
        alpha: options.alpha,
    }));
}

/**
 * Several runs of one profile (heap-1.pb.gz … heap-5.pb.gz) form one comparison. Files are grouped
 * by a key: their relative path with the run index removed.
 */
/** The default: a run index ("-3", "_03", ".3") just before the file's extension(s). */
const DEFAULT_RUN_INDEX = /[-_.]\d+(?=(?:\.[^/.\d][^/.]*)*$)/;
/** Key of a profile path: `pattern`'s first match removed from the file name. */
function groupKey(path, pattern = DEFAULT_RUN_INDEX) {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash + 1);
    const name = path.slice(slash + 1);
    const key = name.replace(pattern, '');
    return dir + (key === '' ? name : key);
}

/**
 * A small glob, enough for profile paths: `*`, `?`, `[…]`, `{a,b}` within a segment, `**` across
 * segments, `!pattern` to exclude. A pattern that names a directory takes every file under it (as
 * actions/upload-artifact does). Symbolic links to directories are not followed.
 */
const MAGIC = /[*?[{]/;
/** Whether a pattern has wildcards (a plain path is taken as it is). */
function hasGlob(pattern) {
    return MAGIC.test(pattern);
}
function segmentToRegex(seg) {
    let out = '';
    for (let i = 0; i < seg.length; i++) {
        const c = seg[i];
        if (c === '*')
            out += '[^/]*';
        else if (c === '?')
            out += '[^/]';
        else if (c === '[') {
            const end = seg.indexOf(']', i + 2);
            if (end < 0)
                out += '\\[';
            else {
                let body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
                if (body.startsWith('!'))
                    body = `^${body.slice(1)}`;
                out += `[${body}]`;
                i = end;
            }
        }
        else if (c === '{') {
            const end = seg.indexOf('}', i);
            if (end < 0)
                out += '\\{';
            else {
                out += `(?:${seg
                    .slice(i + 1, end)
                    .split(',')
                    .map(segmentToRegex)
                    .join('|')})`;
                i = end;
            }
        }
        else
            out += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
    }
    return out;
}
/** The regular expression for an absolute, '/'-separated pattern. */
function globToRegex(pattern) {
    const segs = pattern.split('/');
    let re = '';
    segs.forEach((seg, i) => {
        const last = i === segs.length - 1;
        if (seg === '**')
            re += last ? '.*' : '(?:[^/]*/)*';
        else
            re += segmentToRegex(seg) + (last ? '' : '/');
    });
    return new RegExp(`^${re}$`);
}
/** The directory a pattern's matches are searched under: its segments before the first wildcard. */
function searchPath(absPattern) {
    const segs = absPattern.split('/');
    const i = segs.findIndex((s) => MAGIC.test(s));
    if (i < 0)
        return absPattern;
    return segs.slice(0, i).join('/') || '/';
}
function walk(dir, out) {
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    }
    catch {
        return;
    }
    for (const e of entries) {
        if (e.name === '.git')
            continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) {
            out.push(`${p}/`);
            walk(p, out);
        }
        else if (e.isFile())
            out.push(p);
        else if (e.isSymbolicLink()) {
            try {
                if (statSync(p).isFile())
                    out.push(p);
            }
            catch {
                // a broken link is no match
            }
        }
    }
}
function toPosix(p) {
    return sep === '/' ? p : p.split(sep).join('/');
}
/** Least common ancestor directory of absolute paths. */
function commonAncestor(paths) {
    if (paths.length === 0)
        return '/';
    let parts = paths[0].split('/');
    for (const p of paths.slice(1)) {
        const q = p.split('/');
        let i = 0;
        while (i < parts.length && i < q.length && parts[i] === q[i])
            i++;
        parts = parts.slice(0, i);
    }
    return parts.join('/') || '/';
}
/** Files matching the patterns (relative to `cwd` unless absolute). */
function glob(patterns, cwd) {
    const include = [];
    const exclude = [];
    for (const raw of patterns) {
        const neg = raw.startsWith('!');
        let p = toPosix(neg ? raw.slice(1) : raw).replace(/\/+$/, '');
        p = isAbsolute(p) ? p : toPosix(resolve(cwd, p));
        if (neg)
            exclude.push(globToRegex(p), globToRegex(`${p}/**`));
        else
            include.push(p);
    }
    const found = new Set();
    const searchPaths = [];
    for (const p of include) {
        const base = searchPath(p);
        searchPaths.push(base);
        const re = globToRegex(p);
        let baseStat;
        try {
            baseStat = lstatSync(base).isSymbolicLink() ? statSync(base) : lstatSync(base);
        }
        catch {
            continue;
        }
        if (!baseStat.isDirectory()) {
            if (re.test(base))
                found.add(base);
            continue;
        }
        const all = [];
        walk(base, all);
        const dirs = [];
        for (const e of all) {
            if (e.endsWith('/')) {
                if (re.test(e.slice(0, -1)))
                    dirs.push(e);
            }
            else if (re.test(e))
                found.add(e);
        }
        if (!MAGIC.test(p))
            dirs.push(`${base}/`);
        for (const d of dirs)
            for (const e of all)
                if (!e.endsWith('/') && e.startsWith(d))
                    found.add(e);
    }
    const files = [...found].filter((f) => !exclude.some((re) => re.test(f))).sort();
    let rootDirectory = searchPaths.length > 1 ? commonAncestor(searchPaths) : (searchPaths[0] ?? cwd);
    // actions/upload-artifact: a single file named without wildcards keeps only its base name.
    if (files.length === 1 && searchPaths.length === 1 && files[0] === searchPaths[0])
        rootDirectory = dirname(files[0]);
    return { files, rootDirectory };
}
/** '/'-separated path of `file` relative to `dir`. */
function relativePath(dir, file) {
    return toPosix(relative(dir, file));
}

const DEFAULT_THRESHOLDS = {
    inuse_space: { percent: 5, absolute: 1024 * 1024 },
    alloc_space: { percent: 10, absolute: 4 * 1024 * 1024 },
    inuse_objects: { percent: 5, absolute: 1000 },
    alloc_objects: { percent: 10, absolute: 10000 },
    goroutine: { percent: 5, absolute: 10 },
};
/** Any other sample type: growth of over 10% and over 0. */
const FALLBACK_THRESHOLD = { percent: 10, absolute: 0 };
class ThresholdError extends Error {
}
const SIZE_UNITS = {
    '': 1,
    b: 1,
    k: 1024,
    kb: 1024,
    kib: 1024,
    m: 1024 ** 2,
    mb: 1024 ** 2,
    mib: 1024 ** 2,
    g: 1024 ** 3,
    gb: 1024 ** 3,
    gib: 1024 ** 3,
};
function parseAmount(token, where) {
    const m = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(token);
    const factor = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
    if (!m || factor === undefined)
        throw new ThresholdError(`${where}: "${token}" is not an amount (e.g. 10, 512KiB, 4MiB)`);
    return Math.round(Number(m[1]) * factor);
}
/**
 * Growth-rate thresholds of a snapshot series, per minute (per snapshot when the series has no
 * times): the slope of a total, row or goroutine group must exceed both parts, the percentage being
 * of the series' starting total. Cumulative types (alloc_*) are not gated unless named.
 */
const DEFAULT_GROWTH_THRESHOLDS = {
    inuse_space: { percent: 1, absolute: 512 * 1024 },
    inuse_objects: { percent: 1, absolute: 500 },
    goroutine: { percent: 0, absolute: 2 },
};
const RATE_SUFFIX = '/min';
/**
 * Thresholds from text, one sample type per line or comma: "inuse_space: 5% 1MiB". Either part
 * may be left out (it then does not constrain). Types not named keep their defaults. With `rates`,
 * every part is a rate: "inuse_space: 1MiB/min 2%/min".
 */
function parseThresholds(text, defaults = DEFAULT_THRESHOLDS, options = {}) {
    const out = { ...defaults };
    for (const raw of text.split(/[\n,]/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const m = /^([A-Za-z_][\w.-]*)\s*:\s*(.*)$/.exec(line);
        if (!m)
            throw new ThresholdError(`threshold "${line}" is not of the form "sample_type: 5% 1MiB"`);
        const [, type, spec] = m;
        let percent = 0;
        let absolute = 0;
        const tokens = spec.split(/\s+/).filter(Boolean);
        if (tokens.length === 0)
            throw new ThresholdError(`threshold for ${type} is empty`);
        for (let token of tokens) {
            if (options.rates) {
                if (!token.endsWith(RATE_SUFFIX))
                    throw new ThresholdError(`threshold for ${type}: "${token}" is not a rate (e.g. 1MiB/min, 2%/min)`);
                token = token.slice(0, -RATE_SUFFIX.length);
            }
            else if (token.endsWith(RATE_SUFFIX)) {
                throw new ThresholdError(`threshold for ${type}: "${token}" is a rate; rates are for snapshot series (pprof-gate growth)`);
            }
            if (token.endsWith('%')) {
                const p = Number(token.slice(0, -1));
                if (!/^\d+(\.\d+)?%$/.test(token) || !Number.isFinite(p))
                    throw new ThresholdError(`threshold for ${type}: "${token}" is not a percentage`);
                percent = p;
            }
            else {
                absolute = parseAmount(token, `threshold for ${type}`);
            }
        }
        out[type] = { percent, absolute };
    }
    return out;
}
/** Thresholds as the parser reads them: "inuse_space: 512KiB/min 1%/min, goroutine: 2/min". */
function describeThresholds(thresholds, options = {}) {
    const suffix = options.rates ? RATE_SUFFIX : '';
    const amount = (n) => {
        for (const [unit, size] of [
            ['GiB', 1024 ** 3],
            ['MiB', 1024 ** 2],
            ['KiB', 1024],
        ])
            if (n >= size && n % size === 0)
                return `${n / size}${unit}`;
        return String(n);
    };
    return Object.entries(thresholds)
        .map(([type, t]) => {
        const parts = [t.absolute > 0 ? `${amount(t.absolute)}${suffix}` : '', t.percent > 0 ? `${t.percent}%${suffix}` : ''].filter(Boolean);
        return `${type}: ${parts.join(' ') || `0${suffix}`}`;
    })
        .join(', ');
}
function thresholdFor(thresholds, sampleIndex) {
    return thresholds[sampleIndex] ?? FALLBACK_THRESHOLD;
}
/** Growth that crosses both parts of a threshold, relative to a base total. */
function exceeds(growth, baseTotal, t) {
    if (growth <= 0 || growth <= t.absolute)
        return false;
    if (baseTotal === 0)
        return true;
    return (growth / baseTotal) * 100 > t.percent;
}
/**
 * Mark regressions: rows whose flat growth, goroutine groups whose count growth, and totals whose
 * growth cross their sample type's threshold — and, where a significance test was run, whose
 * change is significant. Rows, groups and comparisons are marked in place (`regression`).
 */
function applyGate(comparisons, thresholds) {
    const regressions = [];
    for (const c of comparisons) {
        const t = thresholdFor(thresholds, c.sampleIndex);
        const total = percentBase(c);
        const at = { profile: c.profile, sampleIndex: c.sampleIndex, unit: c.unit };
        const totalGrowth = c.headSum - c.baseSum;
        c.regression = exceeds(totalGrowth, Math.abs(c.baseSum), t) && (c.totalPValue === null || c.totalPValue < c.alpha);
        if (c.regression)
            regressions.push({ ...at, kind: 'total', what: '', base: c.baseSum, head: c.headSum, growth: totalGrowth, of: Math.abs(c.baseSum) });
        for (const g of c.goroutineGroups ?? []) {
            g.regression = exceeds(g.delta, total, t);
            if (g.regression)
                regressions.push({
                    ...at,
                    kind: 'group',
                    what: describeGroup(g),
                    base: g.base,
                    head: g.head,
                    growth: g.delta,
                    of: total,
                    group: g,
                });
        }
        for (const r of c.rows) {
            // For goroutine profiles the groups say where; the rows (flat is all runtime.gopark) do not regress.
            r.regression = !c.goroutineGroups && exceeds(r.flatDelta, total, t) && r.significant !== false;
            if (r.regression)
                regressions.push({ ...at, kind: 'row', what: r.label, base: r.baseFlat, head: r.headFlat, growth: r.flatDelta, of: total });
        }
    }
    return { regression: regressions.length > 0, regressions };
}
/** Leave out rows (and goroutine groups) whose function name matches. */
function ignoreRows(comparisons, ignore) {
    for (const c of comparisons) {
        c.rows = c.rows.filter((r) => !ignore.test(r.name));
        if (c.goroutineGroups)
            c.goroutineGroups = c.goroutineGroups.filter((g) => !ignore.test(g.waitSite) && !ignore.test(g.entry));
    }
}

/**
 * Trend statistics for a series of values in time order: the Theil–Sen slope (median of the
 * pairwise slopes) with its Kendall-based confidence interval, and the Mann–Kendall test for a
 * monotonic increase (exact distribution for small series, ties included; normal approximation with
 * tie correction beyond). Both are rank-based, so a single outlier snapshot (a GC that ran late)
 * moves neither much.
 */
/** Largest series for which Mann–Kendall's exact distribution is counted. */
const MK_EXACT_LIMIT = 25;
/** Confidence of the slope's interval. */
const SLOPE_CONFIDENCE = 0.95;
/** Sizes of the groups of equal values (only groups of two or more matter, but all are returned). */
function tieSizes(y) {
    const sorted = Array.from(y).sort((a, b) => a - b);
    const sizes = [];
    for (let i = 0; i < sorted.length;) {
        let j = i + 1;
        while (j < sorted.length && sorted[j] === sorted[i])
            j++;
        sizes.push(j - i);
        i = j;
    }
    return sizes;
}
/** Mann–Kendall S = Σ_{i<j} sign(y_j − y_i). */
function kendallS(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++)
        for (let j = i + 1; j < y.length; j++)
            s += Math.sign(y[j] - y[i]);
    return s;
}
/** Var(S) under no trend, with the tie correction. */
function kendallVariance(n, ties) {
    let v = n * (n - 1) * (2 * n + 5);
    for (const t of ties)
        v -= t * (t - 1) * (2 * t + 5);
    return v / 18;
}
function multiply(a, b) {
    const out = new Float64Array(a.length + b.length - 1);
    for (let i = 0; i < a.length; i++)
        if (a[i] !== 0)
            for (let j = 0; j < b.length; j++)
                out[i + j] += a[i] * b[j];
    return out;
}
/**
 * Coefficients of the Gaussian binomial [a choose b]_q: the number of arrangements of b ones and
 * a − b zeros, by number of inversions. Built with the additive recurrence
 * [a, b] = [a−1, b−1] + q^b [a−1, b], so no cancellation.
 */
function gaussianBinomial(a, b) {
    // row[k] = [i choose k]_q for the current i.
    let row = [Float64Array.of(1)];
    for (let i = 1; i <= a; i++) {
        const next = [];
        for (let k = 0; k <= Math.min(i, b); k++) {
            const degree = k * (i - k);
            const poly = new Float64Array(degree + 1);
            if (k > 0) {
                const left = row[k - 1];
                for (let d = 0; d < left.length; d++)
                    poly[d] += left[d];
            }
            if (k < i) {
                const up = row[k];
                for (let d = 0; d < up.length; d++)
                    poly[d + k] += up[d];
            }
            next.push(poly);
        }
        row = next;
    }
    return row[b];
}
const distributions = new Map();
/**
 * Distribution of the number of discordant pairs (inversions) over every distinct ordering of a
 * multiset with these group sizes, each ordering equally likely: the q-multinomial coefficient.
 */
function inversionDistribution(sizes) {
    const key = [...sizes].sort((a, b) => a - b).join(',');
    let cached = distributions.get(key);
    if (!cached) {
        let counts = Float64Array.of(1);
        let placed = 0;
        for (const m of sizes) {
            placed += m;
            counts = multiply(counts, gaussianBinomial(placed, m));
        }
        let total = 0;
        for (const c of counts)
            total += c;
        cached = { counts, total };
        distributions.set(key, cached);
    }
    return cached;
}
/** One-sided p-values of Mann–Kendall's S: of an increase (S this large or larger) and of a decrease. */
function mannKendall(y) {
    const n = y.length;
    const s = kendallS(y);
    const ties = tieSizes(y);
    if (ties.length <= 1)
        return { s, pIncrease: 1, pDecrease: 1 };
    if (n <= MK_EXACT_LIMIT) {
        // S = (untied pairs) − 2·D, D the discordant pairs; S ≥ s ⟺ D ≤ d.
        const untied = (n * (n - 1)) / 2 - ties.reduce((acc, t) => acc + (t * (t - 1)) / 2, 0);
        const d = (untied - s) / 2;
        const { counts, total } = inversionDistribution(ties);
        let atMost = 0;
        let atLeast = 0;
        for (let k = 0; k < counts.length; k++) {
            if (k <= d)
                atMost += counts[k];
            if (k >= d)
                atLeast += counts[k];
        }
        return { s, pIncrease: Math.min(1, atMost / total), pDecrease: Math.min(1, atLeast / total) };
    }
    const sigma = Math.sqrt(kendallVariance(n, ties));
    // Continuity correction: S moves in steps of 2.
    const zUp = s > 0 ? (s - 1) / sigma : s < 0 ? (s + 1) / sigma : 0;
    return { s, pIncrease: normalSf(zUp), pDecrease: normalSf(-zUp) };
}
/** z such that the upper tail of the standard normal beyond it is `tail`, by bisection. */
function normalQuantileUpper(tail) {
    let lo = -40;
    let hi = 40;
    for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (normalSf(mid) > tail)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
const Z_SLOPE = normalQuantileUpper((1 - SLOPE_CONFIDENCE) / 2);
/** Pairwise slopes (y_j − y_i)/(x_j − x_i) over pairs with different x, sorted. */
function pairwiseSlopes(x, y) {
    const n = x.length;
    const out = new Float64Array((n * (n - 1)) / 2);
    let k = 0;
    for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
            const dx = x[j] - x[i];
            if (dx !== 0)
                out[k++] = (y[j] - y[i]) / dx;
        }
    }
    return out.subarray(0, k).sort();
}
/**
 * Theil–Sen slope and its confidence interval (Sen 1968; Gilbert 1987, §16.4): with N pairwise
 * slopes in order and C = z·√Var(S), the bounds are the M1-th and (M2+1)-th of them (1-based),
 * M1 = (N − C)/2 and M2 = (N + C)/2 rounded; clamped to the smallest and largest slope.
 */
function theilSen(x, y) {
    const slopes = pairwiseSlopes(x, y);
    const count = slopes.length;
    if (count === 0)
        return { slope: 0, slopeLow: 0, slopeHigh: 0 };
    const mid = count >> 1;
    const slope = count % 2 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
    const c = Z_SLOPE * Math.sqrt(kendallVariance(y.length, tieSizes(y)));
    const m1 = Math.round((count - c) / 2);
    const m2 = Math.round((count + c) / 2);
    const at = (i) => slopes[Math.min(count - 1, Math.max(0, i))];
    return { slope, slopeLow: at(m1 - 1), slopeHigh: at(m2) };
}
/** Slope, interval and Mann–Kendall test of y over x (x strictly increasing). */
function trendOf(x, y, alpha) {
    const { slope, slopeLow, slopeHigh } = theilSen(x, y);
    const { s, pIncrease, pDecrease } = mannKendall(y);
    const trend = pIncrease < alpha ? 'increasing' : pDecrease < alpha ? 'decreasing' : 'none';
    return { slope, slopeLow, slopeHigh, s, pValue: pIncrease, pDecrease, trend };
}
/** The smallest one-sided p-value the exact test can reach with n values: 1/n!. */
function minimumTrendP(n) {
    let f = 1;
    for (let i = 2; i <= n; i++)
        f *= i;
    return 1 / f;
}
/** Values the trend needs after warm-up before the test can reach alpha (never fewer than 4). */
function minimumTrendPoints(alpha) {
    let n = 4;
    while (minimumTrendP(n) >= alpha)
        n++;
    return n;
}
/** Share of the snapshots left out as warm-up by default. */
const DEFAULT_WARMUP_SHARE = 0.25;
/**
 * Index of the first snapshot after the warm-up. `seconds` are relative to the first snapshot
 * (null when the series has no times: a duration then cannot be applied and is an error upstream).
 */
function warmupStart(count, seconds, warmup) {
    if (warmup === 'default')
        return Math.floor(count * DEFAULT_WARMUP_SHARE);
    if ('snapshots' in warmup)
        return Math.min(count, warmup.snapshots);
    if (!seconds)
        throw new Error('a warm-up duration needs times');
    let i = 0;
    while (i < count && seconds[i] - seconds[0] < warmup.seconds)
        i++;
    return i;
}
/** "2m", "90s", "1h30m", "500ms" → seconds; "3" → a number of snapshots. */
function parseWarmup(text) {
    const t = text.trim();
    if (t === '' || t === 'default')
        return 'default';
    if (/^\d+$/.test(t))
        return { snapshots: Number(t) };
    const seconds = parseDuration(t);
    return seconds === null ? null : { seconds };
}
const DURATION_UNITS = { ms: 1e-3, s: 1, m: 60, min: 60, h: 3600 };
/** A Go-style duration ("30s", "1m30s", "250ms") in seconds, or null. */
function parseDuration(text) {
    const t = text.trim();
    if (!/^(\d+(\.\d+)?(ms|s|min|m|h))+$/.test(t))
        return null;
    let total = 0;
    for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|min|m|h)/g))
        total += Number(m[1]) * DURATION_UNITS[m[2]];
    return total;
}

/**
 * Growth over time: the snapshots of one run, in time order, and per sample type the trend of the
 * total, of every row (at the chosen granularity) and of every goroutine group. A leak is a slope
 * that does not level off under constant load; sampled heap totals swing by tens of percent from one
 * snapshot to the next, so rows and groups are judged too, with rank-based statistics.
 */
/** Significance level of the growth tests, for the whole family of one sample type (see rowAlpha). */
const DEFAULT_GROWTH_ALPHA = 0.01;
/** heap-2 before heap-10: digit runs compare as numbers. */
function naturalCompare(a, b) {
    const pa = a.match(/\d+|\D+/g) ?? [];
    const pb = b.match(/\d+|\D+/g) ?? [];
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const x = pa[i];
        const y = pb[i];
        if (x === y)
            continue;
        const nx = /^\d/.test(x);
        const ny = /^\d/.test(y);
        if (nx && ny) {
            const d = Number(x) - Number(y);
            if (d !== 0)
                return d;
        }
        return x < y ? -1 : 1;
    }
    return pa.length - pb.length;
}
/**
 * The snapshots in the order they were taken, with their times in seconds since the first: by
 * time_nanos when every snapshot has one (the names, in natural order, must agree: a series whose
 * times go backwards against its numbering is a mix-up), else by name; `intervalSeconds` sets the
 * spacing.
 */
function orderSnapshots(snapshots, intervalSeconds) {
    const ordered = [...snapshots].sort((a, b) => naturalCompare(a.file, b.file));
    const timed = ordered.every((s) => s.profile.timeNanos > 0n);
    if (timed) {
        for (let i = 1; i < ordered.length; i++) {
            const prev = ordered[i - 1];
            const cur = ordered[i];
            if (cur.profile.timeNanos === prev.profile.timeNanos)
                throw new ProfileError(`same time as ${prev.file} (${isoTime(cur.profile.timeNanos)}): a snapshot given twice?`, cur.file);
            if (cur.profile.timeNanos < prev.profile.timeNanos)
                throw new ProfileError(`time goes backwards: taken at ${isoTime(cur.profile.timeNanos)}, before ${prev.file} (${isoTime(prev.profile.timeNanos)}); name the snapshots in the order they were taken`, cur.file);
        }
    }
    if (intervalSeconds !== undefined)
        return { ordered, times: ordered.map((_, i) => i * intervalSeconds) };
    if (!timed)
        return { ordered, times: null };
    const t0 = ordered[0].profile.timeNanos;
    return { ordered, times: ordered.map((s) => Number(s.profile.timeNanos - t0) / 1e9) };
}
function isoTime(nanos) {
    return new Date(Number(nanos / 1000000n)).toISOString();
}
/** The sample types of a series when none is chosen: live heap, live objects and the allocation rate. */
function defaultSeriesSampleIndexes(profile) {
    if (isGoroutineProfile(profile))
        return ['goroutine'];
    const heap = ['inuse_space', 'inuse_objects', 'alloc_space'];
    if (heap.every((t) => profile.sampleTypes.some((st) => st.type === t)))
        return heap;
    const fallback = profile.defaultSampleType || profile.sampleTypes[profile.sampleTypes.length - 1]?.type;
    return fallback ? [fallback] : [];
}
function trendLine(x, values, from, alpha) {
    const xs = x.slice(from);
    const ys = values.slice(from);
    const t = trendOf(xs, ys, alpha);
    // Intercept of the Theil–Sen line: the median of y − slope·x.
    const intercept = medianOf(ys.map((y, i) => y - t.slope * xs[i]));
    return { ...t, values, start: intercept + t.slope * xs[0], end: intercept + t.slope * xs[xs.length - 1] };
}
/**
 * A significant rise: Mann–Kendall's test at the level given, and a slope whose confidence
 * interval lies above zero. The second keeps out rows of rare, large samples (a sampled buffer that
 * happens to be live in the last few snapshots), whose many ties make a step look like a trend.
 */
function rising(t) {
    return t.trend === 'increasing' && t.slopeLow > 0;
}
function describeSeries(snapshots) {
    const first = snapshots[0].file;
    return snapshots.length === 1 ? first : `${first} … ${snapshots[snapshots.length - 1].file}`;
}
/**
 * Every requested sample type of one series. Errors name the files: a snapshot of another kind than
 * the first, a sample type missing, duplicate times or times going backwards, too few snapshots.
 */
function analyzeSeries(snapshots, options) {
    if (snapshots.length === 0)
        throw new ProfileError('the series has no snapshots');
    // Kinds first: a goroutine snapshot among heap snapshots is the clearer message than its time.
    const byName = [...snapshots].sort((a, b) => naturalCompare(a.file, b.file));
    const first = byName[0];
    for (const other of byName.slice(1)) {
        try {
            checkCompatible(first.profile, other.profile);
        }
        catch (err) {
            if (err instanceof ProfileError)
                throw new ProfileError(`${err.reason.replace('base and head are', 'snapshots of one series are')} (first snapshot ${first.file})`, other.file);
            throw err;
        }
    }
    const { ordered, times } = orderSnapshots(snapshots, options.intervalSeconds);
    if (options.warmup !== 'default' && 'seconds' in options.warmup && !times)
        throw new ProfileError(`a warm-up duration needs times, and these snapshots have none: give the interval, or the warm-up as a number of snapshots`, first.file);
    const from = warmupStart(ordered.length, times, options.warmup);
    const need = minimumTrendPoints(options.alpha);
    if (ordered.length - from < need) {
        throw new ProfileError(`${ordered.length} snapshot${ordered.length === 1 ? '' : 's'} (${describeSeries(ordered)}), ${from} of them warm-up: ` +
            `the trend needs at least ${need} after warm-up, ${ordered.length - from} given`, first.file);
    }
    const indexes = options.sampleIndexes.length > 0 ? options.sampleIndexes : defaultSeriesSampleIndexes(first.profile);
    for (const s of indexes) {
        for (const snap of ordered) {
            try {
                requireSampleIndex(snap.profile, s);
            }
            catch (err) {
                if (err instanceof ProfileError)
                    throw err.withFile(snap.file);
                throw err;
            }
        }
    }
    const profiles = withFrameRules([], ordered.map((s) => s.profile)).heads;
    const x = (times ?? ordered.map((_, i) => i)).map((t) => (times ? t / 60 : t));
    return indexes.map((sampleIndex) => analyzeSampleType(ordered, profiles, x, times, from, sampleIndex, options));
}
function analyzeSampleType(ordered, profiles, x, times, from, sampleIndex, options) {
    const { table, flats, sums } = flatByProfile(profiles, sampleIndex, options.granularity);
    const goroutines = isGoroutineProfile(profiles[0]);
    const groupCounts = goroutines
        ? goroutineGroupCounts(profiles.map((profile) => ({ profile, values: column(profile, requireSampleIndex(profile, sampleIndex)) })))
        : [];
    // Rows whose value changes after warm-up are tested; the others cannot trend.
    const changing = [];
    for (let node = 0; node < table.size; node++) {
        const v0 = flats[from][node];
        for (let k = from + 1; k < flats.length; k++) {
            if (flats[k][node] !== v0) {
                changing.push(node);
                break;
            }
        }
    }
    const changingGroups = groupCounts.filter((g) => g.counts.subarray(from).some((c) => c !== g.counts[from]));
    // One family per sample type: the total, and the rows (or, for goroutines, the groups, which say
    // where), sharing alpha. Tested alone at alpha, a sampled total that swings by ±30% would rise
    // "significantly" in one healthy series of twenty.
    const family = 1 + (goroutines ? changingGroups.length : changing.length);
    const rowAlpha = options.alpha / family;
    const total = trendLine(x, sums, from, rowAlpha);
    const rows = changing.map((node) => {
        const values = flats.map((f) => f[node]);
        const t = trendLine(x, values, from, rowAlpha);
        const info = table.nodes[node];
        return {
            label: info.label,
            name: info.name || info.label,
            file: info.file,
            line: info.line,
            ...t,
            hotspot: !goroutines && rising(t),
        };
    });
    rows.sort((a, b) => Number(b.hotspot) - Number(a.hotspot) || b.slope - a.slope || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const analysis = {
        series: options.name,
        sampleIndex,
        unit: profiles[0].sampleTypes[requireSampleIndex(profiles[0], sampleIndex)].unit,
        cumulative: sampleIndex.startsWith('alloc_'),
        granularity: options.granularity,
        files: ordered.map((s) => s.file),
        times,
        per: times ? 'min' : 'snapshot',
        warmup: from,
        alpha: options.alpha,
        rowAlpha,
        total,
        rows,
    };
    if (goroutines) {
        analysis.groups = changingGroups
            .map((g) => {
            const t = trendLine(x, Array.from(g.counts), from, rowAlpha);
            return { waitSite: g.waitSite, waitReason: g.waitReason, entry: g.entry, ...t, hotspot: rising(t) };
        })
            .sort((a, b) => Number(b.hotspot) - Number(a.hotspot) || b.slope - a.slope || (a.waitSite < b.waitSite ? -1 : a.waitSite > b.waitSite ? 1 : 0));
    }
    return analysis;
}
/** Pair each head analysis with the base's of the same sample type: base slopes per row and group. */
function attachBase(heads, bases) {
    for (const head of heads) {
        const base = bases.find((b) => b.sampleIndex === head.sampleIndex);
        if (!base)
            continue;
        head.base = { files: base.files, times: base.times, total: base.total };
        const rowSlopes = new Map(base.rows.map((r) => [r.label, r.slope]));
        for (const r of head.rows)
            r.baseSlope = rowSlopes.get(r.label) ?? 0;
        const groupKey = (g) => `${g.waitSite}\u0000${g.waitReason}\u0000${g.entry}`;
        const groupSlopes = new Map((base.groups ?? []).map((g) => [groupKey(g), g.slope]));
        for (const g of head.groups ?? [])
            g.baseSlope = groupSlopes.get(groupKey(g)) ?? 0;
    }
}
/**
 * The growth gate. Alone, a total, row or group regresses when it rises significantly (at the
 * family-wise level, rowAlpha) and its slope crosses its sample type's rate
 * thresholds; with a base series, the slope's excess over the base's slope must cross them (a base
 * that already grew as fast is not blamed on the head). Cumulative types are gated only when the
 * thresholds name them. Marks in place; returns every regression, totals first.
 */
function applyGrowthGate(analyses, thresholds) {
    const out = [];
    for (const a of analyses) {
        const gated = !a.cumulative || a.sampleIndex in thresholds;
        const t = thresholdFor(thresholds, a.sampleIndex);
        const of = Math.abs(a.total.start);
        const at = { series: a.series, sampleIndex: a.sampleIndex, unit: a.unit, per: a.per, of };
        const crosses = (line, significant, baseSlope) => gated && significant && line.slope > 0 && exceeds(line.slope - (baseSlope ?? 0), of, t);
        const baseTotal = a.base ? a.base.total.slope : null;
        a.regression = crosses(a.total, rising(a.total), baseTotal);
        if (a.regression)
            out.push({ ...at, kind: 'total', what: '', slope: a.total.slope, baseSlope: baseTotal, pValue: a.total.pValue });
        for (const g of a.groups ?? []) {
            const base = a.base ? (g.baseSlope ?? 0) : null;
            g.regression = crosses(g, g.hotspot, base);
            if (g.regression)
                out.push({ ...at, kind: 'group', what: describeTrendGroup(g), slope: g.slope, baseSlope: base, pValue: g.pValue });
        }
        for (const r of a.rows) {
            const base = a.base ? (r.baseSlope ?? 0) : null;
            r.regression = crosses(r, r.hotspot, base);
            if (r.regression)
                out.push({ ...at, kind: 'row', what: r.label, slope: r.slope, baseSlope: base, pValue: r.pValue });
        }
    }
    return out;
}
/** "goroutines blocked in chan receive in main.watchUpstream" */
function describeTrendGroup(g) {
    const state = g.waitReason === 'running' ? 'running' : `blocked in ${g.waitReason}`;
    const entry = g.entry !== g.waitSite ? ` (started by ${g.entry})` : '';
    return `goroutines ${state} in ${g.waitSite}${entry}`;
}
/** A series' name from its files: the first one's path with its number as `*` (soak/heap-*.pb.gz). */
function seriesName(files) {
    if (files.length === 0)
        return '';
    const file = files[0];
    const slash = file.lastIndexOf('/');
    return file.slice(0, slash + 1) + file.slice(slash + 1).replace(/\d+(?=[^\d]*$)/, '*');
}
/** Leave out rows (and goroutine groups) whose function name matches. */
function ignoreSeriesRows(analyses, ignore) {
    for (const a of analyses) {
        a.rows = a.rows.filter((r) => !ignore.test(r.name));
        if (a.groups)
            a.groups = a.groups.filter((g) => !ignore.test(g.waitSite) && !ignore.test(g.entry));
    }
}

const DEFAULT_READ_LIMITS = { ...DEFAULT_LIMITS, maxFileBytes: 256 * 1024 * 1024 };
/** Read and decode one profile file; every failure is a ProfileError naming the file. */
async function readProfileFile(path, limits = {}) {
    const lim = { ...DEFAULT_READ_LIMITS, ...limits };
    let bytes;
    try {
        const info = await stat(path);
        if (!info.isFile())
            throw new ProfileError('not a regular file', path);
        if (info.size > lim.maxFileBytes) {
            throw new ProfileError(`file is ${info.size} bytes, over the limit of ${lim.maxFileBytes}`, path);
        }
        bytes = await readFile(path);
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err;
        const code = err.code;
        const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : err.message;
        throw new ProfileError(reason, path);
    }
    try {
        // (async: the inflate runs on the thread pool, so two files inflate in parallel)
        const profile = await decodeProfileAsync(bytes, lim);
        await prepareFrameRules(profile);
        return profile;
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err.withFile(path);
        throw err;
    }
}

/**
 * The one place where untrusted names (function names, file names, labels — all written by the
 * pull request's own code) are made inert for each output format.
 */
const MAX_NAME = 300;
/** Bidirectional overrides and other invisible controls that could disguise a name. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Collapse line breaks, show invisible characters as \u{…}, cap the length. */
function sanitizeName(name, max = MAX_NAME) {
    let s = name.replace(/\r\n|\r|\n|\t/g, ' ').replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    if (s.length > max)
        s = `${s.slice(0, max - 1)}…`;
    return s;
}
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
/**
 * Text for a GitHub markdown comment (also safe inside a table cell): no HTML, no emphasis,
 * links, images, code, table breaks, @-mentions, #-references or autolinked URLs take effect.
 */
function escapeMarkdown(name) {
    const s = sanitizeName(name);
    return (escapeHtml(s)
        // Markdown punctuation, including the table's pipe, loses its meaning behind a backslash.
        .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (c) => `\\${c}`)
        // A zero-width space after @ or # stops mentions and issue references; inside "://" it
        // stops autolinking. (Any zero-width spaces in the name itself were made visible above.)
        .replace(/@/g, '@\u200b')
        .replace(/\\#/g, '\\#\u200b')
        .replace(/\\:\/\//g, '\\:\u200b//')
        .replace(/www\\\./gi, (m) => `${m.slice(0, 3)}\u200b${m.slice(3)}`));
}
/** Plain terminal text: no control characters or escape sequences reach the terminal. */
function escapeText(name) {
    return sanitizeName(name, 100_000);
}
/**
 * JSON text made safe to embed inside an HTML <script> element: no `</script>`, `<!--` or `&`
 * sequences, and no U+2028/U+2029 (line terminators in older JavaScript). Those characters only
 * occur inside JSON strings, where the \u escapes decode back to the same text.
 */
function escapeScriptJson(json) {
    return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Number formatting shared by the renderers, following pprof's conventions. */
const BYTE_UNITS = [
    ['B', 1],
    ['kB', 1024],
    ['MB', 1024 ** 2],
    ['GB', 1024 ** 3],
    ['TB', 1024 ** 4],
    ['PB', 1024 ** 5],
];
const TIME_UNITS = [
    ['ns', 1],
    ['us', 1e3],
    ['ms', 1e6],
    ['s', 1e9],
    ['hrs', 3600e9],
];
function isBytes(unit) {
    return /^(b|bytes?)$/i.test(unit);
}
function isNanoseconds(unit) {
    return /^(ns|nanoseconds?)$/i.test(unit);
}
/** Like pprof: "%.2f" with a trailing ".00" dropped, "0" for zero. */
function twoDecimals(v) {
    const s = v.toFixed(2).replace(/\.00$/, '');
    return s === '-0' ? '0' : s;
}
/** A value scaled to a readable unit the way pprof does (1.50MB, 300, 12ms). */
function formatValue(value, unit) {
    if (value === 0)
        return '0';
    const scale = isBytes(unit) ? BYTE_UNITS : isNanoseconds(unit) ? TIME_UNITS : null;
    if (!scale)
        return twoDecimals(value);
    const abs = Math.abs(value);
    let chosen = scale[0];
    for (const u of scale)
        if (abs / u[1] >= 1)
            chosen = u;
    return twoDecimals(value / chosen[1]) + chosen[0];
}
/** A signed delta: "+1.50MB", "−300". */
function formatDelta(value, unit) {
    if (value === 0)
        return '0';
    const s = formatValue(Math.abs(value), unit);
    return value > 0 ? `+${s}` : `−${s}`;
}
/** pprof's percentage: at least two significant digits, "100%" near 100. */
function formatPercent(value, total) {
    const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
    if (ratio >= 99.95 && ratio <= 100.05)
        return '100%';
    if (ratio >= 1)
        return `${ratio.toFixed(2)}%`;
    if (ratio === 0)
        return '0%';
    return `${Number(ratio.toPrecision(2))}%`;
}
/** Signed percentage of a total: "+12.5%". */
function formatSignedPercent(value, total) {
    if (total === 0)
        return value === 0 ? '0%' : 'new';
    const pct = (value / total) * 100;
    const s = Math.abs(pct) >= 10 ? Math.abs(pct).toFixed(1) : Math.abs(pct).toPrecision(2);
    if (pct === 0)
        return '0%';
    return `${pct > 0 ? '+' : '−'}${s}%`;
}
/** A regression in one line: "heap.pb.gz inuse_space: main.f grew by +7.56MB (+2215% of the base total)". */
function describeRegression(r) {
    const where = `${r.profile ? `${r.profile} ` : ''}${r.sampleIndex}`;
    if (r.kind === 'group')
        return `${where}: ${r.what}`;
    const share = formatSignedPercent(r.growth, r.of);
    if (r.kind === 'total') {
        return `${where}: total grew by ${formatDelta(r.growth, r.unit)} (${formatValue(r.base, r.unit)} → ${formatValue(r.head, r.unit)}, ${share})`;
    }
    return `${where}: ${r.what} grew by ${formatDelta(r.growth, r.unit)} (${share} of the base total)`;
}
/** The gate's reasons, one line each. */
function regressionReasons(regressions) {
    return regressions.map(describeRegression);
}

/** Rows that grew, biggest flat growth first (cum breaks ties). */
function growthRows(c) {
    return c.rows
        .filter((r) => r.flatDelta > 0 || (r.flatDelta === 0 && r.cumDelta > 0))
        .sort((a, b) => b.flatDelta - a.flatDelta || b.cumDelta - a.cumDelta);
}
/** Rows that shrank, biggest shrinkage first. */
function shrinkRows(c) {
    return c.rows
        .filter((r) => r.flatDelta < 0 || (r.flatDelta === 0 && r.cumDelta < 0))
        .sort((a, b) => a.flatDelta - b.flatDelta || a.cumDelta - b.cumDelta);
}
/** "p = 0.012" for a tested row. */
function formatP(p) {
    return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
function rowTable(c, rows) {
    const total = percentBase(c);
    const lines = c.tested
        ? ['| | flat Δ | cum Δ | % of base | flat base → head | p | row |', '|---|---:|---:|---:|---|---:|---|']
        : ['| | flat Δ | cum Δ | % of base | flat base → head | row |', '|---|---:|---:|---:|---|---|'];
    for (const r of rows) {
        const mark = [r.regression ? '🔺' : '', r.isNew ? '🆕' : ''].join('') || ' ';
        const p = c.tested ? ` ${r.pValue === null ? '' : r.pValue.toFixed(3)} |` : '';
        lines.push(`| ${mark} | ${formatDelta(r.flatDelta, c.unit)} | ${formatDelta(r.cumDelta, c.unit)} | ${formatPercent(r.flatDelta, total)} | ${formatValue(r.baseFlat, c.unit)} → ${formatValue(r.headFlat, c.unit)} |${p} ${escapeMarkdown(r.label)} |`);
    }
    return lines;
}
/** How the values were obtained: one profile a side, or medians of several (and the test). */
function describeSides(c) {
    if (c.baseCount === 1 && c.headCount === 1)
        return '';
    const medians = `medians of ${c.baseCount} base and ${c.headCount} head profiles`;
    if (c.mode === 'exact')
        return `${medians}, exact mode`;
    if (!c.tested)
        return medians;
    return `${medians}, Mann–Whitney U test at alpha ${c.alpha}`;
}
/** The markdown of one comparison: totals, growth hotspots, shrinkages (collapsed), goroutine groups. */
function renderComparisonMarkdown(c, options) {
    const out = [];
    const delta = c.headSum - c.baseSum;
    const name = c.profile ? `${escapeMarkdown(c.profile)} · ` : '';
    out.push(`#### ${name}${escapeMarkdown(c.sampleIndex)}${c.normalized ? ' (normalized)' : ''}`);
    out.push('');
    out.push(`Total: ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (**${formatDelta(delta, c.unit)}**, ${formatSignedPercent(delta, c.baseSum)}${c.totalPValue !== null ? `, ${formatP(c.totalPValue)}` : ''})${describeSides(c) ? ` — ${describeSides(c)}` : ''}`);
    if (c.note)
        out.push('', `> [!NOTE]\n> ${escapeMarkdown(c.note)}.`);
    out.push('');
    const limit = (rows) => (options.top > 0 ? rows.slice(0, options.top) : rows);
    // For goroutine profiles the groups are the finding; the rows below only say runtime.gopark.
    const grown = (c.goroutineGroups ?? []).filter((g) => g.delta > 0);
    if (grown.length > 0) {
        out.push('Goroutine groups that grew:');
        out.push('');
        for (const g of limit(grown))
            out.push(`- ${g.regression ? '🔺 ' : ''}${escapeMarkdown(describeGroup(g))}`);
        out.push('');
    }
    const growth = growthRows(c);
    if (growth.length === 0) {
        out.push('No growth.');
    }
    else {
        const shown = limit(growth);
        out.push(`Top growth${shown.length < growth.length ? ` (${shown.length} of ${growth.length})` : ''}:`);
        out.push('');
        out.push(...rowTable(c, shown));
    }
    const shrink = shrinkRows(c);
    if (shrink.length > 0) {
        const shown = limit(shrink);
        out.push('');
        out.push(`<details><summary>Shrinkage (${shrink.length} rows)</summary>`);
        out.push('');
        out.push(...rowTable(c, shown));
        out.push('');
        out.push('</details>');
    }
    return out.join('\n');
}
function renderMarkdown(comparisons, options) {
    return `${comparisons.map((c) => renderComparisonMarkdown(c, options)).join('\n\n')}\n`;
}

/**
 * A sparkline of a series of values in eight block characters (▁▂▃▄▅▆▇█), which render as plain
 * text in terminals and in GitHub comments. Shared by the growth-over-time section and the
 * main-branch history: give it the values in time order.
 */
const SPARK_BLOCKS = '▁▂▃▄▅▆▇█';
/** Reduce to at most `width` values, each the mean of a run of consecutive values. */
function downsample(values, width) {
    if (values.length <= width)
        return [...values];
    const out = [];
    for (let i = 0; i < width; i++) {
        const from = Math.floor((i * values.length) / width);
        const to = Math.floor(((i + 1) * values.length) / width);
        let sum = 0;
        for (let k = from; k < to; k++)
            sum += values[k];
        out.push(sum / (to - from));
    }
    return out;
}
/** The sparkline; '' for no values. A flat series is drawn at the lowest level. Non-finite values show as a space. */
function sparkline(values, options = {}) {
    const shown = downsample(values, Math.max(1, options.maxWidth ?? 40));
    const finite = shown.filter(Number.isFinite);
    if (finite.length === 0)
        return shown.map(() => ' ').join('');
    const min = options.min ?? Math.min(...finite);
    const max = options.max ?? Math.max(...finite);
    const span = max - min;
    const top = SPARK_BLOCKS.length - 1;
    return shown
        .map((v) => {
        if (!Number.isFinite(v))
            return ' ';
        const level = span > 0 ? Math.round(((Math.min(max, Math.max(min, v)) - min) / span) * top) : 0;
        return SPARK_BLOCKS[level];
    })
        .join('');
}

/** "+1.20MB/min" */
function formatRate(slope, unit, per) {
    return `${formatDelta(slope, unit)}/${per === 'min' ? 'min' : 'snapshot'}`;
}
function interval(line, unit) {
    return `[${formatDelta(line.slopeLow, unit)}, ${formatDelta(line.slopeHigh, unit)}]`;
}
/** Values after warm-up, on one scale for head and base. */
function totalSparklines(a) {
    const head = a.total.values.slice(a.warmup);
    const base = a.base ? a.base.total.values.slice(a.warmup) : [];
    const all = [...head, ...base];
    const scale = { min: Math.min(...all), max: Math.max(...all) };
    return { head: sparkline(head, scale), base: a.base ? sparkline(base, scale) : undefined };
}
function lineSummary(line, a) {
    return `${formatValue(line.start, a.unit)} → ${formatValue(line.end, a.unit)}, slope ${formatRate(line.slope, a.unit, a.per)} ${interval(line, a.unit)}, ${formatP(line.pValue)}`;
}
function trendWord(line) {
    return line.trend === 'increasing' ? 'rising' : line.trend === 'decreasing' ? 'falling' : 'no trend';
}
function describeRun(a) {
    const n = a.files.length;
    const span = a.times ? `, ${formatDuration(a.times[a.times.length - 1])}` : '';
    return `${n} snapshots${span}, first ${a.warmup} left out as warm-up; slopes per ${a.per === 'min' ? 'minute' : 'snapshot'}, total and rows tested at ${formatLevel(a.rowAlpha)} each (alpha ${a.alpha} over ${Math.round(a.alpha / a.rowAlpha)} tests)`;
}
function formatLevel(p) {
    return p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}
function formatDuration(seconds) {
    if (seconds < 60)
        return `${Number(seconds.toFixed(1))}s`;
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - m * 60);
    return s ? `${m}m${s}s` : `${m}m`;
}
function hotspots(a, top) {
    const rows = a.rows.filter((r) => r.hotspot);
    return top > 0 ? rows.slice(0, top) : rows;
}
function risingGroups(a, top) {
    const groups = (a.groups ?? []).filter((g) => g.hotspot);
    return top > 0 ? groups.slice(0, top) : groups;
}
function ownSparkline(line, a) {
    return sparkline(line.values.slice(a.warmup));
}
/** The terminal section. */
function renderGrowthText(analyses, options) {
    const out = [];
    for (const a of analyses) {
        out.push(escapeText(`Growth over time — ${[a.series, `${a.sampleIndex} (${a.unit})`, a.granularity].filter(Boolean).join(' — ')}`));
        out.push(escapeText(describeRun(a)));
        const spark = totalSparklines(a);
        const mark = a.regression ? '  REGRESSION' : '';
        out.push(`Total ${spark.head}  ${lineSummary(a.total, a)}, ${trendWord(a.total)}${mark}`);
        if (a.base && spark.base !== undefined)
            out.push(`Base  ${spark.base}  ${lineSummary(a.base.total, a)}, ${trendWord(a.base.total)}`);
        if (a.cumulative)
            out.push(`(${a.sampleIndex} counts since the program started: its slope is the allocation rate; not gated unless a threshold names it)`);
        const groups = risingGroups(a, options.top);
        if (groups.length > 0) {
            out.push('Goroutine groups rising:');
            for (const g of groups)
                out.push(`  ${itemText(g, a)}  ${escapeText(describeTrendGroup(g))}`);
        }
        const rows = hotspots(a, options.top);
        if (rows.length > 0) {
            out.push('Growth hotspots:');
            for (const r of rows)
                out.push(`  ${itemText(r, a)}  ${escapeText(r.label)}`);
        }
        else if (groups.length === 0)
            out.push('No growth hotspots.');
        out.push('');
    }
    return out.join('\n');
}
function itemText(item, a) {
    const base = item.baseSlope !== undefined ? ` (base ${formatRate(item.baseSlope, a.unit, a.per)})` : '';
    return `${item.regression ? '! ' : '  '}${formatRate(item.slope, a.unit, a.per)}${base}  ${formatP(item.pValue)}  ${formatValue(item.start, a.unit)} → ${formatValue(item.end, a.unit)}  ${ownSparkline(item, a)}`;
}
/** The markdown section (PR comment, job summary, --format markdown). */
function renderGrowthMarkdown(analyses, options) {
    const out = ['### Growth over time', ''];
    for (const a of analyses) {
        const name = a.series ? `${escapeMarkdown(a.series)} · ` : '';
        out.push(`#### ${a.regression ? '🔺 ' : ''}${name}${escapeMarkdown(a.sampleIndex)}`, '');
        out.push(escapeMarkdown(describeRun(a)), '');
        const spark = totalSparklines(a);
        out.push('| | trend | start → end | slope | 95% interval | p |', '|---|---|---|---:|---|---:|');
        const row = (label, line, s) => `| ${label} | ${s} | ${formatValue(line.start, a.unit)} → ${formatValue(line.end, a.unit)} | ${formatRate(line.slope, a.unit, a.per)} | ${interval(line, a.unit)} | ${formatP(line.pValue)} |`;
        out.push(row(a.base ? 'head total' : 'total', a.total, spark.head));
        if (a.base && spark.base !== undefined)
            out.push(row('base total', a.base.total, spark.base));
        out.push('');
        if (a.cumulative)
            out.push(`${escapeMarkdown(a.sampleIndex)} is cumulative: its slope is the allocation rate, reported, not gated.`, '');
        const items = [
            ...risingGroups(a, options.top).map((g) => ({ what: describeTrendGroup(g), item: g })),
            ...hotspots(a, options.top).map((r) => ({ what: r.label, item: r })),
        ];
        if (items.length === 0) {
            out.push('No growth hotspots.', '');
            continue;
        }
        const withBase = a.base !== undefined;
        out.push(`| | slope${withBase ? ' | base slope' : ''} | p | start → end | trend | ${a.groups ? 'goroutine group' : 'row'} |`, `|---|---:|${withBase ? '---:|' : ''}---:|---|---|---|`);
        for (const { what, item } of items) {
            out.push(`| ${item.regression ? '🔺' : ' '} | ${formatRate(item.slope, a.unit, a.per)}${withBase ? ` | ${formatRate(item.baseSlope ?? 0, a.unit, a.per)}` : ''} | ${formatP(item.pValue)} | ${formatValue(item.start, a.unit)} → ${formatValue(item.end, a.unit)} | ${ownSparkline(item, a)} | ${escapeMarkdown(what)} |`);
        }
        out.push('');
    }
    return `${out.join('\n')}\n`;
}
function lineJson(line) {
    return {
        values: line.values,
        slope: line.slope,
        slopeLow: line.slopeLow,
        slopeHigh: line.slopeHigh,
        pValue: line.pValue,
        trend: line.trend,
        start: line.start,
        end: line.end,
    };
}
/** The machine-readable form: per series and sample type the times, the total and the top rows. */
function renderGrowthJson(analyses, regressions, options) {
    const limit = (xs) => (options.top > 0 ? xs.slice(0, options.top) : xs);
    const series = analyses.map((a) => ({
        series: a.series,
        sampleIndex: a.sampleIndex,
        unit: a.unit,
        per: a.per,
        cumulative: a.cumulative,
        granularity: a.granularity,
        files: a.files,
        times: a.times ?? a.files.map((_, i) => i),
        warmup: a.warmup,
        alpha: a.alpha,
        rowAlpha: a.rowAlpha,
        regression: a.regression ?? false,
        total: lineJson(a.total),
        base: a.base ? { files: a.base.files, times: a.base.times ?? a.base.files.map((_, i) => i), total: lineJson(a.base.total) } : undefined,
        rows: limit(a.rows).map((r) => ({
            label: r.label,
            name: r.name,
            file: r.file,
            line: r.line,
            hotspot: r.hotspot,
            regression: r.regression ?? false,
            baseSlope: r.baseSlope,
            ...lineJson(r),
        })),
        groups: a.groups
            ? limit(a.groups).map((g) => ({
                waitSite: g.waitSite,
                waitReason: g.waitReason,
                entry: g.entry,
                hotspot: g.hotspot,
                regression: g.regression ?? false,
                baseSlope: g.baseSlope,
                ...lineJson(g),
            }))
            : undefined,
    }));
    return `${JSON.stringify({ series, regressions }, null, 2)}\n`;
}
/** A growth regression in one line. */
function describeGrowthRegression(r) {
    const where = `${r.series ? `${r.series} ` : ''}${r.sampleIndex}`;
    const what = r.kind === 'total' ? 'total' : r.what;
    const base = r.baseSlope !== null ? ` against ${formatRate(r.baseSlope, r.unit, r.per)} on the base` : '';
    return `${where}: ${what} rises by ${formatRate(r.slope, r.unit, r.per)}${base} (${formatP(r.pValue)})`;
}

/**
 * A line chart as inline SVG, drawn here rather than in the browser: no script, so a page that
 * embeds it needs only CHART_STYLE allowed by its Content-Security-Policy. Every point carries an
 * SVG <title>, which browsers show on hover (the value, and the point's own label such as a time or
 * a commit). Reusable for any series over time: the growth-over-time report draws snapshots, the
 * main-branch history can draw commits (x = index, label = sha).
 *
 * Every text that reaches the SVG (names, labels) is escaped here with escapeHtml(sanitizeName()).
 */
const WIDTH = 760;
const HEIGHT = 260;
const PAD = { left: 72, right: 16, top: 28, bottom: 34 };
const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
/** The CSS a page needs for renderLineChart's SVG (add its hash to the page's style-src). */
const CHART_STYLE = `
.chart { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
.chart .axis { stroke: #8c959f; stroke-width: 1; }
.chart .grid { stroke: #eaeef2; stroke-width: 1; }
.chart .tick { fill: #59636e; }
.chart .ctitle { fill: #1f2328; font-weight: 600; font-size: 12px; }
.chart .warmup { fill: #f6f8fa; }
.chart .line { fill: none; stroke-width: 1.8; }
.chart .line.dashed { stroke-dasharray: 5 4; }
.chart .pt { stroke: #fff; stroke-width: 1; }
.chart .pt:hover { stroke: #1f2328; stroke-width: 2; }
.chart-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 2px 0 14px; font: 12px system-ui, sans-serif; color: #1f2328; }
.chart-legend .key { vertical-align: 2px; margin-right: 5px; }
`;
/** Round tick values covering [lo, hi]. */
function ticks(lo, hi, count) {
    if (hi <= lo)
        return [lo];
    const raw = (hi - lo) / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
        out.push(Number(v.toPrecision(12)));
    return out;
}
function fmtX(x) {
    return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
/** The chart as an <svg> element followed by its legend; class names are styled by CHART_STYLE. */
function renderLineChart(chart) {
    const points = chart.lines.flatMap((l) => l.points);
    if (points.length === 0)
        return '';
    let xMin = Math.min(...points.map((p) => p.x));
    let xMax = Math.max(...points.map((p) => p.x));
    let yMin = Math.min(0, ...points.map((p) => p.y));
    let yMax = Math.max(...points.map((p) => p.y));
    if (xMax === xMin)
        xMax = xMin + 1;
    if (yMax === yMin)
        yMax = yMin + 1;
    const yTicks = ticks(yMin, yMax, 5);
    yMin = Math.min(yMin, yTicks[0]);
    yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
    const xTicks = ticks(xMin, xMax, 8);
    xMin = Math.min(xMin, xTicks[0]);
    xMax = Math.max(xMax, xTicks[xTicks.length - 1]);
    const w = WIDTH - PAD.left - PAD.right;
    const h = HEIGHT - PAD.top - PAD.bottom;
    const sx = (x) => PAD.left + ((x - xMin) / (xMax - xMin)) * w;
    const sy = (y) => PAD.top + h - ((y - yMin) / (yMax - yMin)) * h;
    const r = (v) => v.toFixed(1);
    const text = (s) => escapeHtml(sanitizeName(s));
    const out = [];
    out.push(`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${text(chart.title)}">`);
    out.push(`<text class="ctitle" x="${PAD.left}" y="16">${text(chart.title)}</text>`);
    if (chart.shadeBefore !== undefined && chart.shadeBefore > xMin) {
        out.push(`<rect class="warmup" x="${r(sx(xMin))}" y="${PAD.top}" width="${r(sx(Math.min(chart.shadeBefore, xMax)) - sx(xMin))}" height="${h}"><title>warm-up (left out of the trend)</title></rect>`);
    }
    for (const t of yTicks) {
        out.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(sy(t))}" y2="${r(sy(t))}"/>`);
        out.push(`<text class="tick" x="${PAD.left - 6}" y="${r(sy(t) + 4)}" text-anchor="end">${text(formatValue(t, chart.unit))}</text>`);
    }
    for (const t of xTicks)
        out.push(`<text class="tick" x="${r(sx(t))}" y="${HEIGHT - PAD.bottom + 15}" text-anchor="middle">${fmtX(t)}</text>`);
    out.push(`<text class="tick" x="${WIDTH - PAD.right}" y="${HEIGHT - 4}" text-anchor="end">${text(chart.xLabel)}</text>`);
    out.push(`<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + h}"/>`);
    out.push(`<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + h}" y2="${PAD.top + h}"/>`);
    chart.lines.forEach((line, i) => {
        const colour = PALETTE[i % PALETTE.length];
        const path = line.points.map((p) => `${r(sx(p.x))},${r(sy(p.y))}`).join(' ');
        out.push(`<g class="series" data-series="${text(line.name)}">`);
        out.push(`<polyline class="line${line.dashed ? ' dashed' : ''}" stroke="${colour}" points="${path}"/>`);
        for (const p of line.points) {
            const hover = `${line.name} · ${p.label ?? `${chart.xLabel} ${fmtX(p.x)}`}: ${formatValue(p.y, chart.unit)}`;
            out.push(`<circle class="pt" cx="${r(sx(p.x))}" cy="${r(sy(p.y))}" r="3.5" fill="${colour}"><title>${text(hover)}</title></circle>`);
        }
        out.push('</g>');
    });
    out.push('</svg>');
    out.push('<div class="chart-legend">');
    chart.lines.forEach((line, i) => {
        // A tiny SVG, not a styled span: presentation attributes need no 'unsafe-inline' in the CSP.
        const dash = line.dashed ? ' stroke-dasharray="5 4"' : '';
        out.push(`<span><svg class="key" width="22" height="6" aria-hidden="true"><line x1="0" y1="3" x2="22" y2="3" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="3"${dash}/></svg>${text(line.name)}</span>`);
    });
    out.push('</div>');
    return out.join('\n');
}

/**
 * The growth-over-time report as one self-contained HTML page: per sample type a chart of the total
 * (head against base) and one of the top growing rows or goroutine groups, with hover values. The
 * charts are SVG drawn here (src/report/chart.ts): the page has no script, and its
 * Content-Security-Policy allows only its own style, by hash.
 */
/** Growing rows (or groups) drawn per sample type. */
const CHART_TOP_ROWS = 5;
const STYLE = `
body { margin: 0; padding: 12px 16px 24px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 16px; margin: 0 0 8px; font-weight: 600; }
h2 { font-size: 14px; margin: 18px 0 2px; font-weight: 600; word-break: break-all; }
.sub { color: #59636e; margin: 0 0 6px; }
.regression { color: #b31d28; font-weight: 600; }
${CHART_STYLE}`;
function cspHash(text) {
    return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
function x(a, times, i) {
    return times ? times[i] / 60 : i;
}
function pointLabel(files, times, i) {
    return times ? `${files[i]} · ${formatDuration(times[i])}` : files[i];
}
function line(name, a, values, files, times, dashed = false) {
    return { name, dashed, points: values.map((y, i) => ({ x: x(a, times, i), y, label: pointLabel(files, times, i) })) };
}
function summary(l, a) {
    return `slope ${formatRate(l.slope, a.unit, a.per)}, ${formatP(l.pValue)}`;
}
function section(a) {
    const text = (s) => escapeHtml(sanitizeName(s));
    const xLabel = a.per === 'min' ? 'minutes' : 'snapshot';
    const shadeBefore = a.warmup > 0 ? x(a, a.times, a.warmup) : undefined;
    const totals = [line(`head total (${summary(a.total, a)})`, a, a.total.values, a.files, a.times)];
    if (a.base)
        totals.push(line(`base total (${summary(a.base.total, a)})`, a, a.base.total.values, a.base.files, a.base.times, true));
    const growing = a.groups
        ? a.groups.filter((g) => g.hotspot).map((g) => ({ name: describeTrendGroup(g), l: g }))
        : a.rows.filter((r) => r.hotspot).map((r) => ({ name: r.label, l: r }));
    const top = growing.slice(0, CHART_TOP_ROWS);
    const parts = [
        `<h2>${text(`${a.series ? `${a.series} · ` : ''}${a.sampleIndex}`)}${a.regression ? ' <span class="regression">regression</span>' : ''}</h2>`,
        `<p class="sub">${text(`${a.files.length} snapshots, first ${a.warmup} warm-up (shaded); ${a.cumulative ? 'cumulative: the slope is the allocation rate' : `total ${summary(a.total, a)}`}`)}</p>`,
        renderLineChart({ title: `Total ${a.sampleIndex}`, unit: a.unit, xLabel, lines: totals, shadeBefore }),
    ];
    if (top.length > 0) {
        parts.push(renderLineChart({
            title: `Top ${top.length} growing ${a.groups ? 'goroutine groups' : 'rows'} (of ${growing.length})`,
            unit: a.unit,
            xLabel,
            lines: top.map(({ name, l }) => line(`${name} (${summary(l, a)})`, a, l.values, a.files, a.times)),
            shadeBefore,
        }));
    }
    else {
        parts.push(`<p class="sub">No growth hotspots.</p>`);
    }
    return parts.join('\n');
}
/** The whole page. */
function renderGrowthHtml(analyses) {
    const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
    const name = analyses[0]?.series ?? '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>pprof-gate: growth over time${name ? ` · ${escapeHtml(sanitizeName(name))}` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Growth over time${name ? ` · ${escapeHtml(sanitizeName(name))}` : ''}</h1>
<p class="sub">Hover a point for its value. Slopes are Theil–Sen, p-values one-sided Mann–Kendall, after the warm-up.</p>
${analyses.map(section).join('\n')}
</body>
</html>
`;
}

/** The machine-readable report: every row of every comparison. */
function renderJson(comparisons) {
    return `${JSON.stringify({ comparisons }, null, 2)}\n`;
}

function pad(s, width) {
    return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
/** A terminal report: per comparison, totals and a table shaped like `go tool pprof -top`. */
function renderText(comparisons, options) {
    const out = [];
    for (const c of comparisons) {
        const total = percentBase(c);
        const title = [c.profile, `${c.sampleIndex} (${c.unit})`, c.granularity, c.normalized ? 'normalized' : ''].filter(Boolean);
        out.push(escapeText(title.join(' — ')));
        const delta = c.headSum - c.baseSum;
        out.push(`Total: ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (${formatDelta(delta, c.unit)}, ${formatSignedPercent(delta, c.baseSum)}${c.totalPValue !== null ? `, ${formatP(c.totalPValue)}` : ''})`);
        if (describeSides(c))
            out.push(`Values: ${describeSides(c)}`);
        if (c.note)
            out.push(`Note: ${escapeText(c.note)}.`);
        const shown = options.top > 0 ? c.rows.slice(0, options.top) : c.rows;
        if (c.rows.length === 0) {
            out.push('No differences.');
        }
        else {
            if (shown.length < c.rows.length)
                out.push(`Showing top ${shown.length} of ${c.rows.length} rows`);
            out.push(`${pad('flat', 10)} ${pad('flat%', 6)} ${pad('sum%', 6)} ${pad('cum', 10)} ${pad('cum%', 6)}${c.tested ? ` ${pad('p', 6)}` : ''}`);
            let sum = 0;
            for (const r of shown) {
                sum += r.flatDelta;
                const inline = r.inline ? ` ${r.inline}` : '';
                const isNew = r.isNew ? ' (new)' : '';
                out.push(`${pad(formatValue(r.flatDelta, c.unit), 10)} ${pad(formatPercent(r.flatDelta, total), 6)} ${pad(formatPercent(sum, total), 6)} ${pad(formatValue(r.cumDelta, c.unit), 10)} ${pad(formatPercent(r.cumDelta, total), 6)}${c.tested ? ` ${pad(r.pValue === null ? '' : r.pValue.toFixed(3), 6)}` : ''}  ${escapeText(r.label)}${inline}${isNew}`);
            }
        }
        if (c.goroutineGroups && c.goroutineGroups.length > 0) {
            out.push('Goroutine groups that changed:');
            for (const g of c.goroutineGroups)
                out.push(`  ${escapeText(describeGroup(g))}`);
        }
        out.push('');
    }
    return out.join('\n');
}

function absSum(values) {
    let sum = 0;
    for (let i = 0; i < values.length; i++)
        sum += Math.abs(values[i]);
    return sum;
}
/**
 * The merged call tree of a set of profiles, a node per distinct root-first prefix of a stack,
 * stored by chains: a run of nodes each with one child and no sample of its own has the same
 * samples, hence the same values and weight, all the way down, so it is one entry here. A
 * million-sample profile makes millions of nodes but fewer than two chains per sample, and a flame
 * graph keeps a few thousand nodes: nothing is made per node until those are known.
 *
 * Samples of all profiles are numbered bases first, then heads, in file order (sample g); sample
 * g's frames, root to leaf, are path[pathStart[g] .. pathStart[g+1]). The chains come out of a
 * most-significant-frame-first radix sort of the samples by path: a group of samples that share a
 * prefix goes down frame by frame while they agree; where they part (or some end) its chain ends
 * and each next frame starts a group of its own. A parent chain always comes before its children.
 */
class ChainTree {
    pathStart;
    /** 16-bit when every frame id fits (the usual case: half the memory of the largest array here). */
    path;
    /** The longest path, in frames. */
    maxDepth;
    /** The chain in which each sample's path ends. */
    leaf;
    /** Per chain: the parent chain (the root chain, 0, at depth 0 alone, is its own). */
    parent;
    /** Per chain: the depths of its first and last node. */
    top;
    bottom;
    /** Per chain: a sample through it, whose path gives its nodes' frames. */
    from;
    /** Per chain: the first sample (lowest number) through it. */
    first;
    constructor(profiles, frameSets, frameCount) {
        let samples = 0;
        for (const p of profiles)
            samples += p.sampleCount;
        const pathStart = (this.pathStart = new Uint32Array(samples + 1));
        let total = 0;
        let maxDepth = 0;
        for (let i = 0, g = 0; i < profiles.length; i++) {
            const { stackStart, stackLocations, sampleCount } = profiles[i];
            const { frameStart } = frameSets[i];
            for (let s = 0; s < sampleCount; s++, g++) {
                pathStart[g] = total;
                let length = 0;
                for (let k = stackStart[s]; k < stackStart[s + 1]; k++)
                    length += frameStart[stackLocations[k] + 1] - frameStart[stackLocations[k]];
                total += length;
                if (length > maxDepth)
                    maxDepth = length;
            }
        }
        if (total > 0xffffffff)
            throw new Error(`too many frames for a flame graph (${total} over all samples' stacks)`);
        pathStart[samples] = total;
        this.maxDepth = maxDepth;
        const path = (this.path = frameCount <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total));
        for (let i = 0, g = 0; i < profiles.length; i++) {
            const { stackStart, stackLocations, sampleCount } = profiles[i];
            const { frameStart, frames } = frameSets[i];
            for (let s = 0; s < sampleCount; s++, g++) {
                let out = pathStart[g];
                // Stacks are leaf first and a location's frames innermost first: walk both backwards.
                for (let k = stackStart[s + 1] - 1; k >= stackStart[s]; k--) {
                    const loc = stackLocations[k];
                    for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--)
                        path[out++] = frames[f];
                }
            }
        }
        this.leaf = new Uint32Array(samples);
        const chains = this.build(frameCount);
        this.parent = chains.parent.finish();
        this.top = chains.top.finish();
        this.bottom = chains.bottom.finish();
        this.from = chains.from.finish();
        const first = (this.first = new Uint32Array(this.parent.length).fill(0xffffffff));
        for (let g = samples - 1; g >= 0; g--)
            first[this.leaf[g]] = g;
        for (let c = first.length - 1; c > 0; c--)
            if (first[c] < first[this.parent[c]])
                first[this.parent[c]] = first[c];
    }
    get size() {
        return this.parent.length;
    }
    build(frameCount) {
        const { leaf, path, pathStart } = this;
        const n = leaf.length;
        const parent = new GrowableUint32();
        const top = new GrowableUint32();
        const bottom = new GrowableUint32();
        const from = new GrowableUint32();
        const chain = (p, t, b, g) => {
            parent.push(p);
            top.push(t);
            bottom.push(b);
            from.push(g);
            return parent.length - 1;
        };
        const order = new Uint32Array(n);
        for (let g = 0; g < n; g++)
            order[g] = g;
        const keys = new Uint32Array(n);
        const scratch = new Uint32Array(n);
        // Keys are frame + 1; 0 for a path that ends at this depth.
        const count = new Uint32Array(frameCount + 1);
        const seen = new Uint32Array(frameCount + 1);
        /**
         * Groups as (lo, hi, depth, parent chain): the samples order[lo .. hi) share their first `depth`
         * frames and their chain starts at the node of that depth (the root's at 0).
         */
        const work = [0, n, 0, 0];
        while (work.length > 0) {
            const p = work.pop();
            const t = work.pop();
            const hi = work.pop();
            const lo = work.pop();
            if (t > 0 && hi - lo <= 2) {
                const a = order[lo];
                const la = pathStart[a + 1] - pathStart[a];
                if (hi - lo === 1) {
                    leaf[a] = chain(p, t, la, a);
                    continue;
                }
                // Two paths (very often a base and a head sample with the same stack): where they part.
                const b = order[lo + 1];
                const lb = pathStart[b + 1] - pathStart[b];
                const end = Math.min(la, lb);
                let d = t;
                for (let ia = pathStart[a], ib = pathStart[b]; d < end && path[ia + d] === path[ib + d];)
                    d++;
                const id = chain(p, t, d, a);
                leaf[a] = la === d ? id : chain(id, d + 1, la, a);
                leaf[b] = lb === d ? id : chain(id, d + 1, lb, b);
                continue;
            }
            for (let depth = t;; depth++) {
                let kinds = 0;
                for (let i = lo; i < hi; i++) {
                    const g = order[i];
                    const at = pathStart[g] + depth;
                    const key = at < pathStart[g + 1] ? path[at] + 1 : 0;
                    keys[i] = key;
                    if (count[key]++ === 0)
                        seen[kinds++] = key;
                }
                if (kinds === 1 && seen[0] !== 0 && t > 0) {
                    // All go on to the same frame: the chain goes on.
                    count[seen[0]] = 0;
                    continue;
                }
                const id = chain(p, t, depth, order[lo]);
                let at = lo;
                for (let k = 0; k < kinds; k++) {
                    const size = count[seen[k]];
                    count[seen[k]] = at;
                    at += size;
                }
                for (let i = lo; i < hi; i++)
                    scratch[count[keys[i]]++] = order[i];
                order.set(scratch.subarray(lo, hi), lo);
                // count[key] is now the end of the key's group.
                for (let k = 0, start = lo; k < kinds; k++) {
                    const key = seen[k];
                    const end = count[key];
                    count[key] = 0;
                    if (key === 0)
                        for (let i = start; i < end; i++)
                            leaf[order[i]] = id;
                    else
                        work.push(start, end, depth + 1, id);
                    start = end;
                }
                break;
            }
        }
        return { parent, top, bottom, from };
    }
}
/** The nodes worth keeping of one sample type's tree. */
class Candidates {
    /** A number for the node and its parent's (-1 for the root). */
    key = [];
    parentKey = [];
    frame = [];
    base = [];
    head = [];
    weight = [];
    /** The first sample (in bases-then-heads file order) through the node, and its depth. */
    first = [];
    depth = [];
}
/**
 * The merged call paths of the base and head profiles of a comparison, shared by every sample
 * type: build once, then ask for each sample type's `tree`. Frame identity is the diff's
 * (NodeTable rows, as in `diffProfiles`), so a frame's name matches its row in the text and
 * markdown reports; recursion is not folded (each path is its own node, as in any flame graph).
 */
class FlamePaths {
    granularity;
    table = new NodeTable();
    chains;
    /** The profiles as drawn: with pprof's drop_frames / keep_frames applied, as in the diff. */
    bases;
    heads;
    constructor(loadedBases, loadedHeads, granularity = 'functions') {
        this.granularity = granularity;
        if (loadedBases.length === 0 || loadedHeads.length === 0)
            throw new Error('a flame graph needs at least one profile per side');
        const { bases, heads } = withFrameRules(loadedBases, loadedHeads);
        this.bases = bases;
        this.heads = heads;
        for (const p of [...bases.slice(1), ...heads])
            checkCompatible(bases[0], p);
        const profiles = [...bases, ...heads];
        const frameSets = profiles.map((p) => locationFrames(p, granularity, this.table));
        this.chains = new ChainTree(profiles, frameSets, this.table.size);
    }
    /**
     * One sample type's tree. With several profiles on a side, a node's value is the median across
     * them, as the diff's rows are, and normalization scales each head to the median base total.
     */
    tree(options) {
        const { bases, heads } = this;
        const si = requireSampleIndex(bases[0], options.sampleIndex);
        const baseColumns = bases.map((p) => column(p, si));
        const target = medianOf(baseColumns.map(signedSum));
        const headColumns = heads.map((p) => {
            const values = column(p, sampleTypeIndex(p, options.sampleIndex));
            return options.normalize ? normalizeValues(values, target) : values;
        });
        const columns = [...baseColumns, ...headColumns];
        const minFraction = options.minFraction ?? 0;
        // The root's weight is at least its base and head values, and a node weighs at least as much as
        // any of its descendants: what lies below this bound can never be kept, at any node count.
        const rootFloor = Math.max(0, target, medianOf(headColumns.map(signedSum)));
        const bound = minFraction * rootFloor * (1 - 1e-9);
        // Each chain's sums per profile, then its weight, children before parents.
        const { leaf, parent, top, bottom, from, first, path, pathStart, size, maxDepth } = this.chains;
        const nb = bases.length;
        const sides = columns.length;
        const sums = new Float64Array(size * sides);
        for (let i = 0, g = 0; i < sides; i++) {
            const values = columns[i];
            for (let s = 0; s < values.length; s++, g++)
                sums[leaf[g] * sides + i] += values[s];
        }
        const childSum = new Float64Array(size);
        const kept = new Candidates();
        const stride = maxDepth + 1;
        let live = 0;
        for (let c = size - 1; c >= 0; c--) {
            const row = c * sides;
            const b = nb === 1 ? sums[row] : medianOf(sums.subarray(row, row + nb));
            const h = sides - nb === 1 ? sums[row + nb] : medianOf(sums.subarray(row + nb, row + sides));
            const w = Math.max(0, b, h, childSum[c]);
            if (w > 0)
                live += bottom[c] - top[c] + 1;
            if (c === 0 || (w > 0 && w >= bound)) {
                for (let d = top[c]; d <= bottom[c]; d++) {
                    const key = c * stride + d;
                    kept.key.push(key);
                    kept.parentKey.push(c === 0 ? -1 : d > top[c] ? key - 1 : parent[c] * stride + bottom[parent[c]]);
                    kept.frame.push(c === 0 ? 0 : path[pathStart[from[c]] + d - 1]);
                    kept.base.push(b);
                    kept.head.push(h);
                    kept.weight.push(w);
                    kept.first.push(first[c]);
                    kept.depth.push(d);
                }
            }
            if (c === 0)
                break;
            const up = parent[c];
            childSum[up] += w;
            for (let k = 0; k < sides; k++)
                sums[up * sides + k] += sums[row + k];
        }
        // Which nodes to keep: above the fraction, then the heaviest up to maxNodes, in the order the
        // nodes first occur in the samples (so ties at the cut keep the earliest, as they always have).
        const count = kept.key.length;
        const rootIndex = count - 1;
        const rootWeight = kept.weight[rootIndex];
        let threshold = minFraction * rootWeight;
        const limit = Math.max(1, options.maxNodes ?? Infinity);
        const above = Float64Array.from(kept.weight.filter((w) => w > 0 && w >= threshold));
        if (above.length > limit)
            threshold = Math.max(threshold, above.sort()[above.length - limit]);
        const indexOfKey = new Map();
        for (let i = 0; i < count; i++)
            indexOfKey.set(kept.key[i], i);
        const occurrence = Array.from({ length: count }, (_, i) => i).sort((x, y) => kept.first[x] - kept.first[y] || kept.depth[x] - kept.depth[y]);
        const nodes = new Array(count);
        const root = { name: '', base: kept.base[rootIndex], head: kept.head[rootIndex], weight: rootWeight, children: [] };
        nodes[rootIndex] = root;
        let nodeCount = 1;
        for (const i of occurrence) {
            if (i === rootIndex)
                continue;
            const parent = nodes[indexOfKey.get(kept.parentKey[i])];
            const weight = kept.weight[i];
            if (!parent || weight === 0 || weight < threshold || nodeCount >= limit)
                continue;
            const node = { name: this.table.nodes[kept.frame[i]].label, base: kept.base[i], head: kept.head[i], weight, children: [] };
            parent.children.push(node);
            nodes[i] = node;
            nodeCount++;
        }
        const byWeight = (x, y) => y.weight - x.weight || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
        for (const node of nodes)
            node?.children.sort(byWeight);
        return {
            sampleIndex: options.sampleIndex,
            unit: bases[0].sampleTypes[si].unit,
            granularity: this.granularity,
            normalized: options.normalize,
            baseCount: bases.length,
            headCount: heads.length,
            baseTotal: medianOf(baseColumns.map(absSum)),
            headTotal: medianOf(headColumns.map(absSum)),
            root,
            nodeCount,
            hiddenNodes: live - nodeCount + (rootWeight > 0 ? 0 : 1),
        };
    }
}
/**
 * The flame tree matching each comparison of one set of base and head profiles (same sample type,
 * granularity and normalization), building the call paths once per granularity.
 */
function flameTreesFor(bases, heads, comparisons, limits = {}) {
    const byGranularity = new Map();
    return comparisons.map((c) => {
        let paths = byGranularity.get(c.granularity);
        if (!paths)
            byGranularity.set(c.granularity, (paths = new FlamePaths(bases, heads, c.granularity)));
        return paths.tree({ sampleIndex: c.sampleIndex, normalize: c.normalized, ...limits });
    });
}

// Generated by scripts/gen-html-assets.mjs from flame.css and flame.ts (npm run build): do not edit.
/** The flame graph page's <style> content. */
const FLAME_STYLE = ":root {\n  color-scheme: light;\n}\nbody {\n  margin: 0;\n  padding: 12px 16px 24px;\n  font:\n    13px/1.45 system-ui,\n    -apple-system,\n    'Segoe UI',\n    Roboto,\n    Helvetica,\n    Arial,\n    sans-serif;\n  color: #1f2328;\n  background: #fff;\n}\nh1 {\n  font-size: 16px;\n  margin: 0 0 2px;\n  font-weight: 600;\n  word-break: break-all;\n}\n.sub {\n  color: #59636e;\n  margin: 0 0 8px;\n}\n.bar {\n  display: flex;\n  flex-wrap: wrap;\n  gap: 8px 16px;\n  align-items: center;\n  margin: 8px 0;\n}\n.bar input {\n  font: inherit;\n  padding: 3px 6px;\n  width: 260px;\n  border: 1px solid #b7bdc4;\n  border-radius: 4px;\n}\n.bar button {\n  font: inherit;\n  padding: 3px 10px;\n  border: 1px solid #b7bdc4;\n  border-radius: 4px;\n  background: #f6f8fa;\n  cursor: pointer;\n}\n.bar button:disabled {\n  cursor: default;\n  color: #8c959f;\n}\n.legend {\n  display: flex;\n  gap: 10px;\n  align-items: center;\n  color: #59636e;\n}\n.sw {\n  display: inline-block;\n  width: 22px;\n  height: 12px;\n  vertical-align: -2px;\n  margin-right: 4px;\n  border-radius: 2px;\n}\n.sw.up {\n  background: rgb(214, 39, 40);\n}\n.sw.down {\n  background: rgb(31, 95, 191);\n}\n.sw.same {\n  background: rgb(221, 216, 207);\n}\n#status {\n  color: #59636e;\n  min-height: 1.4em;\n}\n#chart {\n  position: relative;\n  width: 100%;\n  overflow: hidden;\n  margin-top: 4px;\n}\n.frame {\n  position: absolute;\n  height: 18px;\n  box-sizing: border-box;\n  padding: 0 4px;\n  border-right: 1px solid #fff;\n  border-bottom: 1px solid #fff;\n  overflow: hidden;\n  white-space: nowrap;\n  text-overflow: ellipsis;\n  font:\n    11px/17px ui-monospace,\n    SFMono-Regular,\n    Menlo,\n    Consolas,\n    'Liberation Mono',\n    monospace;\n  cursor: pointer;\n}\n.frame.new::before {\n  content: 'new';\n  font:\n    bold 9px/13px system-ui,\n    sans-serif;\n  background: #ffd33d;\n  color: #1f2328;\n  border-radius: 3px;\n  padding: 0 3px;\n  margin-right: 4px;\n  vertical-align: 1px;\n}\n.frame.gone {\n  background-image: repeating-linear-gradient(135deg, rgba(255, 255, 255, 0.28) 0 2px, transparent 2px 7px);\n}\n.frame.ancestor {\n  opacity: 0.7;\n}\n.frame:hover {\n  filter: brightness(0.93);\n}\n#chart.searching .frame {\n  opacity: 0.3;\n}\n#chart.searching .frame.match {\n  opacity: 1;\n  outline: 2px solid #bf00ff;\n  outline-offset: -2px;\n}\n#tip {\n  position: fixed;\n  display: none;\n  pointer-events: none;\n  z-index: 10;\n  max-width: 520px;\n  padding: 6px 9px;\n  background: #fff;\n  border: 1px solid #b7bdc4;\n  border-radius: 6px;\n  box-shadow: 0 3px 12px rgba(0, 0, 0, 0.15);\n  font-size: 12px;\n}\n#tip .name {\n  font:\n    600 12px ui-monospace,\n    SFMono-Regular,\n    Menlo,\n    Consolas,\n    monospace;\n  word-break: break-all;\n  margin-bottom: 3px;\n}\n#tip .up {\n  color: #b31d28;\n}\n#tip .down {\n  color: #0a5bc4;\n}\n.note {\n  color: #59636e;\n  margin-top: 10px;\n}\n";
/** The flame graph page's <script> content. */
const FLAME_SCRIPT = "(function () {\n'use strict';\nfunction element(id) {\n    const el = document.getElementById(id);\n    if (!el)\n        throw new Error(`no #${id} in the page`);\n    return el;\n}\nconst data = JSON.parse(element('flame-data').textContent ?? '');\nconst ROW = 18;\nconst NEUTRAL = [221, 216, 207];\nconst RED = [214, 39, 40];\nconst BLUE = [31, 95, 191];\nconst chart = element('chart');\nconst tip = element('tip');\nconst search = element('search');\nconst reset = element('reset');\nconst status = element('status');\nconst unit = data.unit;\nconst denom = data.percentBase > 0 ? data.percentBase : 1;\nconst nodes = [];\nconst flat = data.nodes;\nfor (let i = 0; i < flat.length; i += 5) {\n    const p = flat[i + 1];\n    const parent = p < 0 ? null : nodes[p];\n    const n = {\n        id: nodes.length,\n        name: parent ? data.names[flat[i]] : 'all',\n        parent,\n        base: flat[i + 2],\n        head: flat[i + 3],\n        w: flat[i + 4],\n        children: [],\n        depth: 0,\n    };\n    if (parent) {\n        parent.children.push(n);\n        n.depth = parent.depth + 1;\n    }\n    nodes.push(n);\n}\nconst root = nodes[0];\nlet focus = root;\nlet query = '';\nconst BYTES = [\n    ['B', 1],\n    ['kB', 1024],\n    ['MB', 1048576],\n    ['GB', 1073741824],\n    ['TB', 1099511627776],\n    ['PB', 1125899906842624],\n];\nconst TIMES = [\n    ['ns', 1],\n    ['us', 1e3],\n    ['ms', 1e6],\n    ['s', 1e9],\n    ['hrs', 3600e9],\n];\nfunction two(v) {\n    const s = v.toFixed(2).replace(/\\.00$/, '');\n    return s === '-0' ? '0' : s;\n}\nfunction fmt(v) {\n    if (v === 0)\n        return '0';\n    const scale = /^(b|bytes?)$/i.test(unit) ? BYTES : /^(ns|nanoseconds?)$/i.test(unit) ? TIMES : null;\n    if (!scale)\n        return two(v);\n    const a = Math.abs(v);\n    let c = scale[0];\n    for (const s of scale)\n        if (a / s[1] >= 1)\n            c = s;\n    return two(v / c[1]) + c[0];\n}\nfunction fmtDelta(v) {\n    return v === 0 ? '0' : (v > 0 ? '+' : '\\u2212') + fmt(Math.abs(v));\n}\nfunction fmtShare(v) {\n    const r = Math.abs(v / denom) * 100;\n    if (r === 0)\n        return '0%';\n    const s = r >= 1 ? r.toFixed(2) + '%' : Number(r.toPrecision(2)) + '%';\n    return (v > 0 ? '+' : '\\u2212') + s;\n}\nfunction intensity(n) {\n    const d = n.head - n.base;\n    return d === 0 ? 0 : Math.sqrt(Math.min(1, Math.abs(d) / (data.fullShare * denom)));\n}\nfunction colour(n) {\n    const d = n.head - n.base;\n    if (d === 0)\n        return 'rgb(' + NEUTRAL.join(',') + ')';\n    const t = intensity(n);\n    const to = d > 0 ? RED : BLUE;\n    const c = NEUTRAL.map((from, k) => Math.round(from + (to[k] - from) * t));\n    return 'rgb(' + c.join(',') + ')';\n}\nfunction textColour(n) {\n    return intensity(n) > 0.6 ? '#fff' : '#1f2328';\n}\nfunction matches(n) {\n    return query !== '' && n.name.toLowerCase().indexOf(query) >= 0;\n}\nfunction frame(n, x, width, cls) {\n    const el = document.createElement('div');\n    el.className =\n        'frame' +\n            cls +\n            (n.base === 0 && n.head !== 0 ? ' new' : '') +\n            (n.head === 0 && n.base !== 0 ? ' gone' : '') +\n            (matches(n) ? ' match' : '');\n    el.style.left = x + 'px';\n    el.style.top = n.depth * ROW + 'px';\n    el.style.width = width + 'px';\n    el.style.backgroundColor = colour(n);\n    el.style.color = textColour(n);\n    el.setAttribute('data-id', String(n.id));\n    el.textContent = n.name;\n    return el;\n}\nfunction render() {\n    const W = chart.clientWidth;\n    const out = [];\n    let maxDepth = 0;\n    for (let a = focus.parent; a; a = a.parent)\n        out.push(frame(a, 0, W, ' ancestor'));\n    const stack = [[focus, 0, W]];\n    while (stack.length) {\n        const [n, x, width] = stack.pop();\n        out.push(frame(n, x, width, n === focus && n !== root ? ' focus' : ''));\n        if (n.depth > maxDepth)\n            maxDepth = n.depth;\n        let cx = x;\n        for (const c of n.children) {\n            const cw = n.w > 0 ? (width * c.w) / n.w : 0;\n            if (cw >= 0.5)\n                stack.push([c, cx, cw]);\n            cx += cw;\n        }\n    }\n    chart.replaceChildren(...out);\n    chart.style.height = (maxDepth + 1) * ROW + 'px';\n    chart.classList.toggle('searching', query !== '');\n    reset.disabled = focus === root;\n}\nfunction updateSearch() {\n    query = search.value.trim().toLowerCase();\n    if (query === '') {\n        status.textContent = '';\n        render();\n        return;\n    }\n    let count = 0;\n    let head = 0;\n    let base = 0;\n    const walk = (n, inside) => {\n        const m = matches(n);\n        if (m) {\n            count++;\n            if (!inside) {\n                head += n.head;\n                base += n.base;\n            }\n        }\n        for (const c of n.children)\n            walk(c, inside || m);\n    };\n    walk(root, false);\n    status.textContent =\n        count === 0\n            ? 'No frame matches.'\n            : count +\n                (count === 1 ? ' frame matches' : ' frames match') +\n                ': ' +\n                fmt(base) +\n                ' \\u2192 ' +\n                fmt(head) +\n                ' (' +\n                fmtDelta(head - base) +\n                ', ' +\n                fmtShare(head - base) +\n                ' of base total)';\n    render();\n}\nfunction nodeOf(target) {\n    const el = target instanceof Element ? target.closest('.frame') : null;\n    return el ? nodes[Number(el.getAttribute('data-id'))] : null;\n}\nfunction line(text, cls) {\n    const d = document.createElement('div');\n    d.textContent = text;\n    if (cls)\n        d.className = cls;\n    return d;\n}\nchart.addEventListener('click', (e) => {\n    const n = nodeOf(e.target);\n    if (!n)\n        return;\n    focus = n === focus ? (n.parent ?? root) : n;\n    render();\n});\nchart.addEventListener('mousemove', (e) => {\n    const n = nodeOf(e.target);\n    if (!n) {\n        tip.style.display = 'none';\n        return;\n    }\n    const d = n.head - n.base;\n    const parts = [\n        line(n.name, 'name'),\n        line(fmt(n.base) + ' \\u2192 ' + fmt(n.head) + '  (base \\u2192 head)'),\n        line(d === 0 ? 'unchanged' : fmtDelta(d) + ', ' + fmtShare(d) + ' of base total', d > 0 ? 'up' : d < 0 ? 'down' : ''),\n    ];\n    if (n.base === 0 && n.head !== 0)\n        parts.push(line('new in head'));\n    if (n.head === 0 && n.base !== 0)\n        parts.push(line('gone in head'));\n    if (n.parent && n.parent.head > 0)\n        parts.push(line(two((100 * n.head) / n.parent.head) + '% of its caller in head'));\n    tip.replaceChildren(...parts);\n    tip.style.display = 'block';\n    let x = e.clientX + 14;\n    let y = e.clientY + 14;\n    if (x + tip.offsetWidth > window.innerWidth - 4)\n        x = Math.max(4, e.clientX - tip.offsetWidth - 14);\n    if (y + tip.offsetHeight > window.innerHeight - 4)\n        y = Math.max(4, e.clientY - tip.offsetHeight - 14);\n    tip.style.left = x + 'px';\n    tip.style.top = y + 'px';\n});\nchart.addEventListener('mouseleave', () => {\n    tip.style.display = 'none';\n});\nreset.addEventListener('click', () => {\n    focus = root;\n    render();\n});\nsearch.addEventListener('input', updateSearch);\ndocument.addEventListener('keydown', (e) => {\n    if (e.key !== 'Escape')\n        return;\n    if (document.activeElement === search && search.value) {\n        search.value = '';\n        updateSearch();\n    }\n    else {\n        focus = root;\n        render();\n    }\n});\nwindow.addEventListener('resize', render);\nrender();\n})();\n";

/**
 * The differential flame graph report: one self-contained HTML file per comparison. The call tree
 * travels as JSON in a non-executed <script type="application/json"> element and is drawn by the
 * inline script (html/flame.ts, styled by html/flame.css, both inlined from the generated
 * html/assets.generated.ts) as an icicle of absolutely positioned elements; names are set with
 * textContent only. A Content-Security-Policy with the hashes of the inline script and style
 * forbids everything else (no network, no other script).
 */
/** Frames below 0.01% of the total are narrower than a pixel until zoomed far in; and a cap on size. */
const HTML_FLAME_LIMITS = { minFraction: 1e-4, maxNodes: 40_000 };
/** A frame's change reaches full colour at this share of the base total (pprof's percentage base). */
const FULL_COLOUR_SHARE = 0.2;
function sha256(text) {
    return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
/** The page allows its own inline script and style and nothing else: their hashes, computed here. */
const CSP = `default-src 'none'; script-src ${sha256(FLAME_SCRIPT)}; style-src ${sha256(FLAME_STYLE)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
function payload(tree) {
    const names = [];
    const nameIndex = new Map();
    const nodes = [];
    const stack = [[tree.root, -1]];
    let next = 0;
    while (stack.length > 0) {
        const [node, parent] = stack.pop();
        const id = next++;
        let name = -1;
        if (parent >= 0) {
            const shown = sanitizeName(node.name);
            name = nameIndex.get(shown) ?? -1;
            if (name < 0) {
                name = names.length;
                names.push(shown);
                nameIndex.set(shown, name);
            }
        }
        nodes.push(name, parent, node.base, node.head, node.weight);
        // Children pushed in reverse so they come out (and are drawn) heaviest first.
        for (let k = node.children.length - 1; k >= 0; k--)
            stack.push([node.children[k], id]);
    }
    const percentBase = tree.baseTotal > 0 ? tree.baseTotal : tree.headTotal;
    return { unit: tree.unit, percentBase, fullShare: FULL_COLOUR_SHARE, names, nodes };
}
/** One comparison's differential flame graph as a complete, self-contained HTML document. */
function renderHtml(c, tree) {
    if (tree.sampleIndex !== c.sampleIndex)
        throw new Error(`flame tree of ${tree.sampleIndex} given for the ${c.sampleIndex} comparison`);
    const title = `${c.profile ? `${sanitizeName(c.profile)} · ` : ''}${sanitizeName(c.sampleIndex)}${c.normalized ? ' (normalized)' : ''}`;
    const delta = c.headSum - c.baseSum;
    const totals = `Total ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (${formatDelta(delta, c.unit)}, ${formatSignedPercent(delta, c.baseSum)})`;
    const sides = tree.baseCount > 1 || tree.headCount > 1 ? ` · medians of ${tree.baseCount} base and ${tree.headCount} head profiles` : '';
    const hidden = tree.hiddenNodes > 0
        ? `<p class="note">${tree.hiddenNodes} call paths narrower than ${(HTML_FLAME_LIMITS.minFraction ?? 0) * 100}% of the total (or past ${HTML_FLAME_LIMITS.maxNodes} frames) are left out.</p>`
        : '';
    const json = escapeScriptJson(JSON.stringify(payload(tree)));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>pprof-gate: ${escapeHtml(title)}</title>
<style>${FLAME_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(totals)} · ${escapeHtml(sanitizeName(c.unit))} · ${escapeHtml(c.granularity)}${escapeHtml(sides)} · width: head value (at least the base value, so frames that shrank stay visible)</p>
<div class="bar">
<input id="search" type="search" placeholder="Search frames (substring)" aria-label="Search frames" autocomplete="off" spellcheck="false">
<button id="reset" type="button">Reset zoom</button>
<span class="legend"><span><span class="sw up"></span>grew</span><span><span class="sw down"></span>shrank</span><span><span class="sw same"></span>unchanged</span><span>click a frame to zoom, again (or Esc) to zoom out</span></span>
</div>
<div id="status" aria-live="polite"></div>
<div id="chart"></div>
<div id="tip"></div>
${hidden}
<script type="application/json" id="flame-data">${json}</script>
<script>${FLAME_SCRIPT}</script>
</body>
</html>
`;
}
/**
 * The HTML reports of one base/head comparison set, one per comparison, in the comparisons' order
 * (what the CLI writes and the action uploads).
 */
function renderHtmlReports(bases, heads, comparisons) {
    const trees = flameTreesFor(bases, heads, comparisons, HTML_FLAME_LIMITS);
    return comparisons.map((c, i) => renderHtml(c, trees[i]));
}
/**
 * Output files for `--output FILE`: FILE for the first comparison, FILE with `.<sample type>`
 * before its extension for the others (report.html, report.inuse_space.html). Sample type names
 * come from the profile: anything but letters, digits, `_` and `-` becomes `_`.
 */
function htmlOutputPaths(output, comparisons) {
    const dir = dirname(output);
    const ext = extname(basename$1(output));
    const stem = basename$1(output, ext);
    const used = new Set();
    return comparisons.map((c, i) => {
        let path = i === 0 ? output : join(dir, `${stem}.${c.sampleIndex.replace(/[^A-Za-z0-9_-]/g, '_') || 'sample'}${ext}`);
        if (used.has(path))
            path = join(dir, `${stem}.${i}${ext}`);
        used.add(path);
        return path;
    });
}

const FORMATS = ['text', 'markdown', 'json', 'html'];
function renderReport(comparisons, format, options) {
    switch (format) {
        case 'json':
            return renderJson(comparisons);
        case 'markdown':
            return renderMarkdown(comparisons, options);
        case 'text':
            return renderText(comparisons, options);
    }
}

const USAGE = `Usage: pprof-gate diff --base FILE --head FILE [options]
       pprof-gate growth --head 'soak/heap-*.pb.gz' [--base 'GLOB'] [options]   (see growth --help)

Compares two pprof profiles (heap, goroutine, …) as \`go tool pprof -top -diff_base=BASE HEAD\` does.

Options:
  --base FILE               the baseline profile (gzipped or plain profile.proto); repeat the
                            flag or give a quoted glob for several runs of the same program
  --head FILE               the profile(s) to check against it, likewise
  --mode M                  auto (default: exact for goroutine profiles and heap profiles written
                            with MemProfileRate=1, else statistical), exact or statistical
  --alpha A                 significance level of the statistical mode (default 0.05)
  --sample-index S[,S…]     sample types to compare (default: alloc_space,inuse_space for heap
                            profiles, else the profile's default type)
  --granularity G           functions (default), lines or files
  --normalize               scale the head so its total equals the base total (pprof -normalize)
  --top N                   rows per sample type in text/markdown (default 10; 0 = all)
  --format F                text (default), markdown, json or html (a differential flame graph,
                            one self-contained file per sample type)
  --output FILE             write the report to FILE instead of stdout; for html with several
                            sample types, FILE for the first and the sample type before FILE's
                            extension for the rest (flame.html, flame.inuse_space.html)
  --thresholds T            regression thresholds, e.g. "inuse_space: 5% 1MiB, goroutine: 5% 10"
                            (a row, goroutine group or total regresses when its growth exceeds both)
  --ignore REGEX            leave out functions whose name matches
  --max-profile-bytes N     refuse profiles larger than N bytes, compressed or not (default 268435456)

Exit status: 0 no regression, 1 regression found, 2 bad input or usage.`;
const GROWTH_USAGE = `Usage: pprof-gate growth --head GLOB [--base GLOB] [options]

Gates on growth over time: the files are the snapshots of one run (say, a heap profile every 30 s of
a soak test), in time order: by the profiles' times when all have one, else by name (heap-2 before
heap-10). Per sample type, the total, every row and every goroutine group get a Theil–Sen slope and
a Mann–Kendall test for a rising trend after the warm-up.

Options:
  --head GLOB               the snapshots of the run to check (a quoted glob, or repeat the flag)
  --base GLOB               the snapshots of a baseline run: a regression must then also grow faster
                            than the base did
  --interval D              spacing of the snapshots (30s, 1m); overrides the profiles' own times
                            (without either, slopes are per snapshot)
  --warmup W                left out of the trend: a duration (2m) or a number of snapshots (3);
                            default the first quarter of the snapshots
  --thresholds T            rate thresholds, e.g. "inuse_space: 1MiB/min 2%/min, goroutine: 10/min"
                            (the percentage is of the series' starting total; default
                            "${describeThresholds(DEFAULT_GROWTH_THRESHOLDS, { rates: true })}")
  --alpha A                 significance level, shared by the total and the rows of a sample type
                            (default ${DEFAULT_GROWTH_ALPHA})
  --sample-index S[,S…]     sample types (default inuse_space,inuse_objects,alloc_space for heap
                            profiles; alloc_* are reported as rates, gated only when thresholds name them)
  --granularity G           functions (default), lines or files
  --top N                   hotspots per sample type in the reports (default 10; 0 = all)
  --format F                text (default), markdown, json or html (a self-contained chart)
  --output FILE             write the report to FILE instead of stdout
  --ignore REGEX            leave out functions whose name matches
  --max-profile-bytes N     refuse profiles larger than N bytes (default 268435456)

Exit status: 0 no regression, 1 regression found, 2 bad input or usage.`;
class UsageError extends Error {
}
function nonNegativeInt(flag, value) {
    if (!/^\d+$/.test(value))
        throw new UsageError(`${flag} takes a whole number, got "${value}"`);
    return Number(value);
}
function parseDiffArgs(argv) {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                base: { type: 'string', multiple: true },
                head: { type: 'string', multiple: true },
                mode: { type: 'string', default: 'auto' },
                alpha: { type: 'string', default: String(DEFAULT_ALPHA) },
                'sample-index': { type: 'string' },
                granularity: { type: 'string', default: 'functions' },
                normalize: { type: 'boolean', default: false },
                top: { type: 'string', default: '10' },
                format: { type: 'string', default: 'text' },
                output: { type: 'string' },
                'max-profile-bytes': { type: 'string', default: String(256 * 1024 * 1024) },
                thresholds: { type: 'string', default: '' },
                ignore: { type: 'string' },
            },
            strict: true,
            allowPositionals: false,
        });
    }
    catch (err) {
        throw new UsageError(err.message);
    }
    const v = parsed.values;
    if (!v.base?.length)
        throw new UsageError('--base FILE is required');
    if (!v.head?.length)
        throw new UsageError('--head FILE is required');
    if (!['auto', 'exact', 'statistical'].includes(v.mode))
        throw new UsageError(`--mode must be auto, exact or statistical, got "${v.mode}"`);
    return {
        ...checkCommon(v),
        thresholds: v.thresholds,
        base: expandPatterns('--base', v.base),
        head: expandPatterns('--head', v.head),
        mode: v.mode === 'auto' ? undefined : v.mode,
        normalize: v.normalize,
    };
}
/** Quoted globs expanded; a plain path is kept as given, so that a missing file is reported by whoever opens it. */
function expandPatterns(flag, patterns) {
    return patterns.flatMap((pattern) => {
        const files = hasGlob(pattern) ? glob([pattern], process.cwd()).files.map((f) => relativePath(process.cwd(), f)) : [pattern];
        if (files.length === 0)
            throw new UsageError(`${flag} ${pattern}: no file matches`);
        return files;
    });
}
/** The options diff and growth share, checked one way. */
function checkCommon(v) {
    const alpha = Number(v.alpha);
    if (!(alpha > 0 && alpha < 1))
        throw new UsageError(`--alpha must be a number between 0 and 1, got "${v.alpha}"`);
    if (!GRANULARITIES.includes(v.granularity)) {
        throw new UsageError(`--granularity must be one of ${GRANULARITIES.join(', ')}, got "${v.granularity}"`);
    }
    if (!FORMATS.includes(v.format))
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${v.format}"`);
    const maxProfileBytes = nonNegativeInt('--max-profile-bytes', v['max-profile-bytes']);
    if (maxProfileBytes === 0)
        throw new UsageError('--max-profile-bytes must be positive');
    let ignore;
    if (v.ignore) {
        try {
            ignore = new RegExp(v.ignore);
        }
        catch (err) {
            throw new UsageError(`--ignore is not a valid regular expression: ${err.message}`);
        }
    }
    return {
        alpha,
        ignore,
        sampleIndexes: (v['sample-index'] ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        granularity: v.granularity,
        top: nonNegativeInt('--top', v.top),
        format: v.format,
        output: v.output,
        maxProfileBytes,
    };
}
function parseGrowthArgs(argv) {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                head: { type: 'string', multiple: true },
                base: { type: 'string', multiple: true },
                interval: { type: 'string' },
                warmup: { type: 'string', default: '' },
                thresholds: { type: 'string', default: '' },
                alpha: { type: 'string', default: String(DEFAULT_GROWTH_ALPHA) },
                'sample-index': { type: 'string' },
                granularity: { type: 'string', default: 'functions' },
                top: { type: 'string', default: '10' },
                format: { type: 'string', default: 'text' },
                output: { type: 'string' },
                ignore: { type: 'string' },
                'max-profile-bytes': { type: 'string', default: String(256 * 1024 * 1024) },
            },
            strict: true,
            allowPositionals: false,
        });
    }
    catch (err) {
        throw new UsageError(err.message);
    }
    const v = parsed.values;
    if (!v.head?.length)
        throw new UsageError('--head GLOB is required');
    const common = checkCommon(v);
    let intervalSeconds;
    if (v.interval !== undefined) {
        const d = parseDuration(v.interval);
        if (d === null || d <= 0)
            throw new UsageError(`--interval takes a duration such as 30s or 1m, got "${v.interval}"`);
        intervalSeconds = d;
    }
    const warmup = parseWarmup(v.warmup);
    if (warmup === null)
        throw new UsageError(`--warmup takes a duration (2m) or a number of snapshots (3), got "${v.warmup}"`);
    let thresholds;
    try {
        thresholds = parseThresholds(v.thresholds, DEFAULT_GROWTH_THRESHOLDS, { rates: true });
    }
    catch (err) {
        if (err instanceof ThresholdError)
            throw new UsageError(`--thresholds: ${err.message}`);
        throw err;
    }
    return {
        ...common,
        head: expandPatterns('--head', v.head),
        base: v.base?.length ? expandPatterns('--base', v.base) : [],
        intervalSeconds,
        warmup,
        thresholds,
    };
}
async function runGrowth(args) {
    const limits = { maxFileBytes: args.maxProfileBytes, maxDecompressedBytes: args.maxProfileBytes };
    const load = (files) => Promise.all(files.map(async (file) => ({ file, profile: await readProfileFile(file, limits) })));
    const options = {
        name: seriesName(args.head),
        sampleIndexes: args.sampleIndexes,
        granularity: args.granularity,
        alpha: args.alpha,
        warmup: args.warmup,
        intervalSeconds: args.intervalSeconds,
    };
    const analyses = analyzeSeries(await load(args.head), options);
    if (args.base.length > 0)
        attachBase(analyses, analyzeSeries(await load(args.base), options));
    if (args.ignore)
        ignoreSeriesRows(analyses, args.ignore);
    const regressions = applyGrowthGate(analyses, args.thresholds);
    const report = args.format === 'json'
        ? renderGrowthJson(analyses, regressions, args)
        : args.format === 'markdown'
            ? renderGrowthMarkdown(analyses, args)
            : args.format === 'html'
                ? renderGrowthHtml(analyses)
                : renderGrowthText(analyses, args);
    if (args.output)
        writeFileSync(args.output, report);
    else
        process.stdout.write(report);
    if (regressions.length > 0) {
        const more = regressions.length > 1 ? ` (and ${regressions.length - 1} more)` : '';
        process.stderr.write(`pprof-gate: regression: ${escapeText(describeGrowthRegression(regressions[0]))}${more}\n`);
    }
    return regressions.length > 0 ? 1 : 0;
}
async function runDiff(args) {
    let thresholds;
    try {
        thresholds = parseThresholds(args.thresholds);
    }
    catch (err) {
        if (err instanceof ThresholdError)
            throw new UsageError(`--thresholds: ${err.message}`);
        throw err;
    }
    const limits = { maxFileBytes: args.maxProfileBytes, maxDecompressedBytes: args.maxProfileBytes };
    const load = (files) => Promise.all(files.map(async (file) => ({ file, profile: await readProfileFile(file, limits) })));
    const [bases, heads] = await Promise.all([load(args.base), load(args.head)]);
    const comparisons = compareProfiles(bases, heads, {
        sampleIndexes: args.sampleIndexes,
        granularity: args.granularity,
        normalize: args.normalize,
        inlineLabels: args.format === 'text',
        name: groupKey(basename$1(args.head[0])),
        mode: args.mode,
        alpha: args.alpha,
    });
    if (args.ignore)
        ignoreRows(comparisons, args.ignore);
    const gate = applyGate(comparisons, thresholds);
    if (args.format === 'html') {
        if (!args.output && comparisons.length > 1) {
            const types = comparisons.map((c) => c.sampleIndex).join(', ');
            throw new UsageError(`--format html writes one file per sample type (${types}): give --output FILE, or a single --sample-index`);
        }
        const pages = renderHtmlReports(bases.map((b) => b.profile), heads.map((h) => h.profile), comparisons);
        if (!args.output)
            process.stdout.write(pages[0]);
        else {
            const paths = htmlOutputPaths(args.output, comparisons);
            paths.forEach((path, i) => writeFileSync(path, pages[i]));
            if (paths.length > 1)
                process.stderr.write(`pprof-gate: wrote ${paths.join(', ')}\n`);
        }
    }
    else {
        const report = renderReport(comparisons, args.format, { top: args.top });
        if (args.output)
            writeFileSync(args.output, report);
        else
            process.stdout.write(report);
    }
    if (gate.regression) {
        const reasons = regressionReasons(gate.regressions);
        process.stderr.write(`pprof-gate: regression: ${escapeText(reasons[0])}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}\n`);
    }
    return gate.regression ? 1 : 0;
}
async function main(argv) {
    const [command, ...rest] = argv;
    try {
        if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
            process.stdout.write(`${USAGE}\n`);
            return command === undefined ? 2 : 0;
        }
        if (command !== 'diff' && command !== 'growth')
            throw new UsageError(`unknown command "${command}" (try: pprof-gate --help)`);
        if (rest.includes('--help') || rest.includes('-h')) {
            process.stdout.write(`${command === 'growth' ? GROWTH_USAGE : USAGE}\n`);
            return 0;
        }
        return command === 'growth' ? await runGrowth(parseGrowthArgs(rest)) : await runDiff(parseDiffArgs(rest));
    }
    catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`pprof-gate: ${err.message}\n`);
            return 2;
        }
        if (err instanceof ProfileError) {
            process.stderr.write(`pprof-gate: ${err.message}\n`);
            return 2;
        }
        throw err;
    }
}
main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`pprof-gate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 3;
});

export { main };
