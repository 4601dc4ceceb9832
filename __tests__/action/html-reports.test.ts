import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseGroups } from '../../src/action/analyse.js';
import { htmlReportName, writeHtmlReports } from '../../src/action/html-reports.js';
import { TESTDATA } from '../helpers/golden.js';

describe('flame graph file names in the report artifact', () => {
  test('group key with / turned into __, then the sample type', () => {
    const used = new Set<string>();
    expect(htmlReportName('heap.pb.gz', 'inuse_space', used)).toBe('heap.pb.gz.inuse_space.html');
    expect(htmlReportName('svc/a/heap.pb.gz', 'alloc_space', used)).toBe('svc__a__heap.pb.gz.alloc_space.html');
  });

  test('names from files and profiles are made safe: no path, no hidden file, no character the artifact service refuses', () => {
    const used = new Set<string>();
    const names = [
      htmlReportName('../../etc/passwd', 'x', used),
      htmlReportName('a:b<c>|d*?"e\\f\nheap.pb.gz', 'in use/space', used),
      htmlReportName('.hidden', '', used),
    ];
    for (const n of names) {
      expect(n).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.html$/);
      expect(n).not.toContain('/');
    }
    expect(names[1]).toBe('a_b_c__d___e_f_heap.pb.gz.in_use_space.html');
    expect(names[2]).toBe('_hidden.sample.html');
  });

  test('a name taken already gets a counter', () => {
    const used = new Set<string>();
    expect(htmlReportName('a/b', 'inuse_space', used)).toBe('a__b.inuse_space.html');
    expect(htmlReportName('a__b', 'inuse_space', used)).toBe('a__b.inuse_space.2.html');
    expect(htmlReportName('a:_b', 'inuse_space', used)).not.toBe('a__b.inuse_space.2.html');
    expect(used.size).toBe(3);
    expect(htmlReportName('a/b', 'inuse_space', used)).toBe('a__b.inuse_space.4.html');
  });

  test('leading dots go, however many; names stay under 210 characters', () => {
    expect(htmlReportName('...profile', 'goroutine', new Set())).toBe('_profile.goroutine.html');
    expect(htmlReportName('p'.repeat(300), 'inuse_space', new Set())).toBe(`${'p'.repeat(200)}.html`);
  });
});

describe('writeHtmlReports', () => {
  test('one flame graph per comparison, named by group and sample type, in a folder it makes', async () => {
    const dir = join(TESTDATA, 'profiles', 'mapcache');
    const group = (key: string, kind: string) => ({
      key,
      heads: [{ file: join(dir, `head.${kind}.pb.gz`), rel: key, lcaRel: key }],
      bases: [{ file: join(dir, `base.${kind}.pb.gz`), rel: key }],
    });
    const analysis = await analyseGroups([group('svc/heap.pb.gz', 'heap'), group('goroutine.pb.gz', 'goroutine')], {
      maxProfileBytes: 1 << 30,
      normalize: false,
      alpha: 0.05,
      workspace: dir,
    });
    const out = join(mkdtempSync(join(tmpdir(), 'pprof-gate-html-')), 'flames', 'nested');
    const files = writeHtmlReports(analysis, out);
    const names = ['svc__heap.pb.gz.alloc_space.html', 'svc__heap.pb.gz.inuse_space.html', 'goroutine.pb.gz.goroutine.html'];
    expect(files).toEqual(names.map((n) => join(out, n)));
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    for (const f of files) expect(readFileSync(f, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    // Each page is its own comparison's.
    expect(readFileSync(files[1], 'utf8')).toContain('inuse_space');
    expect(readFileSync(files[2], 'utf8')).toContain('goroutine');
    expect(writeHtmlReports({ ...analysis, compared: [] }, out)).toEqual([]);
  });
});
