import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { buildFlameTree, type FlameNode } from '../../src/analysis/flame.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { expectTreeMatchesGolden, goldenCases, readGolden, TESTDATA } from '../helpers/golden.js';

function checkLayout(node: FlameNode): void {
  const sum = node.children.reduce((s, c) => s + c.weight, 0);
  expect(sum).toBeLessThanOrEqual(node.weight);
  expect(node.weight).toBeGreaterThanOrEqual(Math.max(node.base, node.head));
  for (let i = 1; i < node.children.length; i++) expect(node.children[i - 1].weight).toBeGreaterThanOrEqual(node.children[i].weight);
  for (const c of node.children) checkLayout(c);
}

describe('flame tree', () => {
  // The same goldens as the engine: the tree's per-frame flat and cum must equal pprof's rows.
  const cases = goldenCases();
  test('has golden cases to check against', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  test.each(cases.map((c) => [`${c.scenario}/${c.kind}.${c.sampleIndex}.${c.granularity}${c.normalize ? '.normalize' : ''}`, c] as const))(
    '%s agrees with go tool pprof',
    async (_name, c) => {
      const dir = join(TESTDATA, 'profiles', c.scenario);
      const base = await readProfileFile(join(dir, `base.${c.kind}.pb.gz`));
      const head = await readProfileFile(join(dir, `head.${c.kind}.pb.gz`));
      const tree = buildFlameTree([base], [head], { sampleIndex: c.sampleIndex, granularity: c.granularity, normalize: c.normalize });
      expectTreeMatchesGolden(tree, readGolden(c.path));
      expect(tree.hiddenNodes).toBe(0);
      checkLayout(tree.root);
    },
  );

  test('a vanished frame keeps its base width and the root grows to fit it', async () => {
    const dir = join(TESTDATA, 'profiles', 'mapcache');
    const base = await readProfileFile(join(dir, 'base.heap-sampled.pb.gz'));
    const head = await readProfileFile(join(dir, 'head.heap-sampled.pb.gz'));
    const tree = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false });
    const main = tree.root.children.find((n) => n.name === 'runtime.main')!.children.find((n) => n.name === 'main.main')!;
    const gone = main.children.find((n) => n.name === 'main.loadConfig')!;
    expect(gone.head).toBe(0);
    expect(gone.base).toBeGreaterThan(0);
    expect(gone.weight).toBe(gone.base);
    expect(main.weight).toBe(main.head + gone.base);
    expect(tree.root.weight).toBeGreaterThan(Math.max(tree.root.base, tree.root.head));
    checkLayout(tree.root);
  });

  test('minFraction and maxNodes leave out the lightest paths and say how many', async () => {
    const dir = join(TESTDATA, 'profiles', 'mapcache');
    const base = await readProfileFile(join(dir, 'base.heap.pb.gz'));
    const head = await readProfileFile(join(dir, 'head.heap.pb.gz'));
    const full = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false });
    const cut = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false, minFraction: 0.001 });
    const capped = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false, maxNodes: 10 });
    const count = (n: FlameNode): number => 1 + n.children.reduce((s, c) => s + count(c), 0);
    for (const t of [full, cut, capped]) {
      expect(count(t.root)).toBe(t.nodeCount);
      expect(t.nodeCount + t.hiddenNodes).toBe(full.nodeCount);
    }
    expect(cut.hiddenNodes).toBeGreaterThan(0);
    const min = (n: FlameNode): number => Math.min(n.weight, ...n.children.map(min));
    expect(min(cut.root)).toBeGreaterThanOrEqual(0.001 * cut.root.weight);
    expect(capped.nodeCount).toBe(10);
  });

  test('several profiles per side: a node holds the median', async () => {
    const dir = join(TESTDATA, 'profiles', 'timeout');
    const b = await readProfileFile(join(dir, 'base.goroutine.pb.gz'));
    const h = await readProfileFile(join(dir, 'head.goroutine.pb.gz'));
    const tree = buildFlameTree([b, b, h], [h, h, b], { sampleIndex: 'goroutine', normalize: false });
    expect([tree.baseCount, tree.headCount]).toEqual([3, 3]);
    expect([tree.root.base, tree.root.head]).toEqual([1, 81]);
    const leak = tree.root.children.find((n) => n.name === 'main.queryWithTimeout.func1')!;
    expect([leak.base, leak.head]).toEqual([0, 80]);
  });
});
