#!/usr/bin/env node
// npm run bench — pprof-gate against `go tool pprof`, side by side, on heap-profile pairs of
// growing size written by a real Go program (testdata/programs/benchgen).
//
//   npm run build && npm run bench                       # 10k, 30k, 100k, 300k, 1M samples
//   npm run bench -- --sizes 10000,100000 --repeat 5     # other sizes / more runs
//   npm run bench -- --no-go                             # skip go tool pprof (or: go not on PATH)
//   npm run bench -- --regen                             # rewrite the cached profiles
//   npm run bench -- --no-write                          # do not update bench/RESULTS.md
//   npm run bench -- --text                              # only the text profiles (issue 12), 100k
//   npm run bench -- --text --sizes 100000,1000000        # text profiles of other sizes
//   npm run bench -- --growth                            # only the growth rows (below)
//   npm run bench -- --help                              # this text
//
// Each pair is diffed four ways: pprof-gate --format json --top 0, pprof-gate --format html
// --output <tmp>/x.html (the flame graphs, both sample types), the action itself (dist/index.js with
// baseline-path, offline: no comment, no upload) and go tool pprof -top. The wall times are also
// drawn, against the sample count, in bench/curve.svg.
// Profiles are cached in bench/out/ (gitignored). Wall time is the median of --repeat runs (go
// tool pprof runs once at sizes ≥ 1M: it takes about a minute there); peak RSS is the largest
// seen, read from GNU time (/usr/bin/time -f %M), which counts the process and its children.
//
// --growth: `pprof-gate growth` on a series of 60 snapshots of one benchgen run, 30k samples each
// (benchgen -snapshots: between two snapshots the run replays a slice of its walks through one call
// site, so every snapshot repeats the same stacks with new values, as in a soak test), every row of
// the three default sample types as JSON; target under 4 s of CPU and 800 MB. Its rows go to their
// own section of bench/RESULTS.md, which the other rows keep.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { topLevelFields } from './lib/proto.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const GEN_SRC = join(ROOT, 'testdata', 'programs', 'benchgen');
const CLI = join(ROOT, 'dist', 'cli.js');
const ACTION = join(ROOT, 'dist', 'index.js');
const GNU_TIME = '/usr/bin/time';

function parseFlags(argv) {
  const flags = {
    sizes: [10_000, 30_000, 100_000, 300_000, 1_000_000],
    sizesGiven: false,
    repeat: 3,
    go: true,
    regen: false,
    write: true,
    functions: 1024,
    text: false,
    growth: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') {
      flags.sizes = argv[++i].split(',').map((s) => Number(s.trim()));
      flags.sizesGiven = true;
    } else if (a === '--text') flags.text = true;
    else if (a === '--repeat') flags.repeat = Math.max(1, Number(argv[++i]));
    else if (a === '--functions') flags.functions = Number(argv[++i]);
    else if (a === '--no-go') flags.go = false;
    else if (a === '--regen') flags.regen = true;
    else if (a === '--no-write') flags.write = false;
    else if (a === '--growth') flags.growth = true;
    else if (a === '--help' || a === '-h') {
      // The usage is the header comment of this file.
      const src = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      const start = src.findIndex((l) => l.startsWith('// npm run bench'));
      const end = src.findIndex((l, j) => j > start && !l.startsWith('//'));
      console.log(
        src
          .slice(start, end)
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n'),
      );
      process.exit(0);
    } else {
      console.error(`bench: unknown flag ${a}`);
      process.exit(2);
    }
  }
  if (flags.sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error('bench: --sizes takes positive whole numbers');
    process.exit(2);
  }
  return flags;
}

function have(cmd, args = ['version']) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

function label(n) {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);
}

/** Build the generator (Go, stdlib only) and write base/head heap profiles of `n` walks. */
function ensureProfiles(sizes, flags, hasGo) {
  const pairs = [];
  let binary = null;
  for (const n of sizes) {
    const dir = join(OUT, 'profiles', label(n));
    const base = join(dir, 'base.heap.pb.gz');
    const head = join(dir, 'head.heap.pb.gz');
    if (flags.regen || !existsSync(base) || !existsSync(head)) {
      if (!hasGo) {
        console.error(`bench: no profiles in ${dir} and no Go toolchain on PATH to write them (apt-get install -y golang-go)`);
        process.exit(2);
      }
      if (!binary) {
        binary = join(OUT, 'benchgen');
        process.stderr.write(`bench: building ${GEN_SRC} with ${flags.functions} generated functions…\n`);
        execFileSync('go', ['run', './gen', '-n', String(flags.functions)], { cwd: GEN_SRC, stdio: 'inherit' });
        execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: GEN_SRC, stdio: 'inherit' });
      }
      mkdirSync(dir, { recursive: true });
      for (const [variant, file] of [
        ['base', base],
        ['head', head],
      ]) {
        process.stderr.write(`bench: writing ${label(n)} ${variant} profile…\n`);
        execFileSync(binary, ['-samples', String(n), '-variant', variant, '-o', file], { stdio: 'inherit' });
      }
    }
    const raw = gunzipSync(readFileSync(base));
    pairs.push({ n, base, head, gz: statSync(base).size, raw: raw.length, samples: countSamples(raw) });
  }
  return pairs;
}

