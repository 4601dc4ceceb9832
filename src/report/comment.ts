import type { Comparison } from '../analysis/types.js';
import { escapeMarkdown, sanitizeName } from './escape.js';
import { growthRows, renderComparisonMarkdown } from './markdown.js';

/** GitHub refuses an issue comment body over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
/** Kept free below the limit (GitHub may count a character differently from a UTF-16 unit). */
const MARGIN = 1_024;
const MAX_LISTED = 10;

export type VerdictKind = 'regression' | 'report-only' | 'accepted' | 'pass' | 'no-baseline';

export interface CommentBaseline {
  sha: string;
  runId: number;
  runUrl: string;
  /** Link to the commit, '' if none. */
  commitUrl: string;
}

export interface CommentProfile {
  /** The profile's relative path: pairs it with its baseline file. */
  name: string;
  comparisons: Comparison[];
  /** Why it was not compared (no baseline file, unusable baseline file), else undefined. */
  skipped?: string;
}

export interface SourceRef {
  /** Repository path and line, e.g. "pkg/cache.go:54". */
  text: string;
  url: string;
}

export interface CommentInput {
  /** The hidden marker the sticky comment is found by: the body's last line. */
  marker: string;
  /** Hidden lines to put just before the marker ('' = none). */
  stamp?: string;
  verdict: VerdictKind;
  /** One line per regression (untrusted: contains function names). */
  reasons: string[];
  acceptLabel: string;
  baseline: CommentBaseline | undefined;
  /** Why there is no baseline, when there is none. */
  noBaselineReason?: string;
  /** Things the reader should know (skipped runs, unpaired files). */
  notes: string[];
  /** The uploaded artifact of differential flame graphs (HTML), when there is one. */
  flameGraphs?: { artifact: string; url: string; files: number; history?: boolean; growth?: boolean };
  profiles: CommentProfile[];
  top: number;
  /** Source link of a function (by name), when its file is in the repository. */
  sourceOf?: (functionName: string) => SourceRef | undefined;
  /** Shell lines that reproduce the comparison locally. */
  reproduce: string[];
  /** The "Growth over time" section (markdown), when the action compares a snapshot series. */
  growth?: string;
  /** Default: GitHub's limit. */
  maxLength?: number;
  /** A heading in place of the verdict's (record mode's job summary). */
  heading?: string;
  /** The trend on main (markdown, names escaped), after the header; '' = none. */
  trend?: string;
}

const VERDICTS: Record<VerdictKind, string> = {
  regression: '### ❌ pprof-gate: memory or goroutine regression',
  'report-only': '### ⚠️ pprof-gate: memory or goroutine regression (reported only: fail-on-regression is false)',
  accepted: '### ✅ pprof-gate: regression accepted by label',
  pass: '### ✅ pprof-gate: no memory or goroutine regression',
  'no-baseline': '### ⚠️ pprof-gate: no baseline to compare with',
};

/** The comment's first line for a verdict. */
export function verdictHeading(verdict: VerdictKind): string {
  return VERDICTS[verdict];
}

function listed(items: string[], render: (s: string) => string): string[] {
  const out = items.slice(0, MAX_LISTED).map((s) => `- ${render(s)}`);
  if (items.length > MAX_LISTED) out.push(`- … and ${items.length - MAX_LISTED} more`);
  return out;
}

function header(input: CommentInput): string {
  const out = [input.heading ?? VERDICTS[input.verdict]];
  if (input.verdict === 'accepted') out[0] += ` ${escapeMarkdown(input.acceptLabel)}`;
  out.push('');
  if (input.reasons.length > 0) out.push(...listed(input.reasons, escapeMarkdown), '');
  if (input.baseline) {
    const b = input.baseline;
    const sha = b.commitUrl ? `[\`${b.sha.slice(0, 7)}\`](${b.commitUrl})` : `\`${b.sha.slice(0, 7)}\``;
    out.push(`Baseline: commit ${sha}, [workflow run ${b.runId}](${b.runUrl}).`);
  } else if (input.growth) {
    out.push(`No baseline: ${escapeMarkdown(input.noBaselineReason ?? 'none found')}. The snapshot series is judged on its own.`);
  } else {
    out.push(
      `No baseline: ${escapeMarkdown(input.noBaselineReason ?? 'none found')}. The step passes; the gate applies once a baseline exists.`,
    );
  }
  if (input.flameGraphs) {
    const f = input.flameGraphs;
    out.push('', `Flame graphs: [artifact ${escapeMarkdown(f.artifact)}](${f.url}) (${artifactContents(f)}, HTML: download, unzip, open).`);
  }
  if (input.notes.length > 0) out.push('', ...listed(input.notes, escapeMarkdown));
  return out.join('\n');
}

