import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { buildFlameTree, flameTreesFor, type FlameNode } from '../../src/analysis/flame.js';
import type { Profile } from '../../src/pprof/profile.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { crafted } from '../helpers/comparison.js';
import { expectTreeMatchesGolden, goldenCases, readGolden, TESTDATA } from '../helpers/golden.js';
import { buildProfile, goroutineProfile } from '../helpers/profile.js';

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
    // maxNodes keeps the heaviest: no node left out outweighs one kept
    const all = (n: FlameNode): FlameNode[] => [n, ...n.children.flatMap(all)];
    const fullNodes = all(full.root);
    for (const maxNodes of [3, 10, 25, 60]) {
      const kept = all(buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false, maxNodes }).root);
      expect(kept).toHaveLength(maxNodes);
      const lightestKept = Math.min(...kept.map((n) => n.weight));
      expect(fullNodes.filter((n) => n.weight > lightestKept).length).toBeLessThan(maxNodes);
    }
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

const heap = (samples: [string[], number][]): Profile =>
  buildProfile({ sampleTypes: [['inuse_space', 'bytes']], samples: samples.map(([stack, v]) => ({ stack, values: [v] })) });
/** name base/head/weight, children indented below their parent. */
const shape = (n: FlameNode, depth = 0): string[] => [
  `${'  '.repeat(depth)}${n.name || '(root)'} ${n.base}/${n.head}/${n.weight}`,
  ...n.children.flatMap((c) => shape(c, depth + 1)),
];

/** Two small hand-made heap profiles (stacks leaf first) that several flame tests draw. */
function handMade() {
  const base = heap([
    [['a', 'main'], 10],
    [['b', 'main'], 5],
    [['c', 'x', 'main'], 3],
    [['f', 'f', 'main'], 4],
  ]);
  const head = heap([
    [['a', 'main'], 20],
    [['main'], 1],
    [['b', 'main'], 5],
    [['d', 'main'], 2],
    [['f', 'f', 'main'], 4],
    [['g', 'f', 'main'], 4],
  ]);
  return { base, head };
}

