import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { diffProfiles } from '../../src/analysis/diff.js';
import { ignoreRows } from '../../src/analysis/gate.js';
import { describeGroup } from '../../src/analysis/goroutines.js';
import type { Profile } from '../../src/pprof/profile.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { renderComment } from '../../src/report/comment.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { TESTDATA } from '../helpers/golden.js';
import { goroutineProfile, type BuiltSample } from '../helpers/profile.js';

async function groups(scenario: string) {
  const dir = join(TESTDATA, 'profiles', scenario);
  const base = await readProfileFile(join(dir, 'base.goroutine.pb.gz'));
  const head = await readProfileFile(join(dir, 'head.goroutine.pb.gz'));
  return diffProfiles([base], [head], { sampleIndex: 'goroutine', granularity: 'functions', normalize: false }).goroutineGroups ?? [];
}

describe('goroutine leak groups on the fixture leaks', () => {
  test.each([
    ['timeout', 'main.queryWithTimeout.func1', 'chan send', 80],
    ['chanrecv', 'main.(*eventBus).consume', 'chan receive', 48],
    ['ticker', 'main.(*poller).run', 'select', 24],
    ['waitgroup', 'main.(*crawler).awaitFetches', 'sync.WaitGroup.Wait', 16],
  ])('%s: the leak is the top group, at its wait site, with its reason', async (scenario, site, reason, count) => {
    const [top] = await groups(scenario);
    expect(top).toMatchObject({ waitSite: site, waitReason: reason, delta: count });
    // The binary form states no creation site or wait: groups carry none of those fields.
    expect(Object.keys(top).sort()).toEqual(['base', 'delta', 'entry', 'head', 'waitReason', 'waitSite']);
    expect(describeGroup(top)).toBe(
      `+${count} goroutines blocked in ${reason} in ${site}${top.entry !== site ? ` (started by ${top.entry})` : ''}`,
    );
  });

  test('profiles without a goroutine change have no groups', async () => {
    expect(await groups('mapcache')).toEqual([]);
  });
});

describe('goroutine groups over several profiles per side', () => {
  const load = (scenario: string, side: 'base' | 'head') =>
    readProfileFile(join(TESTDATA, 'profiles', scenario, `${side}.goroutine.pb.gz`));
  const compare = (bases: Profile[], heads: Profile[]) =>
    diffProfiles(bases, heads, { sampleIndex: 'goroutine', granularity: 'functions', normalize: false, mode: 'exact' }).goroutineGroups ??
    [];

  test('each group compares the median count of each side', async () => {
    const base = await load('timeout', 'base');
    const head = await load('timeout', 'head');
    const single = compare([base], [head]);
    const leak = single.find((g) => g.waitSite === 'main.queryWithTimeout.func1')!;
    expect(leak.delta).toBe(80);
    // Odd counts: one stray leaking run among the bases, one healthy among the heads, changes nothing.
    expect(compare([base, base, head], [head, base, head])).toEqual(single);
    // Even counts: the median is the mean of the middle two, so half the leak shows.
    const halved = compare([base, head], [head, head]).find((g) => g.waitSite === leak.waitSite)!;
    expect(halved).toMatchObject({ base: (leak.base + leak.head) / 2, head: leak.head, delta: leak.delta / 2 });
    // Medians on both sides equal: the group is not listed.
    expect(compare([base, head, head], [head, head, base]).find((g) => g.waitSite === leak.waitSite)).toBeUndefined();
  });
});

/** `n` goroutines as one sample of a binary goroutine profile: runtime frames at the top and root. */
function binary(n: number, stack: string[]): BuiltSample {
  return { stack: [...stack, 'runtime.goexit'], values: [n] };
}

/** One goroutine of a debug=2 dump, as the reader gives it: one sample with its stated labels. */
function dumped(stack: string[], state: string, minutes: number, createdBy: string, createdAt: string): BuiltSample {
  return {
    stack,
    values: [1],
    str: { state, created_by: createdBy, created_at: createdAt },
    num: { wait_minutes: [minutes, 'minutes'], parent_goroutine: [1, ''] },
  };
}

function dump(...goroutines: [number, () => BuiltSample][]): ReturnType<typeof goroutineProfile> {
  return goroutineProfile(
    goroutines.flatMap(([n, make]) => Array.from({ length: n }, make)),
    'goroutine-debug2',
  );
}

