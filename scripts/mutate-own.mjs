// Mutation score of each module against its own test file, where a newcomer looks for its tests:
//   node scripts/mutate-own.mjs src/action/errors.ts [src/analysis/stats.ts …] [--concurrency N] [-- STRYKER OPTIONS]
// (after `--`, options for Stryker itself, e.g. `-- --timeoutMS 5000`: loop-heavy modules such as
// stats.ts and trend.ts otherwise spend most of a run waiting out the 60 s default on timed-out mutants)
// A module's own test file is __tests__/<folder>/<module>.test.ts (src/ left out). Each module is a
// Stryker run of its own (reports/mutation/own/<folder>-<module>.json); a mutant loads only that
// test file, which is what makes this several times faster than `npm run mutate` (every unit
// test file that imports the module). The score is a floor: tests elsewhere may kill more.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const all = process.argv.slice(2);
const split = all.indexOf('--');
const args = split < 0 ? all : all.slice(0, split);
const strykerOptions = split < 0 ? [] : all.slice(split + 1);
let concurrency = '2';
const modules = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--concurrency') concurrency = args[++i];
  else modules.push(args[i]);
}
if (modules.length === 0) {
  console.error('mutate-own: name the modules, e.g. node scripts/mutate-own.mjs src/analysis/stats.ts');
  process.exit(2);
}

/** The module's own test file, or a one-line error naming both. */
function ownTestFile(module) {
  const rel = relative('src', module);
  if (rel.startsWith('..') || !module.endsWith('.ts')) throw new Error(`${module}: not a .ts file under src/`);
  const test = join('__tests__', dirname(rel), `${basename(rel, '.ts')}.test.ts`);
  if (!existsSync(module)) throw new Error(`${module}: no such file`);
  if (!existsSync(test)) throw new Error(`${module}: its own test file ${test} does not exist`);
  return test;
}

/** Killed and timed-out mutants over all that were tested (no coverage counts against the score). */
function score(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const file of Object.values(report.files)) for (const m of file.mutants) if (m.status in counts) counts[m.status]++;
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, score: valid === 0 ? NaN : (100 * detected) / valid };
}

mkdirSync(join('reports', 'mutation', 'own'), { recursive: true });
let failed = 0;
for (const module of modules) {
  let test;
  try {
    test = ownTestFile(module);
  } catch (err) {
    console.error(`mutate-own: ${err.message}`);
    failed++;
    continue;
  }
  const run = spawnSync('npx', ['stryker', 'run', '--mutate', module, '--concurrency', concurrency, ...strykerOptions], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_TESTS: test },
  });
  if (run.status !== 0) {
    console.error(`mutate-own: ${module}: stryker exited with ${run.status}`);
    failed++;
    continue;
  }
  const kept = join('reports', 'mutation', 'own', `${relative('src', module).replace(/[/\\]/g, '-').replace(/\.ts$/, '')}.json`);
  copyFileSync(join('reports', 'mutation', 'mutation.json'), kept);
  const s = score(JSON.parse(readFileSync(kept, 'utf8')));
  console.log(
    `mutate-own: ${module} against ${test}: ${s.Killed} killed, ${s.Timeout} timed out, ${s.Survived} survived, ` +
      `${s.NoCoverage} no coverage: ${s.score.toFixed(1)}% (report ${kept})`,
  );
}
process.exit(failed > 0 ? 1 : 0);