/** "3 differential flame graphs, main's history chart and the growth chart (growth.html)" */
function artifactContents(f: NonNullable<CommentInput['flameGraphs']>): string {
  const parts: string[] = [];
  if (f.files > 0) parts.push(`${f.files} differential flame graph${f.files === 1 ? '' : 's'}`);
  if (f.history) parts.push("main's history chart");
  if (f.growth) parts.push('the growth chart of the snapshot series (growth.html)');
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts.join('');
}

function sourcesLine(c: Comparison, top: number, sourceOf: CommentInput['sourceOf']): string {
  if (!sourceOf || c.goroutineGroups) return '';
  const rows = growthRows(c);
  const shown = top > 0 ? rows.slice(0, top) : rows;
  const links: string[] = [];
  const seen = new Set<string>();
  for (const r of shown) {
    if (!r.name || seen.has(r.name)) continue;
    seen.add(r.name);
    const src = sourceOf(r.name);
    if (src) links.push(`[${escapeMarkdown(src.text)}](${src.url}) ${escapeMarkdown(r.name)}`);
  }
  return links.length > 0 ? `\n\nSource: ${links.join(' · ')}` : '';
}

function section(c: Comparison, top: number, sourceOf: CommentInput['sourceOf']): string {
  return renderComparisonMarkdown(c, { top }) + sourcesLine(c, top, sourceOf);
}

function footer(input: CommentInput): string {
  const out: string[] = [];
  if (input.reproduce.length > 0) {
    out.push('<details><summary>Reproduce locally</summary>', '', '```sh');
    // Paths come from the repository; sanitizeName keeps each on one line, so nothing leaves the fence.
    out.push(...input.reproduce.map((l) => sanitizeName(l, 2000).replace(/```/g, "'''")));
    out.push('```', '', '</details>', '');
  }
  if (input.stamp) out.push(input.stamp);
  out.push(input.marker);
  return out.join('\n');
}

/**
 * The sticky PR comment (and job summary): the verdict first, then per profile and sample type
 * the totals, growth hotspots with source links, shrinkages and goroutine leak groups, then how
 * to reproduce it. Sections that would take the body past GitHub's limit are shortened, then
 * left out, with a note.
 */
export function renderComment(input: CommentInput): string {
  const limit = (input.maxLength ?? COMMENT_LIMIT) - MARGIN;
  const head = input.trend ? `${header(input)}\n\n${input.trend}` : header(input);
  const foot = footer(input);
  let used = head.length + foot.length + 400; // + the truncation note
  const parts: string[] = [];
  // The growth section goes first: the series gate decides as much as the comparisons below.
  if (input.growth && used + input.growth.length + 2 <= limit) {
    parts.push(input.growth.trimEnd());
    used += input.growth.length + 2;
  }
  let omitted = 0;
  let shortened = 0;
  for (const p of input.profiles) {
    if (p.skipped !== undefined) {
      const s = `#### ${escapeMarkdown(p.name)}\n\nNot compared: ${escapeMarkdown(p.skipped)}.`;
      if (used + s.length + 2 <= limit) {
        parts.push(s);
        used += s.length + 2;
      } else omitted++;
      continue;
    }
    for (const c of p.comparisons) {
      if (omitted > 0) {
        omitted++;
        continue;
      }
      let placed = false;
      const tops = [...new Set([input.top, ...[5, 3, 1].filter((t) => input.top === 0 || t < input.top)])];
      for (const top of tops) {
        const s = section(c, top, input.sourceOf);
        if (used + s.length + 2 <= limit) {
          parts.push(s);
          used += s.length + 2;
          if (top !== input.top) shortened++;
          placed = true;
          break;
        }
      }
      if (!placed) omitted++;
    }
  }
  const out = [head, ...parts];
  if (shortened > 0 || omitted > 0) {
    const what = [shortened > 0 ? `${shortened} section(s) show fewer rows` : '', omitted > 0 ? `${omitted} section(s) are left out` : '']
      .filter(Boolean)
      .join(' and ');
    out.push(
      `> [!NOTE]\n> ${what} to keep this comment under GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit; the JSON report (output \`report\`) has every row.`,
    );
  }
  out.push(foot);
  return out.join('\n\n');
}
