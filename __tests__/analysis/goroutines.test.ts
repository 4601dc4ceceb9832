import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { diffProfiles } from '../../src/analysis/diff.js';
import { ignoreRows } from '../../src/analysis/gate.js';
import { describeGroup, goroutineGroupCounts, goroutineGroups, type GoroutineSample } from '../../src/analysis/goroutines.js';
import type { GoroutineGroup } from '../../src/analysis/types.js';
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

/** Each profile as goroutineGroups takes it: the goroutine column is its only sample type. */
const sampled = (profile: Profile): GoroutineSample => ({ profile, values: Float64Array.from(profile.values) });
const direct = (bases: Profile[], heads: Profile[]) => goroutineGroups(bases.map(sampled), heads.map(sampled));
const none = () => goroutineProfile([]);

describe('wait reasons read from the runtime frames of a binary profile', () => {
  // Frames below the wait site (main.work), leaf first, as Go's binary profiles list them.
  test.each([
    [['runtime.chanrecv'], 'chan receive'],
    [['runtime.chanrecv1'], 'chan receive'],
    [['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv2'], 'chan receive'],
    [['runtime.chansend'], 'chan send'],
    [['runtime.gopark', 'runtime.chansend', 'runtime.chansend1'], 'chan send'],
    [['runtime.gopark', 'runtime.selectgo'], 'select'],
    [['runtime.gopark', 'runtime.block'], 'select (no cases)'],
    [['runtime.gopark', 'runtime.semacquire1', 'sync.runtime_SemacquireWaitGroup', 'sync.(*WaitGroup).Wait'], 'sync.WaitGroup.Wait'],
    [['runtime.gopark', 'runtime.semacquire1', 'sync.runtime_SemacquireRWMutexR', 'sync.(*RWMutex).RLock'], 'sync.RWMutex lock'],
    [['runtime.gopark', 'runtime.semacquire1', 'sync.runtime_SemacquireRWMutex', 'sync.(*RWMutex).Lock'], 'sync.RWMutex lock'],
    [
      ['runtime.gopark', 'runtime.semacquire1', 'sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock'],
      'sync.Mutex lock',
    ],
    [['sync.(*Mutex).Lock'], 'sync.Mutex lock'],
    [['runtime.gopark', 'runtime.goparkunlock', 'sync.runtime_notifyListWait', 'sync.(*Cond).Wait'], 'sync.Cond.Wait'],
    [['runtime.gopark', 'runtime.semacquire1', 'sync.runtime_Semacquire'], 'semacquire'],
    [['runtime.semacquire'], 'semacquire'],
    [['runtime.semacquire1'], 'semacquire'],
    [['sync.runtime_Semacquire'], 'semacquire'],
    [['sync.runtime_SemacquireMutex'], 'semacquire'],
    [['sync.runtime_SemacquireRWMutex'], 'semacquire'],
    [['sync.runtime_SemacquireRWMutexR'], 'semacquire'],
    [['sync.runtime_SemacquireWaitGroup'], 'semacquire'],
    [['sync.runtime_notifyListWait'], 'semacquire'],
    [['runtime.gopark', 'time.Sleep'], 'sleep'],
    [['runtime.timeSleep'], 'sleep'],
    [['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait'], 'IO wait'],
    [['internal/poll.runtime_pollWait'], 'IO wait'],
    [['runtime.netpollblock'], 'IO wait'],
    [['runtime.netpoll'], 'IO wait'],
    [['runtime.gopark'], 'parked'],
    [['runtime.goparkunlock'], 'parked'],
    // A runtime frame of no known wait names itself; so do names that only begin or end like known ones.
    [['runtime.usleep', 'runtime.osyield'], 'runtime.usleep'],
    [['runtime.blockevent'], 'runtime.blockevent'],
    [['runtime.chanrecv3'], 'runtime.chanrecv3'],
    [['runtime.chansend2'], 'runtime.chansend2'],
    [['runtime.selectgoX'], 'runtime.selectgoX'],
    [['sync.(*Mutex).Unlock'], 'sync.(*Mutex).Unlock'],
    [['sync.(*RWMutex).RUnlock'], 'sync.(*RWMutex).RUnlock'],
    [['sync.(*WaitGroup).Waiter'], 'sync.(*WaitGroup).Waiter'],
    [['sync.(*Cond).Waiting'], 'sync.(*Cond).Waiting'],
    [['internal/poll.runtime_pollWaitCanceled'], 'internal/poll.runtime_pollWaitCanceled'],
    [['runtime.goparkish'], 'runtime.goparkish'],
    [['runtime.semacquire12'], 'runtime.semacquire12'],
    [['runtime.timeSleepUntil'], 'runtime.timeSleepUntil'],
    [['runtime.netpollBreak'], 'runtime.netpollBreak'],
  ])('%j: %s', (machinery, reason) => {
    const [g] = direct([none()], [goroutineProfile([{ stack: [...machinery, 'main.work', 'runtime.goexit'], values: [3] }])]);
    expect(g).toEqual({ waitSite: 'main.work', waitReason: reason, entry: 'main.work', base: 0, head: 3, delta: 3 });
  });

  test('no wait machinery: running in a binary profile, unknown in a text one', () => {
    const stack = ['main.spin', 'main.main', 'runtime.main', 'runtime.goexit'];
    expect(direct([none()], [goroutineProfile([{ stack, values: [1] }])])).toEqual([
      { waitSite: 'main.spin', waitReason: 'running', entry: 'main.main', base: 0, head: 1, delta: 1 },
    ]);
    expect(describeGroup(direct([none()], [goroutineProfile([{ stack, values: [1] }])])[0])).toBe(
      '+1 goroutine running in main.spin (started by main.main)',
    );
    const text = goroutineProfile([{ stack: ['main.spin', 'main.main'], values: [1] }], 'goroutine-debug1');
    expect(direct([goroutineProfile([], 'goroutine-debug1')], [text])).toEqual([
      { waitSite: 'main.spin', waitReason: '', entry: 'main.main', base: 0, head: 1, delta: 1 },
    ]);
  });
});

