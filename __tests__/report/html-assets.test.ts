/**
 * The HTML report's style and script live in src/report/html/ (flame.css, flame.ts) and reach the
 * page through the generated assets.generated.ts: it must be what the generator writes from them
 * now, and the page's Content-Security-Policy must allow exactly the inline script and style it
 * carries.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { compareProfiles } from '../../src/analysis/compare.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { FLAME_SCRIPT, FLAME_STYLE } from '../../src/report/html/assets.generated.js';
import { renderHtmlReports } from '../../src/report/html.js';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const FIXTURE = join(ROOT, 'testdata', 'profiles', 'mapcache');

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('HTML report assets', () => {
  test('assets.generated.ts is what scripts/gen-html-assets.mjs writes from flame.css and flame.ts', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-html-assets.mjs'), '--check'], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  test('the script is one strict function, with the page code compiled from flame.ts', () => {
    expect(FLAME_SCRIPT.startsWith("(function () {\n'use strict';\n")).toBe(true);
    expect(FLAME_SCRIPT).toContain("chart.addEventListener('click'");
    expect(FLAME_SCRIPT).not.toMatch(/\b(import|export)\b|: (number|string|Node)\b/);
    expect(FLAME_STYLE).toContain('#chart.searching .frame.match');
  });

  test("the page's CSP names the hashes of exactly its inline script and style", async () => {
    const load = async (side: string) => ({ file: side, profile: await readProfileFile(join(FIXTURE, `${side}.heap-sampled.pb.gz`)) });
    const base = await load('base');
    const head = await load('head');
    const comparisons = compareProfiles([base], [head], {
      sampleIndexes: ['inuse_space'],
      granularity: 'functions',
      normalize: false,
      name: 'mapcache',
    });
    const [html] = renderHtmlReports([base.profile], [head.profile], comparisons);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(scripts).toEqual([FLAME_SCRIPT]);
    expect(styles).toEqual([FLAME_STYLE]);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    expect(csp).toContain(`script-src ${hash(scripts[0])};`);
    expect(csp).toContain(`style-src ${hash(styles[0])};`);
  });
});
