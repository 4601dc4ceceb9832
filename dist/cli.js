#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { basename as basename$1 } from 'node:path';
import { parseArgs } from 'node:util';
import { stat, readFile } from 'node:fs/promises';

/**
 * The one error type for input that is not a usable profile. Callers (CLI, action) turn it into a
 * one-line message naming the file; anything else escaping the decoder is a bug.
 */
class ProfileError extends Error {
    /** File the profile came from, when known ('' otherwise). */
    file;
    /** What was wrong, without the file name. */
    reason;
    constructor(reason, file = '') {
        super(file ? `${file}: ${reason}` : reason);
        this.name = 'ProfileError';
        this.file = file;
        this.reason = reason;
    }
    /** The same error, attributed to a file. */
    withFile(file) {
        return new ProfileError(this.reason, file);
    }
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

/**
 * Why a goroutine is parked, from the runtime (or standard-library wait primitive) frame just
 * below its wait site. Checked leaf first; the first known frame names the reason.
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
    [/^(sync\.runtime_(Semacquire|SemacquireMutex|SemacquireRWMutexR?|SemacquireWaitGroup|notifyListWait)|runtime\.semacquire1?)$/, 'semacquire'],
    [/^(time\.Sleep|runtime\.timeSleep)$/, 'sleep'],
    [/^(internal\/poll\.runtime_pollWait|runtime\.netpollblock|runtime\.netpoll)$/, 'IO wait'],
    [/^runtime\.gopark(unlock)?$/, 'parked'],
];
/** Frames that are the machinery of waiting, not the user's code. */
function isWaitMachinery(name) {
    return (name.startsWith('runtime.') ||
        name.startsWith('sync.') ||
        name.startsWith('internal/') ||
        name === 'time.Sleep');
}
function waitReason(machinery) {
    if (machinery.length === 0)
        return 'running';
    for (const name of machinery) {
        for (const [pattern, reason] of WAIT_REASONS)
            if (pattern.test(name))
                return reason;
    }
    return machinery[0];
}
function tally(profile, values, groups, side) {
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
        const waitSite = site < frames.length ? frames[site] : frames[frames.length - 1] ?? '?';
        const reason = waitReason(frames.slice(0, site));
        let root = frames.length - 1;
        while (root > 0 && frames[root].startsWith('runtime.'))
            root--;
        const entry = frames[root] ?? '?';
        const key = `${waitSite}\u0000${reason}\u0000${entry}`;
        let t = groups.get(key);
        if (!t) {
            t = { waitSite, waitReason: reason, entry, base: 0, head: 0 };
            groups.set(key, t);
        }
        t[side] += v;
    }
}
/**
 * Goroutines grouped by where they wait, why, and what started them; every group whose count
 * changed, biggest growth first.
 */