describe('wait site and entry', () => {
  test('the wait site is the first frame past the machinery (runtime., sync., internal/, time.Sleep)', () => {
    const stack = [
      'runtime.gopark',
      'time.Sleep',
      'internal/x.wait',
      'sync.(*Once).doSlow',
      'time.AfterFunc',
      'main.run',
      'runtime.goexit',
    ];
    expect(direct([none()], [goroutineProfile([{ stack, values: [2] }])])).toEqual([
      { waitSite: 'time.AfterFunc', waitReason: 'sleep', entry: 'main.run', base: 0, head: 2, delta: 2 },
    ]);
  });

  test('a stack of machinery only waits at its root; the entry skips runtime frames at the root but not the leaf', () => {
    const [g] = direct(
      [none()],
      [goroutineProfile([{ stack: ['runtime.gopark', 'runtime.forcegchelper', 'runtime.goexit'], values: [1] }])],
    );
    expect(g).toMatchObject({ waitSite: 'runtime.goexit', waitReason: 'parked', entry: 'runtime.gopark' });
    const [sync] = direct([none()], [goroutineProfile([{ stack: ['runtime.gopark', 'sync.(*Pool).pinSlow'], values: [1] }])]);
    expect(sync).toMatchObject({ waitSite: 'sync.(*Pool).pinSlow', entry: 'sync.(*Pool).pinSlow' });
  });

  test('a stack without frames, and a frame without a name, show as ?', () => {
    const unnamed = goroutineProfile([{ stack: ['main.work', 'runtime.goexit'], values: [4] }]);
    unnamed.strings[unnamed.functionName[0]] = '';
    expect(direct([none()], [unnamed])).toEqual([{ waitSite: '?', waitReason: 'running', entry: '?', base: 0, head: 4, delta: 4 }]);
    const functionless = goroutineProfile([{ stack: ['main.work', 'runtime.goexit'], values: [4] }]);
    functionless.lineFunction[0] = -1;
    expect(direct([none()], [functionless])).toEqual([{ waitSite: '?', waitReason: 'running', entry: '?', base: 0, head: 4, delta: 4 }]);
    expect(direct([none()], [goroutineProfile([{ stack: [], values: [5] }])])).toEqual([
      { waitSite: '?', waitReason: 'running', entry: '?', base: 0, head: 5, delta: 5 },
    ]);
  });

  test('inlined frames of one location each count as a frame', () => {
    // One location holding the inlined chansend1 → chansend → main.send, leaf first.
    const p = goroutineProfile([{ stack: ['runtime.chansend', 'runtime.chansend1', 'main.send', 'runtime.goexit'], values: [6] }]);
    p.lineStart = Uint32Array.of(0, 3, 3, 3, 4);
    p.lineFunction = Int32Array.of(0, 1, 2, 3);
    p.stackLocations = Uint32Array.of(0, 3);
    p.stackStart = Uint32Array.of(0, 2);
    expect(direct([none()], [p])).toEqual([
      { waitSite: 'main.send', waitReason: 'chan send', entry: 'main.send', base: 0, head: 6, delta: 6 },
    ]);
  });
});

