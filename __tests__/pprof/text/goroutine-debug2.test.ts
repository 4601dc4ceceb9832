/**
 * goroutine debug=2 dumps of every origin: `go test -timeout` (a real hang of the example
 * program's TestHang, testdata/text/dumps/gotest-timeout.txt) and hand-checked samples of what
 * other runtimes and situations print (newer headers and frame suffixes, crash dumps, Windows
 * paths, panics inside test logs, ancestors, stacks running elsewhere). pprof.WriteTo(w, 2) and
 * runtime.Stack are checked against the binary profiles in text-parity.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeProfile } from '../../../src/pprof/decode.js';
import type { Profile } from '../../../src/pprof/profile.js';
import { readProfileFile } from '../../../src/pprof/read.js';
import { TESTDATA } from '../../helpers/golden.js';

const DUMPS = join(TESTDATA, 'text', 'dumps');

interface Goroutine {
  frames: string[];
  /** Locations of the stack (inlined frames share one). */
  locations: number;
  labels: Record<string, string | number>;
}

function goroutines(p: Profile): Goroutine[] {
  const out: Goroutine[] = [];
  for (let s = 0; s < p.sampleCount; s++) {
    const frames: string[] = [];
    for (let k = p.stackStart[s]; k < p.stackStart[s + 1]; k++) {
      const loc = p.stackLocations[k];
      for (let j = p.lineStart[loc]; j < p.lineStart[loc + 1]; j++) frames.push(p.strings[p.functionName[p.lineFunction[j]]]);
    }
    const labels: Record<string, string | number> = {};
    for (let i = p.labelStart[s]; i < p.labelStart[s + 1]; i++)
      labels[p.strings[p.labelKey[i]]] = p.labelStr[i] ? p.strings[p.labelStr[i]] : p.labelNum[i];
    out.push({ frames, locations: p.stackStart[s + 1] - p.stackStart[s], labels });
  }
  return out;
}

