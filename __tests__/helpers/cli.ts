/**
 * Runs the CLI as a user does, in a child process, without rewriting the committed dist/:
 * src/ is transpiled file by file (no type-check, so it takes a second) into a temporary folder
 * under node_modules/.cache, where the dependencies (re2js, the @actions packages) still resolve.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');

function* tsFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** Transpile src/ into a fresh folder; returns the path of cli.js and a cleanup function. */
export function buildCli(): { cli: string; cleanup: () => void } {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'pprof-gate-cli-'));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  const src = join(ROOT, 'src');
  for (const file of tsFiles(src)) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const dest = join(out, relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, js);
  }
  return { cli: join(out, 'cli.js'), cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(cli: string, args: string[]): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
