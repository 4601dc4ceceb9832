import { relative } from 'node:path';
import type { Analysis } from './analyse.js';
import { splitList, type Inputs } from './inputs.js';

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
  const thresholds = splitList(inputs.thresholdsText).join(', ');
  if (thresholds) flags.push('--thresholds', shellQuote(thresholds));
  if (inputs.ignoreText) flags.push('--ignore', shellQuote(inputs.ignoreText));
  const shown = analysis.compared.slice(0, MAX_PROFILES);
  for (const { group, sampleIndexes } of shown) {
    const headPaths = group.heads.map((h) => {
      const rel = relative(workspace, h.file);
      return shellQuote(rel && !rel.startsWith('..') ? rel : h.file);
    });
    const basePaths = group.bases.map((b) => shellQuote(baseline ? `${baseDir}/${b.rel}` : b.file));
    lines.push(
      ['pprof-gate diff', ...basePaths.flatMap((b) => ['--base', b]), ...headPaths.flatMap((h) => ['--head', h]), ...flags].join(' '),
    );
    // pprof compares one profile with one (it would sum several, not take medians).
    const several = basePaths.length > 1 || headPaths.length > 1 ? '  # first run of each side' : '';
    for (const s of sampleIndexes) {
      lines.push(
        `go tool pprof -top -sample_index=${shellQuote(s)}${inputs.normalize ? ' -normalize' : ''} -diff_base=${basePaths[0]} ${headPaths[0]}${several}`,
      );
    }
  }
  if (analysis.compared.length > shown.length) lines.push(`# … and ${analysis.compared.length - shown.length} more profiles, likewise`);
  return lines;
}
