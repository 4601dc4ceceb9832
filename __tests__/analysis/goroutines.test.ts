import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { diffProfiles } from '../../src/analysis/diff.js';
import { describeGroup } from '../../src/analysis/goroutines.js';
import type { Profile } from '../../src/pprof/profile.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { TESTDATA } from '../helpers/golden.js';

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
