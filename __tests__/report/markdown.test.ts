import { describe, expect, test } from '@jest/globals';
import { describeSides, formatP, growthRows, renderComparisonMarkdown, renderMarkdown, shrinkRows } from '../../src/report/markdown.js';
import { crafted, diffRow } from '../helpers/comparison.js';

const MiB = 1024 * 1024;

/** inuse_space from 1MB to 3MB: one new row, one that grew and regressed, one that shrank. */
const heap = () =>
  crafted('inuse_space', 'bytes', MiB, 3 * MiB, {
    rows: [
      diffRow('main.shrink', MiB / 2, MiB / 4),
      diffRow('main.grow', MiB, 1.5 * MiB, { regression: true }),
      diffRow('main.leak', 0, 2 * MiB),
    ],
  });

const HEADER = ['| | flat Δ | cum Δ | % of base | flat base → head | row |', '|---|---:|---:|---:|---|---|'];

describe('renderComparisonMarkdown', () => {
  test('title, total, growth biggest first with marks, shrinkage collapsed; names escaped', () => {
    expect(renderComparisonMarkdown(heap(), { top: 0 }).split('\n')).toEqual([
      '#### heap\\.pb\\.gz · inuse\\_space',
      '',
      'Total: 1MB → 3MB (**+2MB**, +200.0%)',
      '',
      'Top growth:',
      '',
      ...HEADER,
      '| 🆕 | +2MB | +2MB | 200.00% | 0 → 2MB | main\\.leak |',
      '| 🔺 | +512kB | +512kB | 50.00% | 1MB → 1.50MB | main\\.grow |',
      '',
      '<details><summary>Shrinkage (1 rows)</summary>',
      '',
      ...HEADER,
      '|   | −256kB | −256kB | 25.00% | 512kB → 256kB | main\\.shrink |',
      '',
      '</details>',
    ]);
  });

  test('top limits the rows shown and says of how many', () => {
    const lines = renderComparisonMarkdown(heap(), { top: 1 }).split('\n');
    expect(lines).toContain('Top growth (1 of 2):');
    expect(lines.filter((l) => l.startsWith('| 🔺') || l.startsWith('| 🆕'))).toEqual([
      '| 🆕 | +2MB | +2MB | 200.00% | 0 → 2MB | main\\.leak |',
    ]);
  });

  test('tested comparisons: a p column, the total’s p-value and how the sides were summarised', () => {
    const c = crafted('alloc_objects', 'count', 1000, 1500, {
      baseCount: 5,
      headCount: 5,
      mode: 'statistical',
      tested: true,
      totalPValue: 0.0004,
      rows: [diffRow('main.a', 100, 400, { pValue: 0.0123 }), diffRow('main.b', 0, 200)],
    });
    const lines = renderComparisonMarkdown(c, { top: 0 }).split('\n');
    expect(lines[2]).toBe(
      'Total: 1000 → 1500 (**+500**, +50.0%, p < 0.001) — medians of 5 base and 5 head profiles, Mann–Whitney U test at alpha 0.05',
    );
    expect(lines.slice(6, 10)).toEqual([
      '| | flat Δ | cum Δ | % of base | flat base → head | p | row |',
      '|---|---:|---:|---:|---|---:|---|',
      '|   | +300 | +300 | 30.00% | 100 → 400 | 0.012 | main\\.a |',
      '| 🆕 | +200 | +200 | 20.00% | 0 → 200 |  | main\\.b |',
    ]);
    expect(lines).not.toContain('<details><summary>Shrinkage (0 rows)</summary>');
  });

  test('a note, normalized values, no growth', () => {
    const c = crafted('inuse_space', 'bytes', MiB, MiB / 2, {
      normalized: true,
      note: 'too few profiles for <the> test',
      rows: [diffRow('main.f', MiB, MiB / 2)],
    });
    const lines = renderComparisonMarkdown(c, { top: 0 }).split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '#### heap\\.pb\\.gz · inuse\\_space (normalized)',
      '',
      'Total: 1MB → 512kB (**−512kB**, −50.0%)',
      '',
      '> [!NOTE]',
      '> too few profiles for &lt;the&gt; test.',
      '',
      'No growth.',
    ]);
  });

  test('goroutine groups that grew come before the rows, regressions marked; shrunk groups are left out', () => {
    const group = (waitSite: string, base: number, head: number, regression: boolean) => ({
      waitSite,
      waitReason: 'chan send',
      entry: waitSite,
      base,
      head,
      delta: head - base,
      regression,
    });
    const c = crafted('goroutine', 'count', 10, 50, {
      profile: '',
      rows: [diffRow('runtime.gopark', 10, 50)],
      goroutineGroups: [group('main.leak', 0, 40, true), group('main.few', 1, 2, false), group('main.gone', 9, 0, false)],
    });
    const lines = renderComparisonMarkdown(c, { top: 0 }).split('\n');
    expect(lines[0]).toBe('#### goroutine');
    expect(lines.slice(4, 8)).toEqual([
      'Goroutine groups that grew:',
      '',
      '- 🔺 \\+40 goroutines blocked in chan send in main\\.leak',
      '- \\+1 goroutine blocked in chan send in main\\.few',
    ]);
    expect(lines[9]).toBe('Top growth:');
  });
});

