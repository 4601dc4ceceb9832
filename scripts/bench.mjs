#!/usr/bin/env node
// npm run bench — pprof-gate against `go tool pprof`, side by side, on heap-profile pairs of
// growing size written by a real Go program (testdata/programs/benchgen).
//
//   npm run build && npm run bench                       # 10k, 100k, 300k, 1M samples
//   npm run bench -- --sizes 10000,100000 --repeat 5     # other sizes / more runs
//   npm run bench -- --no-go                             # skip go tool pprof (or: go not on PATH)
//   npm run bench -- --regen                             # rewrite the cached profiles
//   npm run bench -- --no-write                          # do not update bench/RESULTS.md
//   npm run bench -- --help                              # this text
//
// Each pair is diffed three ways: pprof-gate --format json --top 0, pprof-gate --format html
// --output <tmp>/x.html (the flame graphs, both sample types), and go tool pprof -top.
// Profiles are cached in bench/out/ (gitignored). Wall time is the median of --repeat runs (go
// tool pprof runs once at sizes ≥ 1M: it takes about a minute there); peak RSS is the largest
// seen, read from GNU time (/usr/bin/time -f %M), which counts the process and its children.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const GEN_SRC = join(ROOT, 'testdata', 'programs', 'benchgen');
const CLI = join(ROOT, 'dist', 'cli.js');
const ACTION = join(ROOT, 'dist', 'index.js');
const GNU_TIME = '/usr/bin/time';

function parseFlags(argv) {
  const flags = { sizes: [10_000, 100_000, 300_000, 1_000_000], repeat: 3, go: true, regen: false, write: true, functions: 1024 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') flags.sizes = argv[++i].split(',').map((s) => Number(s.trim()));
    else if (a === '--repeat') flags.repeat = Math.max(1, Number(argv[++i]));
    else if (a === '--functions') flags.functions = Number(argv[++i]);
    else if (a === '--no-go') flags.go = false;
    else if (a === '--regen') flags.regen = true;
    else if (a === '--no-write') flags.write = false;
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
  let pos = 0;
  let count = 0;
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
    const tag = varint();
    const wt = tag & 7;
    if (tag >>> 3 === 2) count++;
    if (wt === 0) varint();
    else if (wt === 1) pos += 8;
    else if (wt === 2) {
      const len = varint();
      pos += len;
    } else if (wt === 5) pos += 4;
    else throw new Error(`bench: unexpected wire type ${wt}`);
  }
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

function measure(cmd, args, repeat, okStatuses = [0]) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const r = measureOnce(cmd, args);
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
  if (!existsSync(ACTION) || statSync(ACTION).size < 1024) return null;
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', RUNNER_TEMP: join(OUT, 'runner-temp') };
  mkdirSync(env.RUNNER_TEMP, { recursive: true });
  const bare = [];
  const action = [];
  for (let i = 0; i < Math.max(5, repeat); i++) {
    bare.push(measureOnce(process.execPath, ['-e', '0'], env));
    action.push(measureOnce(process.execPath, [ACTION], env));
  }
  const med = (xs) => xs.map((r) => r.wall).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const maxRss = (xs) => (xs.every((r) => r.rss !== null) ? Math.max(...xs.map((r) => r.rss)) : null);
  return { bareWall: med(bare), bareRss: maxRss(bare), wall: med(action), rss: maxRss(action), bytes: statSync(ACTION).size };
}

