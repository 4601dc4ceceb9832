import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtmlReports } from '../report/index.js';
import type { Analysis } from './analyse.js';

/** Pages uploaded beside the flame graphs: main's history chart and the growth chart ('' for none). */
export interface ExtraPages {
  history?: string;
  growth?: string;
}

/**
 * A file name for a comparison's flame graph: the group key with `/` turned into `__`, then the
 * sample type, then `.html`. Keys and sample types come from file and profile contents: anything
 * but letters, digits, `.`, `_` and `-` becomes `_`, no name starts with a dot, and a name taken
 * already gets a counter.
 */
export function htmlReportName(key: string, sampleIndex: string, used: Set<string>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  let stem = `${safe(key.replace(/\//g, '__'))}.${safe(sampleIndex) || 'sample'}`.replace(/^\.+/, '_').slice(0, 200);
  if (used.has(`${stem}.html`)) {
    let n = 2;
    while (used.has(`${stem}.${n}.html`)) n++;
    stem = `${stem}.${n}`;
  }
  const name = `${stem}.html`;
  used.add(name);
  return name;
}

/**
 * Writes the differential flame graph of every comparison to `dir`, from the profiles the
 * analysis loaded. Returns the files' absolute paths.
 */
export function writeHtmlReports(analysis: Analysis, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const files: string[] = [];
  for (const c of analysis.compared) {
    const pages = renderHtmlReports(c.bases, c.heads, c.comparisons);
    c.comparisons.forEach((comparison, i) => {
      const path = join(dir, htmlReportName(c.group.key, comparison.sampleIndex, used));
      writeFileSync(path, pages[i]);
      files.push(path);
    });
  }
  return files;
}