/** Count profile.proto field-2 (sample) records at the top level, without decoding them. */
function countSamples(buf) {
  let count = 0;
  for (const field of topLevelFields(buf)) if (field === 2) count++;
  return count;
}

/**
 * Run a command once: wall seconds (high-resolution), and from GNU time the CPU seconds (user +
 * system) and peak RSS in bytes, or null without it.
 */
function measureOnce(cmd, args, env) {
  const useTime = existsSync(GNU_TIME);
  const statsFile = join(OUT, 'time.txt');
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%U %S %M', '-o', statsFile, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const res = spawnSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env, maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu = null;
  let rss = null;
  if (useTime) {
    const [user, sys, kb] = readFileSync(statsFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = user + sys;
    rss = kb * 1024;
  }
  return { wall, cpu, rss, status: res.status, stdout: String(res.stdout), stderr: String(res.stderr) };
}

function measure(cmd, args, repeat, okStatuses = [0], env = undefined) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const r = measureOnce(cmd, args, env);
    if (!okStatuses.includes(r.status)) {
      console.error(`bench: ${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(0, 2000)}`);
      process.exit(1);
    }
    runs.push(r);
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rss = runs.every((r) => r.rss !== null) ? Math.max(...runs.map((r) => r.rss)) : null;
  const cpu = runs.every((r) => r.cpu !== null) ? median(runs.map((r) => r.cpu)) : null;
  return { wall: median(runs.map((r) => r.wall)), cpu, rss, runs: repeat, stdout: runs[runs.length - 1].stdout };
}

/**
 * The action on one pair, started as a runner starts it but offline: the head profile in a
 * workspace, the base through baseline-path (no download), comment: never, no artifact upload;
 * every other input at its action.yml default. It still renders the flame graphs (into
 * RUNNER_TEMP) and writes the job summary, the JSON report and its outputs, as on a runner.
 */
