import { COMMENT_LIMIT, verdictHeading, type VerdictKind } from '../report/comment.js';
import { escapeMarkdown, escapeText } from '../report/escape.js';
import { ActionError } from './errors.js';
import type { VerdictLine } from './verdict.js';

/** One matrix leg's report, from its json-artifact: the JSON report and the rendered markdown. */
export interface LegReport {
  /** From the artifact's name: the part the pattern's wildcards matched. */
  leg: string;
  artifact: string;
  verdict: VerdictKind;
  reasons: string[];
  flameGraphs: { name: string; url: string } | null;
  markdown: string;
}

/** The files a leg's json-artifact holds. */
export const LEG_JSON = 'report.json';
export const LEG_MARKDOWN = 'report.md';

const VERDICTS: readonly VerdictKind[] = ['regression', 'report-only', 'accepted', 'pass', 'no-baseline'];

function patternRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '(.*)')
    .replace(/\?/g, '(.)');
  return new RegExp(`^${body}$`);
}

/** Whether an artifact name matches a merge-reports pattern (`*` any run of characters, `?` one). */
export function matchesPattern(name: string, pattern: string): boolean {
  return patternRegex(pattern).test(name);
}

/** The leg's name: what the pattern's wildcards matched (pprof-gate-json-* and pprof-gate-json-linux → linux), else the whole name. */
export function legName(artifact: string, pattern: string): string {
  const m = patternRegex(pattern).exec(artifact);
  const parts = m ? m.slice(1).filter(Boolean) : [];
  return parts.length > 0 ? parts.join(' ') : artifact;
}

/** A leg's report from its artifact's two files; anything else is an error naming the artifact. */
export function parseLegReport(artifact: string, pattern: string, json: string, markdown: string): LegReport {
  const bad = (why: string) => new ActionError(`merge-reports: artifact ${artifact}: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw bad(`${LEG_JSON} is not JSON (${(err as Error).message})`);
  }
  const report = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  const verdict = report?.verdict;
  if (!report || typeof verdict !== 'string' || !VERDICTS.includes(verdict as VerdictKind))
    throw bad(`${LEG_JSON} is not a pprof-gate JSON report (no verdict)`);
  const reasons = Array.isArray(report.reasons) ? report.reasons.filter((r): r is string => typeof r === 'string') : [];
  const fg = report.flameGraphs as { name?: unknown; url?: unknown } | null | undefined;
  const flameGraphs = fg && typeof fg.name === 'string' && typeof fg.url === 'string' ? { name: fg.name, url: fg.url } : null;
  return { leg: legName(artifact, pattern), artifact, verdict: verdict as VerdictKind, reasons, flameGraphs, markdown };
}

/** The matrix's verdict: a failing leg fails it, then a reported-only one, an accepted one; all legs without baseline: none. */
export function combinedVerdict(legs: LegReport[]): VerdictKind {
  for (const v of ['regression', 'report-only', 'accepted'] as const) if (legs.some((l) => l.verdict === v)) return v;
  if (legs.length > 0 && legs.every((l) => l.verdict === 'no-baseline')) return 'no-baseline';
  return 'pass';
}

const LEG_VERDICTS: Record<VerdictKind, string> = {
  regression: '❌ regression',
  'report-only': '⚠️ regression (reported only)',
  accepted: '✅ regression accepted by label',
  pass: '✅ no regression',
  'no-baseline': '⚠️ no baseline',
};

/** Text cut at a line boundary to at most `max` characters, ending with `tail` when cut. */
export function cutAtLine(text: string, max: number, tail: string): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - tail.length));
  const atLine = cut.lastIndexOf('\n');
  return (atLine > 0 ? cut.slice(0, atLine) : cut) + tail;
}

/** A leg's own report without its verdict line (the table has it) and its hidden marker lines. */
function legBody(markdown: string): string {
  const lines = markdown.split('\n').filter((l) => !/^<!-- pprof-gate(-run)?:.* -->$/.test(l));
  if (lines[0]?.startsWith('### ')) lines.shift();
  return lines.join('\n').trim();
}

/**
 * One comment for a matrix: the combined verdict, a table of the legs (verdict, flame graphs),
 * then each leg's own report in a section (open when it regressed). Each leg gets an equal share
 * of GitHub's limit; a longer report is cut there, saying so.
 */
export function renderMergedComment(legs: LegReport[], marker: string, stamp: string, maxLength = COMMENT_LIMIT - 1_024): string {
  const verdict = combinedVerdict(legs);
  const regressed = legs.filter((l) => l.verdict === 'regression' || l.verdict === 'report-only' || l.verdict === 'accepted').length;
  const head = [
    verdictHeading(verdict),
    '',
    `${legs.length} matrix leg${legs.length === 1 ? '' : 's'}${regressed > 0 ? `, ${regressed} with a regression` : ''}:`,
    '',
    '| leg | verdict | flame graphs |',
    '|---|---|---|',
    ...legs.map((l) => {
      const fg = l.flameGraphs ? `[${escapeMarkdown(l.flameGraphs.name)}](${l.flameGraphs.url})` : '';
      return `| ${escapeMarkdown(l.leg)} | ${LEG_VERDICTS[l.verdict]} | ${fg} |`;
    }),
  ].join('\n');
  const foot = [stamp, marker].filter(Boolean).join('\n');
  const share = Math.floor((maxLength - head.length - foot.length) / Math.max(1, legs.length)) - 200;
  const sections = legs.map((l) => {
    const open = l.verdict === 'regression' ? ' open' : '';
    const body = cutAtLine(legBody(l.markdown), share, `\n\n… cut to fit GitHub's comment limit: the leg's job summary has all of it.`);
    return `<details${open}><summary>${escapeMarkdown(l.leg)}: ${LEG_VERDICTS[l.verdict]}</summary>\n\n${body}\n\n</details>`;
  });
  return [head, ...sections, foot].join('\n\n');
}

/** The merge step's last log line: fails when a leg's regression failed that leg. */
export function mergedVerdictLine(legs: LegReport[]): VerdictLine {
  const verdict = combinedVerdict(legs);
  const of = (v: VerdictKind) => legs.filter((l) => l.verdict === v);
  const describe = (ls: LegReport[]) => {
    const first = ls.find((l) => l.reasons.length > 0);
    const reason = first ? `: ${escapeText(first.leg)}: ${escapeText(first.reasons[0])}` : '';
    return `${ls.map((l) => escapeText(l.leg)).join(', ')}${reason}`;
  };
  switch (verdict) {
    case 'regression':
      return { level: 'failed', text: `pprof-gate: regression in ${describe(of('regression'))}` };
    case 'report-only':
      return { level: 'warning', text: `pprof-gate: regression (fail-on-regression is false) in ${describe(of('report-only'))}` };
    case 'accepted':
      return { level: 'warning', text: `pprof-gate: regression accepted by label in ${describe(of('accepted'))}` };
    case 'no-baseline':
      return { level: 'warning', text: 'pprof-gate: no leg had a baseline, nothing compared' };
    case 'pass':
      return { level: 'info', text: `pprof-gate: no regression in ${legs.length} legs` };
  }
}
