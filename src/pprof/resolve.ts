/**
 * From a RawProfile to a Profile: ids become indexes and every cross-reference is checked (a
 * string index in the table, an id that exists, one value per sample type) — what pprof does in
 * postDecode and CheckValid.
 */
import { ProfileError, quoteSafe } from './errors.js';
import type { Mapping, Profile, ValueType } from './profile.js';
import { WIDE_ID, type RawLocations, type RawProfile, type SampleArrays } from './raw.js';

export function resolveProfile(raw: RawProfile): Profile {
  const { strings } = raw;
  if (strings.length === 0) throw new ProfileError('no string table (not a profile.proto?)');
  if (strings[0] !== '') throw new ProfileError(`string_table[0] must be empty, is "${quoteSafe(strings[0])}"`);
  const str = (idx: number, where: string): string => {
    if (idx >= strings.length) {
      throw new ProfileError(`${where}: string index ${idx} out of range (string table has ${strings.length} entries)`);
    }
    return strings[idx];
  };

  if (raw.sampleTypes.length === 0) throw new ProfileError('no sample types (not a profile.proto?)');
  const sampleTypes: ValueType[] = [];
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
    } else {
      const idx = mappingIndex.get(mid);
      if (idx === undefined) throw new ProfileError(`location id ${locs.id.data[i]} names mapping id ${mid}, which does not exist`);
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
    if (n !== nTypes) throw new ProfileError(`sample ${i} has ${n} values, expected ${nTypes} (one per sample type)`);
  }
  const stackLocations = resolveStacks(s, nSamples, locIdToIndex);
  // (the sample arrays are views: a DecodeScratch's next decode writes over them)
  const lKey = s.labelKey.finish();
  const lStr = s.labelStr.finish();
  const lUnit = s.labelNumUnit.finish();
  const nStrings = strings.length;
  for (let i = 0; i < lKey.length; i++) {
    // (the message is built only for a bad index: there is a label per heap sample)
    if (lKey[i] >= nStrings) str(lKey[i], `label ${i} key`);
    if (lStr[i] >= nStrings) str(lStr[i], `label ${i} str`);
    if (lUnit[i] >= nStrings) str(lUnit[i], `label ${i} num_unit`);
  }

  const comments: string[] = [];
  for (let i = 0; i < raw.comments.length; i++) comments.push(str(raw.comments.data[i], `comment ${i}`));
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

function resolveMappings(
  raw: RawProfile,
  str: (idx: number, where: string) => string,
): { mappings: Mapping[]; mappingIndex: Map<number, number> } {
  const mappings: Mapping[] = [];
  const mappingIndex = new Map<number, number>();
  for (const m of raw.mappings) {
    if (m.id === 0) throw new ProfileError(`mapping ${mappings.length} has id 0`);
    if (mappingIndex.has(m.id)) throw new ProfileError(`duplicate mapping id ${m.id}`);
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
function resolveLineFunctions(locs: RawLocations, lines: Uint32Array, fnIdToIndex: (id: number) => number): Int32Array {
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
      if (idx < 0) throw new ProfileError(`location id ${locs.id.data[loc]} names function id ${fid}, which does not exist`);
      lineFunction[j] = idx;
    }
  }
  return lineFunction;
}

/** Sample stacks' location ids become indexes, in place (no second array of the largest section). */
function resolveStacks(s: SampleArrays, nSamples: number, locIdToIndex: IdIndex): Uint32Array {
  const stackLocations = s.stackIds.data.subarray(0, s.stackIds.length);
  const sStart = s.stackStart.data;
  const dense = locIdToIndex.dense;
  // The common case in a small loop of its own: dense ids, none wide.
  const mapped = dense && s.wideIds.size === 0 ? mapDenseIds(stackLocations, dense) : 0;
  for (let i = mapped === stackLocations.length ? nSamples : 0; i < nSamples; i++) {
    for (let k = Math.max(sStart[i], mapped); k < sStart[i + 1]; k++) {
      let id = stackLocations[k];
      if (id === WIDE_ID) id = s.wideIds.get(k) ?? id;
      const idx = dense ? (id < dense.length ? dense[id] : -1) : locIdToIndex(id);
      if (idx < 0) throw new ProfileError(`sample ${i} names location id ${id}, which does not exist`);
      stackLocations[k] = idx;
    }
  }
  return stackLocations;
}

type IdIndex = ((id: number) => number) & { dense?: Int32Array };

/**
 * id → index lookup. Go numbers ids 1..n, so a dense table serves almost every file; sparse ids
 * fall back to a Map. Id 0 and duplicates are errors.
 */
function buildIdIndex(ids: Float64Array, n: number, what: string): IdIndex {
  let maxId = 0;
  for (let i = 0; i < n; i++) if (ids[i] > maxId) maxId = ids[i];
  if (maxId <= 4 * n + 1024) {
    const table = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (id === 0) throw new ProfileError(`${what} ${i} has id 0`);
      if (table[id] !== -1) throw new ProfileError(`duplicate ${what} id ${id}`);
      table[id] = i;
    }
    return Object.assign((id: number) => (id <= maxId ? table[id] : -1), { dense: table });
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === 0) throw new ProfileError(`${what} ${i} has id 0`);
    if (map.has(id)) throw new ProfileError(`duplicate ${what} id ${id}`);
    map.set(id, i);
  }
  return (id) => map.get(id) ?? -1;
}

/**
 * Location ids → indexes through a dense table, in place, up to the first id that names no
 * location; returns how many were mapped (the caller reports the bad id with its sample).
 */
function mapDenseIds(ids: Uint32Array, dense: Int32Array): number {
  const n = ids.length;
  const size = dense.length;
  for (let k = 0; k < n; k++) {
    const id = ids[k];
    const idx = id < size ? dense[id] : -1;
    if (idx < 0) return k;
    ids[k] = idx;
  }
  return n;
}
