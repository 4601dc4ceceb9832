import { types } from 'node:util';

/**
 * A failure the user can fix (a bad input, an unreadable profile of this run, an unusable
 * artifact, a runner environment that is not an Action's): its message is the whole story, so it
 * is reported as it is, without a stack trace.
 */
export class ActionError extends Error {}

/** Any Error, also one made in another realm (a vm context), where `instanceof Error` is false. */
export function isError(err: unknown): err is Error {
  return err instanceof Error || types.isNativeError(err);
}

/** An error's message as one line of at most 500 characters, for a log line or a report note. */
export function oneLine(err: unknown): string {
  const msg = isError(err) ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 500);
}
