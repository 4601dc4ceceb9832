import { describe, expect, test } from '@jest/globals';
import { parseThresholds } from '../../src/analysis/gate.js';
import { computeDrift, hotspotTrends, type HistoryEntry } from '../../src/analysis/history.js';
import { describeDrift, describeThreshold, renderTrendMarkdown } from '../../src/report/history.js';

const MiB = 1024 * 1024;
const PR_SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const sha = (i: number) => `${i}`.padStart(2, '0').repeat(20);

function entry(i: number, total: number, top: [string, number][]): HistoryEntry {
  return {
    sha: sha(i),
    runId: 100 + i,
    runAttempt: 1,
    time: '2026-01-01T00:00:00.000Z',
    series: [{ profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total, top }],
  };
}

const head = (total: number) => ({ profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total, sha: PR_SHA });
const PR = { label: 'this PR', sha: PR_SHA };

describe('trend lines', () => {
  // Main creeping from 10 MiB by 1 MiB a commit, main.grow taking all of it; main.flat level.
  const main = Array.from({ length: 10 }, (_, i) =>
    entry(i, (10 + i) * MiB, [
      ['main.grow', (2 + i) * MiB],
      ['main.flat', 4 * MiB],
    ]),
  );

  test('a total: sparkline of main, first → last with the change, and the PR point', () => {
    const drifts = computeDrift(main, [head(20 * MiB)], 30, {});
    const md = renderTrendMarkdown(drifts, [], PR);
    expect(md).toBe(
      [
        '#### Trend on main',
        '',
        '- heap\\.pb\\.gz inuse\\_space on main, last 10 commits: ▁▂▃▃▄▅▆▆▇█ 10MB → 19MB (+90.0%) · this PR: 20MB',
      ].join('\n'),
    );
  });

  test('a hotspot that grew at each commit says so; one that comes and goes says where it was', () => {
    const entries = main.map((e, i) => (i === 4 ? { ...e, series: [{ ...e.series[0], top: [] as [string, number][] }] } : e));
    const spots = hotspotTrends(
      entries,
      [
        { profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', label: 'main.grow', head: 12 * MiB },
        { profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', label: 'main.new', head: 1 * MiB },
      ],
      30,
    );
    expect(spots.map((s) => s.label)).toEqual(['main.grow']);
    expect(spots[0].present).toBe(9);
    expect(spots[0].rising).toBe(5);
    const md = renderTrendMarkdown(computeDrift(entries, [head(20 * MiB)], 30, {}), spots, PR);
    expect(md.split('\n')[3]).toBe(
      "  - main\\.grow: ▂▃▄▄▁▅▆▇▇█ 2MB → 11MB, grew at each of main's last 5 commits (among the largest rows at 9 of 10) · this PR: 12MB",
    );
  });

  test('drift past its threshold: a warning with the biggest steps, the PR named as such', () => {
    const steps = [10, 10, 10, 10, 12, 12, 13, 13, 13, 13].map((v, i) => entry(i, v * MiB, []));
    const drifts = computeDrift(steps, [head(16 * MiB)], 30, parseThresholds('inuse_space: 20% 1MiB', {}));
    expect(drifts[0].exceeded).toBe(true);
    const text = describeDrift(drifts[0], PR);
    expect(text).toBe(
      `heap.pb.gz inuse_space: +60.0% over main's last 10 commits: 10MB (median of the oldest 2) → 16MB (this PR), past the drift threshold 20% 1MB; biggest steps: this PR +3MB, ${sha(4).slice(0, 7)} +2MB, ${sha(6).slice(0, 7)} +1MB`,
    );
    const md = renderTrendMarkdown(drifts, [], PR);
    expect(md).toContain('- ⚠️ heap\\.pb\\.gz inuse\\_space on main');
    expect(md).toContain(`> [!WARNING]\n> Drift: heap\\.pb\\.gz inuse\\_space: +60.0% over main's last 10 commits`);
  });

  test('drift checked and within: said in one line; no history, no section', () => {
    const drifts = computeDrift(main, [head(19 * MiB)], 3, parseThresholds('inuse_space: 20% 1MiB', {}));
    expect(drifts[0].exceeded).toBe(false);
    expect(renderTrendMarkdown(drifts, [], PR)).toMatch(/\n\nDrift: within drift-thresholds\.$/);
    expect(renderTrendMarkdown([], [], PR)).toBe('');
  });

  test('names from the profiles are escaped', () => {
    const evil = main.map((e) => ({
      ...e,
      series: [{ ...e.series[0], profile: '<img src=x>@team', top: [['[x](y)', 1]] as [string, number][] }],
    }));
    const drifts = computeDrift(evil, [{ ...head(1), profile: '<img src=x>@team' }], 30, {});
    const spots = hotspotTrends(
      evil,
      [{ profile: '<img src=x>@team', sampleIndex: 'inuse_space', unit: 'bytes', label: '[x](y)', head: 2 }],
      30,
    );
    const md = renderTrendMarkdown(drifts, spots, PR);
    expect(md).not.toMatch(/<img|\[x\]\(y\)|@team/);
    expect(md).toContain('&lt;img src=x&gt;@\u200bteam');
  });

  test('thresholds described in the unit of the sample type', () => {
    expect(describeThreshold({ percent: 20, absolute: MiB }, 'bytes')).toBe('20% 1MB');
    expect(describeThreshold({ percent: 0, absolute: 10 }, 'count')).toBe('10');
    expect(describeThreshold({ percent: 5, absolute: 0 }, 'count')).toBe('5%');
  });
});
