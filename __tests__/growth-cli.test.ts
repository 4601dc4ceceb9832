import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, runCli } from './helpers/cli.js';

let cli: string;
let cleanup: () => void;
let scratch: string;

beforeAll(() => {
  ({ cli, cleanup } = buildCli());
  scratch = mkdtempSync(join(tmpdir(), 'pprof-gate-growth-'));
});
afterAll(() => {
  cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const growth = (...args: string[]) => runCli(cli, ['growth', ...args]);

describe('pprof-gate growth', () => {
  test('the slow leak fails with the leaking function named; healthy and plateau pass', () => {
    const leak = growth('--head', 'testdata/soak/slowleak/heap-*.pb.gz', '--interval', '30s');
    expect(leak.status).toBe(1);
    expect(leak.stdout).toContain('Growth over time — testdata/soak/slowleak/heap-*.pb.gz — inuse_space (bytes)');
    expect(leak.stderr).toMatch(/^pprof-gate: regression: .*inuse_space: .*rises by \+/);
    expect(leak.stdout).toMatch(/Growth hotspots:\n {2}! .*main\.\(\*soakService\)\.recordAudit/);
    for (const dir of ['healthy', 'plateau']) {
      const r = growth('--head', `testdata/soak/${dir}/heap-*.pb.gz`, '--interval', '30s');
      expect({ dir, status: r.status, stderr: r.stderr }).toEqual({ dir, status: 0, stderr: '' });
    }
  });

  test('goroutine leak: the stuck group, in markdown', () => {
    const r = growth('--head', 'testdata/soak/goroutineleak/goroutine-*.pb.gz', '--interval', '30s', '--format', 'markdown');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /\| 🔺 \| \+[\d.]+\/min \| p < 0\.001 \| .* \| goroutines blocked in chan receive in main\\\.watchUpstream \|/,
    );
  });

  test('a base that leaked as fast: reported, not blamed; a healthy base: the leak is the head’s', () => {
    const against = (base: string) =>
      growth('--head', 'testdata/soak/slowleak/heap-*.pb.gz', '--base', base, '--interval', '30s', '--sample-index', 'inuse_space');
    const same = against('testdata/soak/slowleak/heap-*.pb.gz');
    expect(same.stdout).toMatch(/\nBase {2}[▁▂▃▄▅▆▇█]+ {2}/);
    expect(same.stdout).toMatch(/\(base \+[\d.]+[kM]B\/min\).*recordAudit/);
    expect(same.status).toBe(0);
    const healthy = against('testdata/soak/healthy/heap-*.pb.gz');
    expect(healthy.status).toBe(1);
    expect(healthy.stdout).toMatch(/! \+[\d.]+[kM]B\/min \(base 0\/min\) .*recordAudit/);
  });

  test('bad input: exit 2 with one line naming the files', () => {
    const few = growth('--head', 'testdata/soak/slowleak/heap-1.pb.gz', '--head', 'testdata/soak/slowleak/heap-2.pb.gz');
    expect(few.status).toBe(2);
    expect(few.stderr).toBe(
      'pprof-gate: testdata/soak/slowleak/heap-1.pb.gz: 2 snapshots (testdata/soak/slowleak/heap-1.pb.gz … testdata/soak/slowleak/heap-2.pb.gz), 0 of them warm-up: the trend needs at least 5 after warm-up, 2 given\n',
    );
    const mixed = growth('--head', 'testdata/soak/healthy/*-1*.pb.gz');
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(
      /^pprof-gate: testdata\/soak\/healthy\/heap-1\.pb\.gz: snapshots of one series are different kinds of profile/,
    );
    // The same snapshot twice under two names: same time.
    copyFileSync('testdata/soak/healthy/heap-3.pb.gz', join(scratch, 'heap-1.pb.gz'));
    copyFileSync('testdata/soak/healthy/heap-3.pb.gz', join(scratch, 'heap-2.pb.gz'));
    const dup = growth('--head', join(scratch, 'heap-1.pb.gz'), '--head', join(scratch, 'heap-2.pb.gz'));
    expect(dup.status).toBe(2);
    expect(dup.stderr).toMatch(/heap-2\.pb\.gz: same time as .*heap-1\.pb\.gz/);
    const usage = growth('--head', 'testdata/soak/healthy/heap-*.pb.gz', '--thresholds', 'inuse_space: 1MiB');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('pprof-gate: --thresholds: threshold for inuse_space: "1MiB" is not a rate (e.g. 1MiB/min, 2%/min)\n');
    expect(growth('--head', 'testdata/soak/healthy/heap-*.pb.gz', '--warmup', 'soon').status).toBe(2);
  });

  test('JSON and HTML formats', () => {
    const json = growth('--head', 'testdata/soak/slowleak/heap-*.pb.gz', '--format', 'json', '--top', '2');
    const parsed = JSON.parse(json.stdout);
    expect(parsed.series.map((s: { sampleIndex: string }) => s.sampleIndex)).toEqual(['inuse_space', 'inuse_objects', 'alloc_space']);
    expect(parsed.series[0].per).toBe('min'); // the profiles' own times
    expect(parsed.series[0].rows.length).toBeLessThanOrEqual(2);
    const out = join(scratch, 'growth.html');
    const html = growth('--head', 'testdata/soak/slowleak/heap-*.pb.gz', '--format', 'html', '--output', out);
    expect(html.status).toBe(1);
    expect(html.stdout).toBe('');
  });

  test('help', () => {
    const r = growth('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('inuse_space: 512KiB/min 1%/min');
  });
});
