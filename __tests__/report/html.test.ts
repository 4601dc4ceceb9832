import { describe, expect, test } from '@jest/globals';
import { htmlOutputPaths } from '../../src/report/html.js';

describe('htmlOutputPaths', () => {
  test('FILE for the first comparison, FILE.<sample type>.ext for the others', () => {
    const cs = [{ sampleIndex: 'alloc_space' }, { sampleIndex: 'inuse_space' }, { sampleIndex: '../../etc/x' }];
    expect(htmlOutputPaths('out/report.html', cs)).toEqual([
      'out/report.html',
      'out/report.inuse_space.html',
      'out/report.______etc_x.html',
    ]);
    expect(htmlOutputPaths('flame', cs.slice(0, 2))).toEqual(['flame', 'flame.inuse_space']);
    expect(htmlOutputPaths('r.html', [{ sampleIndex: 'a' }, { sampleIndex: 'b' }, { sampleIndex: 'b' }])).toEqual([
      'r.html',
      'r.b.html',
      'r.2.html',
    ]);
  });
});
