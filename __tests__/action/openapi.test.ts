import { describe, expect, test } from '@jest/globals';
import { checkRequest, checkResponse, checkSchema, component, findOperation, synthesize } from './openapi.js';

describe('the OpenAPI checker the stand-in uses', () => {
  test('finds operations by method and path, preferring literal segments', () => {
    const op = findOperation('PATCH', '/repos/o/r/issues/comments/5');
    expect(op?.template).toBe('/repos/{owner}/{repo}/issues/comments/{comment_id}');
    expect(op?.params.comment_id).toBe('5');
    expect(findOperation('GET', '/repos/o/r/no-such-thing')).toBeUndefined();
  });

  test('synthesized objects satisfy their schemas; broken ones do not', () => {
    for (const name of ['workflow-run', 'artifact', 'issue-comment', 'label', 'pull-request-simple']) {
      expect(checkSchema(synthesize(component(name)), component(name))).toEqual([]);
    }
    const run = synthesize(component('workflow-run'), { id: 5 });
    delete run.head_sha;
    expect(checkSchema(run, component('workflow-run')).join('\n')).toMatch(/required property head_sha is missing/);
    expect(checkSchema({ ...synthesize(component('artifact')), id: 'seven' }, component('artifact')).join('\n')).toMatch(
      /\$\.id: string where integer/,
    );
  });

  test('requests: unknown query parameters, bad enums and bodies are caught', () => {
    const ok = checkRequest(
      'GET',
      new URL('http://x/repos/o/r/actions/workflows/ci.yml/runs?branch=main&event=push&status=success&per_page=30'),
      '',
      undefined,
    );
    expect(ok.errors).toEqual([]);
    expect(
      checkRequest('GET', new URL('http://x/repos/o/r/actions/workflows/ci.yml/runs?status=great'), '', undefined).errors.join(),
    ).toMatch(/status/);
    expect(checkRequest('GET', new URL('http://x/repos/o/r/issues/1/comments?sort=x'), '', undefined).errors.join()).toMatch(
      /unknown query parameter sort/,
    );
    expect(
      checkRequest('POST', new URL('http://x/repos/o/r/issues/1/comments'), '{"text":"hi"}', 'application/json').errors.join(),
    ).toMatch(/required property body/);
  });

  test('responses: undeclared statuses and wrong bodies are caught, injected faults allowed', () => {
    const op = findOperation('GET', '/repos/o/r/actions/artifacts/1/zip')!;
    expect(checkResponse(op, 302, { location: 'http://blob' }, undefined)).toEqual([]);
    expect(checkResponse(op, 302, {}, undefined).join()).toMatch(/Location/);
    expect(checkResponse(op, 200, {}, {}).join()).toMatch(/status not in/);
    expect(checkResponse(op, 502, {}, { message: 'x' }, true)).toEqual([]);
    const post = findOperation('POST', '/repos/o/r/issues/1/comments')!;
    expect(checkResponse(post, 201, {}, { id: 1 }).join()).toMatch(/required property/);
  });
});
