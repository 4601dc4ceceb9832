import { describe, expect, test } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { ActionError, isError, oneLine } from '../../src/action/errors.js';

describe('isError', () => {
  test('an Error of this realm or of another one (a vm context) is an error; anything else is not', () => {
    expect(isError(new ActionError('bad input'))).toBe(true);
    const foreign: unknown = runInNewContext('new TypeError("from a vm context")');
    expect(foreign instanceof Error).toBe(false);
    expect(isError(foreign)).toBe(true);
    for (const notAnError of ['message', { message: 'looks like one' }, undefined, null, 42]) expect(isError(notAnError)).toBe(false);
  });
});

describe('oneLine', () => {
  test("an error's message up to its first line break", () => {
    expect(oneLine(new Error('cannot read heap.pb.gz\n    at readFile (fs.js:1:1)'))).toBe('cannot read heap.pb.gz');
    expect(oneLine(runInNewContext('new Error("in a vm context\\nsecond line")'))).toBe('in a vm context');
  });

  test('anything thrown that is not an Error is shown as text', () => {
    expect(oneLine('rate limited\nretry later')).toBe('rate limited');
    expect(oneLine(404)).toBe('404');
    expect(oneLine(undefined)).toBe('undefined');
  });

  test('a very long line is cut to 500 characters', () => {
    expect(oneLine(new Error('x'.repeat(800)))).toBe('x'.repeat(500));
    expect(oneLine(new Error('y'.repeat(500)))).toHaveLength(500);
  });
});
