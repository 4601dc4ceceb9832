import { describe, expect, test } from '@jest/globals';
import { commentMarker } from '../../src/action/comment.js';
import { findStickyComment } from '../../src/github/comment.js';
import type { Octokit } from '../../src/github/octokit.js';

describe('the sticky comment', () => {
  test("is our comment that ends with the marker; a quoted copy of the marker, or another user's look-alike, does not count", async () => {
    const marker = commentMarker('ci/gate');
    const other = commentMarker('ci/other');
    const bot = { login: 'github-actions[bot]', type: 'Bot' };
    const comments = [
      { id: 1, html_url: 'u1', user: bot, body: `### other job\n\`\`\`sh\npprof-gate diff --head '${marker}'\n\`\`\`\n${other}` },
      { id: 2, html_url: 'u2', user: { login: 'mallory', type: 'User' }, body: `### a look-alike\n${marker}` },
      { id: 3, html_url: 'u3', user: bot, body: `### ours\n${marker}\n` },
    ];
    const octokit = { paginate: () => Promise.resolve(comments) } as unknown as Octokit;
    const repo = { owner: 'o', repo: 'r' };
    await expect(findStickyComment(octokit, repo, 7, marker, 'github-actions[bot]')).resolves.toMatchObject({ id: 3, url: 'u3' });
    await expect(findStickyComment(octokit, repo, 7, marker, 'mallory')).resolves.toMatchObject({ id: 2 });
    await expect(findStickyComment(octokit, repo, 7, marker, 'octocat')).resolves.toBeUndefined();
    await expect(findStickyComment(octokit, repo, 7, commentMarker('ci/none'), 'github-actions[bot]')).resolves.toBeUndefined();
  });
});