describe('groups across profiles and forms', () => {
  test('goroutines that are not there in a profile (count 0) make no group', () => {
    const p = goroutineProfile([queryBinary(0), workerBinary(2)]);
    expect(goroutineGroupCounts([sampled(p)]).map((g) => g.waitSite)).toEqual(['main.(*crawler).awaitFetches']);
    // Nor does a zero-count goroutine of a dump turn the keys coarser than the stated ones.
    const stated = dump([2, queryDump(1)]);
    stated.values[0] = 0;
    expect(goroutineGroupCounts([sampled(stated), sampled(dump([1, queryDump(1)]))]).map((g) => [...g.counts])).toEqual([[1, 1]]);
  });

  test('a series: every group with its count in each snapshot, unchanged ones too', () => {
    const snapshots = [
      goroutineProfile([queryBinary(1), workerBinary(3)]),
      goroutineProfile([queryBinary(5), workerBinary(3)]),
      goroutineProfile([queryBinary(9)]),
    ];
    expect(goroutineGroupCounts(snapshots.map(sampled)).map((g) => ({ ...g, counts: [...g.counts] }))).toEqual([
      { waitSite: QUERY, waitReason: 'chan send', entry: QUERY, counts: [1, 5, 9] },
      { waitSite: 'main.(*crawler).awaitFetches', waitReason: 'sync.WaitGroup.Wait', entry: 'main.worker', counts: [3, 3, 0] },
    ]);
  });

  test('a merged group shows the details of its largest stated part; equal parts, the first', () => {
    const background = () => dumped([QUERY], 'chan send', 0, 'query.Background', 'internal/query/bg.go:9');
    const [larger] = direct([goroutineProfile([queryBinary(1)])], [dump([2, queryDump(0)], [3, background])]);
    expect(larger).toMatchObject({ createdBy: 'query.Background', createdAt: 'internal/query/bg.go:9', otherCreationSites: 1 });
    const [first] = direct([goroutineProfile([queryBinary(1)])], [dump([3, queryDump(0)], [3, background])]);
    expect(first).toMatchObject({ createdBy: 'query.WithTimeout', otherCreationSites: 1 });
    // A stated part shows before a larger one read from the frames.
    const [statedFirst] = direct([goroutineProfile([queryBinary(50)])], [dump([1, queryDump(0)])]);
    expect(statedFirst).toMatchObject({ waitReason: 'chan send', createdBy: 'query.WithTimeout', base: 50, head: 1, delta: -49 });
  });

  test('the details of a binary part show before those of a text form without runtime frames', () => {
    const debug1 = goroutineProfile([{ stack: [QUERY], values: [90] }], 'goroutine-debug1');
    const [g] = direct([debug1], [goroutineProfile([queryBinary(10)])]);
    expect(g).toEqual({ waitSite: QUERY, waitReason: 'chan send', entry: QUERY, base: 90, head: 10, delta: -80 });
  });

  test('three creation sites: "and 2 other creation sites"', () => {
    const at = (by: string) => () => dumped([QUERY], 'chan send', 0, by, `${by}.go:1`);
    const [g] = direct([goroutineProfile([queryBinary(1)])], [dump([4, at('a')], [2, at('b')], [1, at('c')])]);
    expect(g.otherCreationSites).toBe(2);
    expect(describeGroup(g)).toBe(
      '+6 goroutines blocked in chan send in main.queryWithTimeout.func1 (waiting under a minute), created at a.go:1 by a (and 2 other creation sites)',
    );
  });

  test('the longest stated wait of a profile, the median of each side; unstated minutes of a dump are 0', () => {
    const noMinutes = (): BuiltSample => ({
      stack: [QUERY],
      values: [1],
      str: { state: 'chan send', created_by: 'query.WithTimeout', created_at: 'internal/query/query.go:57' },
    });
    const heads = [dump([1, queryDump(9)], [1, queryDump(3)]), dump([3, queryDump(5)]), dump([5, queryDump(1)])];
    const [g] = direct([dump([1, noMinutes])], heads);
    expect(g).toMatchObject({ base: 1, head: 3, delta: 2, baseWaitMinutes: 0, headWaitMinutes: 5 });
    expect(describeGroup(g)).toMatch(/\(waiting up to 5 minutes\)/);
  });

  test('equal growth: ordered by wait site, reason, entry, creation site and creator, whatever the order of the dump', () => {
    const g = (site: string, state: string, entry: string, by: string, at: string): [number, () => BuiltSample] => [
      site === 'main.z' ? 3 : 2,
      () => dumped([site, entry], state, 0, by, at),
    ];
    // In the order expected; a goroutine the dump states no creation site for sorts first (before paths, which start with '/').
    const inOrder = [
      g('main.z', 'select', 'main.e9', 'main.x', '/src/a.go:1'),
      g('main.a', 'chan send', 'main.e1', '', ''),
      g('main.a', 'chan send', 'main.e1', 'main.w', '/src/a.go:0'),
      g('main.a', 'chan send', 'main.e1', 'main.x', '/src/a.go:0'),
      g('main.a', 'chan send', 'main.e1', 'main.x', '/src/a.go:1'),
      g('main.a', 'chan send', 'main.e2', 'main.x', '/src/a.go:1'),
      g('main.a', 'select', 'main.e2', 'main.x', '/src/a.go:1'),
      g('main.b', 'select', 'main.e1', 'main.x', '/src/a.go:1'),
    ];
    const expected = [
      [3, 'main.z', 'select', 'main.e9', '/src/a.go:1', 'main.x'],
      [2, 'main.a', 'chan send', 'main.e1', undefined, undefined],
      [2, 'main.a', 'chan send', 'main.e1', '/src/a.go:0', 'main.w'],
      [2, 'main.a', 'chan send', 'main.e1', '/src/a.go:0', 'main.x'],
      [2, 'main.a', 'chan send', 'main.e1', '/src/a.go:1', 'main.x'],
      [2, 'main.a', 'chan send', 'main.e2', '/src/a.go:1', 'main.x'],
      [2, 'main.a', 'select', 'main.e2', '/src/a.go:1', 'main.x'],
      [2, 'main.b', 'select', 'main.e1', '/src/a.go:1', 'main.x'],
    ];
    const shuffled = [3, 6, 0, 4, 1, 7, 2, 5].map((i) => inOrder[i]);
    for (const order of [inOrder, [...inOrder].reverse(), shuffled]) {
      const groups = direct([dump()], [dump(...order)]);
      expect(groups.map((x) => [x.delta, x.waitSite, x.waitReason, x.entry, x.createdAt, x.createdBy])).toEqual(expected);
    }
  });

  test('the main goroutine of a dump states no creation site: its group has none', () => {
    const main = (): BuiltSample => ({
      stack: ['main.main', 'runtime.main'],
      values: [1],
      str: { state: 'select' },
      num: { wait_minutes: [2, 'minutes'] },
    });
    expect(direct([dump()], [goroutineProfile([main()], 'goroutine-debug2')])).toEqual([
      {
        waitSite: 'main.main',
        waitReason: 'select',
        entry: 'main.main',
        base: 0,
        head: 1,
        delta: 1,
        baseWaitMinutes: null,
        headWaitMinutes: 2,
      },
    ]);
  });

  test('pprof labels of a binary goroutine profile are neither states nor creation sites', () => {
    // The label's key is the profile's first string, before any function name.
    const labelled = goroutineProfile([
      { stack: [], values: [0], str: { worker: 'pool' } },
      { stack: ['runtime.gopark', 'runtime.selectgo', 'main.serve', 'runtime.goexit'], values: [4], str: { worker: 'pool' } },
    ]);
    expect(labelled.strings[1]).toBe('worker');
    expect(direct([none()], [labelled])).toEqual([
      { waitSite: 'main.serve', waitReason: 'select', entry: 'main.serve', base: 0, head: 4, delta: 4 },
    ]);
  });

  test('one function waiting for two reasons: two groups when every profile tells the reason, one when a text form cannot', () => {
    const both = (n: number) =>
      goroutineProfile([
        { stack: ['runtime.gopark', 'runtime.selectgo', 'main.serve', 'runtime.goexit'], values: [n] },
        { stack: ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1', 'main.serve', 'runtime.goexit'], values: [2 * n] },
      ]);
    expect(direct([both(1)], [both(3)]).map((g) => [g.waitReason, g.delta])).toEqual([
      ['chan receive', 4],
      ['select', 2],
    ]);
    // A debug=2 base against a debug=1 head: the head cannot tell, so the stated reasons share one group.
    const stated = dump(
      [1, () => dumped(['main.serve'], 'select', 0, 'main.main', 'main.go:1')],
      [2, () => dumped(['main.serve'], 'chan receive', 0, 'main.main', 'main.go:1')],
    );
    const debug1 = goroutineProfile([{ stack: ['main.serve'], values: [9] }], 'goroutine-debug1');
    expect(direct([stated], [debug1]).map((g) => [g.waitSite, g.base, g.head])).toEqual([['main.serve', 3, 9]]);
  });
});

describe('describeGroup', () => {
  const group = (over: Partial<GoroutineGroup>): GoroutineGroup => ({
    waitSite: 'main.w',
    waitReason: 'chan receive',
    entry: 'main.w',
    base: 0,
    head: 1,
    delta: 1,
    ...over,
  });
  test.each<[Partial<GoroutineGroup>, string]>([
    [{}, '+1 goroutine blocked in chan receive in main.w'],
    [{ waitReason: 'constructor' }, '+1 goroutine blocked in constructor in main.w'],
    [{ waitReason: 'toString', headWaitMinutes: 2 }, '+1 goroutine blocked in toString in main.w (waiting up to 2 minutes)'],
    [{ delta: -1 }, '−1 goroutine blocked in chan receive in main.w'],
    [{ delta: -2, baseWaitMinutes: 1, headWaitMinutes: 30 }, '−2 goroutines blocked in chan receive in main.w (waiting up to 1 minute)'],
    [{ headWaitMinutes: 0 }, '+1 goroutine blocked in chan receive in main.w (waiting under a minute)'],
    [{ headWaitMinutes: 0.5 }, '+1 goroutine blocked in chan receive in main.w (waiting under a minute)'],
    [{ headWaitMinutes: null, baseWaitMinutes: 4 }, '+1 goroutine blocked in chan receive in main.w'],
    [{ waitReason: 'runnable', headWaitMinutes: 0 }, '+1 goroutine runnable in main.w'],
    [{ waitReason: '', headWaitMinutes: 0 }, '+1 goroutine in main.w'],
    [
      { entry: 'main.e', headWaitMinutes: 2 },
      '+1 goroutine blocked in chan receive in main.w (started by main.e; waiting up to 2 minutes)',
    ],
    [{ createdBy: 'main.main' }, '+1 goroutine blocked in chan receive in main.w, created by main.main'],
    [{ createdAt: 'main.go:3' }, '+1 goroutine blocked in chan receive in main.w, created at main.go:3'],
    [
      { createdAt: 'main.go:3', otherCreationSites: 1 },
      '+1 goroutine blocked in chan receive in main.w, created at main.go:3 (and 1 other creation site)',
    ],
    [{ otherCreationSites: 1 }, '+1 goroutine blocked in chan receive in main.w'],
  ])('%j', (over, text) => {
    expect(describeGroup(group(over))).toBe(text);
  });
});
