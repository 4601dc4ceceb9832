import { describe, expect, test } from '@jest/globals';
import { htmlReportName } from '../../src/action/html-reports.js';

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
  });
});
