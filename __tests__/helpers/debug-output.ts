import { afterAll, beforeAll, jest } from '@jest/globals';

/**
 * @actions/glob logs its options and each search path through @actions/core's debug, which writes
 * `::debug::…` lines to stdout (shown on a runner only with step debugging on). For the tests of a
 * file: those lines are kept out of jest's output and collected here; every other write to stdout
 * passes through unchanged, so nothing else is hidden.
 */
export function collectDebugOutput(): string[] {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  let spy: { mockRestore(): void } | undefined;
  beforeAll(() => {
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!text.startsWith('::debug::')) return write(chunk, ...rest);
      lines.push(text.trimEnd());
      return true;
    });
  });
  afterAll(() => spy?.mockRestore());
  return lines;
}