function actionRun(pair, scratch, repeat) {
  const ws = join(scratch, 'workspace');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(ws, 'profiles'), { recursive: true });
  mkdirSync(join(ws, 'baseline'), { recursive: true });
  mkdirSync(join(scratch, 'temp'), { recursive: true });
  copyFileSync(pair.head, join(ws, 'profiles', 'heap.pb.gz'));
  copyFileSync(pair.base, join(ws, 'baseline', 'heap.pb.gz'));
  const outputs = join(scratch, 'outputs');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? scratch,
    GITHUB_REPOSITORY: 'bench/bench',
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: join(scratch, 'temp'),
    GITHUB_STEP_SUMMARY: join(scratch, 'summary.md'),
    GITHUB_OUTPUT: outputs,
  };
  const { inputs } = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  for (const [name, spec] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = String(spec.default ?? '');
  Object.assign(env, {
    INPUT_PROFILES: 'profiles/*.pb.gz',
    'INPUT_BASELINE-PATH': 'baseline',
    'INPUT_GITHUB-TOKEN': 'offline',
    INPUT_COMMENT: 'never',
    'INPUT_REPORT-ARTIFACT': '',
  });
  writeFileSync(outputs, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  const m = measure(process.execPath, [ACTION], repeat, [0, 1], env);
  // A run that failed on its inputs or profiles would be timed for nothing: it must have compared.
  const failed = m.stdout.split('\n').filter((l) => l.startsWith('::error::') && !l.startsWith('::error::pprof-gate: regression'));
  if (failed.length > 0 || !readFileSync(outputs, 'utf8').includes('regression<<')) {
    console.error(`bench: the action did not compare ${pair.base} and ${pair.head}:\n${failed.join('\n') || m.stdout.slice(-2000)}`);
    process.exit(1);
  }
  rmSync(scratch, { recursive: true, force: true });
  return m;
}

const fmtS = (s) => (s < 10 ? s.toFixed(3) : s.toFixed(1)) + ' s';
const fmtMB = (b) => (b === null ? 'n/a' : `${(b / 1048576).toFixed(0)} MB`);
const fmtX = (x) => (x === null || !Number.isFinite(x) ? 'n/a' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`);

function machine(goVersion) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    go: goVersion ?? 'not on PATH',
  };
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const md = (cells) => `| ${cells.join(' | ')} |`;
  return {
    text: [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'),
    markdown: [md(header), md(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(md)].join('\n'),
  };
}

/** Cold start of the action: `node dist/index.js` with no inputs, against bare `node -e 0`. */
function coldStart(repeat) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', RUNNER_TEMP: join(OUT, 'runner-temp') };
  mkdirSync(env.RUNNER_TEMP, { recursive: true });
  const action = measure(process.execPath, [ACTION], Math.max(5, repeat), [1], env);
  return { wall: action.wall, rss: action.rss, bytes: statSync(ACTION).size };
}

/** A Node process that does nothing: the floor under any Node program's time and memory. */
function bareNode(repeat) {
  return measure(process.execPath, ['-e', '0'], Math.max(5, repeat));
}

const GROWTH_START = '<!-- growth: written by npm run bench -- --growth -->';
const GROWTH_END = '<!-- /growth -->';

/**
 * RESULTS.md's section between the markers `open` and `close` (with a leading newline; '' when
 * none), so that each kind of run keeps the sections the others wrote.
 */
function keptSection(file, open, close) {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start >= 0 && end > start ? `\n${text.slice(start, end + close.length)}\n` : '';
}

/** Writes `section` (which starts with `open` and ends with `close`) into RESULTS.md in place of the old one, or at its end. */
function replaceSection(file, section, open, close) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = old.indexOf(open);
  const end = old.indexOf(close);
  writeFileSync(
    file,
    start >= 0 && end > start ? old.slice(0, start) + section + old.slice(end + close.length) : `${old.trimEnd()}\n\n${section}\n`,
  );
}

/** 60 snapshots × 30k samples through `pprof-gate growth`. */
function growthBench(flags, hasGo) {
  const snapshots = 60;
  const samples = 30_000;
  // "same-stacks": series cached by older versions of benchgen grew by a slice of new stacks per snapshot.
  const dir = join(OUT, 'series', `${label(samples)}x${snapshots}-same-stacks`);
  if (flags.regen || !existsSync(join(dir, `heap-${snapshots}.pb.gz`))) {
    if (!hasGo) {
      console.error(`bench: no series in ${dir} and no Go toolchain on PATH to write it`);
      process.exit(2);
    }
    const binary = join(OUT, 'benchgen');
    process.stderr.write(`bench: writing ${snapshots} snapshots of ${label(samples)} samples…\n`);
    execFileSync('go', ['run', './gen', '-n', String(flags.functions)], { cwd: GEN_SRC, stdio: 'inherit' });
    execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: GEN_SRC, stdio: 'inherit' });
    mkdirSync(dir, { recursive: true });
    execFileSync(binary, ['-samples', String(samples), '-snapshots', String(snapshots), '-o', dir], { stdio: 'inherit' });
  }
  const first = gunzipSync(readFileSync(join(dir, 'heap-1.pb.gz')));
  const last = gunzipSync(readFileSync(join(dir, `heap-${snapshots}.pb.gz`)));
  const r = measure(
    process.execPath,
    [CLI, 'growth', '--head', join(dir, 'heap-*.pb.gz'), '--format', 'json', '--top', '0'],
    flags.repeat,
    [0, 1],
  );
  const load = os.loadavg()[0];
  const m = machine(null);
  // CPU, not wall: on a shared machine the wall time measures the other work as much as this.
  const verdict = `${r.cpu !== null && r.cpu < 4 ? 'under' : 'NOT under'} 4 s cpu, ${r.rss !== null && r.rss < 800 * 1048576 ? 'under' : 'NOT under'} 800 MB`;
  const row = [
    `${snapshots} × ${label(samples)}`,
    `${countSamples(first)}–${countSamples(last)}`,
    fmtS(r.wall),
    r.cpu === null ? 'n/a' : fmtS(r.cpu),
    fmtMB(r.rss),
    verdict,
  ];
  const t = table(['snapshots', 'samples each', 'wall', 'cpu', 'peak RSS', 'target'], [row]);
  console.log(t.text);
  console.log(`load average ${load.toFixed(2)}; ${m.cpu}, ${m.cores} cores; node ${m.node}`);
  if (!flags.write) return;
  const target = join(ROOT, 'bench', 'RESULTS.md');
  const section = [
    GROWTH_START,
    '## Growth over time',
    '',
    `\`node dist/cli.js growth --head 'SERIES/heap-*.pb.gz' --format json --top 0\` on ${snapshots} snapshots of one benchgen`,
    'run (`benchgen -snapshots`), every row of inuse_space, inuse_objects and alloc_space. Wall: median of',
    `${flags.repeat} runs; cpu: user + system; peak RSS: GNU time. Load average when the run ended: ${load.toFixed(2)}`,
    '(other work on the machine inflates wall times more than cpu).',
    '',
    t.markdown,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory; node ${m.node}. Run on ${new Date().toISOString().slice(0, 10)}.`,
    GROWTH_END,
  ].join('\n');
  replaceSection(target, section, GROWTH_START, GROWTH_END);
  process.stderr.write(`bench: wrote the growth section of ${target}\n`);
}

function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (!existsSync(CLI) || !existsSync(ACTION)) {
    console.error('bench: dist/cli.js or dist/index.js is missing; run `npm run build` first');
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  const hasGo = have('go');
  const goVersion = hasGo
    ? execFileSync('go', ['version'], { encoding: 'utf8' })
        .trim()
        .replace(/^go version /, '')
    : null;
  if (flags.text) return textBench(flags, hasGo, goVersion);
  if (flags.growth) return growthBench(flags, hasGo);
  const pairs = ensureProfiles(flags.sizes, flags, hasGo);
  const compareGo = hasGo && flags.go;

  // The HTML reports go to a scratch directory, overwritten by every run and removed at the end.
  const htmlDir = mkdtempSync(join(os.tmpdir(), 'pprof-gate-bench-'));
  const htmlOut = join(htmlDir, 'x.html');
  const results = [];
  for (const p of pairs) {
    process.stderr.write(`bench: ${label(p.n)} pair (${p.samples} samples, ${(p.raw / 1e6).toFixed(1)} MB raw each)…\n`);
    const ours = measure(
      process.execPath,
      [CLI, 'diff', '--base', p.base, '--head', p.head, '--format', 'json', '--top', '0'],
      flags.repeat,
      [0, 1],
    );
    // The flame graphs: same pair, both sample types (the default), so two files are written.
    rmSync(htmlOut, { force: true });
    const html = measure(
      process.execPath,
      [CLI, 'diff', '--base', p.base, '--head', p.head, '--format', 'html', '--output', htmlOut],
      flags.repeat,
      [0, 1],
    );
    if (!existsSync(htmlOut)) {
      console.error(`bench: node dist/cli.js diff --format html --output ${htmlOut} wrote no file`);
      process.exit(1);
    }
    const action = actionRun(p, join(htmlDir, 'action'), flags.repeat);
    let go = null;
    if (compareGo) {
      const goArgs = [
        'tool',
        'pprof',
        '-top',
        '-nodecount=0',
        '-nodefraction=0',
        '-edgefraction=0',
        '-symbolize=none',
        `-diff_base=${p.base}`,
        p.head,
      ];
      go = measure('go', goArgs, p.n >= 1_000_000 ? 1 : flags.repeat);
    }
    // Same rows as pprof: inuse_space (pprof's default for a heap profile) row for row.
    const inuse = JSON.parse(ours.stdout).comparisons.find((c) => c.sampleIndex === 'inuse_space');
    const ourRows = inuse ? inuse.rows.length : NaN;
    let goRows = null;
    if (go) {
      const lines = go.stdout.split('\n');
      const header = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
      goRows = lines.slice(header + 1).filter((l) => l.trim() !== '').length;
    }
    results.push({ ...p, ours, html, action, go, ourRows, goRows });
  }
  rmSync(htmlDir, { recursive: true, force: true });

  const bare = bareNode(flags.repeat);
  const header = [
    'samples',
    'raw size',
    'pprof-gate wall',
    'cpu',
    'peak RSS',
    'µs/sample',
    'marginal',
    'html wall',
    'peak RSS',
    'action wall',
    'peak RSS',
    ...(compareGo ? ['go tool pprof wall', 'cpu', 'peak RSS', 'speed-up', 'memory', 'targets', 'rows = pprof'] : []),
  ];
  const cpuS = (c) => (c === null ? 'n/a' : fmtS(c));
  const marginal = (i) => ((results[i].ours.wall - results[i - 1].ours.wall) * 1e6) / (results[i].samples - results[i - 1].samples);
  const rows = results.map((r, i) => [
    label(r.samples),
    `${(r.raw / 1e6).toFixed(1)} MB`,
    fmtS(r.ours.wall),
    cpuS(r.ours.cpu),
    fmtMB(r.ours.rss),
    ((r.ours.wall * 1e6) / r.samples).toFixed(2),
    // µs per extra sample since the previous size: flat when the cost grows linearly
    i === 0 ? '' : marginal(i).toFixed(2),
    fmtS(r.html.wall),
    fmtMB(r.html.rss),
    fmtS(r.action.wall),
    fmtMB(r.action.rss),
    ...(compareGo
      ? [
          fmtS(r.go.wall),
          cpuS(r.go.cpu),
          fmtMB(r.go.rss),
          fmtX(r.go.wall / r.ours.wall),
          r.go.rss && r.ours.rss ? `1/${(r.go.rss / r.ours.rss).toFixed(1)}` : 'n/a',
          targetCell(r, bare),
          r.goRows === r.ourRows ? `yes (${r.ourRows})` : `NO (${r.ourRows} vs ${r.goRows})`,
        ]
      : []),
  ]);
  const load = os.loadavg()[0];
  const t = table(header, rows);
  const cold = coldStart(flags.repeat);
  // Node starting and loading the CLI bundle, with no profile to read.
  const floor = measure(process.execPath, [CLI, '--help'], Math.max(5, flags.repeat));
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
  const floorText =
    `Start-up: \`node dist/cli.js --help\` takes ${ms(floor.wall)} and ${fmtMB(floor.rss)} peak RSS; ` +
    `a Node process that does nothing (\`node -e 0\`) ${ms(bare.wall)} and ${fmtMB(bare.rss)}.`;
  const coldText =
    `Action cold start (\`node dist/index.js\` with no inputs, ${(cold.bytes / 1024).toFixed(0)} KiB bundle): ` +
    `${ms(cold.wall)} and ${fmtMB(cold.rss)} peak RSS.`;
  const targets = compareGo ? targetLines(results, bare, marginal) : [];
  const m = machine(goVersion);

  console.log(t.text);
  console.log(`\n${floorText}\n${coldText}`);
  if (targets.length > 0) console.log(`\n${targets.join('\n')}`);
  console.log(`\n${m.cpu}, ${m.cores} cores, ${m.memory}; node ${m.node}; go ${m.go}`);

  if (flags.write) {
    const lines = [
      '# Benchmark: pprof-gate vs go tool pprof',
      '',
      'Written by `npm run bench` (scripts/bench.mjs). Each pair is a base and a head heap profile written by',
      'testdata/programs/benchgen, a Go program that allocates at the end of pseudo-random walks through',
      `${flags.functions} generated functions (stacks up to the runtime's 32 frames, inlined frames, one sample per`,
      'distinct stack); the head replays the same walks with regressions, new paths and dropped paths.',
      '',
      `- pprof-gate: \`node dist/cli.js diff --base BASE --head HEAD --format json --top 0\` (every row of both`,
      '  alloc_space and inuse_space, the default for heap profiles).',
      '- html wall, peak RSS: `node dist/cli.js diff --base BASE --head HEAD --format html --output TMP/x.html`, the',
      '  differential flame graphs of the same two sample types (two self-contained files, x.html and',
      '  x.inuse_space.html, in a scratch directory), timed like the json run; not part of speed-up or memory.',
      '- action wall, peak RSS: the whole action, `node dist/index.js` as a runner starts it, offline: head profile in',
      '  a workspace, base through `baseline-path`, `comment: never`, `report-artifact: ""`, other inputs at their',
      '  defaults. It compares both sample types, renders both flame graphs and writes the summary and JSON report:',
      '  what the action costs on a runner besides the API calls and the artifact download.',
      '- go tool pprof: `go tool pprof -top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -diff_base=BASE HEAD`',
      '  (every row of inuse_space only).',
      `- Wall time: median of ${flags.repeat} runs (go tool pprof: one run at ≥ 1M samples); cpu: user + system seconds`,
      "  (median); speed-up: ratio of wall times (go tool pprof / json). Peak RSS: GNU time's maximum resident set size,",
      '  largest of the runs, the process and its children. µs/sample: pprof-gate json wall time per sample; marginal:',
      '  µs per sample added since the previous size (flat = cost linear in size, the start-up cost aside).',
      '  targets: at least 10× faster and at most ¼ of the peak memory of go tool pprof; where not, the best any',
      "  Node process could do (go tool pprof's figure over bare `node -e 0`'s). rows = pprof: pprof-gate's",
      "  inuse_space rows and pprof's (its default sample type for a heap profile) are as many (the golden tests",
      '  check the values).',
      `- Load average when the run ended: ${load.toFixed(2)} (other work on the machine inflates wall times, not cpu).`,
      '',
      t.markdown,
      '',
      '![wall time against samples](curve.svg)',
      '',
      ...(targets.length > 0 ? ['Targets:', '', ...targets.map((l) => `- ${l}`), ''] : []),
      floorText,
      '',
      coldText,
      '',
      `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, ${m.os}; node ${m.node}; go ${m.go}.`,
      `Run on ${new Date().toISOString().slice(0, 10)}.`,
      '',
    ];
    const target = join(ROOT, 'bench', 'RESULTS.md');
    writeFileSync(target, lines.join('\n') + keptSection(target, TEXT_START, TEXT_END) + keptSection(target, GROWTH_START, GROWTH_END));
    writeFileSync(join(ROOT, 'bench', 'curve.svg'), curveSvg(results, compareGo, bare));
    process.stderr.write(`bench: wrote ${target} and bench/curve.svg\n`);
  }
}

const TEXT_START = '<!-- text profiles: written by npm run bench -- --text -->';
const TEXT_END = '<!-- /text profiles -->';

/** Text profiles of n goroutines / records from testdata/programs/textbench, cached in bench/out/text. */
function ensureTextProfiles(sizes, flags, hasGo) {
  const src = join(ROOT, 'testdata', 'programs', 'textbench');
  const binary = join(OUT, 'textbench');
  const out = [];
  for (const n of sizes) {
    const dir = join(OUT, 'text', label(n));
    const files = {};
    for (const [kind, ext] of [
      ['goroutine', 'debug2'],
      ['heap', 'debug1'],
    ]) {
      for (const variant of ['base', 'head']) {
        const file = join(dir, `${variant}.${kind}.${ext}`);
        files[`${kind}.${variant}`] = file;
        if (!flags.regen && existsSync(file)) continue;
        if (!hasGo) {
          console.error(`bench: no ${file} and no Go toolchain on PATH to write it (apt-get install -y golang-go)`);
          process.exit(2);
        }
        if (!existsSync(binary) || flags.regen)
          execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: src, stdio: 'inherit' });
        mkdirSync(dir, { recursive: true });
        process.stderr.write(`bench: writing ${label(n)} ${variant} ${kind} ${ext}…\n`);
        execFileSync(binary, ['-kind', kind, '-n', String(n), '-variant', variant, '-o', file], { stdio: 'inherit' });
      }
    }
    out.push({ n, files });
  }
  return out;
}

