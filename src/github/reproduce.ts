import { relative } from 'node:path';
import type { Inputs } from './inputs.js';
import type { Analysis } from './profiles.js';

const MAX_PROFILES = 5;

/** Single-quotes a shell word unless it is plain. */
export function shellQuote(s: string): string {
  return /^[\w./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Shell lines that reproduce the comparison on a developer's machine: fetch the baseline
 * artifact, then the pprof-gate CLI and the equivalent `go tool pprof -diff_base` per profile.
 */
export function reproduceCommands(
  analysis: Analysis,
  inputs: Inputs,
  baseline: { runId: number; artifact: string } | undefined,
  workspace: string,
  actionRepo: string,
): string[] {
  const baseDir = 'pprof-baseline';
  const lines: string[] = [];
  if (analysis.compared.length === 0) return lines;
  if (baseline) lines.push(`gh run download ${baseline.runId} -n ${shellQuote(baseline.artifact)} -D ${baseDir}`);
  const cli = actionRepo
    ? `# pprof-gate CLI: node dist/cli.js in a clone of ${actionRepo}`
    : '# pprof-gate CLI: node dist/cli.js in a clone of pprof-gate';
  lines.push(cli);
  const flags: string[] = [];
  if (inputs.normalize) flags.push('--normalize');
  const thresholds = inputs.thresholdsText
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
  if (thresholds) flags.push('--thresholds', shellQuote(thresholds));
  if (inputs.ignoreText) flags.push('--ignore', shellQuote(inputs.ignoreText));
  const shown = analysis.compared.slice(0, MAX_PROFILES);
  for (const p of shown) {
    const head = relative(workspace, p.head.file);
    const headPath = shellQuote(head && !head.startsWith('..') ? head : p.head.file);
    const basePath = shellQuote(baseline ? `${baseDir}/${p.head.rel}` : p.base);
    lines.push(['pprof-gate diff --base', basePath, '--head', headPath, ...flags].join(' '));
    for (const s of p.sampleIndexes) {
      lines.push(
        `go tool pprof -top -sample_index=${shellQuote(s)}${inputs.normalize ? ' -normalize' : ''} -diff_base=${basePath} ${headPath}`,
      );
    }
  }
  if (analysis.compared.length > shown.length) lines.push(`# … and ${analysis.compared.length - shown.length} more profiles, likewise`);
  return lines;
}
