import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { compareProfiles } from './analysis/compare.js';
import { applyGate, ignoreRows, parseThresholds, ThresholdError } from './analysis/gate.js';
import { GRANULARITIES, type Granularity } from './analysis/nodes.js';
import { ProfileError } from './pprof/errors.js';
import { readProfileFile } from './pprof/read.js';
import { FORMATS, renderReport, type Format } from './report/index.js';

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

class UsageError extends Error {}

interface DiffArgs {
  base: string;
  head: string;
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
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (!v.base) throw new UsageError('--base FILE is required');
  if (!v.head) throw new UsageError('--head FILE is required');
  if (!GRANULARITIES.includes(v.granularity as Granularity)) {
    throw new UsageError(`--granularity must be one of ${GRANULARITIES.join(', ')}, got "${v.granularity}"`);
  }
  if (!FORMATS.includes(v.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${v.format}"`);
  const maxProfileBytes = nonNegativeInt('--max-profile-bytes', v['max-profile-bytes']!);
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
    thresholds: v.thresholds!,
    ignore,
    base: v.base,
    head: v.head,
    sampleIndexes: (v['sample-index'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    granularity: v.granularity as Granularity,
    normalize: v.normalize!,
    top: nonNegativeInt('--top', v.top!),
    format: v.format as Format,
    output: v.output,
    maxProfileBytes,
  };
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
  const [base, head] = await Promise.all([readProfileFile(args.base, limits), readProfileFile(args.head, limits)]);
  const comparisons = compareProfiles(
    { file: args.base, profile: base },
    { file: args.head, profile: head },
    {
      sampleIndexes: args.sampleIndexes,
      granularity: args.granularity,
      normalize: args.normalize,
      inlineLabels: args.format === 'text',
      name: basename(args.head),
    },
  );
  if (args.ignore) ignoreRows(comparisons, args.ignore);
  const gate = applyGate(comparisons, thresholds);
  const report = renderReport(comparisons, args.format, { top: args.top });
  if (args.output) writeFileSync(args.output, report);
  else process.stdout.write(report);
  if (gate.regression) process.stderr.write(`pprof-gate: regression: ${gate.reasons[0]}${gate.reasons.length > 1 ? ` (and ${gate.reasons.length - 1} more)` : ''}\n`);
  return gate.regression ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'diff') throw new UsageError(`unknown command "${command}" (try: pprof-gate diff --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return await runDiff(parseDiffArgs(rest));
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