const QUERY = 'main.queryWithTimeout.func1';
const queryDump = (minutes: number) => () => dumped([QUERY], 'chan send', minutes, 'query.WithTimeout', 'internal/query/query.go:57');
const queryBinary = (n: number) => binary(n, ['runtime.gopark', 'runtime.chansend', 'runtime.chansend1', QUERY]);
const workerDump = (minutes: number) => () =>
  dumped(
    ['sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait', 'main.(*crawler).awaitFetches', 'main.worker'],
    'sync.WaitGroup.Wait',
    minutes,
    'main.startWorkers',
    'main.go:12',
  );
const workerBinary = (n: number) =>
  binary(n, [
    'runtime.gopark',
    'runtime.semacquire1',
    'sync.runtime_Semacquire',
    'sync.(*WaitGroup).Wait',
    'main.(*crawler).awaitFetches',
    'main.worker',
  ]);

const groupsOf = (base: ReturnType<typeof goroutineProfile>, head: ReturnType<typeof goroutineProfile>) =>
  diffProfiles([base], [head], { sampleIndex: 'goroutine', granularity: 'functions', normalize: false, profileName: 'g' });

describe('goroutine groups from debug=2 dumps: stated reasons, waits and creation sites', () => {
  test('the stated reason, the longest wait and the creation site make the group and its description', () => {
    const base = dump([2, queryDump(0)]);
    const head = dump([300, queryDump(3)], [2, queryDump(14)]);
    const [g] = groupsOf(base, head).goroutineGroups!;
    expect(g).toEqual({
      waitSite: QUERY,
      waitReason: 'chan send',
      entry: QUERY,
      base: 2,
      head: 302,
      delta: 300,
      createdAt: 'internal/query/query.go:57',
      createdBy: 'query.WithTimeout',
      baseWaitMinutes: 0,
      headWaitMinutes: 14,
    });
    expect(describeGroup(g)).toBe(
      '+300 goroutines blocked in chan send in main.queryWithTimeout.func1 (waiting up to 14 minutes), created at internal/query/query.go:57 by query.WithTimeout',
    );
  });

  test('the same wait site created at two places makes two groups; each stated state its own', () => {
    const otherSite = () => dumped([QUERY], 'chan send', 0, 'query.Background', 'internal/query/bg.go:9');
    const running = () => dumped(['main.spin'], 'running', 0, 'main.main', 'main.go:30');
    const syscall = () => dumped(['syscall.Syscall', 'os.(*File).Read', 'main.tail'], 'syscall', 3, 'main.main', 'main.go:31');
    const groups = groupsOf(dump([1, otherSite]), dump([5, queryDump(2)], [1, otherSite], [1, running], [2, syscall])).goroutineGroups!;
    expect(groups.map(describeGroup)).toEqual([
      '+5 goroutines blocked in chan send in main.queryWithTimeout.func1 (waiting up to 2 minutes), created at internal/query/query.go:57 by query.WithTimeout',
      '+2 goroutines in a system call in syscall.Syscall (started by main.tail; waiting up to 3 minutes), created at main.go:31 by main.main',
      // A running goroutine's stated 0 minutes is no wait.
      '+1 goroutine running in main.spin, created at main.go:30 by main.main',
    ]);
  });

  test('--ignore also leaves out groups by the function that created them', () => {
    const c = groupsOf(dump(), dump([5, queryDump(2)], [2, workerDump(1)]));
    expect(c.goroutineGroups).toHaveLength(2);
    ignoreRows([c], /^query\.WithTimeout$/);
    expect(c.goroutineGroups!.map((g) => g.createdBy)).toEqual(['main.startWorkers']);
  });

  test('a group that went away states the wait of the base', () => {
    const [g] = groupsOf(dump([4, queryDump(7)]), dump()).goroutineGroups!;
    expect(g).toMatchObject({ delta: -4, baseWaitMinutes: 7, headWaitMinutes: null });
    expect(describeGroup(g)).toMatch(/^−4 goroutines blocked in chan send in \S+ \(waiting up to 7 minutes\), created at/);
  });
});