describe('flame tree of hand-made profiles', () => {
  const { base, head } = handMade();

  test('one node per call path, recursion unfolded, frames that vanished keep their base width', () => {
    const tree = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false });
    expect(shape(tree.root)).toEqual([
      '(root) 22/36/38',
      '  main 22/36/38',
      '    a 10/20/20',
      '    f 4/8/8',
      '      f 4/4/4',
      '      g 0/4/4',
      '    b 5/5/5',
      '    x 3/0/3',
      '      c 3/0/3',
      '    d 0/2/2',
    ]);
    expect(tree).toMatchObject({
      sampleIndex: 'inuse_space',
      unit: 'bytes',
      granularity: 'functions',
      normalized: false,
      baseCount: 1,
      headCount: 1,
      baseTotal: 22,
      headTotal: 36,
      nodeCount: 10,
      hiddenNodes: 0,
    });
  });

  test('normalized: each head sample scaled to the base total and rounded, as pprof -normalize does', () => {
    const tree = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: true });
    // 22/36 of 20, 1, 5, 2, 4, 4 rounded: 12, 1, 3, 1, 2, 2.
    expect(tree.normalized).toBe(true);
    expect([tree.root.head, tree.headTotal, tree.baseTotal]).toEqual([21, 21, 22]);
    expect(tree.root.children[0].children.map((n) => [n.name, n.head])).toEqual([
      ['a', 12],
      ['f', 4],
      ['b', 3],
      ['x', 0],
      ['d', 1],
    ]);
  });

  test('equal weights are ordered by name', () => {
    const tree = buildFlameTree(
      [
        heap([
          [['z', 'main'], 1],
          [['y', 'main'], 1],
          [['m', 'main'], 2],
        ]),
      ],
      [heap([[['main'], 1]])],
      {
        sampleIndex: 'inuse_space',
        normalize: false,
      },
    );
    expect(tree.root.children[0].children.map((n) => n.name)).toEqual(['m', 'y', 'z']);
  });

  test('minFraction keeps what weighs at least that share of the root; maxNodes the heaviest, at least the root', () => {
    const cut = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false, minFraction: 4 / 38 });
    expect(shape(cut.root)).toEqual([
      '(root) 22/36/38',
      '  main 22/36/38',
      '    a 10/20/20',
      '    f 4/8/8',
      '      f 4/4/4',
      '      g 0/4/4',
      '    b 5/5/5',
    ]);
    expect([cut.nodeCount, cut.hiddenNodes]).toEqual([7, 3]);
    const capped = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false, maxNodes: 4 });
    expect(shape(capped.root)).toEqual(['(root) 22/36/38', '  main 22/36/38', '    a 10/20/20', '    f 4/8/8']);
    expect([capped.nodeCount, capped.hiddenNodes]).toEqual([4, 6]);
    for (const maxNodes of [0, 1]) {
      const root = buildFlameTree([base], [head], { sampleIndex: 'inuse_space', normalize: false, maxNodes });
      expect([root.nodeCount, root.hiddenNodes, root.root.children]).toEqual([1, 9, []]);
    }
  });

  test('a side of only zeros: the root alone, nothing hidden', () => {
    const zero = heap([[['a', 'main'], 0]]);
    const tree = buildFlameTree([zero], [zero], { sampleIndex: 'inuse_space', normalize: false });
    expect(shape(tree.root)).toEqual(['(root) 0/0/0']);
    expect([tree.nodeCount, tree.hiddenNodes]).toEqual([1, 0]);
  });

  test('totals are sums of absolute values; a negative sample narrows its node, never below zero', () => {
    const tree = buildFlameTree(
      [
        heap([
          [['a', 'main'], -6],
          [['b', 'main'], 2],
        ]),
      ],
      [heap([[['b', 'main'], 2]])],
      {
        sampleIndex: 'inuse_space',
        normalize: false,
      },
    );
    expect([tree.baseTotal, tree.headTotal]).toEqual([8, 2]);
    expect(shape(tree.root)).toEqual(['(root) -4/2/2', '  main -4/2/2', '    b 2/2/2']);
    expect(tree.hiddenNodes).toBe(0);
  });

  test('no profile on a side is refused; an unknown sample type is named', () => {
    expect(() => buildFlameTree([], [head], { sampleIndex: 'inuse_space', normalize: false })).toThrow(
      'a flame graph needs at least one profile per side',
    );
    expect(() => buildFlameTree([base], [], { sampleIndex: 'inuse_space', normalize: false })).toThrow(
      'a flame graph needs at least one profile per side',
    );
    expect(() => buildFlameTree([base], [head], { sampleIndex: 'alloc_space', normalize: false })).toThrow(/alloc_space/);
    // every profile after the first base is checked against it
    const goroutines = goroutineProfile([{ stack: ['main.main'], values: [1] }]);
    for (const [bases, heads] of [
      [[base, goroutines], [head]],
      [[base], [head, goroutines]],
      [[base], [goroutines]],
    ])
      expect(() => buildFlameTree(bases, heads, { sampleIndex: 'inuse_space', normalize: false })).toThrow(
        'base and head are different kinds of profile',
      );
  });

  test('flameTreesFor gives each comparison the tree buildFlameTree gives for its sample type and normalization', () => {
    const comparisons = [
      crafted('inuse_space', 'bytes', 22, 36),
      crafted('inuse_space', 'bytes', 22, 36, { normalized: true }),
      crafted('inuse_space', 'bytes', 22, 36, { granularity: 'lines' }),
    ];
    const trees = flameTreesFor([base], [head], comparisons, { maxNodes: 5 });
    expect(trees).toEqual(
      comparisons.map((c) =>
        buildFlameTree([base], [head], { sampleIndex: c.sampleIndex, normalize: c.normalized, granularity: c.granularity, maxNodes: 5 }),
      ),
    );
    expect(trees.map((t) => [t.granularity, t.normalized, t.nodeCount])).toEqual([
      ['functions', false, 5],
      ['functions', true, 5],
      ['lines', false, 5],
    ]);
    expect(flameTreesFor([base], [head], [])).toEqual([]);
  });
});