/** src/ compiled by tsc into bench/out/build, for timing one module (the reader) on its own. */
function compiledSources() {
  const build = join(OUT, 'build');
  process.stderr.write('bench: compiling src/ into bench/out/build…\n');
  rmSync(build, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', build], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return build;
}

/** npm run bench -- --text: the text-profile rows only, into their section of bench/RESULTS.md. */
function textBench(flags, hasGo, goVersion) {
  const sizes = flags.sizesGiven ? flags.sizes : [100_000];
  const rows = [];
  const build = compiledSources();
  for (const { n, files } of ensureTextProfiles(sizes, flags, hasGo)) {
    for (const [kind, form, limit] of [
      ['goroutine', 'goroutine debug=2', 1.5],
      ['heap', 'heap debug=1', 1],
    ]) {
      const base = files[`${kind}.base`];
      const head = files[`${kind}.head`];
      process.stderr.write(`bench: ${label(n)} ${form} read…\n`);
      const read = measure(process.execPath, [join(ROOT, 'scripts', 'lib', 'read-profile.mjs'), build, base], flags.repeat);
      process.stderr.write(`bench: ${label(n)} ${form} pair…\n`);
      const ours = measure(
        process.execPath,
        [CLI, 'diff', '--base', base, '--head', head, '--format', 'json', '--top', '0'],
        flags.repeat,
        [0, 1],
      );
      const go =
        kind === 'heap' && hasGo && flags.go
          ? measure(
              'go',
              [
                'tool',
                'pprof',
                '-top',
                '-nodecount=0',
                '-nodefraction=0',
                '-edgefraction=0',
                '-symbolize=none',
                `-diff_base=${base}`,
                head,
              ],
              flags.repeat,
            )
          : null;
      rows.push([
        form,
        label(n),
        `${(statSync(base).size / 1e6).toFixed(1)} MB`,
        read.cpu === null ? 'n/a' : fmtS(read.cpu),
        fmtMB(read.rss),
        read.cpu !== null && read.cpu <= limit && (read.rss === null || read.rss <= 600 * 1048576) ? 'yes' : 'no',
        fmtS(ours.wall),
        ours.cpu === null ? 'n/a' : fmtS(ours.cpu),
        fmtMB(ours.rss),
        go ? fmtS(go.wall) : 'n/a',
        go ? fmtMB(go.rss) : 'n/a',
      ]);
    }
  }
  const t = table(
    [
      'form',
      'n',
      'file size',
      'read cpu',
      'peak RSS',
      'target',
      'diff of the pair wall',
      'cpu',
      'peak RSS',
      'go tool pprof wall',
      'peak RSS',
    ],
    rows,
  );
  console.log(t.text);
  if (!flags.write) return;
  const m = machine(goVersion);
  const section = [
    TEXT_START,
    '## Text profiles',
    '',
    'Written by `npm run bench -- --text`. Files from testdata/programs/textbench (a real Go program): a goroutine',
    'dump of n parked goroutines (`pprof.Lookup("goroutine").WriteTo(w, 2)`, the head with 5% more) and a heap',
    'profile with debug=1 of n records (`MemProfileRate = 1`, one record per call path). Read: one file (the base)',
    'to a Profile by `scripts/lib/read-profile.mjs` (src/ compiled by tsc; the whole process, node start included),',
    'the targets of issue 12 (a 100k-goroutine dump in under 1.5 s and 600 MB, a 100k-record heap debug=1 in under',
    '1 s), judged on CPU time (user + sys), since wall time on this shared machine is mostly waiting. Diff of the',
    'pair: `node dist/cli.js diff --base BASE --head HEAD --format json --top 0`, both files read and diffed;',
    'go tool pprof: `-top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -diff_base=BASE HEAD` (it',
    'does not read debug=2). CPU and wall: median of the runs; peak RSS: GNU time, the largest.',
    `Load average when the run ended: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} (1, 5, 15 min; other work on the machine inflates CPU and wall times).`,
    '',
    t.markdown,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, ${m.os}; node ${m.node}; go ${m.go}. Run on ${new Date().toISOString().slice(0, 10)}.`,
    TEXT_END,
  ].join('\n');
  const target = join(ROOT, 'bench', 'RESULTS.md');
  replaceSection(target, section, TEXT_START, TEXT_END);
  process.stderr.write(`bench: wrote the text section of ${target}\n`);
}

/** "yes" per target, or "no" with the best ratio a Node process that does nothing would reach. */
function targetCell(r, bare) {
  const speed = r.go.wall / r.ours.wall >= 10 ? 'yes' : `no (≤ ${fmtX(r.go.wall / bare.wall)})`;
  if (r.go.rss === null || r.ours.rss === null) return `10×: ${speed}`;
  const memory = r.ours.rss * 4 <= r.go.rss ? 'yes' : `no (≤ 1/${(r.go.rss / bare.rss).toFixed(1)})`;
  return `10×: ${speed}; ¼: ${memory}`;
}

/** The targets, each with the sizes where it holds and where not, from the figures above. */
function targetLines(results, bare, marginal) {
  const sizes = (rs) => rs.map((r) => label(r.n)).join(', ') || 'none';
  const fast = results.filter((r) => r.go.wall / r.ours.wall >= 10);
  const slow = results.filter((r) => r.go.wall / r.ours.wall < 10);
  const lines = [`At least 10× faster than go tool pprof: met at ${sizes(fast)}; not at ${sizes(slow)}.`];
  if (results.every((r) => r.go.rss !== null && r.ours.rss !== null)) {
    const lean = results.filter((r) => r.ours.rss * 4 <= r.go.rss);
    const fat = results.filter((r) => r.ours.rss * 4 > r.go.rss);
    lines.push(`At most ¼ of its peak memory: met at ${sizes(lean)}; not at ${sizes(fat)}.`);
  }
  // Where no Node program could meet them: go tool pprof is done before a bare Node has started.
  for (const r of results) {
    const beyond = [];
    if (r.go.wall < 10 * bare.wall) beyond.push(`be 10× faster (at best ${fmtX(r.go.wall / bare.wall)})`);
    if (r.go.rss !== null && bare.rss !== null && r.go.rss < 4 * bare.rss)
      beyond.push(`use ¼ of its memory (at best 1/${(r.go.rss / bare.rss).toFixed(1)})`);
    if (beyond.length === 0) continue;
    lines.push(
      `At ${label(r.n)}, go tool pprof takes ${fmtS(r.go.wall)} and ${fmtMB(r.go.rss)}, and \`node -e 0\` alone ` +
        `${(bare.wall * 1000).toFixed(0)} ms and ${fmtMB(bare.rss)}: no Node process can ${beyond.join(' or ')} there.`,
    );
  }
  const big = results.find((r) => r.samples >= 1_000_000);
  if (big) {
    const ok = big.ours.wall < 5 && big.ours.rss !== null && big.ours.rss < 1.5e9;
    lines.push(`${label(big.n)} pair under 5 s and 1.5 GB: ${fmtS(big.ours.wall)} and ${fmtMB(big.ours.rss)}, ${ok ? 'met' : 'NOT met'}.`);
  }
  if (results.length > 2) {
    const steps = results.slice(1).map((_, j) => marginal(j + 1).toFixed(2));
    lines.push(`Cost per added sample between successive sizes (µs): ${steps.join(', ')}; the curve is bench/curve.svg.`);
  }
  return lines;
}