describe('goroutine groups pair up across forms', () => {
  test('a binary base against a debug=2 head: one group per wait site and entry, details from the dump', () => {
    const base = goroutineProfile([queryBinary(20), workerBinary(3), binary(1, ['main.main', 'runtime.main'])]);
    const head = dump([320, queryDump(14)], [5, workerDump(2)], [1, () => dumped(['main.main'], 'select', 0, '', '')]);
    const groups = groupsOf(base, head).goroutineGroups!;
    expect(groups.map((g) => [g.waitSite, g.base, g.head, g.delta])).toEqual([
      [QUERY, 20, 320, 300],
      ['main.(*crawler).awaitFetches', 3, 5, 2],
    ]);
    // The inferred "semacquire" and the stated "sync.WaitGroup.Wait" are one group; the dump's words win.
    expect(groups[1]).toMatchObject({ waitReason: 'sync.WaitGroup.Wait', entry: 'main.worker', baseWaitMinutes: null, headWaitMinutes: 2 });
    expect(describeGroup(groups[0])).toBe(
      '+300 goroutines blocked in chan send in main.queryWithTimeout.func1 (waiting up to 14 minutes), created at internal/query/query.go:57 by query.WithTimeout',
    );
  });

  test('a debug=2 base against a binary head pairs the same way', () => {
    const groups = groupsOf(dump([20, queryDump(1)]), goroutineProfile([queryBinary(50)])).goroutineGroups!;
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ delta: 30, waitReason: 'chan send', baseWaitMinutes: 1, headWaitMinutes: null });
    // The grown goroutines' wait is not stated (the head is binary): none is claimed.
    expect(describeGroup(groups[0])).toBe(
      '+30 goroutines blocked in chan send in main.queryWithTimeout.func1, created at internal/query/query.go:57 by query.WithTimeout',
    );
  });

  test('several creation sites merged into one group are counted, not hidden', () => {
    const other = () => dumped([QUERY], 'chan send', 0, 'query.Background', 'internal/query/bg.go:9');
    const [g] = groupsOf(goroutineProfile([queryBinary(1)]), dump([10, queryDump(0)], [2, other])).goroutineGroups!;
    expect(g).toMatchObject({ delta: 11, createdBy: 'query.WithTimeout', otherCreationSites: 1 });
    expect(describeGroup(g)).toMatch(/by query\.WithTimeout \(and 1 other creation site\)$/);
  });

  test('a debug=1 profile (no runtime frames at the top) takes its reason from a binary side, and states none alone', () => {
    const debug1 = goroutineProfile([{ stack: [QUERY], values: [90] }], 'goroutine-debug1');
    const [mixed] = groupsOf(goroutineProfile([queryBinary(10)]), debug1).goroutineGroups!;
    expect(mixed).toMatchObject({ waitSite: QUERY, waitReason: 'chan send', delta: 80 });
    const [alone] = groupsOf(goroutineProfile([{ stack: [QUERY], values: [10] }], 'goroutine-debug1'), debug1).goroutineGroups!;
    expect(describeGroup(alone)).toBe('+80 goroutines in main.queryWithTimeout.func1');
  });
});

describe('stated details in every report', () => {
  test('text, markdown, the PR comment and JSON carry reason, wait and creation site', () => {
    const c = groupsOf(goroutineProfile([queryBinary(20)]), dump([320, queryDump(14)]));
    const line =
      'blocked in chan send in main.queryWithTimeout.func1 (waiting up to 14 minutes), created at internal/query/query.go:57 by query.WithTimeout';
    expect(renderText([c], { top: 10 })).toContain(`+300 goroutines ${line}`);
    const escaped =
      '\\+300 goroutines blocked in chan send in main\\.queryWithTimeout\\.func1 \\(waiting up to 14 minutes\\), created at internal/query/query\\.go\\:57 by query\\.WithTimeout';
    expect(renderMarkdown([c], { top: 10 })).toContain(escaped);
    const comment = renderComment({
      marker: '<!-- m -->',
      verdict: 'pass',
      reasons: [],
      acceptLabel: 'ok',
      baseline: undefined,
      notes: [],
      profiles: [{ name: 'goroutine', comparisons: [c] }],
      top: 10,
      reproduce: [],
    });
    expect(comment).toContain(escaped);
    const json = JSON.parse(renderJson([c])) as { comparisons: { goroutineGroups: object[] }[] };
    expect(json.comparisons[0].goroutineGroups[0]).toMatchObject({
      waitReason: 'chan send',
      createdAt: 'internal/query/query.go:57',
      createdBy: 'query.WithTimeout',
      baseWaitMinutes: null,
      headWaitMinutes: 14,
    });
  });
});