describe('flame tree limits, medians and sizes', () => {
  const inuse = { sampleIndex: 'inuse_space', normalize: false } as const;

  test('a node weighing exactly minFraction of the root is kept', () => {
    const p = heap([
      [['a', 'main'], 1],
      [['b', 'main'], 3],
    ]);
    const kept = buildFlameTree([p], [p], { ...inuse, minFraction: 0.25 });
    expect(shape(kept.root)).toEqual(['(root) 4/4/4', '  main 4/4/4', '    b 3/3/3', '    a 1/1/1']);
    expect(kept.hiddenNodes).toBe(0);
    const cut = buildFlameTree([p], [p], { ...inuse, minFraction: 0.2500001 });
    expect(shape(cut.root)).toEqual(['(root) 4/4/4', '  main 4/4/4', '    b 3/3/3']);
    expect(cut.hiddenNodes).toBe(1);
  });

  test('minFraction is of the root as drawn, wider than either side when a frame vanished', () => {
    // the root weighs 38 (22 base, 36 head): 0.08 of it is 3.04, so x and c (3) go though they are over 0.08 of 36
    const { base, head } = handMade();
    const cut = buildFlameTree([base], [head], { ...inuse, minFraction: 0.08 });
    expect(shape(cut.root)).toEqual([
      '(root) 22/36/38',
      '  main 22/36/38',
      '    a 10/20/20',
      '    f 4/8/8',
      '      f 4/4/4',
      '      g 0/4/4',
      '    b 5/5/5',
    ]);
    expect(cut.hiddenNodes).toBe(3);
  });

  test('minFraction and maxNodes together: the heaviest of those at least that share', () => {
    const p = heap([
      [['a', 'main'], 1],
      [['b', 'main'], 3],
    ]);
    expect(shape(buildFlameTree([p], [p], { ...inuse, minFraction: 0.25, maxNodes: 3 }).root)).toEqual([
      '(root) 4/4/4',
      '  main 4/4/4',
      '    b 3/3/3',
    ]);
  });

  test('samples that cancel out: a root of weight 5 though both sides sum to 0', () => {
    const p = heap([
      [['a', 'main'], 5],
      [['b', 'main'], -5],
    ]);
    const tree = buildFlameTree([p], [p], { ...inuse, minFraction: 0.5 });
    expect(shape(tree.root)).toEqual(['(root) 0/0/5', '  main 0/0/5', '    a 5/5/5']);
    expect([tree.baseTotal, tree.headTotal, tree.hiddenNodes]).toEqual([10, 10, 0]);
  });

  test('two samples that share their path on below where others part: one node per frame', () => {
    const base = heap([
      [['leaf', 'mid', 'top', 'main'], 1],
      [['other', 'main'], 1],
    ]);
    const head = heap([
      [['leaf', 'mid', 'top', 'main'], 2],
      [['other', 'main'], 1],
    ]);
    expect(shape(buildFlameTree([base], [head], inuse).root)).toEqual([
      '(root) 2/3/3',
      '  main 2/3/3',
      '    top 1/2/2',
      '      mid 1/2/2',
      '        leaf 1/2/2',
      '    other 1/1/1',
    ]);
  });

  test('a path that ends where the other side goes on: the node is as wide as its wider side', () => {
    const ends = heap([
      [['x', 'main'], 5],
      [['z', 'main'], 1],
    ]);
    const goesOn = heap([
      [['y', 'x', 'main'], 3],
      [['z', 'main'], 1],
    ]);
    expect(shape(buildFlameTree([ends], [goesOn], inuse).root)).toEqual([
      '(root) 6/4/6',
      '  main 6/4/6',
      '    x 5/3/5',
      '      y 0/3/3',
      '    z 1/1/1',
    ]);
    expect(shape(buildFlameTree([goesOn], [ends], inuse).root)).toEqual([
      '(root) 4/6/6',
      '  main 4/6/6',
      '    x 3/5/5',
      '      y 3/0/3',
      '    z 1/1/1',
    ]);
  });

  test('at the maxNodes cut, of equal weights the node met first in the samples stays, whatever its name', () => {
    // y is reached first (sample 0) but has no sample ending in it; b comes second.
    const p = heap([
      [['q1', 'y', 'main'], 1],
      [['b', 'main'], 2],
      [['q2', 'y', 'main'], 1],
    ]);
    const capped = buildFlameTree([p], [p], { ...inuse, maxNodes: 3 });
    expect(shape(capped.root)).toEqual(['(root) 4/4/4', '  main 4/4/4', '    y 2/2/2']);
    const headFirst = buildFlameTree([heap([[['main'], 4]])], [p], { ...inuse, maxNodes: 3 });
    expect(shape(headFirst.root)).toEqual(['(root) 4/4/4', '  main 4/4/4', '    y 0/2/2']);
    const reversed = heap([
      [['b', 'main'], 2],
      [['q1', 'y', 'main'], 1],
      [['q2', 'y', 'main'], 1],
    ]);
    expect(shape(buildFlameTree([reversed], [reversed], { ...inuse, maxNodes: 3 }).root)).toEqual([
      '(root) 4/4/4',
      '  main 4/4/4',
      '    b 2/2/2',
    ]);
  });

  test('several profiles per side: medians of odd and even counts, whatever the order of the profiles', () => {
    const grow = (v: number) => heap([[['grow', 'main'], v]]);
    const tree = buildFlameTree([grow(9), grow(1), grow(5)], [grow(2), grow(10)], inuse);
    expect(shape(tree.root)).toEqual(['(root) 5/6/6', '  main 5/6/6', '    grow 5/6/6']);
    expect([tree.baseCount, tree.headCount, tree.baseTotal, tree.headTotal]).toEqual([3, 2, 5, 6]);
    const other = buildFlameTree([grow(4), grow(8)], [grow(7), grow(3), grow(5)], inuse);
    expect(shape(other.root)).toEqual(['(root) 6/5/6', '  main 6/5/6', '    grow 6/5/6']);
    // normalized: each head scaled to the median base total, 5: 2 → 5 and 10 → 5
    const normalized = buildFlameTree([grow(9), grow(1), grow(5)], [grow(2), grow(10)], { ...inuse, normalize: true });
    expect(shape(normalized.root)).toEqual(['(root) 5/5/5', '  main 5/5/5', '    grow 5/5/5']);
  });

  test('more frames than 16 bits number keep their own names', () => {
    const n = 70000;
    const wide = heap(Array.from({ length: n }, (_, i): [string[], number] => [[`f${i}`, 'main'], 1]));
    const tree = buildFlameTree([wide], [heap([[['main'], 1]])], inuse);
    const main = tree.root.children[0];
    expect([main.name, main.base, main.head, main.weight, main.children.length, tree.nodeCount]).toEqual(['main', n, 1, n, n, n + 2]);
    const names = new Set(main.children.map((c) => c.name));
    expect(names.size).toBe(n);
    expect([names.has('f0'), names.has('f65535'), names.has('f65536'), names.has(`f${n - 1}`)]).toEqual([true, true, true, true]);
  });
});
