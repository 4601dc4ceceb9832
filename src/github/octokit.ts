import * as core from '@actions/core';
import * as github from '@actions/github';

export type Octokit = ReturnType<typeof github.getOctokit>;

/** Retries after 1 s, 2 s and 4 s (or the server's Retry-After, up to RETRY_AFTER_CAP_S). */
export const RETRY_DELAYS_MS = [1000, 2000, 4000];
const RETRY_AFTER_CAP_S = 60;

/** GitHub API failures worth another try: server errors (Octokit reports a dropped connection as 500) and rate limiting. */
export function isTransient(status: number | undefined): boolean {
  return status !== undefined && (status === 429 || (status >= 500 && status <= 599));
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown }).status;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: Record<string, string | undefined> } }).response?.headers;
  const v = headers?.['retry-after'];
  if (v && /^\d+$/.test(v)) return Math.min(Number(v), RETRY_AFTER_CAP_S) * 1000;
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying GitHub's transient failures with backoff. */
export async function withRetries<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const status = statusOf(err);
      if (attempt >= RETRY_DELAYS_MS.length || !isTransient(status)) throw err;
      const delay = retryAfterMs(err) ?? RETRY_DELAYS_MS[attempt];
      core.info(`GitHub API answered ${status} to ${what}; retrying in ${delay / 1000} s (${attempt + 1} of ${RETRY_DELAYS_MS.length})`);
      await sleep(delay);
    }
  }
}

/** An Octokit whose every request retries 5xx and 429 with backoff. */
export function createOctokit(token: string): Octokit {
  const octokit = github.getOctokit(token);
  octokit.hook.wrap('request', (request, options) => withRetries(`${options.method} ${options.url}`, async () => request(options)));
  return octokit;
}
