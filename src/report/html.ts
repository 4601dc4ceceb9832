import { basename, dirname, extname, join } from 'node:path';
import { percentBase as pprofPercentBase } from '../analysis/diff.js';
import { flameTreesFor, type FlameNode, type FlameOptions, type FlameTree } from '../analysis/flame.js';
import type { Comparison } from '../analysis/types.js';
import type { Profile } from '../pprof/profile.js';
import { escapeHtml, escapeScriptJson, sanitizeName } from './escape.js';
import { formatDelta, formatSignedPercent, formatValue } from './format.js';
import { FLAME_SCRIPT, FLAME_STYLE } from './html/assets.generated.js';
import type { FlamePayload } from './html/payload.js';
import { pageHead } from './page.js';

/**
 * The differential flame graph report: one self-contained HTML file per comparison. The call tree
 * travels as JSON in a non-executed <script type="application/json"> element and is drawn by the
 * inline script (html/flame.ts, styled by html/flame.css, both inlined from the generated
 * html/assets.generated.ts) as an icicle of absolutely positioned elements; names are set with
 * textContent only. A Content-Security-Policy with the hashes of the inline script and style
 * forbids everything else (no network, no other script).
 */

/** Frames below 0.01% of the total are narrower than a pixel until zoomed far in; and a cap on size. */
export const HTML_FLAME_LIMITS: Pick<FlameOptions, 'minFraction' | 'maxNodes'> = { minFraction: 1e-4, maxNodes: 40_000 };

/** A frame's change reaches full colour at this share of the base total (pprof's percentage base). */
const FULL_COLOUR_SHARE = 0.2;

function payload(tree: FlameTree): FlamePayload {
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const nodes: number[] = [];
  const stack: [FlameNode, number][] = [[tree.root, -1]];
  let next = 0;
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    const id = next++;
    let name = -1;
    if (parent >= 0) {
      const shown = sanitizeName(node.name);
      name = nameIndex.get(shown) ?? -1;
      if (name < 0) {
        name = names.length;
        names.push(shown);
        nameIndex.set(shown, name);
      }
    }
    nodes.push(name, parent, node.base, node.head, node.weight);
    // Children pushed in reverse so they come out (and are drawn) heaviest first.
    for (let k = node.children.length - 1; k >= 0; k--) stack.push([node.children[k], id]);
  }
  const percentBase = pprofPercentBase(tree);
  return { unit: tree.unit, percentBase, fullShare: FULL_COLOUR_SHARE, names, nodes };
}

/** One comparison's differential flame graph as a complete, self-contained HTML document. */
export function renderHtml(c: Comparison, tree: FlameTree): string {
  if (tree.sampleIndex !== c.sampleIndex) throw new Error(`flame tree of ${tree.sampleIndex} given for the ${c.sampleIndex} comparison`);
  const title = `${c.profile ? `${sanitizeName(c.profile)} · ` : ''}${sanitizeName(c.sampleIndex)}${c.normalized ? ' (normalized)' : ''}`;
  const delta = c.headSum - c.baseSum;
  const totals = `Total ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (${formatDelta(delta, c.unit)}, ${formatSignedPercent(delta, c.baseSum)})`;
  const sides = tree.baseCount > 1 || tree.headCount > 1 ? ` · medians of ${tree.baseCount} base and ${tree.headCount} head profiles` : '';
  const hidden =
    tree.hiddenNodes > 0
      ? `<p class="note">${tree.hiddenNodes} call paths narrower than ${(HTML_FLAME_LIMITS.minFraction ?? 0) * 100}% of the total (or past ${HTML_FLAME_LIMITS.maxNodes} frames) are left out.</p>`
      : '';
  const json = escapeScriptJson(JSON.stringify(payload(tree)));
  return `<!DOCTYPE html>
<html lang="en">
${pageHead({ title: `pprof-gate: ${title}`, style: FLAME_STYLE, script: FLAME_SCRIPT })}
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(totals)} · ${escapeHtml(sanitizeName(c.unit))} · ${escapeHtml(c.granularity)}${escapeHtml(sides)} · width: head value (at least the base value, so frames that shrank stay visible)</p>
<div class="bar">
<input id="search" type="search" placeholder="Search frames (substring)" aria-label="Search frames" autocomplete="off" spellcheck="false">
<button id="reset" type="button">Reset zoom</button>
<span class="legend"><span><span class="sw up"></span>grew</span><span><span class="sw down"></span>shrank</span><span><span class="sw same"></span>unchanged</span><span>click a frame to zoom, again (or Esc) to zoom out</span></span>
</div>
<div id="status" aria-live="polite"></div>
<div id="chart"></div>
<div id="tip"></div>
${hidden}
<script type="application/json" id="flame-data">${json}</script>
<script>${FLAME_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The HTML reports of one base/head comparison set, one per comparison, in the comparisons' order
 * (what the CLI writes and the action uploads).
 */
export function renderHtmlReports(bases: Profile[], heads: Profile[], comparisons: Comparison[]): string[] {
  const trees = flameTreesFor(bases, heads, comparisons, HTML_FLAME_LIMITS);
  return comparisons.map((c, i) => renderHtml(c, trees[i]));
}

/**
 * Output files for `--output FILE`: FILE for the first comparison, FILE with `.<sample type>`
 * before its extension for the others (report.html, report.inuse_space.html). Sample type names
 * come from the profile: anything but letters, digits, `_` and `-` becomes `_`.
 */
export function htmlOutputPaths(output: string, comparisons: Pick<Comparison, 'sampleIndex'>[]): string[] {
  const dir = dirname(output);
  const ext = extname(basename(output));
  const stem = basename(output, ext);
  const used = new Set<string>();
  return comparisons.map((c, i) => {
    let path = i === 0 ? output : join(dir, `${stem}.${c.sampleIndex.replace(/[^A-Za-z0-9_-]/g, '_') || 'sample'}${ext}`);
    if (used.has(path)) path = join(dir, `${stem}.${i}${ext}`);
    used.add(path);
    return path;
  });
}