describe('a real go test -timeout hang', () => {
  test('one sample per goroutine, with the stated status and creation site', async () => {
    const p = await readProfileFile(join(DUMPS, 'gotest-timeout.txt'));
    expect(p.format).toBe('goroutine-debug2');
    expect(p.sampleTypes).toEqual([{ type: 'goroutine', unit: 'count' }]);
    const text = readFileSync(join(DUMPS, 'gotest-timeout.txt'), 'utf8');
    const gs = goroutines(p);
    expect(gs.length).toBe(text.match(/^goroutine \d+ \[/gm)!.length);
    const leaked = gs.filter((g) => g.labels.state === 'chan send');
    expect(leaked.length).toBe(80);
    for (const g of leaked) {
      expect(g.labels).toEqual({
        state: 'chan send',
        wait_minutes: 0,
        created_by: 'example.com/leaky.queryWithTimeout',
        created_at: 'example.com/leaky/timeout.go:38',
      });
      expect(g.frames[g.frames.length - 1]).toBe('example.com/leaky.queryWithTimeout.func1');
    }
    const hang = gs.filter((g) => g.frames.includes('example.com/leaky.TestHang'));
    expect(hang.map((g) => [g.labels.state, g.frames[0]])).toEqual([['sleep', 'time.Sleep']]);
    expect(gs.filter((g) => g.labels.state === 'running').map((g) => g.frames)).toEqual([['testing.(*M).startAlarm.func1']]);
  });

  test('gzipped, the same profile', () => {
    const bytes = readFileSync(join(DUMPS, 'gotest-timeout.txt'));
    expect(goroutines(decodeProfile(gzipSync(bytes)))).toEqual(goroutines(decodeProfile(bytes)));
  });
});

describe('hand-checked dumps', () => {
  test('crash dump of a newer runtime: gp=/m= headers, fp= sp= pc= suffixes, goroutine 0, registers', async () => {
    const gs = goroutines(await readProfileFile(join(DUMPS, 'crash-go1.23.txt')));
    expect(gs).toEqual([
      {
        // goroutine 0: the system stack of thread m=0, kept with its state and thread
        frames: ['runtime.futex', 'runtime.futexsleep', 'runtime.mstart'],
        locations: 3,
        labels: { state: 'idle', wait_minutes: 0, g0: 'true', thread: 0 },
      },
      {
        frames: ['runtime.gopark', 'runtime.chanrecv1', 'main.main', 'runtime.main'],
        locations: 4,
        labels: { state: 'chan receive', wait_minutes: 3 },
      },
      {
        frames: ['runtime.gopark', 'sync.runtime_SemacquireWaitGroup', 'sync.(*WaitGroup).Wait', 'main.fanOut.func2'],
        locations: 4,
        labels: {
          state: 'sync.WaitGroup.Wait',
          wait_minutes: 12,
          created_by: 'main.fanOut',
          created_at: '/home/dev/svc/fan.go:40',
          parent_goroutine: 1,
        },
      },
      {
        // main.drain was inlined into func3 (no pc offset): one location, two lines
        frames: ['runtime.gopark', 'main.drain', 'main.fanOut.func3'],
        locations: 2,
        labels: {
          state: 'chan receive (nil chan)',
          wait_minutes: 0,
          created_by: 'main.fanOut',
          created_at: '/home/dev/svc/fan.go:49',
          parent_goroutine: 1,
        },
      },
    ]);
  });

  test('a panic inside a go test log, Windows paths, locked to thread, elided frames', async () => {
    const p = await readProfileFile(join(DUMPS, 'panic-windows.txt'));
    const gs = goroutines(p);
    expect(gs.map((g) => g.labels)).toEqual([
      {
        state: 'running',
        wait_minutes: 0,
        created_by: 'testing.(*T).Run',
        created_at: 'C:/Program Files/Go/src/testing/testing.go:1648',
        parent_goroutine: 1,
      },
      { state: 'chan receive', wait_minutes: 0, locked: 'true' },
      { state: 'IO wait', wait_minutes: 14, created_by: 'example.com/svc.Listen', created_at: 'C:/Users/dev/src/svc/listen.go:12' },
    ]);
    expect(gs[0].frames).toEqual([
      'testing.tRunner.func1.2',
      'testing.tRunner.func1',
      'panic',
      'example.com/svc.(*Server).handle',
      'example.com/svc.TestServe',
      'testing.tRunner',
    ]);
    expect(gs[1].frames[gs[1].frames.length - 1]).toBe('main.main');
    expect(gs[2].frames).toEqual(['internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait', 'internal/poll.execIO']);
    const leaf = p.stackLocations[p.stackStart[0]];
    const fn = p.lineFunction[p.lineStart[leaf]];
    expect([p.strings[p.functionFilename[fn]], p.lineNumber[p.lineStart[leaf]]]).toEqual([
      'C:/Program Files/Go/src/testing/testing.go',
      1545,
    ]);
  });

  test('ancestors (tracebackancestors) are kept as a label, not as stacks; a stack running elsewhere is empty', async () => {
    const gs = goroutines(await readProfileFile(join(DUMPS, 'ancestors.txt')));
    expect(gs).toEqual([
      {
        frames: ['main.worker'],
        locations: 1,
        labels: {
          state: 'select',
          wait_minutes: 0,
          created_by: 'main.spawn',
          created_at: '/src/app/spawn.go:9',
          parent_goroutine: 6,
          ancestors: '6 (created by main.main at /src/app/main.go:22), 1',
        },
      },
      {
        frames: [],
        locations: 0,
        labels: { state: 'running', wait_minutes: 0, created_by: 'main.main', created_at: '/src/app/main.go:20' },
      },
      {
        frames: ['main.spawn'],
        locations: 1,
        labels: { state: 'runnable', wait_minutes: 0, created_by: 'main.main', created_at: '/src/app/main.go:22', parent_goroutine: 1 },
      },
    ]);
  });
});

describe('real crash dumps of Go 1.19 (testdata/programs/crashdump, GODEBUG=tracebackancestors=5 GOTRACEBACK=crash)', () => {
  test('a panic: each goroutine keeps its creation history (the ancestor blocks) as one label, not as stacks', async () => {
    const gs = goroutines(await readProfileFile(join(DUMPS, 'go1.19-ancestors-panic.txt')));
    const text = readFileSync(join(DUMPS, 'go1.19-ancestors-panic.txt'), 'utf8');
    expect(gs.length).toBe(text.match(/^goroutine \d+ \[/gm)!.length);
    // goroutine 6: started by 5, which 18 started, which main started (lines 125-174 of the dump)
    const six = gs.filter((g) => g.frames.includes('main.leaf') && String(g.labels.ancestors).startsWith('5 '));
    expect(six).toEqual([
      {
        frames: ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1', 'main.leaf', 'main.spawn', 'main.spawn.func1'],
        locations: 5, // main.leaf was inlined into main.spawn (no pc offset)
        labels: {
          state: 'chan receive',
          wait_minutes: 0,
          created_by: 'main.spawn',
          created_at: 'example.com/crashdump/main.go:26',
          ancestors:
            '5 (created by main.spawn at example.com/crashdump/main.go:26), 18 (created by main.main at example.com/crashdump/main.go:40), 1',
        },
      },
    ]);
    // no frame of an ancestor block became part of a stack
    for (const g of gs) expect(g.frames).not.toContain('runtime.systemstack_switch');
    expect(gs.filter((g) => g.labels.ancestors === undefined).map((g) => g.frames[0])).toEqual(['panic']);
  });

  test('SIGQUIT: the goroutine 0 of each thread is a sample labelled g0 with the thread the signal line names', async () => {
    const gs = goroutines(await readProfileFile(join(DUMPS, 'go1.19-sigquit-crash.txt')));
    const g0 = gs.filter((g) => g.labels.g0 === 'true');
    expect(g0.map((g) => [g.labels.thread, g.labels.state, g.frames[0], g.frames[g.frames.length - 1]])).toEqual([
      [1, 'idle', 'runtime.futex', 'runtime.mstart'],
      [2, 'idle', 'runtime.futex', 'runtime.mcall'],
      [3, 'idle', 'runtime.epollwait', 'runtime.mcall'],
    ]);
    expect(g0[0].frames).toEqual([
      'runtime.futex',
      'runtime.futexsleep',
      'runtime.notetsleep_internal',
      'runtime.notetsleep',
      'runtime.sysmon',
      'runtime.mstart1',
      'runtime.mstart0',
      'runtime.mstart',
    ]);
    // the goroutines themselves (register dumps and "-----" between the threads' parts skipped)
    const text = readFileSync(join(DUMPS, 'go1.19-sigquit-crash.txt'), 'utf8');
    expect(gs.length).toBe(text.match(/^goroutine \d+ \[/gm)!.length);
    expect(gs.filter((g) => g.labels.g0 === undefined && g.labels.thread !== undefined)).toEqual([]);
    expect(gs.find((g) => g.frames[0] === 'main.busy')?.labels.state).toBe('running');
  });
});

describe('goroutine debug=1 labels', () => {
  test('the # labels: line becomes string labels, Go quoting undone', () => {
    const text = [
      'goroutine profile: total 3',
      '2 @ 0x437816 0x44634c 0x4b4f57 0x4614a1',
      '# labels: {"handler":"/api/v1", "quote\\"d":"tab\\there \\u00e9\\\\"}',
      '#\t0x4b4f56\tmain.serve.func1+0x16\t/src/app/main.go:32',
      '',
      '1 @ 0x437816 0x4b4f57 0x4614a1',
      '#\t0x4b4f56\tmain.serve.func1+0x16\t/src/app/main.go:32',
      '',
    ].join('\n');
    const gs = goroutines(decodeProfile(new TextEncoder().encode(text)));
    expect(gs).toEqual([
      { frames: ['main.serve.func1'], locations: 1, labels: { handler: '/api/v1', 'quote"d': 'tab\there é\\' } },
      { frames: ['main.serve.func1'], locations: 1, labels: {} },
    ]);
  });
});
