import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { compareProfiles } from './analysis/compare.js';
import { groupKey } from './analysis/grouping.js';
import { DEFAULT_ALPHA } from './analysis/diff.js';
import type { CompareMode } from './analysis/types.js';
import { glob, hasGlob, relativePath } from './files/glob.js';
import {
  applyGate,
  DEFAULT_GROWTH_THRESHOLDS,
  describeThresholds,
  ignoreRows,
  parseThresholds,
  ThresholdError,
  type Thresholds,
} from './analysis/gate.js';
import {
  analyzeSeries,
  applyGrowthGate,
  attachBase,
  DEFAULT_GROWTH_ALPHA,
  ignoreSeriesRows,
  seriesName,
  seriesSnapshot,
  type Snapshot,
} from './analysis/series.js';
import { parseDuration, parseWarmup, type Warmup } from './analysis/trend.js';
import { GRANULARITIES, type Granularity } from './analysis/nodes.js';
import { ProfileError } from './pprof/errors.js';
import { DecodeScratch, readProfileFile } from './pprof/read.js';
import { escapeText } from './report/escape.js';
import { regressionReasons } from './report/format.js';
import { describeGrowthRegression, renderGrowthJson, renderGrowthMarkdown, renderGrowthText } from './report/growth.js';
import { renderGrowthHtml } from './report/growth-html.js';
import { FORMATS, htmlOutputPaths, renderHtmlReports, renderReport, type Format } from './report/index.js';

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
                            (a row, goroutine group or total regresses when its growth exceeds both);
                            heap debug=1 profiles' runtime.MemStats fields too: "HeapInuse: 10% 8MiB"
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

class UsageError extends Error {}

interface DiffArgs {
  base: string[];
  head: string[];
  mode: CompareMode | undefined;
  alpha: number;
  sampleIndexes: string[];
  granularity: Granularity;
  normalize: boolean;
  top: number;
  format: Format;
  output: string | undefined;
  maxProfileBytes: number;
  thresholds: string;
  ignore: RegExp | undefined;
}

function nonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
  return Number(value);
}

function parseDiffArgs(argv: string[]): DiffArgs {
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
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (!v.base?.length) throw new UsageError('--base FILE is required');
  if (!v.head?.length) throw new UsageError('--head FILE is required');
  if (!['auto', 'exact', 'statistical'].includes(v.mode))
    throw new UsageError(`--mode must be auto, exact or statistical, got "${v.mode}"`);
  return {
    ...checkCommon(v),
    thresholds: v.thresholds,
    base: v.base,
    head: v.head,
    mode: v.mode === 'auto' ? undefined : (v.mode as CompareMode),
    normalize: v.normalize,
  };
}

interface CommonFlags {
  alpha: string;
  granularity: string;
  format: string;
  'max-profile-bytes': string;
  ignore?: string;
  'sample-index'?: string;
  top: string;
  output?: string;
}

