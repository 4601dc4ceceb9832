import { diffProfiles } from '../analysis/diff.js';
import { describeGroup } from '../analysis/goroutines.js';
import type { Comparison, DiffRow, GoroutineGroup } from '../analysis/types.js';
import type { Profile } from '../pprof/profile.js';
import { escapeText } from '../report/escape.js';
import { formatDelta, formatSignedPercent, formatValue } from '../report/format.js';

/** A finding placed on a source line of the repository: a workflow command's or a check run's annotation. */
export interface Annotation {
  level: 'error' | 'warning';
  /** Repository-relative path. */
  file: string;
  line: number;
  title: string;
  message: string;
}

/** GitHub shows at most this many annotations of each level per step (workflow commands). */
export const ANNOTATIONS_PER_LEVEL = 10;

/** Growth hotspots (rows that grew without regressing) annotated per comparison, biggest first. */
export const HOTSPOTS_PER_COMPARISON = 3;

/** One compared profile group, as the analysis keeps it: the profiles as loaded and their comparisons. */
export interface ComparedProfiles {
  bases: Profile[];
  heads: Profile[];
  comparisons: Comparison[];
}

export interface AnnotationOptions {
  normalize: boolean;
  /** The repository path of a profile's source path, when that file is in the checkout. */
  repoPath: (file: string) => string | undefined;
}

interface Candidate extends Annotation {
  /** Growth as a share of the base total: the most important comes first. */
  weight: number;
}

/** The line of `fn` whose value grew most, at lines granularity: flat for allocations, cum for a wait site. */
function hottestLine(lines: DiffRow[], fn: string, by: 'flatDelta' | 'cumDelta'): DiffRow | undefined {
  let best: DiffRow | undefined;
  for (const r of lines) {
    if (r.name !== fn || r.line <= 0 || r[by] <= 0) continue;
    if (!best || r[by] > best[by] || (r[by] === best[by] && r.line < best.line)) best = r;
  }
  return best;
}

function share(growth: number, of: number): number {
  return of > 0 ? growth / of : Number.POSITIVE_INFINITY;
}

function rowCandidate(c: Comparison, r: DiffRow, line: DiffRow, file: string, level: Annotation['level']): Candidate {
  const total = Math.abs(c.baseTotal);
  const name = escapeText(r.name);
  const lineGrowth = line.flatDelta !== r.flatDelta ? ` (${formatDelta(line.flatDelta, c.unit)} at this line)` : '';
  return {
    level,
    file,
    line: line.line,
    title: `pprof-gate: ${c.sampleIndex} ${level === 'error' ? 'regression' : 'growth'} in ${name}`,
    message:
      `${c.sampleIndex} of ${name} grew by ${formatDelta(r.flatDelta, c.unit)}${lineGrowth}: ` +
      `${formatValue(r.baseFlat, c.unit)} → ${formatValue(r.headFlat, c.unit)}, ${formatSignedPercent(r.flatDelta, total)} of the base total ` +
      `(${escapeText(c.profile)}, sample type ${c.sampleIndex})`,
    weight: share(r.flatDelta, total),
  };
}

function groupCandidate(c: Comparison, g: GoroutineGroup, line: DiffRow, file: string, level: Annotation['level']): Candidate {
  const total = Math.abs(c.baseTotal);
  return {
    level,
    file,
    line: line.line,
    title: `pprof-gate: goroutine ${level === 'error' ? 'leak' : 'growth'} in ${escapeText(g.waitSite)}`,
    message:
      `${escapeText(describeGroup(g))}: ${g.base} → ${g.head} goroutines waiting here, ` +
      `${formatSignedPercent(g.delta, total)} of the base total (${escapeText(c.profile)}, sample type ${c.sampleIndex})`,
    weight: share(g.delta, total),
  };
}

/**
 * Annotations for the regressions (errors) and the biggest growth hotspots (warnings) of every
 * comparison, most important first within each level. Each goes on the line of the row's function
 * with the largest flat growth, or for a goroutine group on its wait site's line, found in a
 * lines-granularity diff of the same profiles; rows whose file is not in the checkout get none.
 * Findings on the same line and level are merged into one annotation.
 */