function goroutineGroups(base, baseValues, head, headValues) {
    const groups = new Map();
    tally(base, baseValues, groups, 'base');
    tally(head, headValues, groups, 'head');
    const out = [];
    for (const t of groups.values()) {
        const delta = t.head - t.base;
        if (delta !== 0)
            out.push({ ...t, delta });
    }
    out.sort((a, b) => b.delta - a.delta || (a.waitSite < b.waitSite ? -1 : a.waitSite > b.waitSite ? 1 : 0) || (a.waitReason < b.waitReason ? -1 : a.waitReason > b.waitReason ? 1 : 0) || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
    return out;
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
            this.nodes.push({ name, file, line, objfile, startLine, label: printableName(name, file, line, objfile), tieKey: `{${name}  0 ${file} ${startLine} ${line} ${objfile}}` });
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
function basename(path) {
    const trimmed = path.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    return i < 0 ? trimmed || '.' : trimmed.slice(i + 1) || '/';
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
    let total = 0;
    for (let s = 0; s < profile.sampleCount; s++) {
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
            for (let f = frameStart[loc]; f < frameStart[loc + 1]; f++) {
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
/** `go tool pprof -top -diff_base=BASE HEAD` as data: every row whose flat or cum changed. */
function diffProfiles(base, head, options) {
    checkCompatible(base, head);
    const si = requireSampleIndex(base, options.sampleIndex);
    const baseValues = column(base, si);
    let headValues = column(head, si);
    if (options.normalize)
        headValues = normalizeValues(headValues, signedSum(baseValues));
    const table = new NodeTable();
    const baseFrames = locationFrames(base, options.granularity, table);
    const headFrames = locationFrames(head, options.granularity, table);
    const n = table.size;
    const b = accumulate(base, baseValues, baseFrames, n);
    const h = accumulate(head, headValues, headFrames, n);
    const inline = options.inlineLabels
        ? inlineMarkers([
            { profile: base, values: baseValues, lf: baseFrames },
            { profile: head, values: headValues, lf: headFrames },
        ], n)
        : null;
    const rows = [];
    for (let i = 0; i < n; i++) {
        const flatDelta = h.flat[i] - b.flat[i];
        const cumDelta = h.cum[i] - b.cum[i];
        if (flatDelta === 0 && cumDelta === 0)
            continue;
        const node = table.nodes[i];
        rows.push({
            label: node.label,
            name: node.name || node.label,
            file: node.file,
            line: node.line,
            baseFlat: b.flat[i],
            headFlat: h.flat[i],
            flatDelta,
            baseCum: b.cum[i],
            headCum: h.cum[i],
            cumDelta,
            isNew: b.flat[i] === 0 && b.cum[i] === 0,
            inline: inline ? inline[i] : '',
            tie: node.tieKey,
        });
    }
    rows.sort((x, y) => compareRows(x, y, x.tie, y.tie));
    const comparison = {
        profile: options.profileName ?? '',
        sampleIndex: options.sampleIndex,
        unit: base.sampleTypes[si].unit,
        granularity: options.granularity,
        normalized: options.normalize,
        baseTotal: b.total,
        headTotal: h.total,
        baseSum: signedSum(baseValues),
        headSum: signedSum(headValues),
        rows: rows.map(({ tie: _tie, ...row }) => row),
    };
    if (isGoroutineProfile(base))
        comparison.goroutineGroups = goroutineGroups(base, baseValues, head, headValues);
    return comparison;
}
function isGoroutineProfile(profile) {
    return profile.sampleTypes.length === 1 && profile.sampleTypes[0].type === 'goroutine';
}
/** pprof's percentage denominator for a diff: the base's Σ|v|, or everything when the base is empty. */
function percentBase(c) {
    return c.baseTotal > 0 ? c.baseTotal : c.headTotal;
}

/**
 * Every requested sample type of one base/head pair. Errors name the file at fault: a sample type
 * one of them lacks, or a pair of different kinds.
 */
function compareProfiles(base, head, options) {
    try {
        checkCompatible(base.profile, head.profile);
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw new ProfileError(`${err.reason} (base ${base.file})`, head.file);
        throw err;
    }
    const indexes = options.sampleIndexes.length > 0 ? options.sampleIndexes : defaultSampleIndexes(base.profile);
    for (const s of indexes) {
        for (const side of [base, head]) {
            try {
                requireSampleIndex(side.profile, s);
            }
            catch (err) {
                if (err instanceof ProfileError)
                    throw err.withFile(side.file);
                throw err;
            }
        }
    }
    return indexes.map((sampleIndex) => diffProfiles(base.profile, head.profile, {
        sampleIndex,
        granularity: options.granularity,
        normalize: options.normalize,
        inlineLabels: options.inlineLabels,
        profileName: options.name,
    }));
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
 * Thresholds from text, one sample type per line or comma: "inuse_space: 5% 1MiB". Either part
 * may be left out (it then does not constrain). Types not named keep their defaults.
 */
function parseThresholds(text, defaults = DEFAULT_THRESHOLDS) {
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
        for (const token of tokens) {
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
 * growth cross their sample type's threshold. Rows are marked in place (`regression`).
 */
function applyGate(comparisons, thresholds) {
    const reasons = [];
    for (const c of comparisons) {
        const t = thresholdFor(thresholds, c.sampleIndex);
        const total = percentBase(c);
        const where = `${c.profile ? `${c.profile} ` : ''}${c.sampleIndex}`;
        const totalGrowth = c.headSum - c.baseSum;
        c.regression = exceeds(totalGrowth, Math.abs(c.baseSum), t);
        if (c.regression)
            reasons.push(`${where}: total grew by ${totalGrowth} ${c.unit} (${c.baseSum} → ${c.headSum})`);
        for (const g of c.goroutineGroups ?? []) {
            g.regression = exceeds(g.delta, total, t);
            if (g.regression)
                reasons.push(`${where}: ${describeGroup(g)}`);
        }
        for (const r of c.rows) {
            r.regression = exceeds(r.flatDelta, total, t);
            // For goroutine profiles the groups say where; the rows (all runtime.gopark) add nothing.
            if (r.regression && !c.goroutineGroups)
                reasons.push(`${where}: ${r.label} grew by ${r.flatDelta} ${c.unit}`);
        }
    }
    return { regression: reasons.length > 0, reasons };
}
/** Leave out rows (and goroutine groups) whose function name matches. */
function ignoreRows(comparisons, ignore) {
    for (const c of comparisons) {
        c.rows = c.rows.filter((r) => !ignore.test(r.name));
        if (c.goroutineGroups)
            c.goroutineGroups = c.goroutineGroups.filter((g) => !ignore.test(g.waitSite) && !ignore.test(g.entry));
    }
}

//#region src/zlib/trees.mjs
function zero$1(buf) {
	let len = buf.length;
	while (--len >= 0) buf[len] = 0;
}
var LENGTH_CODES = 29;
var D_CODES = 30;
var DIST_CODE_LEN = 512;
var static_ltree = new Array(288 * 2);
zero$1(static_ltree);
var static_dtree = new Array(D_CODES * 2);
zero$1(static_dtree);
var _dist_code = new Array(DIST_CODE_LEN);
zero$1(_dist_code);
var _length_code = new Array(256);
zero$1(_length_code);
var base_length = new Array(LENGTH_CODES);
zero$1(base_length);
var base_dist = new Array(D_CODES);
zero$1(base_dist);
//#endregion
//#region src/zlib/adler32.mjs
var adler32 = (adler, buf, len, pos) => {
	let s1 = adler & 65535 | 0, s2 = adler >>> 16 & 65535 | 0, n = 0;
	while (len !== 0) {
		n = len > 2e3 ? 2e3 : len;
		len -= n;
		do {
			s1 = s1 + buf[pos++] | 0;
			s2 = s2 + s1 | 0;
		} while (--n);
		s1 %= 65521;
		s2 %= 65521;
	}
	return s1 | s2 << 16 | 0;
};
//#endregion
//#region src/zlib/crc32.mjs
var makeTable = () => {
	const table = new Uint32Array(256 * 8);
	let c;
	for (let n = 0; n < 256; n++) {
		c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
		table[n] = c;
	}
	for (let n = 0; n < 256; n++) {
		c = table[n];
		for (let k = 256; k < 256 * 8; k += 256) {
			c = table[c & 255] ^ c >>> 8;
			table[k + n] = c;
		}
	}
	return table;
};
var crcTable = makeTable();
var crc32 = (crc, buf, len, pos) => {
	const t = crcTable;
	const end = pos + len;
	let i = pos;
	crc ^= -1;
	for (const end8 = end - 7; i < end8; i += 8) {
		crc ^= buf[i] | buf[i + 1] << 8 | buf[i + 2] << 16 | buf[i + 3] << 24;
		crc = t[1792 + (crc & 255)] ^ t[1536 + (crc >>> 8 & 255)] ^ t[1280 + (crc >>> 16 & 255)] ^ t[1024 + (crc >>> 24)] ^ t[768 + buf[i + 4]] ^ t[512 + buf[i + 5]] ^ t[256 + buf[i + 6]] ^ t[buf[i + 7]];
	}
	for (; i < end; i++) crc = crc >>> 8 ^ t[(crc ^ buf[i]) & 255];
	return crc ^ -1;
};
//#endregion
//#region src/zlib/messages.mjs
var messages_default = {
	2: "need dictionary",
	1: "stream end",
	0: "",
	"-1": "file error",
	"-2": "stream error",
	"-3": "data error",
	"-4": "insufficient memory",
	"-5": "buffer error",
	"-6": "incompatible version"
};
//#endregion
//#region src/zlib/inffast.mjs
var BAD$1 = 16209;
var TYPE$1 = 16191;
function inflate_fast(strm, start) {
	let _in;
	let last;
	let _out;
	let beg;
	let end;
	let dmax;
	let wsize;
	let whave;
	let wnext;
	let s_window;
	let hold;
	let bits;
	let lcode;
	let dcode;
	let lmask;
	let dmask;
	let here;
	let op;
	let len;
	let dist;
	let from;
	let from_source;
	let input, output;
	const state = strm.state;
	_in = strm.next_in;
	input = strm.input;
	last = _in + (strm.avail_in - 5);
	_out = strm.next_out;
	output = strm.output;
	beg = _out - (start - strm.avail_out);
	end = _out + (strm.avail_out - 257);
	dmax = state.dmax;
	wsize = state.wsize;
	whave = state.whave;
	wnext = state.wnext;
	s_window = state.window;
	hold = state.hold;
	bits = state.bits;
	lcode = state.lencode;
	dcode = state.distcode;
	lmask = (1 << state.lenbits) - 1;
	dmask = (1 << state.distbits) - 1;
	top: do {
		if (bits < 15) {
			hold += input[_in++] << bits;
			bits += 8;
			hold += input[_in++] << bits;
			bits += 8;
		}
		here = lcode[hold & lmask];
		dolen: for (;;) {
			op = here >>> 24;
			hold >>>= op;
			bits -= op;
			op = here >>> 16 & 255;
			if (op === 0) output[_out++] = here & 65535;
			else if (op & 16) {
				len = here & 65535;
				op &= 15;
				if (op) {
					if (bits < op) {
						hold += input[_in++] << bits;
						bits += 8;
					}
					len += hold & (1 << op) - 1;
					hold >>>= op;
					bits -= op;
				}
				if (bits < 15) {
					hold += input[_in++] << bits;
					bits += 8;
					hold += input[_in++] << bits;
					bits += 8;
				}
				here = dcode[hold & dmask];
				dodist: for (;;) {
					op = here >>> 24;
					hold >>>= op;
					bits -= op;
					op = here >>> 16 & 255;
					if (op & 16) {
						dist = here & 65535;
						op &= 15;
						if (bits < op) {
							hold += input[_in++] << bits;
							bits += 8;
							if (bits < op) {
								hold += input[_in++] << bits;
								bits += 8;
							}
						}
						dist += hold & (1 << op) - 1;
						if (dist > dmax) {
							strm.msg = "invalid distance too far back";
							state.mode = BAD$1;
							break top;
						}
						hold >>>= op;
						bits -= op;
						op = _out - beg;
						if (dist > op) {
							op = dist - op;
							if (op > whave) {
								if (state.sane) {
									strm.msg = "invalid distance too far back";
									state.mode = BAD$1;
									break top;
								}
							}
							from = 0;
							from_source = s_window;
							if (wnext === 0) {
								from += wsize - op;
								if (op < len) {
									len -= op;
									do
										output[_out++] = s_window[from++];
									while (--op);
									from = _out - dist;
									from_source = output;
								}
							} else if (wnext < op) {
								from += wsize + wnext - op;
								op -= wnext;
								if (op < len) {
									len -= op;
									do
										output[_out++] = s_window[from++];
									while (--op);
									from = 0;
									if (wnext < len) {
										op = wnext;
										len -= op;
										do
											output[_out++] = s_window[from++];
										while (--op);
										from = _out - dist;
										from_source = output;
									}
								}
							} else {
								from += wnext - op;
								if (op < len) {
									len -= op;
									do
										output[_out++] = s_window[from++];
									while (--op);
									from = _out - dist;
									from_source = output;
								}
							}
							while (len > 2) {
								output[_out++] = from_source[from++];
								output[_out++] = from_source[from++];
								output[_out++] = from_source[from++];
								len -= 3;
							}
							if (len) {
								output[_out++] = from_source[from++];
								if (len > 1) output[_out++] = from_source[from++];
							}
						} else {
							from = _out - dist;
							do {
								output[_out++] = output[from++];
								output[_out++] = output[from++];
								output[_out++] = output[from++];
								len -= 3;
							} while (len > 2);
							if (len) {
								output[_out++] = output[from++];
								if (len > 1) output[_out++] = output[from++];
							}
						}
					} else if ((op & 64) === 0) {
						here = dcode[(here & 65535) + (hold & (1 << op) - 1)];
						continue dodist;
					} else {
						strm.msg = "invalid distance code";
						state.mode = BAD$1;
						break top;
					}
					break;
				}
			} else if ((op & 64) === 0) {
				here = lcode[(here & 65535) + (hold & (1 << op) - 1)];
				continue dolen;
			} else if (op & 32) {
				state.mode = TYPE$1;
				break top;
			} else {
				strm.msg = "invalid literal/length code";
				state.mode = BAD$1;
				break top;
			}
			break;
		}
	} while (_in < last && _out < end);
	len = bits >> 3;
	_in -= len;
	bits -= len << 3;
	hold &= (1 << bits) - 1;
	strm.next_in = _in;
	strm.next_out = _out;
	strm.avail_in = _in < last ? 5 + (last - _in) : 5 - (_in - last);
	strm.avail_out = _out < end ? 257 + (end - _out) : 257 - (_out - end);
	state.hold = hold;
	state.bits = bits;
}
//#endregion
//#region src/zlib/inftrees.mjs
var MAXBITS = 15;
var ENOUGH_LENS$1 = 852;
var ENOUGH_DISTS$1 = 592;
var CODES$1 = 0;
var LENS$1 = 1;
var DISTS$1 = 2;
var lbase = new Uint16Array([
	3,
	4,
	5,
	6,
	7,
	8,
	9,
	10,
	11,
	13,
	15,
	17,
	19,
	23,
	27,
	31,
	35,
	43,
	51,
	59,
	67,
	83,
	99,
	115,
	131,
	163,
	195,
	227,
	258,
	0,
	0
]);
var lext = new Uint8Array([
	16,
	16,
	16,
	16,
	16,
	16,
	16,
	16,
	17,
	17,
	17,
	17,
	18,
	18,
	18,
	18,
	19,
	19,
	19,
	19,
	20,
	20,
	20,
	20,
	21,
	21,
	21,
	21,
	16,
	199,
	75
]);
var dbase = new Uint16Array([
	1,
	2,
	3,
	4,
	5,
	7,
	9,
	13,
	17,
	25,
	33,
	49,
	65,
	97,
	129,
	193,
	257,
	385,
	513,
	769,
	1025,
	1537,
	2049,
	3073,
	4097,
	6145,
	8193,
	12289,
	16385,
	24577,
	0,
	0
]);
var dext = new Uint8Array([
	16,
	16,
	16,
	16,
	17,
	17,
	18,
	18,
	19,
	19,
	20,
	20,
	21,
	21,
	22,
	22,
	23,
	23,
	24,
	24,
	25,
	25,
	26,
	26,
	27,
	27,
	28,
	28,
	29,
	29,
	64,
	64
]);
var inflate_table = (type, lens, lens_index, codes, table, table_index, work, opts) => {
	const bits = opts.bits;
	let len = 0;
	let sym = 0;
	let min = 0, max = 0;
	let root = 0;
	let curr = 0;
	let drop = 0;
	let left = 0;
	let used = 0;
	let huff = 0;
	let incr;
	let fill;
	let low;
	let mask;
	let next;
	let base = null;
	let match;
	const count = /* @__PURE__ */ new Uint16Array(16);
	const offs = /* @__PURE__ */ new Uint16Array(16);
	let extra = null;
	let here_bits, here_op, here_val;
	for (len = 0; len <= MAXBITS; len++) count[len] = 0;
	for (sym = 0; sym < codes; sym++) count[lens[lens_index + sym]]++;
	root = bits;
	for (max = MAXBITS; max >= 1; max--) if (count[max] !== 0) break;
	if (root > max) root = max;
	if (max === 0) {
		table[table_index++] = 20971520;
		table[table_index++] = 20971520;
		opts.bits = 1;
		return 0;
	}
	for (min = 1; min < max; min++) if (count[min] !== 0) break;
	if (root < min) root = min;
	left = 1;
	for (len = 1; len <= MAXBITS; len++) {
		left <<= 1;
		left -= count[len];
		if (left < 0) return -1;
	}
	if (left > 0 && (type === CODES$1 || max !== 1)) return -1;
	offs[1] = 0;
	for (len = 1; len < MAXBITS; len++) offs[len + 1] = offs[len] + count[len];
	for (sym = 0; sym < codes; sym++) if (lens[lens_index + sym] !== 0) work[offs[lens[lens_index + sym]]++] = sym;
	if (type === CODES$1) {
		base = extra = work;
		match = 20;
	} else if (type === LENS$1) {
		base = lbase;
		extra = lext;
		match = 257;
	} else {
		base = dbase;
		extra = dext;
		match = 0;
	}
	huff = 0;
	sym = 0;
	len = min;
	next = table_index;
	curr = root;
	drop = 0;
	low = -1;
	used = 1 << root;
	mask = used - 1;
	if (type === LENS$1 && used > ENOUGH_LENS$1 || type === DISTS$1 && used > ENOUGH_DISTS$1) return 1;
	for (;;) {
		here_bits = len - drop;
		if (work[sym] + 1 < match) {
			here_op = 0;
			here_val = work[sym];
		} else if (work[sym] >= match) {
			here_op = extra[work[sym] - match];
			here_val = base[work[sym] - match];
		} else {
			here_op = 96;
			here_val = 0;
		}
		incr = 1 << len - drop;
		fill = 1 << curr;
		min = fill;
		do {
			fill -= incr;
			table[next + (huff >> drop) + fill] = here_bits << 24 | here_op << 16 | here_val | 0;
		} while (fill !== 0);
		incr = 1 << len - 1;
		while (huff & incr) incr >>= 1;
		if (incr !== 0) {
			huff &= incr - 1;
			huff += incr;
		} else huff = 0;
		sym++;
		if (--count[len] === 0) {
			if (len === max) break;
			len = lens[lens_index + work[sym]];
		}
		if (len > root && (huff & mask) !== low) {
			if (drop === 0) drop = root;
			next += min;
			curr = len - drop;
			left = 1 << curr;
			while (curr + drop < max) {
				left -= count[curr + drop];
				if (left <= 0) break;
				curr++;
				left <<= 1;
			}
			used += 1 << curr;
			if (type === LENS$1 && used > ENOUGH_LENS$1 || type === DISTS$1 && used > ENOUGH_DISTS$1) return 1;
			low = huff & mask;
			table[low] = root << 24 | curr << 16 | next - table_index | 0;
		}
	}
	if (huff !== 0) table[next + huff] = len - drop << 24 | 4194304;
	opts.bits = root;
	return 0;
};
//#endregion
//#region src/zlib/inflate.mjs
var CODES = 0;
var LENS = 1;
var DISTS = 2;
var HEAD = 16180;
var FLAGS = 16181;
var TIME = 16182;
var OS = 16183;
var EXLEN = 16184;
var EXTRA = 16185;
var NAME = 16186;
var COMMENT = 16187;
var HCRC = 16188;
var DICTID = 16189;
var DICT = 16190;
var TYPE = 16191;
var TYPEDO = 16192;
var STORED = 16193;
var COPY_ = 16194;
var COPY = 16195;
var TABLE = 16196;
var LENLENS = 16197;
var CODELENS = 16198;
var LEN_ = 16199;
var LEN$1 = 16200;
var LENEXT = 16201;
var DIST = 16202;
var DISTEXT = 16203;
var MATCH = 16204;
var LIT = 16205;
var CHECK = 16206;
var LENGTH = 16207;
var DONE = 16208;
var BAD = 16209;
var MEM = 16210;
var SYNC = 16211;
var ENOUGH_LENS = 852;
var ENOUGH_DISTS = 592;
var zswap32 = (q) => {
	return (q >>> 24 & 255) + (q >>> 8 & 65280) + ((q & 65280) << 8) + ((q & 255) << 24);
};
var InflateState = class {
	constructor() {
		this.strm = null;
		this.mode = 0;
		this.last = false;
		this.wrap = 0;
		this.havedict = false;
		this.flags = 0;
		this.dmax = 0;
		this.check = 0;
		this.total = 0;
		this.head = null;
		this.wbits = 0;
		this.wsize = 0;
		this.whave = 0;
		this.wnext = 0;
		this.window = null;
		this.hold = 0;
		this.bits = 0;
		this.length = 0;
		this.offset = 0;
		this.extra = 0;
		this.lencode = null;
		this.distcode = null;
		this.lenbits = 0;
		this.distbits = 0;
		this.ncode = 0;
		this.nlen = 0;
		this.ndist = 0;
		this.have = 0;
		this.next = null;
		this.lens = /* @__PURE__ */ new Uint16Array(320);
		this.work = /* @__PURE__ */ new Uint16Array(288);
		this.lendyn = null;
		this.distdyn = null;
		this.sane = 0;
		this.back = 0;
		this.was = 0;
	}
};
var inflateStateCheck = (strm) => {
	if (!strm) return 1;
	const state = strm.state;
	if (!state || state.strm !== strm || state.mode < HEAD || state.mode > SYNC) return 1;
	return 0;
};
var inflateResetKeep = (strm) => {
	if (inflateStateCheck(strm)) return -2;
	const state = strm.state;
	strm.total_in = strm.total_out = state.total = 0;
	strm.msg = "";
	if (state.wrap) strm.adler = state.wrap & 1;
	state.mode = HEAD;
	state.last = 0;
	state.havedict = 0;
	state.flags = -1;
	state.dmax = 32768;
	state.head = null;
	state.hold = 0;
	state.bits = 0;
	state.lencode = state.lendyn = new Int32Array(ENOUGH_LENS);
	state.distcode = state.distdyn = new Int32Array(ENOUGH_DISTS);
	state.sane = 1;
	state.back = -1;
	return 0;
};
var inflateReset = (strm) => {
	if (inflateStateCheck(strm)) return -2;
	const state = strm.state;
	state.wsize = 0;
	state.whave = 0;
	state.wnext = 0;
	return inflateResetKeep(strm);
};
var inflateReset2 = (strm, windowBits) => {
	let wrap;
	if (inflateStateCheck(strm)) return -2;
	const state = strm.state;
	if (windowBits < 0) {
		wrap = 0;
		windowBits = -windowBits;
	} else {
		wrap = (windowBits >> 4) + 5;
		if (windowBits < 48) windowBits &= 15;
	}
	if (windowBits && (windowBits < 8 || windowBits > 15)) return -2;
	if (state.window !== null && state.wbits !== windowBits) state.window = null;
	state.wrap = wrap;
	state.wbits = windowBits;
	return inflateReset(strm);
};
var inflateInit2 = (strm, windowBits) => {
	if (!strm) return -2;
	const state = new InflateState();
	strm.state = state;
	state.strm = strm;
	state.window = null;
	state.mode = HEAD;
	const ret = inflateReset2(strm, windowBits);
	if (ret !== 0) strm.state = null;
	return ret;
};
var virgin = true;
var lenfix, distfix;
var fixedtables = (state) => {
	if (virgin) {
		lenfix = /* @__PURE__ */ new Int32Array(512);
		distfix = /* @__PURE__ */ new Int32Array(32);
		let sym = 0;
		while (sym < 144) state.lens[sym++] = 8;
		while (sym < 256) state.lens[sym++] = 9;
		while (sym < 280) state.lens[sym++] = 7;
		while (sym < 288) state.lens[sym++] = 8;
		inflate_table(LENS, state.lens, 0, 288, lenfix, 0, state.work, { bits: 9 });
		sym = 0;
		while (sym < 32) state.lens[sym++] = 5;
		inflate_table(DISTS, state.lens, 0, 32, distfix, 0, state.work, { bits: 5 });
		virgin = false;
	}
	state.lencode = lenfix;
	state.lenbits = 9;
	state.distcode = distfix;
	state.distbits = 5;
};
var updatewindow = (strm, src, end, copy) => {
	let dist;
	const state = strm.state;
	if (state.window === null) state.window = new Uint8Array(1 << state.wbits);
	if (state.wsize === 0) {
		state.wsize = 1 << state.wbits;
		state.wnext = 0;
		state.whave = 0;
	}
	if (copy >= state.wsize) {
		state.window.set(src.subarray(end - state.wsize, end), 0);
		state.wnext = 0;
		state.whave = state.wsize;
	} else {
		dist = state.wsize - state.wnext;
		if (dist > copy) dist = copy;
		state.window.set(src.subarray(end - copy, end - copy + dist), state.wnext);
		copy -= dist;
		if (copy) {
			state.window.set(src.subarray(end - copy, end), 0);
			state.wnext = copy;
			state.whave = state.wsize;
		} else {
			state.wnext += dist;
			if (state.wnext === state.wsize) state.wnext = 0;
			if (state.whave < state.wsize) state.whave += dist;
		}
	}
	return 0;
};
var inflate$1 = (strm, flush) => {
	let state;
	let input, output;
	let next;
	let put;
	let have, left;
	let hold;
	let bits;
	let _in, _out;
	let copy;
	let from;
	let from_source;
	let here = 0;
	let here_bits, here_op, here_val;
	let last_bits, last_op, last_val;
	let len;
	let ret;
	const hbuf = /* @__PURE__ */ new Uint8Array(4);
	let opts;
	let n;
	const order = new Uint8Array([
		16,
		17,
		18,
		0,
		8,
		7,
		9,
		6,
		10,
		5,
		11,
		4,
		12,
		3,
		13,
		2,
		14,
		1,
		15
	]);
	if (inflateStateCheck(strm) || !strm.output || !strm.input && strm.avail_in !== 0) return -2;
	state = strm.state;
	if (state.mode === TYPE) state.mode = TYPEDO;
	put = strm.next_out;
	output = strm.output;
	left = strm.avail_out;
	next = strm.next_in;
	input = strm.input;
	have = strm.avail_in;
	hold = state.hold;
	bits = state.bits;
	_in = have;
	_out = left;
	ret = 0;
	inf_leave: for (;;) switch (state.mode) {
		case HEAD:
			if (state.wrap === 0) {
				state.mode = TYPEDO;
				break;
			}
			while (bits < 16) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			if (state.wrap & 2 && hold === 35615) {
				if (state.wbits === 0) state.wbits = 15;
				state.check = 0;
				hbuf[0] = hold & 255;
				hbuf[1] = hold >>> 8 & 255;
				state.check = crc32(state.check, hbuf, 2, 0);
				hold = 0;
				bits = 0;
				state.mode = FLAGS;
				break;
			}
			if (state.head) state.head.done = false;
			if (!(state.wrap & 1) || (((hold & 255) << 8) + (hold >> 8)) % 31) {
				strm.msg = "incorrect header check";
				state.mode = BAD;
				break;
			}
			if ((hold & 15) !== 8) {
				strm.msg = "unknown compression method";
				state.mode = BAD;
				break;
			}
			hold >>>= 4;
			bits -= 4;
			len = (hold & 15) + 8;
			if (state.wbits === 0) state.wbits = len;
			if (len > 15 || len > state.wbits) {
				strm.msg = "invalid window size";
				state.mode = BAD;
				break;
			}
			state.dmax = 1 << state.wbits;
			state.flags = 0;
			strm.adler = state.check = 1;
			state.mode = hold & 512 ? DICTID : TYPE;
			hold = 0;
			bits = 0;
			break;
		case FLAGS:
			while (bits < 16) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			state.flags = hold;
			if ((state.flags & 255) !== 8) {
				strm.msg = "unknown compression method";
				state.mode = BAD;
				break;
			}
			if (state.flags & 57344) {
				strm.msg = "unknown header flags set";
				state.mode = BAD;
				break;
			}
			if (state.head) state.head.text = hold >> 8 & 1;
			if (state.flags & 512 && state.wrap & 4) {
				hbuf[0] = hold & 255;
				hbuf[1] = hold >>> 8 & 255;
				state.check = crc32(state.check, hbuf, 2, 0);
			}
			hold = 0;
			bits = 0;
			state.mode = TIME;
		case TIME:
			while (bits < 32) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			if (state.head) state.head.time = hold >>> 0;
			if (state.flags & 512 && state.wrap & 4) {
				hbuf[0] = hold & 255;
				hbuf[1] = hold >>> 8 & 255;
				hbuf[2] = hold >>> 16 & 255;
				hbuf[3] = hold >>> 24 & 255;
				state.check = crc32(state.check, hbuf, 4, 0);
			}
			hold = 0;
			bits = 0;
			state.mode = OS;
		case OS:
			while (bits < 16) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			if (state.head) {
				state.head.xflags = hold & 255;
				state.head.os = hold >> 8;
			}
			if (state.flags & 512 && state.wrap & 4) {
				hbuf[0] = hold & 255;
				hbuf[1] = hold >>> 8 & 255;
				state.check = crc32(state.check, hbuf, 2, 0);
			}
			hold = 0;
			bits = 0;
			state.mode = EXLEN;
		case EXLEN:
			if (state.flags & 1024) {
				while (bits < 16) {
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				state.length = hold;
				if (state.head) state.head.extra_len = hold;
				if (state.flags & 512 && state.wrap & 4) {
					hbuf[0] = hold & 255;
					hbuf[1] = hold >>> 8 & 255;
					state.check = crc32(state.check, hbuf, 2, 0);
				}
				hold = 0;
				bits = 0;
			} else if (state.head) state.head.extra = null;
			state.mode = EXTRA;
		case EXTRA:
			if (state.flags & 1024) {
				copy = state.length;
				if (copy > have) copy = have;
				if (copy) {
					if (state.head) {
						len = state.head.extra_len - state.length;
						if (!state.head.extra) state.head.extra = new Uint8Array(state.head.extra_len);
						state.head.extra.set(input.subarray(next, next + copy), len);
					}
					if (state.flags & 512 && state.wrap & 4) state.check = crc32(state.check, input, copy, next);
					have -= copy;
					next += copy;
					state.length -= copy;
				}
				if (state.length) break inf_leave;
			}
			state.length = 0;
			state.mode = NAME;
		case NAME:
			if (state.flags & 2048) {
				if (have === 0) break inf_leave;
				copy = 0;
				do {
					len = input[next + copy++];
					if (state.head && len && state.length < 65536) {
						state.head.name += String.fromCharCode(len);
						state.length++;
					}
				} while (len && copy < have);
				if (state.flags & 512 && state.wrap & 4) state.check = crc32(state.check, input, copy, next);
				have -= copy;
				next += copy;
				if (len) break inf_leave;
			} else if (state.head) state.head.name = null;
			state.length = 0;
			state.mode = COMMENT;
		case COMMENT:
			if (state.flags & 4096) {
				if (have === 0) break inf_leave;
				copy = 0;
				do {
					len = input[next + copy++];
					if (state.head && len && state.length < 65536) {
						state.head.comment += String.fromCharCode(len);
						state.length++;
					}
				} while (len && copy < have);
				if (state.flags & 512 && state.wrap & 4) state.check = crc32(state.check, input, copy, next);
				have -= copy;
				next += copy;
				if (len) break inf_leave;
			} else if (state.head) state.head.comment = null;
			state.mode = HCRC;
		case HCRC:
			if (state.flags & 512) {
				while (bits < 16) {
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				if (state.wrap & 4 && hold !== (state.check & 65535)) {
					strm.msg = "header crc mismatch";
					state.mode = BAD;
					break;
				}
				hold = 0;
				bits = 0;
			}
			if (state.head) {
				state.head.hcrc = state.flags >> 9 & 1;
				state.head.done = true;
			}
			strm.adler = state.check = 0;
			state.mode = TYPE;
			break;
		case DICTID:
			while (bits < 32) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			strm.adler = state.check = zswap32(hold);
			hold = 0;
			bits = 0;
			state.mode = DICT;
		case DICT:
			if (state.havedict === 0) {
				strm.next_out = put;
				strm.avail_out = left;
				strm.next_in = next;
				strm.avail_in = have;
				state.hold = hold;
				state.bits = bits;
				return 2;
			}
			strm.adler = state.check = 1;
			state.mode = TYPE;
		case TYPE: if (flush === 5 || flush === 6) break inf_leave;
		case TYPEDO:
			if (state.last) {
				hold >>>= bits & 7;
				bits -= bits & 7;
				state.mode = CHECK;
				break;
			}
			while (bits < 3) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			state.last = hold & 1;
			hold >>>= 1;
			bits -= 1;
			switch (hold & 3) {
				case 0:
					state.mode = STORED;
					break;
				case 1:
					fixedtables(state);
					state.mode = LEN_;
					if (flush === 6) {
						hold >>>= 2;
						bits -= 2;
						break inf_leave;
					}
					break;
				case 2:
					state.mode = TABLE;
					break;
				case 3:
					strm.msg = "invalid block type";
					state.mode = BAD;
			}
			hold >>>= 2;
			bits -= 2;
			break;
		case STORED:
			hold >>>= bits & 7;
			bits -= bits & 7;
			while (bits < 32) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			if ((hold & 65535) !== (hold >>> 16 ^ 65535)) {
				strm.msg = "invalid stored block lengths";
				state.mode = BAD;
				break;
			}
			state.length = hold & 65535;
			hold = 0;
			bits = 0;
			state.mode = COPY_;
			if (flush === 6) break inf_leave;
		case COPY_: state.mode = COPY;
		case COPY:
			copy = state.length;
			if (copy) {
				if (copy > have) copy = have;
				if (copy > left) copy = left;
				if (copy === 0) break inf_leave;
				output.set(input.subarray(next, next + copy), put);
				have -= copy;
				next += copy;
				left -= copy;
				put += copy;
				state.length -= copy;
				break;
			}
			state.mode = TYPE;
			break;
		case TABLE:
			while (bits < 14) {
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			state.nlen = (hold & 31) + 257;
			hold >>>= 5;
			bits -= 5;
			state.ndist = (hold & 31) + 1;
			hold >>>= 5;
			bits -= 5;
			state.ncode = (hold & 15) + 4;
			hold >>>= 4;
			bits -= 4;
			if (state.nlen > 286 || state.ndist > 30) {
				strm.msg = "too many length or distance symbols";
				state.mode = BAD;
				break;
			}
			state.have = 0;
			state.mode = LENLENS;
		case LENLENS:
			while (state.have < state.ncode) {
				while (bits < 3) {
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				state.lens[order[state.have++]] = hold & 7;
				hold >>>= 3;
				bits -= 3;
			}
			while (state.have < 19) state.lens[order[state.have++]] = 0;
			state.lencode = state.lendyn;
			state.lenbits = 7;
			opts = { bits: state.lenbits };
			ret = inflate_table(CODES, state.lens, 0, 19, state.lencode, 0, state.work, opts);
			state.lenbits = opts.bits;
			if (ret) {
				strm.msg = "invalid code lengths set";
				state.mode = BAD;
				break;
			}
			state.have = 0;
			state.mode = CODELENS;
		case CODELENS:
			while (state.have < state.nlen + state.ndist) {
				for (;;) {
					here = state.lencode[hold & (1 << state.lenbits) - 1];
					here_bits = here >>> 24;
					here_op = here >>> 16 & 255;
					here_val = here & 65535;
					if (here_bits <= bits) break;
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				if (here_val < 16) {
					hold >>>= here_bits;
					bits -= here_bits;
					state.lens[state.have++] = here_val;
				} else {
					if (here_val === 16) {
						n = here_bits + 2;
						while (bits < n) {
							if (have === 0) break inf_leave;
							have--;
							hold += input[next++] << bits;
							bits += 8;
						}
						hold >>>= here_bits;
						bits -= here_bits;
						if (state.have === 0) {
							strm.msg = "invalid bit length repeat";
							state.mode = BAD;
							break;
						}
						len = state.lens[state.have - 1];
						copy = 3 + (hold & 3);
						hold >>>= 2;
						bits -= 2;
					} else if (here_val === 17) {
						n = here_bits + 3;
						while (bits < n) {
							if (have === 0) break inf_leave;
							have--;
							hold += input[next++] << bits;
							bits += 8;
						}
						hold >>>= here_bits;
						bits -= here_bits;
						len = 0;
						copy = 3 + (hold & 7);
						hold >>>= 3;
						bits -= 3;
					} else {
						n = here_bits + 7;
						while (bits < n) {
							if (have === 0) break inf_leave;
							have--;
							hold += input[next++] << bits;
							bits += 8;
						}
						hold >>>= here_bits;
						bits -= here_bits;
						len = 0;
						copy = 11 + (hold & 127);
						hold >>>= 7;
						bits -= 7;
					}
					if (state.have + copy > state.nlen + state.ndist) {
						strm.msg = "invalid bit length repeat";
						state.mode = BAD;
						break;
					}
					while (copy--) state.lens[state.have++] = len;
				}
			}
			if (state.mode === BAD) break;
			if (state.lens[256] === 0) {
				strm.msg = "invalid code -- missing end-of-block";
				state.mode = BAD;
				break;
			}
			state.lenbits = 9;
			opts = { bits: state.lenbits };
			ret = inflate_table(LENS, state.lens, 0, state.nlen, state.lencode, 0, state.work, opts);
			state.lenbits = opts.bits;
			if (ret) {
				strm.msg = "invalid literal/lengths set";
				state.mode = BAD;
				break;
			}
			state.distbits = 6;
			state.distcode = state.distdyn;
			opts = { bits: state.distbits };
			ret = inflate_table(DISTS, state.lens, state.nlen, state.ndist, state.distcode, 0, state.work, opts);
			state.distbits = opts.bits;
			if (ret) {
				strm.msg = "invalid distances set";
				state.mode = BAD;
				break;
			}
			state.mode = LEN_;
			if (flush === 6) break inf_leave;
		case LEN_: state.mode = LEN$1;
		case LEN$1:
			if (have >= 6 && left >= 258) {
				strm.next_out = put;
				strm.avail_out = left;
				strm.next_in = next;
				strm.avail_in = have;
				state.hold = hold;
				state.bits = bits;
				inflate_fast(strm, _out);
				put = strm.next_out;
				output = strm.output;
				left = strm.avail_out;
				next = strm.next_in;
				input = strm.input;
				have = strm.avail_in;
				hold = state.hold;
				bits = state.bits;
				if (state.mode === TYPE) state.back = -1;
				break;
			}
			state.back = 0;
			for (;;) {
				here = state.lencode[hold & (1 << state.lenbits) - 1];
				here_bits = here >>> 24;
				here_op = here >>> 16 & 255;
				here_val = here & 65535;
				if (here_bits <= bits) break;
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			if (here_op && (here_op & 240) === 0) {
				last_bits = here_bits;
				last_op = here_op;
				last_val = here_val;
				for (;;) {
					here = state.lencode[last_val + ((hold & (1 << last_bits + last_op) - 1) >> last_bits)];
					here_bits = here >>> 24;
					here_op = here >>> 16 & 255;
					here_val = here & 65535;
					if (last_bits + here_bits <= bits) break;
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				hold >>>= last_bits;
				bits -= last_bits;
				state.back += last_bits;
			}
			hold >>>= here_bits;
			bits -= here_bits;
			state.back += here_bits;
			state.length = here_val;
			if (here_op === 0) {
				state.mode = LIT;
				break;
			}
			if (here_op & 32) {
				state.back = -1;
				state.mode = TYPE;
				break;
			}
			if (here_op & 64) {
				strm.msg = "invalid literal/length code";
				state.mode = BAD;
				break;
			}
			state.extra = here_op & 15;
			state.mode = LENEXT;
		case LENEXT:
			if (state.extra) {
				n = state.extra;
				while (bits < n) {
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				state.length += hold & (1 << state.extra) - 1;
				hold >>>= state.extra;
				bits -= state.extra;
				state.back += state.extra;
			}
			state.was = state.length;
			state.mode = DIST;
		case DIST:
			for (;;) {
				here = state.distcode[hold & (1 << state.distbits) - 1];
				here_bits = here >>> 24;
				here_op = here >>> 16 & 255;
				here_val = here & 65535;
				if (here_bits <= bits) break;
				if (have === 0) break inf_leave;
				have--;
				hold += input[next++] << bits;
				bits += 8;
			}
			if ((here_op & 240) === 0) {
				last_bits = here_bits;
				last_op = here_op;
				last_val = here_val;
				for (;;) {
					here = state.distcode[last_val + ((hold & (1 << last_bits + last_op) - 1) >> last_bits)];
					here_bits = here >>> 24;
					here_op = here >>> 16 & 255;
					here_val = here & 65535;
					if (last_bits + here_bits <= bits) break;
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				hold >>>= last_bits;
				bits -= last_bits;
				state.back += last_bits;
			}
			hold >>>= here_bits;
			bits -= here_bits;
			state.back += here_bits;
			if (here_op & 64) {
				strm.msg = "invalid distance code";
				state.mode = BAD;
				break;
			}
			state.offset = here_val;
			state.extra = here_op & 15;
			state.mode = DISTEXT;
		case DISTEXT:
			if (state.extra) {
				n = state.extra;
				while (bits < n) {
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				state.offset += hold & (1 << state.extra) - 1;
				hold >>>= state.extra;
				bits -= state.extra;
				state.back += state.extra;
			}
			if (state.offset > state.dmax) {
				strm.msg = "invalid distance too far back";
				state.mode = BAD;
				break;
			}
			state.mode = MATCH;
		case MATCH:
			if (left === 0) break inf_leave;
			copy = _out - left;
			if (state.offset > copy) {
				copy = state.offset - copy;
				if (copy > state.whave) {
					if (state.sane) {
						strm.msg = "invalid distance too far back";
						state.mode = BAD;
						break;
					}
				}
				if (copy > state.wnext) {
					copy -= state.wnext;
					from = state.wsize - copy;
				} else from = state.wnext - copy;
				if (copy > state.length) copy = state.length;
				from_source = state.window;
			} else {
				from_source = output;
				from = put - state.offset;
				copy = state.length;
			}
			if (copy > left) copy = left;
			left -= copy;
			state.length -= copy;
			do
				output[put++] = from_source[from++];
			while (--copy);
			if (state.length === 0) state.mode = LEN$1;
			break;
		case LIT:
			if (left === 0) break inf_leave;
			output[put++] = state.length;
			left--;
			state.mode = LEN$1;
			break;
		case CHECK:
			if (state.wrap) {
				while (bits < 32) {
					if (have === 0) break inf_leave;
					have--;
					hold |= input[next++] << bits;
					bits += 8;
				}
				_out -= left;
				strm.total_out += _out;
				state.total += _out;
				if (state.wrap & 4 && _out) strm.adler = state.check = state.flags ? crc32(state.check, output, _out, put - _out) : adler32(state.check, output, _out, put - _out);
				_out = left;
				if (state.wrap & 4 && (state.flags ? hold : zswap32(hold)) !== state.check) {
					strm.msg = "incorrect data check";
					state.mode = BAD;
					break;
				}
				hold = 0;
				bits = 0;
			}
			state.mode = LENGTH;
		case LENGTH:
			if (state.wrap && state.flags) {
				while (bits < 32) {
					if (have === 0) break inf_leave;
					have--;
					hold += input[next++] << bits;
					bits += 8;
				}
				if (state.wrap & 4 && hold !== (state.total & 4294967295)) {
					strm.msg = "incorrect length check";
					state.mode = BAD;
					break;
				}
				hold = 0;
				bits = 0;
			}
			state.mode = DONE;
		case DONE:
			ret = 1;
			break inf_leave;
		case BAD:
			ret = -3;
			break inf_leave;
		case MEM: return -4;
		case SYNC:
		default: return -2;
	}
	strm.next_out = put;
	strm.avail_out = left;
	strm.next_in = next;
	strm.avail_in = have;
	state.hold = hold;
	state.bits = bits;
	if (state.wsize || _out !== strm.avail_out && state.mode < BAD && (state.mode < CHECK || flush !== 4)) {
		if (updatewindow(strm, strm.output, strm.next_out, _out - strm.avail_out)) ;
	}
	_in -= strm.avail_in;
	_out -= strm.avail_out;
	strm.total_in += _in;
	strm.total_out += _out;
	state.total += _out;
	if (state.wrap & 4 && _out) strm.adler = state.check = state.flags ? crc32(state.check, output, _out, strm.next_out - _out) : adler32(state.check, output, _out, strm.next_out - _out);
	strm.data_type = state.bits + (state.last ? 64 : 0) + (state.mode === TYPE ? 128 : 0) + (state.mode === LEN_ || state.mode === COPY_ ? 256 : 0);
	if ((_in === 0 && _out === 0 || flush === 4) && ret === 0) ret = -5;
	return ret;
};
var inflateEnd = (strm) => {
	if (inflateStateCheck(strm)) return -2;
	let state = strm.state;
	if (state.window) state.window = null;
	strm.state = null;
	return 0;
};
var inflateSetDictionary = (strm, dictionary) => {
	const dictLength = dictionary.length;
	let state;
	let dictid;
	let ret;
	if (inflateStateCheck(strm)) return -2;
	state = strm.state;
	if (state.wrap !== 0 && state.mode !== DICT) return -2;
	if (state.mode === DICT) {
		dictid = 1;
		dictid = adler32(dictid, dictionary, dictLength, 0);
		if (dictid !== state.check) return -3;
	}
	ret = updatewindow(strm, dictionary, dictLength, dictLength);
	if (ret) {
		state.mode = MEM;
		return -4;
	}
	state.havedict = 1;
	return 0;
};
//#endregion
//#region src/zlib/zstream.mjs
var ZStream = class {
	constructor() {
		this.input = null;
		this.next_in = 0;
		this.avail_in = 0;
		this.total_in = 0;
		this.output = null;
		this.next_out = 0;
		this.avail_out = 0;
		this.total_out = 0;
		this.msg = "";
		this.state = null;
		this.data_type = 2;
		this.adler = 0;
	}
};
//#endregion
//#region src/utils.ts
var flattenChunks = (chunks) => {
	const result = new Uint8Array(chunks.reduce((len, chunk) => len + chunk.length, 0));
	let pos = 0;
	for (const chunk of chunks) {
		result.set(chunk, pos);
		pos += chunk.length;
	}
	return result;
};
//#endregion
//#region src/inflate.ts
var toString = Object.prototype.toString;
var defaultOptions = {
	chunkSize: 1024 * 64,
	windowBits: 15,
	raw: false,
	dictionary: /* @__PURE__ */ new Uint8Array(0)
};
/**
* Generic JS-style wrapper for zlib calls. If you don't need
* streaming behaviour, use the simpler functions {@link inflate}
* and {@link inflateRaw}.
*/
var Inflate = class {
	options;
	/**
	* Error code after inflate finishes. {@link Z_OK} on success.
	* Should be checked when broken data is possible.
	*/
	err;
	/** Error message, if {@link Inflate.err} is not {@link Z_OK}. */
	msg;
	/**
	* `true` once the compressed stream has ended. A stream may end before the
	* caller's data does (trailing bytes), so check this to know when to stop
	* pushing - further {@link Inflate.push} calls are no-ops.
	*/
	ended;
	started;
	/**
	* Chunks of output data, if {@link Inflate.onData} not overridden.
	* @internal
	*/
	chunks;
	strm;
	/**
	* Uncompressed result, generated by default {@link Inflate.onData}
	* and {@link Inflate.onEnd} handlers. Filled after you push last chunk
	* (call {@link Inflate.push} with {@link Z_FINISH} / `true` param).
	*/
	result;
	/**
	* Creates a new inflator instance with the specified params. Throws an
	* exception on bad params. See {@link InflateOptions} for the list of
	* supported options.
	*
	* By default, when no options are set, the deflate/gzip data format is
	* autodetected via the wrapper header.
	*
	* @example
	* ```javascript
	* import { Inflate } from 'pako'
	*
	* const chunk1 = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])
	* const chunk2 = new Uint8Array([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
	*
	* const inflate = new Inflate({ level: 3 })
	*
	* inflate.push(chunk1, false)
	* inflate.push(chunk2, true)  // true -> last chunk
	*
	* if (inflate.err) throw new Error(inflate.err)
	*
	* console.log(inflate.result)
	* ```
	*/
	constructor(options = {}) {
		this.options = Object.assign({}, defaultOptions, options);
		const opt = this.options;
		if (opt.raw && opt.windowBits >= 0 && opt.windowBits < 16) {
			opt.windowBits = -opt.windowBits;
			if (opt.windowBits === 0) opt.windowBits = -15;
		}
		if (opt.windowBits >= 0 && opt.windowBits < 16 && !options.windowBits) opt.windowBits += 32;
		if (opt.windowBits > 15 && opt.windowBits < 48) {
			if ((opt.windowBits & 15) === 0) opt.windowBits |= 15;
		}
		this.err = 0;
		this.msg = "";
		this.ended = false;
		this.started = false;
		this.chunks = [];
		this.result = /* @__PURE__ */ new Uint8Array(0);
		this.strm = new ZStream();
		this.strm.avail_out = 0;
		let status = inflateInit2(this.strm, opt.windowBits);
		if (status !== 0) throw new Error(messages_default[status]);
		if (toString.call(opt.dictionary) === "[object ArrayBuffer]") opt.dictionary = new Uint8Array(opt.dictionary);
		const dictionary = opt.dictionary;
		if (opt.raw && dictionary.length) {
			status = inflateSetDictionary(this.strm, dictionary);
			if (status !== 0) throw new Error(messages_default[status]);
		}
	}
	/**
	* Sends input data to the inflate pipe, generating {@link Inflate.onData} calls
	* with new output chunks. Returns `true` on success. If end of stream is
	* detected, {@link Inflate.onEnd} will be called.
	*
	* `flush_mode` is not needed for normal operation, because end of stream
	* is detected automatically. Pass {@link Z_SYNC_FLUSH} to force the decoder
	* to emit all currently available output — handy when you need to decode
	* data frame-by-frame from a long-running stream.
	*
	* On failure, calls {@link Inflate.onEnd} with the error code and returns false.
	*
	* Once the stream has ended (a compressed stream may end before your data
	* does), further `push` calls are no-ops and return whether the decode
	* finished successfully. The final outcome is in {@link Inflate.result},
	* {@link Inflate.err} and {@link Inflate.msg}.
	*
	* @param flush_mode 0..6 for corresponding {@link Z_NO_FLUSH}..{@link Z_TREES}
	*   flush modes. See constants. Skipped or `false` means {@link Z_NO_FLUSH},
	*   `true` means {@link Z_FINISH}.
	*
	* @example
	* ```javascript
	* push(chunk, false) // push one of data chunks
	* ...
	* push(chunk, true)  // push last chunk
	* ```
	*/
	push(data, flush_mode = false) {
		const strm = this.strm;
		const chunkSize = this.options.chunkSize;
		let status;
		let _flush_mode;
		let last_avail_out;
		if (this.ended) return this.err === 0;
		if (typeof flush_mode === "number") _flush_mode = flush_mode;
		else _flush_mode = flush_mode === true ? 4 : 0;
		if (toString.call(data) === "[object ArrayBuffer]") strm.input = new Uint8Array(data);
		else strm.input = data;
		strm.next_in = 0;
		strm.avail_in = strm.input.length;
		if (!this.started) {
			this.started = true;
			this.onStart(strm);
		}
		for (;;) {
			if (strm.avail_out === 0) {
				strm.output = new Uint8Array(chunkSize);
				strm.next_out = 0;
				strm.avail_out = chunkSize;
			}
			status = inflate$1(strm, _flush_mode);
			if (status === 2) {
				const dictionary = this.options.dictionary;
				if (dictionary.length) {
					status = inflateSetDictionary(strm, dictionary);
					if (status === 0) status = inflate$1(strm, _flush_mode);
					else if (status === -3) status = 2;
				}
			}
			while (strm.avail_in > 0 && status === 1 && strm.state.wrap & 2 && strm.state.flags !== 0 && strm.input[strm.next_in] !== 0) {
				inflateReset(strm);
				status = inflate$1(strm, _flush_mode);
			}
			if (status === -2 || status === -3 || status === 2 || status === -4) break;
			last_avail_out = strm.avail_out;
			if (strm.next_out) {
				if (strm.avail_out === 0 || status === 1 || _flush_mode > 0) {
					this.onData(strm.output.length === strm.next_out ? strm.output : strm.output.subarray(0, strm.next_out));
					strm.avail_out = 0;
					strm.next_out = 0;
				}
			}
			if ((status === 0 || status === -5) && last_avail_out === 0) continue;
			if (status === 1) {
				status = inflateEnd(this.strm);
				break;
			}
			if (strm.avail_in === 0) {
				if (_flush_mode === 4) {
					status = inflateEnd(this.strm);
					if (status === 0) status = -5;
					break;
				}
				return true;
			}
		}
		this.err = status;
		this.msg = strm.msg || messages_default[status];
		this.ended = true;
		this.onEnd(status);
		return status === 0;
	}
	/**
	* Called once before the first low-level inflate call.
	*
	* Override this handler to attach low-level inflate state, for example to read
	* gzip header metadata:
	*
	* ```javascript
	* import { Inflate, GZheader, zlibInflateGetHeader } from 'pako'
	*
	* const inflator = new Inflate()
	*
	* inflator.onStart = function (strm) {
	*   this.header = new GZheader()
	*   zlibInflateGetHeader(strm, this.header)
	* }
	*
	* inflator.push(data, true)
	* console.log(inflator.header.name)
	* ```
	*/
	onStart(strm) {}
	/**
	* By default, stores data blocks in the {@link Inflate.chunks} property and glues
	* them in {@link Inflate.onEnd}. Override this handler if you need another behaviour.
	*
	* @param chunk output data.
	*/
	onData(chunk) {
		this.chunks.push(chunk);
	}
	/**
	* Called after you tell inflate that the input stream is
	* complete ({@link Z_FINISH}). By default, joins the collected {@link Inflate.chunks},
	* frees memory and fills the {@link Inflate.result} property.
	*
	* @param status inflate status. {@link Z_OK} on success, other if not.
	*/
	onEnd(status) {
		if (status === 0) this.result = flattenChunks(this.chunks);
		this.chunks = [];
	}
};

/** An append-only typed array that doubles as it grows; `finish()` returns the exact-length view. */
class GrowableUint32 {
    data;
    length = 0;
    constructor(capacity = 1024) {
        this.data = new Uint32Array(capacity);
    }
    push(v) {
        if (this.length === this.data.length)
            this.grow();
        this.data[this.length++] = v;
    }
    grow() {
        const next = new Uint32Array(this.data.length * 2);
        next.set(this.data);
        this.data = next;
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
            this.grow();
        this.data[this.length++] = v;
    }
    grow() {
        const next = new Float64Array(this.data.length * 2);
        next.set(this.data);
        this.data = next;
    }
    finish() {
        return this.data.slice(0, this.length);
    }
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
        const buf = this.buf;
        let pos = this.pos;
        if (pos < this.end) {
            const b = buf[pos];
            if (b < 0x80) {
                this.pos = pos + 1;
                return b;
            }
        }
        return this.slowVarint(false);
    }
    /** A varint read as int64 (two's complement in ten bytes when negative). */
    int() {
        const pos = this.pos;
        if (pos < this.end) {
            const b = this.buf[pos];
            if (b < 0x80) {
                this.pos = pos + 1;
                return b;
            }
        }
        return this.slowVarint(true);
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
        let result = 0n;
        for (let i = 0; i < 10; i++) {
            if (this.pos >= this.end)
                this.fail('truncated varint', start);
            const b = this.buf[this.pos++];
            result |= BigInt(b & 0x7f) << BigInt(7 * i);
            if (b < 0x80)
                return BigInt.asUintN(64, result);
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

const DEFAULT_LIMITS = {
    maxDecompressedBytes: 512 * 1024 * 1024,
    maxSamples: 20_000_000,
    maxLocations: 20_000_000,
    maxFunctions: 10_000_000,
    maxStrings: 10_000_000,
    maxStackDepth: 100_000,
    maxStringLength: 1024 * 1024,
};
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** Inflate a gzip stream, stopping as soon as the output passes `limit` bytes. */
function gunzipBounded(input, limit) {
    const chunks = [];
    let total = 0;
    let overLimit = false;
    const inflator = new Inflate({ chunkSize: 1 << 20 });
    inflator.onData = (chunk) => {
        total += chunk.length;
        if (total > limit) {
            overLimit = true;
            throw new ProfileError(`decompressed size exceeds the limit of ${limit} bytes`);
        }
        chunks.push(chunk);
    };
    try {
        inflator.push(input, true);
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err;
        throw new ProfileError(`corrupt gzip data (${err.message})`);
    }
    if (overLimit)
        throw new ProfileError(`decompressed size exceeds the limit of ${limit} bytes`);
    if (inflator.err)
        throw new ProfileError(`corrupt gzip data (${inflator.msg || `zlib error ${inflator.err}`})`);
    if (!inflator.ended)
        throw new ProfileError('truncated gzip data (the stream ends early)');
    if (chunks.length === 1)
        return chunks[0];
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
        out.set(c, offset);
        offset += c.length;
    }
    return out;
}
/** Decode a profile from the bytes of a file: gzipped or plain profile.proto. */
function decodeProfile(bytes, limits = {}) {
    const lim = { ...DEFAULT_LIMITS, ...limits };
    if (bytes.length === 0)
        throw new ProfileError('empty file');
    let raw = bytes;
    if (bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1) {
        raw = gunzipBounded(bytes, lim.maxDecompressedBytes);
    }
    else if (bytes.length > lim.maxDecompressedBytes) {
        throw new ProfileError(`size exceeds the limit of ${lim.maxDecompressedBytes} bytes`);
    }
    if (raw.length === 0)
        throw new ProfileError('empty profile (no bytes after decompression)');
    return decodeProto(raw, lim);
}
const FIELD_NAMES = {
    1: 'sample_type',
    2: 'sample',
    3: 'mapping',
    4: 'location',
    5: 'function',
    6: 'string_table',
    7: 'drop_frames',
    8: 'keep_frames',
    9: 'time_nanos',
    10: 'duration_nanos',
    11: 'period_type',
    12: 'period',
    13: 'comment',
    14: 'default_sample_type',
    15: 'doc_url',
};
const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];
function wireMismatch(r, message, field, got, want, at) {
    return r.fail(`${message} field ${field} has wire type ${WIRE_NAMES[got]}, expected ${WIRE_NAMES[want]}`, at);
}
/** A repeated integer field, packed or not, appended to `out`; returns how many were read. */
function readRepeated(r, wireType, signed, out, what, at) {
    if (wireType === VARINT) {
        out.push(signed ? r.int() : r.uint());
        return 1;
    }
    if (wireType !== LEN)
        r.fail(`${what} has wire type ${WIRE_NAMES[wireType]}, expected varint or packed`, at);
    const end = r.lengthEnd();
    const outerEnd = r.end;
    r.end = end;
    let n = 0;
    while (r.pos < end) {
        out.push(signed ? r.int() : r.uint());
        n++;
    }
    r.end = outerEnd;
    return n;
}
function decodeProto(buf, lim) {
    const r = new WireReader(buf);
    const strings = [];
    const sampleTypeRaw = []; // pairs: type, unit string indexes
    let periodTypeRaw = null;
    let period = 0;
    let timeNanos = 0n;
    let durationNanos = 0;
    const commentRaw = new GrowableFloat64(4);
    let dropFrames = 0;
    let keepFrames = 0;
    let defaultSampleType = 0;
    let docUrl = 0;
    // Samples, with location ids as written (mapped to indexes once all locations are known).
    const stackStart = new GrowableUint32();
    stackStart.push(0);
    const stackIds = new GrowableFloat64(1 << 14);
    const valueStart = new GrowableUint32();
    valueStart.push(0);
    const values = new GrowableFloat64(1 << 14);
    const labelStart = new GrowableUint32();
    labelStart.push(0);
    const labelKey = new GrowableUint32(16);
    const labelStr = new GrowableUint32(16);
    const labelNum = new GrowableFloat64(16);
    const labelNumUnit = new GrowableUint32(16);
    const locationId = new GrowableFloat64();
    const locationMappingId = new GrowableFloat64();
    const locationAddress = [];
    const locationIsFolded = new GrowableUint32();
    const lineStart = new GrowableUint32();
    lineStart.push(0);
    const lineFunctionId = new GrowableFloat64();
    const lineNumber = new GrowableFloat64();
    const lineColumn = new GrowableFloat64();
    const functionId = new GrowableFloat64();
    const functionName = new GrowableFloat64();
    const functionSystemName = new GrowableFloat64();
    const functionFilename = new GrowableFloat64();
    const functionStartLine = new GrowableFloat64();
    const mappingRaw = [];
    const end = buf.length;
    while (r.pos < end) {
        const at = r.pos;
        const tag = r.uint();
        const field = Math.floor(tag / 8);
        const wt = tag & 7;
        if (field === 0)
            r.fail('field number 0 in profile', at);
        const expect = (want) => {
            if (wt !== want)
                wireMismatch(r, `profile ${FIELD_NAMES[field] ?? ''}`, field, wt, want, at);
        };
        switch (field) {
            case 1: {
                expect(LEN);
                const vt = readValueType(r);
                sampleTypeRaw.push(vt[0], vt[1]);
                break;
            }
            case 2: {
                expect(LEN);
                if (stackStart.length > lim.maxSamples)
                    r.fail(`more than ${lim.maxSamples} samples`, at);
                readSample(r, stackIds, values, labelKey, labelStr, labelNum, labelNumUnit);
                const depth = stackIds.length - stackStart.data[stackStart.length - 1];
                if (depth > lim.maxStackDepth)
                    r.fail(`sample stack of ${depth} locations exceeds the limit of ${lim.maxStackDepth}`, at);
                stackStart.push(stackIds.length);
                valueStart.push(values.length);
                labelStart.push(labelKey.length);
                break;
            }
            case 3: {
                expect(LEN);
                mappingRaw.push(readMapping(r));
                break;
            }
            case 4: {
                expect(LEN);
                if (locationId.length >= lim.maxLocations)
                    r.fail(`more than ${lim.maxLocations} locations`, at);
                const msgEnd = r.lengthEnd();
                const outerEnd = r.end;
                r.end = msgEnd;
                let id = 0;
                let mappingId = 0;
                let address = 0n;
                let folded = 0;
                while (r.pos < msgEnd) {
                    const fat = r.pos;
                    const ftag = r.uint();
                    const f = Math.floor(ftag / 8);
                    const fwt = ftag & 7;
                    if (f === 1 || f === 2 || f === 3 || f === 5) {
                        if (fwt !== VARINT)
                            wireMismatch(r, 'location', f, fwt, VARINT, fat);
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
                        if (fwt !== LEN)
                            wireMismatch(r, 'location', f, fwt, LEN, fat);
                        readLine(r, lineFunctionId, lineNumber, lineColumn);
                    }
                    else {
                        r.skip(fwt);
                    }
                }
                r.end = outerEnd;
                locationId.push(id);
                locationMappingId.push(mappingId);
                locationAddress.push(address);
                locationIsFolded.push(folded);
                lineStart.push(lineNumber.length);
                break;
            }
            case 5: {
                expect(LEN);
                if (functionId.length >= lim.maxFunctions)
                    r.fail(`more than ${lim.maxFunctions} functions`, at);
                const msgEnd = r.lengthEnd();
                const outerEnd = r.end;
                r.end = msgEnd;
                const fields = [0, 0, 0, 0, 0, 0];
                while (r.pos < msgEnd) {
                    const fat = r.pos;
                    const ftag = r.uint();
                    const f = Math.floor(ftag / 8);
                    const fwt = ftag & 7;
                    if (f >= 1 && f <= 5) {
                        if (fwt !== VARINT)
                            wireMismatch(r, 'function', f, fwt, VARINT, fat);
                        fields[f] = f === 5 ? r.int() : r.uint();
                    }
                    else {
                        r.skip(fwt);
                    }
                }
                r.end = outerEnd;
                functionId.push(fields[1]);
                functionName.push(fields[2]);
                functionSystemName.push(fields[3]);
                functionFilename.push(fields[4]);
                functionStartLine.push(fields[5]);
                break;
            }
            case 6: {
                expect(LEN);
                if (strings.length >= lim.maxStrings)
                    r.fail(`more than ${lim.maxStrings} strings`, at);
                const len = buf[r.pos];
                if (len !== undefined && len >= 0x80) {
                    // Only long strings need the check; one-byte lengths are < 128.
                    const save = r.pos;
                    const n = r.uint();
                    r.pos = save;
                    if (n > lim.maxStringLength)
                        r.fail(`string of ${n} bytes exceeds the limit of ${lim.maxStringLength}`, at);
                }
                strings.push(r.string());
                break;
            }
            case 7:
                expect(VARINT);
                dropFrames = r.uint();
                break;
            case 8:
                expect(VARINT);
                keepFrames = r.uint();
                break;
            case 9:
                expect(VARINT);
                // A Unix time in nanoseconds needs all 64 bits.
                timeNanos = BigInt.asIntN(64, r.uint64());
                break;
            case 10:
                expect(VARINT);
                durationNanos = r.int();
                break;
            case 11:
                expect(LEN);
                periodTypeRaw = readValueType(r);
                break;
            case 12:
                expect(VARINT);
                period = r.int();
                break;
            case 13:
                readRepeated(r, wt, false, commentRaw, 'profile comment field 13', at);
                break;
            case 14:
                expect(VARINT);
                defaultSampleType = r.uint();
                break;
            case 15:
                expect(VARINT);
                docUrl = r.uint();
                break;
            default:
                r.skip(wt);
        }
    }
    // --- Validation and id → index mapping, now that every section has been read. ---
    if (strings.length === 0)
        throw new ProfileError('no string table (not a profile.proto?)');
    if (strings[0] !== '')
        throw new ProfileError(`string_table[0] must be empty, is ${JSON.stringify(strings[0].slice(0, 40))}`);
    const str = (idx, where) => {
        if (idx >= strings.length) {
            throw new ProfileError(`${where}: string index ${idx} out of range (string table has ${strings.length} entries)`);
        }
        return strings[idx];
    };
    if (sampleTypeRaw.length === 0)
        throw new ProfileError('no sample types (not a profile.proto?)');
    const sampleTypes = [];
    for (let i = 0; i < sampleTypeRaw.length; i += 2) {
        sampleTypes.push({ type: str(sampleTypeRaw[i], `sample_type ${i / 2} type`), unit: str(sampleTypeRaw[i + 1], `sample_type ${i / 2} unit`) });
    }
    const nTypes = sampleTypes.length;
    const mappings = [];
    const mappingIndex = new Map();
    for (const m of mappingRaw) {
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
    const nFunctions = functionId.length;
    const fnIdToIndex = buildIdIndex(functionId.data, nFunctions, 'function');
    const fnName = new Uint32Array(nFunctions);
    const fnSystemName = new Uint32Array(nFunctions);
    const fnFilename = new Uint32Array(nFunctions);
    for (let i = 0; i < nFunctions; i++) {
        const where = `function id ${functionId.data[i]}`;
        str(functionName.data[i], `${where} name`);
        str(functionSystemName.data[i], `${where} system_name`);
        str(functionFilename.data[i], `${where} filename`);
        fnName[i] = functionName.data[i];
        fnSystemName[i] = functionSystemName.data[i];
        fnFilename[i] = functionFilename.data[i];
    }
    const nLocations = locationId.length;
    const locIdToIndex = buildIdIndex(locationId.data, nLocations, 'location');
    const locMapping = new Int32Array(nLocations);
    for (let i = 0; i < nLocations; i++) {
        const mid = locationMappingId.data[i];
        if (mid === 0) {
            locMapping[i] = -1;
        }
        else {
            const idx = mappingIndex.get(mid);
            if (idx === undefined)
                throw new ProfileError(`location id ${locationId.data[i]} names mapping id ${mid}, which does not exist`);
            locMapping[i] = idx;
        }
    }
    const nLines = lineNumber.length;
    const lineFunction = new Int32Array(nLines);
    const lines = lineStart.finish();
    for (let loc = 0; loc < nLocations; loc++) {
        for (let j = lines[loc]; j < lines[loc + 1]; j++) {
            const fid = lineFunctionId.data[j];
            if (fid === 0) {
                lineFunction[j] = -1;
                continue;
            }
            const idx = fnIdToIndex(fid);
            if (idx < 0)
                throw new ProfileError(`location id ${locationId.data[loc]} names function id ${fid}, which does not exist`);
            lineFunction[j] = idx;
        }
    }
    const nSamples = stackStart.length - 1;
    const vStart = valueStart.data;
    for (let s = 0; s < nSamples; s++) {
        const n = vStart[s + 1] - vStart[s];
        if (n !== nTypes)
            throw new ProfileError(`sample ${s} has ${n} values, expected ${nTypes} (one per sample type)`);
    }
    const stackLocations = new Uint32Array(stackIds.length);
    const sStart = stackStart.data;
    for (let s = 0; s < nSamples; s++) {
        for (let k = sStart[s]; k < sStart[s + 1]; k++) {
            const idx = locIdToIndex(stackIds.data[k]);
            if (idx < 0)
                throw new ProfileError(`sample ${s} names location id ${stackIds.data[k]}, which does not exist`);
            stackLocations[k] = idx;
        }
    }
    const lKey = labelKey.finish();
    const lStr = labelStr.finish();
    const lUnit = labelNumUnit.finish();
    for (let i = 0; i < lKey.length; i++) {
        str(lKey[i], `label ${i} key`);
        str(lStr[i], `label ${i} str`);
        str(lUnit[i], `label ${i} num_unit`);
    }
    const comments = [];
    for (let i = 0; i < commentRaw.length; i++)
        comments.push(str(commentRaw.data[i], `comment ${i}`));
    let periodType = null;
    if (periodTypeRaw)
        periodType = { type: str(periodTypeRaw[0], 'period_type type'), unit: str(periodTypeRaw[1], 'period_type unit') };
    return {
        strings,
        sampleTypes,
        defaultSampleType: str(defaultSampleType, 'default_sample_type'),
        periodType,
        period,
        timeNanos,
        durationNanos,
        comments,
        dropFrames: str(dropFrames, 'drop_frames'),
        keepFrames: str(keepFrames, 'keep_frames'),
        docUrl: str(docUrl, 'doc_url'),
        sampleCount: nSamples,
        values: values.finish(),
        stackStart: stackStart.finish(),
        stackLocations,
        labelStart: labelStart.finish(),
        labelKey: lKey,
        labelStr: lStr,
        labelNum: labelNum.finish(),
        labelNumUnit: lUnit,
        locationCount: nLocations,
        locationId: locationId.finish(),
        locationMapping: locMapping,
        locationAddress: BigUint64Array.from(locationAddress),
        locationIsFolded: Uint8Array.from(locationIsFolded.finish()),
        lineStart: lines,
        lineFunction,
        lineNumber: lineNumber.finish(),
        lineColumn: lineColumn.finish(),
        functionCount: nFunctions,
        functionId: functionId.finish(),
        functionName: fnName,
        functionSystemName: fnSystemName,
        functionFilename: fnFilename,
        functionStartLine: functionStartLine.finish(),
        mappings,
    };
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
        return (id) => (id <= maxId ? table[id] : -1);
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
function readValueType(r) {
    const end = r.lengthEnd();
    const outerEnd = r.end;
    r.end = end;
    const out = [0, 0];
    while (r.pos < end) {
        const at = r.pos;
        const tag = r.uint();
        const f = Math.floor(tag / 8);
        const wt = tag & 7;
        if (f === 1 || f === 2) {
            if (wt !== VARINT)
                wireMismatch(r, 'value type', f, wt, VARINT, at);
            out[f - 1] = r.uint();
        }
        else {
            r.skip(wt);
        }
    }
    r.end = outerEnd;
    return out;
}
function readSample(r, stackIds, values, labelKey, labelStr, labelNum, labelNumUnit) {
    const end = r.lengthEnd();
    const outerEnd = r.end;
    r.end = end;
    while (r.pos < end) {
        const at = r.pos;
        const tag = r.uint();
        const f = Math.floor(tag / 8);
        const wt = tag & 7;
        if (f === 1) {
            readRepeated(r, wt, false, stackIds, 'sample location_id field 1', at);
        }
        else if (f === 2) {
            readRepeated(r, wt, true, values, 'sample value field 2', at);
        }
        else if (f === 3) {
            if (wt !== LEN)
                wireMismatch(r, 'sample', f, wt, LEN, at);
            const lend = r.lengthEnd();
            const save = r.end;
            r.end = lend;
            let key = 0;
            let s = 0;
            let num = 0;
            let unit = 0;
            while (r.pos < lend) {
                const lat = r.pos;
                const ltag = r.uint();
                const lf = Math.floor(ltag / 8);
                const lwt = ltag & 7;
                if (lf >= 1 && lf <= 4) {
                    if (lwt !== VARINT)
                        wireMismatch(r, 'label', lf, lwt, VARINT, lat);
                    if (lf === 1)
                        key = r.uint();
                    else if (lf === 2)
                        s = r.uint();
                    else if (lf === 3)
                        num = r.int();
                    else
                        unit = r.uint();
                }
                else {
                    r.skip(lwt);
                }
            }
            r.end = save;
            if (key > 0xffffffff || s > 0xffffffff || unit > 0xffffffff)
                r.fail('label string index out of range', at);
            labelKey.push(key);
            labelStr.push(s);
            labelNum.push(num);
            labelNumUnit.push(unit);
        }
        else {
            r.skip(wt);
        }
    }
    r.end = outerEnd;
}
function readLine(r, fnIds, lineNos, columns) {
    const end = r.lengthEnd();
    const outerEnd = r.end;
    r.end = end;
    let fn = 0;
    let line = 0;
    let column = 0;
    while (r.pos < end) {
        const at = r.pos;
        const tag = r.uint();
        const f = Math.floor(tag / 8);
        const wt = tag & 7;
        if (f >= 1 && f <= 3) {
            if (wt !== VARINT)
                wireMismatch(r, 'line', f, wt, VARINT, at);
            if (f === 1)
                fn = r.uint();
            else if (f === 2)
                line = r.int();
            else
                column = r.int();
        }
        else {
            r.skip(wt);
        }
    }
    r.end = outerEnd;
    fnIds.push(fn);
    lineNos.push(line);
    columns.push(column);
}
function readMapping(r) {
    const end = r.lengthEnd();
    const outerEnd = r.end;
    r.end = end;
    const m = { id: 0, start: 0n, limit: 0n, offset: 0n, file: 0, buildId: 0, flags: 0 };
    while (r.pos < end) {
        const at = r.pos;
        const tag = r.uint();
        const f = Math.floor(tag / 8);
        const wt = tag & 7;
        if (f >= 1 && f <= 10) {
            if (wt !== VARINT)
                wireMismatch(r, 'mapping', f, wt, VARINT, at);
            switch (f) {
                case 1:
                    m.id = r.uint();
                    break;
                case 2:
                    m.start = r.uint64();
                    break;
                case 3:
                    m.limit = r.uint64();
                    break;
                case 4:
                    m.offset = r.uint64();
                    break;
                case 5:
                    m.file = r.uint();
                    break;
                case 6:
                    m.buildId = r.uint();
                    break;
                default:
                    if (r.uint())
                        m.flags |= 1 << (f - 7);
            }
        }
        else {
            r.skip(wt);
        }
    }
    r.end = outerEnd;
    return m;
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
        return decodeProfile(bytes, lim);
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err.withFile(path);
        throw err;
    }
}

/** The machine-readable report: every row of every comparison. */
function renderJson(comparisons) {
    return `${JSON.stringify({ comparisons }, null, 2)}\n`;
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

/** Rows that grew, biggest flat growth first (cum breaks ties). */
function growthRows(c) {
    return c.rows.filter((r) => r.flatDelta > 0 || (r.flatDelta === 0 && r.cumDelta > 0)).sort((a, b) => b.flatDelta - a.flatDelta || b.cumDelta - a.cumDelta);
}
/** Rows that shrank, biggest shrinkage first. */
function shrinkRows(c) {
    return c.rows.filter((r) => r.flatDelta < 0 || (r.flatDelta === 0 && r.cumDelta < 0)).sort((a, b) => a.flatDelta - b.flatDelta || a.cumDelta - b.cumDelta);
}
function rowTable(c, rows) {
    const total = percentBase(c);
    const lines = ['| | flat Δ | cum Δ | % of base | flat base → head | row |', '|---|---:|---:|---:|---|---|'];
    for (const r of rows) {
        const mark = [r.regression ? '🔺' : '', r.isNew ? '🆕' : ''].join('') || ' ';
        lines.push(`| ${mark} | ${formatDelta(r.flatDelta, c.unit)} | ${formatDelta(r.cumDelta, c.unit)} | ${formatPercent(r.flatDelta, total)} | ${formatValue(r.baseFlat, c.unit)} → ${formatValue(r.headFlat, c.unit)} | ${escapeMarkdown(r.label)} |`);
    }
    return lines;
}
/** The markdown of one comparison: totals, growth hotspots, shrinkages (collapsed), goroutine groups. */
function renderComparisonMarkdown(c, options) {
    const out = [];
    const delta = c.headSum - c.baseSum;
    const name = c.profile ? `${escapeMarkdown(c.profile)} · ` : '';
    out.push(`#### ${name}${escapeMarkdown(c.sampleIndex)}${c.normalized ? ' (normalized)' : ''}`);
    out.push('');
    out.push(`Total: ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (**${formatDelta(delta, c.unit)}**, ${formatSignedPercent(delta, c.baseSum)})`);
    out.push('');
    const limit = (rows) => (options.top > 0 ? rows.slice(0, options.top) : rows);
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
    const grown = (c.goroutineGroups ?? []).filter((g) => g.delta > 0);
    if (grown.length > 0) {
        out.push('');
        out.push('Goroutine groups that grew:');
        out.push('');
        for (const g of limit(grown))
            out.push(`- ${escapeMarkdown(describeGroup(g))}`);
    }
    return out.join('\n');
}
function renderMarkdown(comparisons, options) {
    return `${comparisons.map((c) => renderComparisonMarkdown(c, options)).join('\n\n')}\n`;
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
        out.push(`Total: ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (${formatDelta(delta, c.unit)}, ${formatSignedPercent(delta, c.baseSum)})`);
        const shown = options.top > 0 ? c.rows.slice(0, options.top) : c.rows;
        if (c.rows.length === 0) {
            out.push('No differences.');
        }
        else {
            if (shown.length < c.rows.length)
                out.push(`Showing top ${shown.length} of ${c.rows.length} rows`);
            out.push(`${pad('flat', 10)} ${pad('flat%', 6)} ${pad('sum%', 6)} ${pad('cum', 10)} ${pad('cum%', 6)}`);
            let sum = 0;
            for (const r of shown) {
                sum += r.flatDelta;
                const inline = r.inline ? ` ${r.inline}` : '';
                const isNew = r.isNew ? ' (new)' : '';
                out.push(`${pad(formatValue(r.flatDelta, c.unit), 10)} ${pad(formatPercent(r.flatDelta, total), 6)} ${pad(formatPercent(sum, total), 6)} ${pad(formatValue(r.cumDelta, c.unit), 10)} ${pad(formatPercent(r.cumDelta, total), 6)}  ${escapeText(r.label)}${inline}${isNew}`);
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

const FORMATS = ['text', 'markdown', 'json'];
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

Compares two pprof profiles (heap, goroutine, …) as \`go tool pprof -top -diff_base=BASE HEAD\` does.

Options:
  --base FILE               the baseline profile (gzipped or plain profile.proto)
  --head FILE               the profile to check against it
  --sample-index S[,S…]     sample types to compare (default: alloc_space,inuse_space for heap
                            profiles, else the profile's default type)
  --granularity G           functions (default), lines or files
  --normalize               scale the head so its total equals the base total (pprof -normalize)
  --top N                   rows per sample type in text/markdown (default 10; 0 = all)
  --format F                text (default), markdown or json
  --output FILE             write the report to FILE instead of stdout
  --thresholds T            regression thresholds, e.g. "inuse_space: 5% 1MiB, goroutine: 5% 10"
                            (a row, goroutine group or total regresses when its growth exceeds both)
  --ignore REGEX            leave out functions whose name matches
  --max-profile-bytes N     refuse profiles larger than N bytes, compressed or not (default 268435456)

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
                base: { type: 'string' },
                head: { type: 'string' },
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
    if (!v.base)
        throw new UsageError('--base FILE is required');
    if (!v.head)
        throw new UsageError('--head FILE is required');
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
        thresholds: v.thresholds,
        ignore,
        base: v.base,
        head: v.head,
        sampleIndexes: (v['sample-index'] ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        granularity: v.granularity,
        normalize: v.normalize,
        top: nonNegativeInt('--top', v.top),
        format: v.format,
        output: v.output,
        maxProfileBytes,
    };
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
    const [base, head] = await Promise.all([readProfileFile(args.base, limits), readProfileFile(args.head, limits)]);
    const comparisons = compareProfiles({ file: args.base, profile: base }, { file: args.head, profile: head }, {
        sampleIndexes: args.sampleIndexes,
        granularity: args.granularity,
        normalize: args.normalize,
        inlineLabels: args.format === 'text',
        name: basename$1(args.head),
    });
    if (args.ignore)
        ignoreRows(comparisons, args.ignore);
    const gate = applyGate(comparisons, thresholds);
    const report = renderReport(comparisons, args.format, { top: args.top });
    if (args.output)
        writeFileSync(args.output, report);
    else
        process.stdout.write(report);
    if (gate.regression)
        process.stderr.write(`pprof-gate: regression: ${gate.reasons[0]}${gate.reasons.length > 1 ? ` (and ${gate.reasons.length - 1} more)` : ''}\n`);
    return gate.regression ? 1 : 0;
}
async function main(argv) {
    const [command, ...rest] = argv;
    try {
        if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
            process.stdout.write(`${USAGE}\n`);
            return command === undefined ? 2 : 0;
        }
        if (command !== 'diff')
            throw new UsageError(`unknown command "${command}" (try: pprof-gate diff --help)`);
        if (rest.includes('--help') || rest.includes('-h')) {
            process.stdout.write(`${USAGE}\n`);
            return 0;
        }
        return await runDiff(parseDiffArgs(rest));
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