/** The options diff and growth share, checked one way. */
function checkCommon(v: CommonFlags) {
  const alpha = Number(v.alpha);
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be a number between 0 and 1, got "${v.alpha}"`);
  if (!GRANULARITIES.includes(v.granularity as Granularity)) {
    throw new UsageError(`--granularity must be one of ${GRANULARITIES.join(', ')}, got "${v.granularity}"`);
  }
  if (!FORMATS.includes(v.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${v.format}"`);
  const maxProfileBytes = nonNegativeInt('--max-profile-bytes', v['max-profile-bytes']);
  if (maxProfileBytes === 0) throw new UsageError('--max-profile-bytes must be positive');
  let ignore: RegExp | undefined;
  if (v.ignore) {
    try {
      ignore = new RegExp(v.ignore);
    } catch (err) {
      throw new UsageError(`--ignore is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  return {
    alpha,
    ignore,
    sampleIndexes: (v['sample-index'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    granularity: v.granularity as Granularity,
    top: nonNegativeInt('--top', v.top),
    format: v.format as Format,
    output: v.output,
    maxProfileBytes,
  };
}

interface GrowthArgs {
  head: string[];
  base: string[];
  intervalSeconds: number | undefined;
  warmup: Warmup;
  thresholds: Thresholds;
  alpha: number;
  sampleIndexes: string[];
  granularity: Granularity;
  top: number;
  format: Format;
  output: string | undefined;
  ignore: RegExp | undefined;
  maxProfileBytes: number;
}

function parseGrowthArgs(argv: string[]): GrowthArgs {
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
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (!v.head?.length) throw new UsageError('--head GLOB is required');
  const common = checkCommon(v);
  let intervalSeconds: number | undefined;
  if (v.interval !== undefined) {
    const d = parseDuration(v.interval);
    if (d === null || d <= 0) throw new UsageError(`--interval takes a duration such as 30s or 1m, got "${v.interval}"`);
    intervalSeconds = d;
  }
  const warmup = parseWarmup(v.warmup);
  if (warmup === null) throw new UsageError(`--warmup takes a duration (2m) or a number of snapshots (3), got "${v.warmup}"`);
  let thresholds;
  try {
    thresholds = parseThresholds(v.thresholds, DEFAULT_GROWTH_THRESHOLDS, { rates: true });
  } catch (err) {
    if (err instanceof ThresholdError) throw new UsageError(`--thresholds: ${err.message}`);
    throw err;
  }
  return {
    ...common,
    head: v.head,
    base: v.base ?? [],
    intervalSeconds,
    warmup,
    thresholds,
  };
}

async function runGrowth(args: GrowthArgs): Promise<number> {
  const limits = { maxFileBytes: args.maxProfileBytes, maxDecompressedBytes: args.maxProfileBytes };
  // One snapshot at a time, each cut to what the series needs (seriesSnapshot), as the action
  // reads them: dozens inflated at once hold every inflated buffer at the same time.
  const load = async (files: string[]) => {
    const snapshots: Snapshot[] = [];
    const scratch = new DecodeScratch();
    for (const file of files) snapshots.push(seriesSnapshot(file, await readProfileFile(file, limits, scratch)));
    return snapshots;
  };
  const headFiles = await expand('--head', args.head);
  const options = {
    name: seriesName(headFiles),
    sampleIndexes: args.sampleIndexes,
    granularity: args.granularity,
    alpha: args.alpha,
    warmup: args.warmup,
    intervalSeconds: args.intervalSeconds,
  };
  const analyses = analyzeSeries(await load(headFiles), options);
  if (args.base.length > 0) attachBase(analyses, analyzeSeries(await load(await expand('--base', args.base)), options));
  if (args.ignore) ignoreSeriesRows(analyses, args.ignore);
  const regressions = applyGrowthGate(analyses, args.thresholds);
  const report =
    args.format === 'json'
      ? renderGrowthJson(analyses, regressions, args)
      : args.format === 'markdown'
        ? renderGrowthMarkdown(analyses, args)
        : args.format === 'html'
          ? renderGrowthHtml(analyses)
          : renderGrowthText(analyses, args);
  if (args.output) writeFileSync(args.output, report);
  else process.stdout.write(report);
  if (regressions.length > 0) {
    const more = regressions.length > 1 ? ` (and ${regressions.length - 1} more)` : '';
    process.stderr.write(`pprof-gate: regression: ${escapeText(describeGrowthRegression(regressions[0]))}${more}\n`);
  }
  return regressions.length > 0 ? 1 : 0;
}

/**
 * Runs `fn` with the `::debug::` workflow commands that @actions/glob logs kept off stdout: a
 * runner hides them, a terminal would not, and they would corrupt a report written to stdout.
 */
async function withoutDebugCommands<T>(fn: () => Promise<T>): Promise<T> {
  // (the very same method is put back afterwards, so it is kept unbound and called with .call)
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const write = process.stdout.write;
  process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]) =>
    String(chunk).startsWith('::debug::') ? true : write.call(process.stdout, chunk, ...rest);
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

/** The files a flag's values name: globs read as the action reads its `profiles` input. */
async function expand(flag: string, patterns: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    // A plain path is kept as given, so that a missing file is reported by whoever opens it.
    if (!hasGlob(pattern)) {
      files.push(pattern);
      continue;
    }
    const found = await withoutDebugCommands(() => glob([pattern], process.cwd()));
    if (found.files.length === 0) throw new UsageError(`${flag} ${pattern}: no file matches`);
    files.push(...found.files.map((f) => relativePath(process.cwd(), f)));
  }
  return files;
}

async function runDiff(args: DiffArgs): Promise<number> {
  let thresholds;
  try {
    thresholds = parseThresholds(args.thresholds);
  } catch (err) {
    if (err instanceof ThresholdError) throw new UsageError(`--thresholds: ${err.message}`);
    throw err;
  }
  const limits = { maxFileBytes: args.maxProfileBytes, maxDecompressedBytes: args.maxProfileBytes };
  const load = (files: string[]) => Promise.all(files.map(async (file) => ({ file, profile: await readProfileFile(file, limits) })));
  const [bases, heads] = await Promise.all([load(await expand('--base', args.base)), load(await expand('--head', args.head))]);
  const comparisons = compareProfiles(bases, heads, {
    sampleIndexes: args.sampleIndexes,
    granularity: args.granularity,
    normalize: args.normalize,
    name: groupKey(basename(heads[0].file)),
    mode: args.mode,
    alpha: args.alpha,
  });
  if (args.ignore) ignoreRows(comparisons, args.ignore);
  const gate = applyGate(comparisons, thresholds);
  if (args.format === 'html') {
    if (!args.output && comparisons.length > 1) {
      const types = comparisons.map((c) => c.sampleIndex).join(', ');
      throw new UsageError(`--format html writes one file per sample type (${types}): give --output FILE, or a single --sample-index`);
    }
    const pages = renderHtmlReports(
      bases.map((b) => b.profile),
      heads.map((h) => h.profile),
      comparisons,
    );
    if (!args.output) process.stdout.write(pages[0]);
    else {
      const paths = htmlOutputPaths(args.output, comparisons);
      paths.forEach((path, i) => writeFileSync(path, pages[i]));
      if (paths.length > 1) process.stderr.write(`pprof-gate: wrote ${paths.join(', ')}\n`);
    }
  } else {
    const report = renderReport(comparisons, args.format, { top: args.top });
    if (args.output) writeFileSync(args.output, report);
    else process.stdout.write(report);
  }
  if (gate.regression) {
    const reasons = regressionReasons(gate.regressions);
    process.stderr.write(
      `pprof-gate: regression: ${escapeText(reasons[0])}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}\n`,
    );
  }
  return gate.regression ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'diff' && command !== 'growth') throw new UsageError(`unknown command "${command}" (try: pprof-gate --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${command === 'growth' ? GROWTH_USAGE : USAGE}\n`);
      return 0;
    }
    return command === 'growth' ? await runGrowth(parseGrowthArgs(rest)) : await runDiff(parseDiffArgs(rest));
  } catch (err) {
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pprof-gate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 3;
  },
);