describe('row order', () => {
  test('growth: biggest flat growth first, cum breaks ties; rows with flat 0 count by their cum', () => {
    const c = crafted('x', 'count', 0, 0, {
      rows: [
        diffRow('flat5', 0, 5),
        diffRow('cumOnly', 3, 3, { cumDelta: 7 }),
        diffRow('flat5cum9', 0, 5, { cumDelta: 9 }),
        diffRow('none', 3, 3),
        diffRow('shrunkCum', 3, 3, { cumDelta: -2 }),
        diffRow('flat9', 0, 9),
        diffRow('down', 4, 1),
        diffRow('down3cum1', 4, 1, { cumDelta: -1 }),
      ],
    });
    expect(growthRows(c).map((r) => r.label)).toEqual(['flat9', 'flat5cum9', 'flat5', 'cumOnly']);
    expect(shrinkRows(c).map((r) => r.label)).toEqual(['down', 'down3cum1', 'shrunkCum']);
  });
});

describe('describeSides and formatP', () => {
  test('one profile a side says nothing; several say medians and how they were compared', () => {
    expect(describeSides(crafted('x', 'count', 0, 0))).toBe('');
    expect(describeSides(crafted('x', 'count', 0, 0, { baseCount: 1, headCount: 3 }))).toBe(
      'medians of 1 base and 3 head profiles, exact mode',
    );
    expect(describeSides(crafted('x', 'count', 0, 0, { baseCount: 3, headCount: 1, mode: 'statistical' }))).toBe(
      'medians of 3 base and 1 head profiles',
    );
    expect(describeSides(crafted('x', 'count', 0, 0, { baseCount: 4, headCount: 4, mode: 'statistical', tested: true, alpha: 0.01 }))).toBe(
      'medians of 4 base and 4 head profiles, Mann–Whitney U test at alpha 0.01',
    );
  });

  test('p-values to three decimals, and below 0.001 as a bound', () => {
    expect(formatP(0.04949)).toBe('p = 0.049');
    expect(formatP(0.001)).toBe('p = 0.001');
    expect(formatP(0.000999)).toBe('p < 0.001');
    expect(formatP(1)).toBe('p = 1.000');
  });
});

describe('renderMarkdown', () => {
  test('comparisons separated by a blank line, ending with a newline', () => {
    const a = crafted('inuse_space', 'bytes', 1, 1, { profile: 'a' });
    const b = crafted('inuse_space', 'bytes', 1, 1, { profile: 'b' });
    expect(renderMarkdown([a, b], { top: 0 })).toBe(
      `${renderComparisonMarkdown(a, { top: 0 })}\n\n${renderComparisonMarkdown(b, { top: 0 })}\n`,
    );
  });
});
