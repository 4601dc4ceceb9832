import { describe, expect, test } from '@jest/globals';
import { parseInputs } from '../../src/action/inputs.js';
import { actionDefaults } from './harness.js';

describe('input comment-key', () => {
  const reader = (over: Record<string, string>) => {
    const inputs: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', ...over };
    return (name: string) => inputs[name] ?? '';
  };

  test('is trimmed, empty by default', () => {
    expect(parseInputs(reader({})).commentKey).toBe('');
    expect(parseInputs(reader({ 'comment-key': ' go1.22 ' })).commentKey).toBe('go1.22');
  });

  test('more than one line, or very long, is refused naming the input', () => {
    for (const bad of ['a\nb', 'x'.repeat(101)]) {
      expect(() => parseInputs(reader({ 'comment-key': bad }))).toThrow('input comment-key: must be one line of at most 100 characters');
    }
  });
});
