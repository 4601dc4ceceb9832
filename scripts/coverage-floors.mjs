#!/usr/bin/env node
// node scripts/coverage-floors.mjs [SUMMARY]
//
// Checks the line coverage of each folder in FLOORS against its floor, from the json-summary that
// `npm test` writes (default coverage/coverage-summary.json), and prints the figure reached for
// the folders in REPORTED. A folder's figure is its covered lines over its lines, summed over the
// files under it (not an average of per-file percentages). Exit status 1 when a floor is missed,
// a listed folder has no files in the summary, or the summary is missing or unreadable.
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Folder → least percentage of its lines the tests must run. */
export const FLOORS = {
  'src/pprof': 90,
  'src/analysis': 90,
  'src/report': 90,
  'src/action': 90,
};

/** Folders whose figure is printed but not checked. */
export const REPORTED = ['src/github'];

/**
 * Lines covered and total per folder, from a json-summary object (its keys are absolute file
 * paths, plus "total").
 */
export function folderLines(summary, root, folders) {
  const out = new Map(folders.map((f) => [f, { covered: 0, total: 0, files: 0 }]));
  for (const [file, figures] of Object.entries(summary)) {
    if (file === 'total') continue;
    if (!Number.isInteger(figures?.lines?.covered) || !Number.isInteger(figures?.lines?.total)) {
      throw new Error(`no line figures for ${file}`);
    }
    const rel = relative(root, file).split(sep).join('/');
    for (const folder of folders) {
      if (!rel.startsWith(folder + '/')) continue;
      const acc = out.get(folder);
      acc.covered += figures.lines.covered;
      acc.total += figures.lines.total;
      acc.files += 1;
    }
  }
  return out;
}

/** The lines to print and whether every floor holds. */
export function checkFloors(summary, root, floors = FLOORS, reported = REPORTED) {
  const lines = [];
  let ok = true;
  const figures = folderLines(summary, root, [...Object.keys(floors), ...reported]);
  for (const [folder, acc] of figures) {
    const floor = floors[folder];
    if (acc.files === 0) {
      lines.push(`${folder}: no files in the coverage summary (is the folder list in scripts/coverage-floors.mjs stale?)`);
      if (floor !== undefined) ok = false;
      continue;
    }
    // A folder whose files hold no executable line (types only) has nothing to miss.
    const pct = acc.total === 0 ? 100 : (100 * acc.covered) / acc.total;
    const figure = `${pct.toFixed(1)}% of lines (${acc.covered}/${acc.total}, ${acc.files} files)`;
    if (floor === undefined) {
      lines.push(`${folder}: ${figure} (reported, no floor)`);
    } else if (pct < floor) {
      lines.push(`${folder}: ${figure}, below the floor of ${floor}%`);
      ok = false;
    } else {
      lines.push(`${folder}: ${figure}, floor ${floor}%`);
    }
  }
  return { ok, lines };
}

function main() {
  const root = process.cwd();
  const path = resolve(root, process.argv[2] ?? 'coverage/coverage-summary.json');
  let summary;
  try {
    summary = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`${path}: cannot read the coverage summary (${err.message}); run npm test first`);
    return 1;
  }
  let result;
  try {
    result = checkFloors(summary, root);
  } catch (err) {
    console.error(`${path}: not a jest json-summary (${err.message})`);
    return 1;
  }
  const { ok, lines } = result;
  for (const line of lines) console.log(line);
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