/** The smallest of 1, 2 or 5 × 10^k that is at least `x`. */
function niceStep(x) {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= x);
}

/**
 * Wall time against sample count: pprof-gate (json, html, the action) on linear axes, where a
 * straight line is linear cost; and next to it, on log axes, the same with go tool pprof and the
 * time of a bare `node -e 0` (dashed).
 */
function curveSvg(results, withGo, bare) {
  const W = 380;
  const H = 260;
  const pad = { l: 52, r: 28, t: 28, b: 40 };
  const series = [
    { name: 'pprof-gate json', color: '#1f6feb', get: (r) => r.ours.wall },
    { name: 'pprof-gate html', color: '#8250df', get: (r) => r.html.wall },
    { name: 'action', color: '#1a7f37', get: (r) => r.action.wall },
    ...(withGo ? [{ name: 'go tool pprof', color: '#cf222e', get: (r) => r.go.wall }] : []),
  ];
  const xs = results.map((r) => r.samples);
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const panel = (x0, title, shown, log) => {
    const ys = [...results.flatMap((r) => shown.map((s) => s.get(r))), ...(log ? [bare.wall] : [])];
    const f = log ? Math.log10 : (v) => v;
    const [xmin, xmax] = log ? [f(Math.min(...xs)), f(Math.max(...xs))] : [0, Math.max(...xs)];
    // Linear axis: ticks every 1, 2 or 5 × 10^k seconds, four or five of them, the top one above every point.
    const step = log ? 0 : niceStep(Math.max(...ys) / 4);
    const [ymin, ymax] = log
      ? [Math.floor(f(Math.min(...ys))), Math.ceil(f(Math.max(...ys)))]
      : [0, Math.ceil((Math.max(...ys) * 1.02) / step) * step];
    const px = (v) => x0 + pad.l + ((f(v) - xmin) / (xmax - xmin || 1)) * (W - pad.l - pad.r);
    const py = (v) => pad.t + (1 - (f(v) - ymin) / (ymax - ymin || 1)) * (H - pad.t - pad.b);
    const out = [`<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-weight="bold">${esc(title)}</text>`];
    const yTicks = log
      ? Array.from({ length: ymax - ymin + 1 }, (_, i) => 10 ** (ymin + i))
      : Array.from({ length: Math.round(ymax / step) + 1 }, (_, i) => i * step);
    for (const v of yTicks) {
      out.push(`<line x1="${x0 + pad.l}" x2="${x0 + W - pad.r}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`);
      out.push(`<text x="${x0 + pad.l - 4}" y="${py(v) + 4}" text-anchor="end">${Number(v.toPrecision(3))} s</text>`);
    }
    for (const n of xs) {
      out.push(`<line x1="${px(n)}" x2="${px(n)}" y1="${H - pad.b}" y2="${H - pad.b + 4}" stroke="#888"/>`);
      if (log || n === Math.max(...xs) || n >= Math.max(...xs) / 4)
        out.push(`<text x="${px(n)}" y="${H - pad.b + 16}" text-anchor="middle">${label(results.find((r) => r.samples === n).n)}</text>`);
    }
    out.push(`<text x="${x0 + pad.l + (W - pad.l - pad.r) / 2}" y="${H - 6}" text-anchor="middle">samples per profile</text>`);
    if (log) {
      const y = py(bare.wall);
      out.push(`<line x1="${x0 + pad.l}" x2="${x0 + W - pad.r}" y1="${y}" y2="${y}" stroke="#555" stroke-dasharray="4 3"/>`);
      out.push(`<text x="${x0 + W - pad.r}" y="${y - 4}" text-anchor="end" fill="#555">node -e 0</text>`);
    }
    for (const s of shown) {
      const pts = results.map((r) => `${px(r.samples).toFixed(1)},${py(s.get(r)).toFixed(1)}`).join(' ');
      out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
      for (const r of results) out.push(`<circle cx="${px(r.samples)}" cy="${py(s.get(r))}" r="3" fill="${s.color}"/>`);
    }
    return out.join('\n');
  };
  const ours = series.filter((s) => s.name !== 'go tool pprof');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${20 + i * 150}" y="${H + 6}" width="12" height="12" fill="${s.color}"/><text x="${36 + i * 150}" y="${H + 16}">${esc(s.name)}</text>`,
    )
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 28}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    panel(0, 'pprof-gate wall time (linear axes)', ours, false),
    panel(W, withGo ? 'with go tool pprof (log axes)' : 'log axes', series, true),
    legend,
    '</svg>',
    '',
  ].join('\n');
}

main();
