import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder holding these files (relative paths, folders made as needed), each one byte. */
export function fileTree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-unit-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}
