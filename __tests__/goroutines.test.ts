import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { diffProfiles } from '../src/analysis/diff.js';
import { describeGroup } from '../src/analysis/goroutines.js';
import { readProfileFile } from '../src/pprof/read.js';
import { TESTDATA } from './helpers/golden.js';

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
