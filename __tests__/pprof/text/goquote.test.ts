import { describe, expect, test } from '@jest/globals';
import { parseLabelSet, unquoteGo } from '../../../src/pprof/text/goquote.js';

describe("unquoteGo reads back what Go's %q writes", () => {
  test.each([
    ['"plain"', 'plain'],
    ['"a\\"b\\\\c"', 'a"b\\c'],
    ['"\\a\\b\\f\\n\\r\\t\\v"', '\u0007\b\f\n\r\t\v'],
    ['"\\x7f\\u00e9\\U0001F600"', '\u007fé😀'],
    ['"\\101\\102"', 'AB'],
    ['"é 😀"', 'é 😀'],
  ])('%s', (quoted, value) => {
    expect(unquoteGo(quoted, 0)).toEqual({ value, end: quoted.length });
  });

  test.each([['"unterminated'], ['"bad \\q escape"'], ['"\\x4"'], ['"\\U00110000"'], ['"\\18"'], ['no quote']])(
    '%s is not a Go string',
    (s) => {
      expect(unquoteGo(s, 0)).toBeNull();
    },
  );
});

describe('parseLabelSet reads a `# labels:` set', () => {
  test('empty and several pairs, as labelMap.String prints them', () => {
    expect(parseLabelSet('{}')).toEqual([]);
    expect(parseLabelSet('{"a":"1", "b":"x, y"}')).toEqual([
      ['a', '1'],
      ['b', 'x, y'],
    ]);
  });

  test.each([['{"a":"1"'], ['{"a" "1"}'], ['{"a":1}'], ['{"a":"1"} trailing'], ['{"a":"1";"b":"2"}'], ['["a"]']])('%s is refused', (s) => {
    expect(parseLabelSet(s)).toBeNull();
  });
});
