#!/usr/bin/env node
// Accuracy of `pprof-gate growth` with its default settings, measured on independently generated
// soak series of the bundled Go program (testdata/programs/leaky, `leaky soak`):
//
//   - false alarms: SERIES series of each healthy scenario (healthy, plateau; heap and goroutine
//     snapshots) must give no regression;
//   - the slow leak (3% of the working set per interval) must be found in at least 19 of 20, with
//     main.(*soakService).recordAudit the top inuse_space growth hotspot;
//   - the goroutine leak must be found, with main.watchUpstream the top rising group;
//   - detection limit: for leak rates from LEAK_RATES, how many of SERIES series of 16 snapshots
//     the defaults flag; the limit is the smallest rate found in at least 19 of 20.
//
// Usage: npm run build && node scripts/soak-accuracy.mjs   (needs Go; SERIES=20 by default;
//        CLI=path/to/cli.js to use another build). Each series is a fresh run with its own seed.
// The snapshots are 30 s apart in the gate's eyes (--interval 30s): the program takes them after a
// fixed number of requests, so the per-minute thresholds see the load of a 30 s soak interval.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const cli = resolve(process.env.CLI ?? join(root, 'dist/cli.js'));
const series = Number(process.env.SERIES ?? 20);
const leakRates = (process.env.LEAK_RATES ?? '0.0025,0.005,0.0075,0.01,0.015,0.02,0.03').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'pprof-gate-soak-'));
const leaky = join(work, 'leaky');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

execFileSync('go', ['build', '-o', leaky, '.'], {
  cwd: join(root, 'testdata/programs/leaky'),
  env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '', GOPROXY: 'off', GOTOOLCHAIN: 'local' },
  stdio: 'inherit',
});

let seedCounter = Number(process.env.SEED ?? Date.now() % 1e9);

/** One fresh series; returns the gate's JSON for heap and goroutine snapshots. */
function run(scenario, extra = []) {
  const dir = join(work, `${scenario}-${seedCounter}`);
  execFileSync(leaky, ['soak', '-scenario', scenario, '-out', dir, '-seed', String(seedCounter++), ...extra]);
  const gate = (kind) => {
    const r = spawnSync(
      process.execPath,
      [cli, 'growth', '--head', join(dir, `${kind}-*.pb.gz`), '--interval', '30s', '--format', 'json', '--top', '0'],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    if (r.status !== 0 && r.status !== 1) throw new Error(`${scenario}: exit ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const out = { heap: gate('heap'), goroutine: gate('goroutine') };
  rmSync(dir, { recursive: true, force: true });
  return out;
}

const topHotspot = (report, sampleIndex) => {
  const s = report.series.find((x) => x.sampleIndex === sampleIndex);
  const hot = s?.groups ? s.groups.find((g) => g.hotspot) : s?.rows.find((r) => r.hotspot);
  return hot ? (hot.label ?? hot.waitSite) : null;
};

const results = {};
for (const scenario of ['healthy', 'plateau', 'slowleak', 'goroutineleak']) {
  let flagged = 0;
  let topRight = 0;
  const reasons = new Map();
  for (let i = 0; i < series; i++) {
    const r = run(scenario);
    const regs = [...r.heap.regressions, ...r.goroutine.regressions];
    if (regs.length > 0) flagged++;
    for (const g of regs)
      reasons.set(`${g.sampleIndex} ${g.kind} ${g.what}`, (reasons.get(`${g.sampleIndex} ${g.kind} ${g.what}`) ?? 0) + 1);
    if (scenario === 'slowleak' && topHotspot(r.heap, 'inuse_space') === 'main.(*soakService).recordAudit') topRight++;
    if (scenario === 'goroutineleak' && topHotspot(r.goroutine, 'goroutine') === 'main.watchUpstream') topRight++;
  }
  results[scenario] = { flagged, topRight, reasons: Object.fromEntries(reasons) };
  console.log(
    `${scenario}: ${flagged}/${series} flagged${scenario.endsWith('leak') ? `, leaking function top hotspot in ${topRight}/${series}` : ''}`,
  );
  for (const [k, v] of reasons) console.log(`    ${v}× ${k}`);
}

console.log('detection limit (slowleak, 16 snapshots, leak per interval as a share of the 20 MB working set):');
for (const rate of leakRates) {
  let found = 0;
  let topRight = 0;
  for (let i = 0; i < series; i++) {
    const r = run('slowleak', ['-leak-rate', String(rate)]);
    if (r.heap.regressions.length > 0) found++;
    if (topHotspot(r.heap, 'inuse_space') === 'main.(*soakService).recordAudit') topRight++;
  }
  console.log(`  ${(rate * 100).toFixed(2)}%: found in ${found}/${series}, recordAudit top hotspot in ${topRight}/${series}`);
}