function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (!existsSync(CLI)) {
    console.error('bench: dist/cli.js is missing; run `npm run build` first');
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  const hasGo = have('go');
  const goVersion = hasGo
    ? execFileSync('go', ['version'], { encoding: 'utf8' })
        .trim()
        .replace(/^go version /, '')
    : null;
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
    results.push({ ...p, ours, html, go, ourRows, goRows });
  }
  rmSync(htmlDir, { recursive: true, force: true });

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
    ...(compareGo ? ['go tool pprof wall', 'cpu', 'peak RSS', 'speed-up', 'memory', 'rows = pprof'] : []),
  ];
  const cpuS = (c) => (c === null ? 'n/a' : fmtS(c));
  const rows = results.map((r, i) => [
    label(r.samples),
    `${(r.raw / 1e6).toFixed(1)} MB`,
    fmtS(r.ours.wall),
    cpuS(r.ours.cpu),
    fmtMB(r.ours.rss),
    ((r.ours.wall * 1e6) / r.samples).toFixed(2),
    // µs per extra sample since the previous size: flat when the cost grows linearly
    i === 0 ? '' : (((r.ours.wall - results[i - 1].ours.wall) * 1e6) / (r.samples - results[i - 1].samples)).toFixed(2),
    fmtS(r.html.wall),
    fmtMB(r.html.rss),
    ...(compareGo
      ? [
          fmtS(r.go.wall),
          cpuS(r.go.cpu),
          fmtMB(r.go.rss),
          fmtX(r.go.wall / r.ours.wall),
          r.go.rss && r.ours.rss ? `1/${(r.go.rss / r.ours.rss).toFixed(1)}` : 'n/a',
          r.goRows === r.ourRows ? `yes (${r.ourRows})` : `NO (${r.ourRows} vs ${r.goRows})`,
        ]
      : []),
  ]);
  const load = os.loadavg()[0];
  const t = table(header, rows);
  const cold = coldStart(flags.repeat);
  // The floor under every row: node starting and loading the CLI bundle, with no profile to read.
  const floor = measure(process.execPath, [CLI, '--help'], Math.max(5, flags.repeat));
  const floorText = `start-up floor (node dist/cli.js --help): ${(floor.wall * 1000).toFixed(0)} ms, ${fmtMB(floor.rss)} peak RSS`;
  const m = machine(goVersion);

  console.log(t.text);
  console.log(`\n${floorText}`);
  if (cold) {
    console.log(
      `\naction cold start (node dist/index.js, no inputs): ${(cold.wall * 1000).toFixed(0)} ms, ${fmtMB(cold.rss)} peak RSS` +
        ` (bare node -e 0: ${(cold.bareWall * 1000).toFixed(0)} ms, ${fmtMB(cold.bareRss)})`,
    );
  }
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
      '- go tool pprof: `go tool pprof -top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -diff_base=BASE HEAD`',
      '  (every row of inuse_space only).',
      `- Wall time: median of ${flags.repeat} runs (go tool pprof: one run at ≥ 1M samples); cpu: user + system seconds`,
      "  (median); speed-up: ratio of wall times (go tool pprof / json). Peak RSS: GNU time's maximum resident set size,",
      '  largest of the runs, the process and its children. µs/sample: pprof-gate json wall time per sample; marginal:',
      "  µs per sample added since the previous size (flat = cost linear in size, the start-up cost aside). rows = pprof: pprof-gate's inuse_space",
      "  rows and pprof's (its default sample type for a heap profile) are as many (the golden tests check the values).",
      `- Load average when the run ended: ${load.toFixed(2)} (other work on the machine inflates wall times, not cpu).`,
      '',
      t.markdown,
      '',
      `The ${floorText.replace('start-up floor', 'start-up floor under every row')} — a Node process costs that`,
      'before it reads a byte, which bounds the ratios at the smallest size.',
      '',
      ...(cold
        ? [
            `Action cold start (\`node dist/index.js\` with no inputs, ${(cold.bytes / 1024).toFixed(0)} KiB bundle): ` +
              `${(cold.wall * 1000).toFixed(0)} ms and ${fmtMB(cold.rss)} peak RSS; bare \`node -e 0\`: ` +
              `${(cold.bareWall * 1000).toFixed(0)} ms and ${fmtMB(cold.bareRss)}.`,
            '',
          ]
        : []),
      `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, ${m.os}; node ${m.node}; go ${m.go}.`,
      `Run on ${new Date().toISOString().slice(0, 10)}.`,
      '',
    ];
    const target = join(ROOT, 'bench', 'RESULTS.md');
    writeFileSync(target, lines.join('\n'));
    process.stderr.write(`bench: wrote ${target}\n`);
  }
}

main();
