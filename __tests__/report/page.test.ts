import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { pageHead } from '../../src/report/page.js';

const hash = (text: string): string => `&#39;sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}&#39;`;
const csp = (head: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(head)?.[1];

describe('pageHead', () => {
  test('a page without script: the CSP allows its style by hash and no script at all', () => {
    const head = pageHead({ title: 't', style: 'body { color: red; }' });
    expect(csp(head)).toBe(
      `default-src &#39;none&#39;; style-src ${hash('body { color: red; }')}; img-src &#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;`,
    );
    expect(head).not.toContain('script-src');
    expect(head).toContain('<style>body { color: red; }</style>');
  });

  test('a page with a script: its hash too, and a different script gives a different policy', () => {
    const one = csp(pageHead({ title: 't', style: 's', script: 'run(1)' }));
    expect(one).toContain(`script-src ${hash('run(1)')}; style-src ${hash('s')};`);
    expect(csp(pageHead({ title: 't', style: 's', script: 'run(2)' }))).not.toBe(one);
  });

  test('the title is escaped; no referrer is sent', () => {
    const head = pageHead({ title: 'pprof-gate: <img src=x>&"', style: '' });
    expect(head).toContain('<title>pprof-gate: &lt;img src=x&gt;&amp;&quot;</title>');
    expect(head).toContain('<meta name="referrer" content="no-referrer">');
    expect(head.startsWith('<head>\n<meta charset="utf-8">')).toBe(true);
    expect(head.endsWith('</head>')).toBe(true);
  });
});