export function findAnnotations(compared: ComparedProfiles[], options: AnnotationOptions): Annotation[] {
  const candidates: Candidate[] = [];
  for (const { bases, heads, comparisons } of compared) {
    for (const c of comparisons) {
      const groups = c.goroutineGroups;
      const rowFindings: [DiffRow, Annotation['level']][] = [];
      const groupFindings: [GoroutineGroup, Annotation['level']][] = [];
      if (groups) {
        // Rows of a goroutine profile are all runtime.gopark: its groups say where goroutines wait.
        for (const g of groups.filter((g) => g.regression)) groupFindings.push([g, 'error']);
        const growing = groups.filter((g) => !g.regression && g.delta > 0).sort((a, b) => b.delta - a.delta);
        for (const g of growing.slice(0, HOTSPOTS_PER_COMPARISON)) groupFindings.push([g, 'warning']);
      } else {
        for (const r of c.rows.filter((r) => r.regression)) rowFindings.push([r, 'error']);
        const growing = c.rows
          .filter((r) => !r.regression && r.flatDelta > 0 && r.significant !== false)
          .sort((a, b) => b.flatDelta - a.flatDelta);
        for (const r of growing.slice(0, HOTSPOTS_PER_COMPARISON)) rowFindings.push([r, 'warning']);
      }
      if (rowFindings.length === 0 && groupFindings.length === 0) continue;
      const lines = diffProfiles(bases, heads, {
        sampleIndex: c.sampleIndex,
        granularity: 'lines',
        normalize: options.normalize,
        mode: c.mode,
        alpha: c.alpha,
      }).rows;
      const place = (fn: string, by: 'flatDelta' | 'cumDelta') => {
        const line = hottestLine(lines, fn, by);
        const file = line && options.repoPath(line.file);
        return line && file ? { line, file } : undefined;
      };
      for (const [r, level] of rowFindings) {
        const at = place(r.name, 'flatDelta');
        if (at) candidates.push(rowCandidate(c, r, at.line, at.file, level));
      }
      for (const [g, level] of groupFindings) {
        const at = place(g.waitSite, 'cumDelta');
        if (at) candidates.push(groupCandidate(c, g, at.line, at.file, level));
      }
    }
  }
  return merge(candidates);
}

function merge(candidates: Candidate[]): Annotation[] {
  const errorLines = new Set(candidates.filter((a) => a.level === 'error').map((a) => `${a.file}:${a.line}`));
  const byPlace = new Map<string, Candidate>();
  for (const a of candidates) {
    // A line that regressed is not also a hotspot.
    if (a.level === 'warning' && errorLines.has(`${a.file}:${a.line}`)) continue;
    const key = `${a.level}\u0000${a.file}:${a.line}`;
    const seen = byPlace.get(key);
    if (!seen) byPlace.set(key, { ...a });
    else {
      seen.message += `\n${a.message}`;
      seen.weight = Math.max(seen.weight, a.weight);
    }
  }
  const order = (a: Candidate) => (a.level === 'error' ? 0 : 1);
  return [...byPlace.values()]
    .sort((a, b) => order(a) - order(b) || b.weight - a.weight || a.file.localeCompare(b.file) || a.line - b.line)
    .map(({ weight: _weight, ...a }) => a);
}

/** The annotations a step can show (the first ANNOTATIONS_PER_LEVEL of each level) and how many of each are left out. */
export function capPerLevel(annotations: Annotation[]): { shown: Annotation[]; omitted: { error: number; warning: number } } {
  const count = { error: 0, warning: 0 };
  const shown = annotations.filter((a) => ++count[a.level] <= ANNOTATIONS_PER_LEVEL);
  return {
    shown,
    omitted: { error: Math.max(0, count.error - ANNOTATIONS_PER_LEVEL), warning: Math.max(0, count.warning - ANNOTATIONS_PER_LEVEL) },
  };
}

/** The report's note on annotations left out, if any were. */
export function omittedNote(omitted: { error: number; warning: number }, checkRun: boolean): string | undefined {
  const parts = [
    omitted.error > 0 ? `${omitted.error} regression${omitted.error === 1 ? '' : 's'}` : '',
    omitted.warning > 0 ? `${omitted.warning} growth hotspot${omitted.warning === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  const where = checkRun ? ' (the check run has them all)' : '';
  return `source line annotations: ${parts.join(' and ')} left out, GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level per step${where}`;
}
