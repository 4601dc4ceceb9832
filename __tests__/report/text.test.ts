import { describe, expect, test } from '@jest/globals';
import { renderText } from '../../src/report/text.js';
import { crafted, diffRow } from '../helpers/comparison.js';

const MiB = 1024 * 1024;
const HEADER = '      flat  flat%   sum%        cum   cum%';

describe('renderText', () => {
  test('a table shaped like go tool pprof -top, in the diff’s row order, with a running sum', () => {
    const c = crafted('inuse_space', 'bytes', MiB, 3 * MiB, {
      rows: [
        diffRow('main.leak', 0, 2 * MiB),
        diffRow('main.grow', MiB, 1.5 * MiB, { inline: '(inline)' }),
        diffRow('main.shrink', MiB / 2, MiB / 4),
      ],
    });
    expect(renderText([c], { top: 0 }).split('\n')).toEqual([
      'heap.pb.gz — inuse_space (bytes) — functions',
      'Total: 1MB → 3MB (+2MB, +200.0%)',
      HEADER,
      '       2MB 200.00% 200.00%        2MB 200.00%  main.leak (new)',
      '     512kB 50.00% 250.00%      512kB 50.00%  main.grow (inline)',
      '    -256kB 25.00% 225.00%     -256kB 25.00%  main.shrink',
      '',
    ]);
  });

  test('top shows the first rows and says so; no rows says so', () => {
    const c = crafted('alloc_objects', 'count', 100, 130, { rows: [diffRow('main.a', 0, 20), diffRow('main.b', 0, 10)] });
    expect(renderText([c], { top: 1 }).split('\n').slice(2)).toEqual([
      'Showing top 1 of 2 rows',
      HEADER,
      '        20 20.00% 20.00%         20 20.00%  main.a (new)',
      '',
    ]);
    expect(renderText([crafted('alloc_objects', 'count', 5, 5)], { top: 0 }).split('\n')).toEqual([
      'heap.pb.gz — alloc_objects (count) — functions',
      'Total: 5 → 5 (0, 0%)',
      'No differences.',
      '',
    ]);
  });

  test('tested comparisons: p column, total p-value, how the sides were summarised; normalized and noted', () => {
    const c = crafted('inuse_objects', 'count', 1000, 1100, {
      profile: '',
      granularity: 'lines',
      normalized: true,
      baseCount: 5,
      headCount: 5,
      mode: 'statistical',
      tested: true,
      totalPValue: 0.0312,
      note: 'a note',
      rows: [diffRow('main.f x.go:3', 900, 1000, { pValue: 0.0079 }), diffRow('main.g x.go:9', 0, 1, { pValue: null })],
    });
    expect(renderText([c], { top: 0 }).split('\n')).toEqual([
      'inuse_objects (count) — lines — normalized',
      'Total: 1000 → 1100 (+100, +10.0%, p = 0.031)',
      'Values: medians of 5 base and 5 head profiles, Mann–Whitney U test at alpha 0.05',
      'Note: a note.',
      `${HEADER}      p`,
      '       100 10.00% 10.00%        100 10.00%  0.008  main.f x.go:3',
      '         1   0.1% 10.10%          1   0.1%         main.g x.go:9 (new)',
      '',
    ]);
  });

  test('goroutine groups that changed, grown and shrunk, after the table', () => {
    const group = (waitSite: string, base: number, head: number) => ({
      waitSite,
      waitReason: 'select',
      entry: 'main.run',
      base,
      head,
      delta: head - base,
    });
    const c = crafted('goroutine', 'count', 10, 12, { goroutineGroups: [group('main.wait', 2, 5), group('main.idle', 1, 0)] });
    expect(renderText([c], { top: 0 }).split('\n').slice(2)).toEqual([
      'No differences.',
      'Goroutine groups that changed:',
      '  +3 goroutines blocked in select in main.wait (started by main.run)',
      '  −1 goroutine blocked in select in main.idle (started by main.run)',
      '',
    ]);
  });

  test('names reach the terminal without control characters; comparisons follow one another', () => {
    const evil = crafted('inuse_space', 'bytes', 1, 2, { profile: 'a\u001b[2Jb', rows: [diffRow('main.\u001b]8;;x\u0007f\nnext', 0, 1)] });
    const lines = renderText([evil, crafted('inuse_space', 'bytes', 1, 1, { profile: 'second' })], { top: 0 }).split('\n');
    expect(lines[0]).toBe('a\\u{1b}[2Jb — inuse_space (bytes) — functions');
    expect(lines[3]).toMatch(/ main\.\\u\{1b\}\]8;;x\\u\{7\}f next \(new\)$/);
    expect(lines.slice(5)).toEqual(['second — inuse_space (bytes) — functions', 'Total: 1B → 1B (0, 0%)', 'No differences.', '']);
    // eslint-disable-next-line no-control-regex
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
