import { describe, expect, test } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PROFILE_FILES } from '../../src/action/pairing.js';
import { ArtifactError, verifyArtifactDir } from '../../src/github/baseline.js';
import { fileTree } from '../helpers/tree.js';

describe('downloaded artifacts are checked', () => {
  test('regular files are listed; a symbolic link is refused with a clear message', () => {
    const dir = fileTree(['heap.pb.gz', 'sub/goroutine.pb.gz']);
    expect(verifyArtifactDir(dir)).toEqual(['heap.pb.gz', 'sub/goroutine.pb.gz']);
    symlinkSync('/etc/passwd', join(dir, 'sub', 'evil.pb.gz'));
    expect(() => verifyArtifactDir(dir)).toThrow(ArtifactError);
    expect(() => verifyArtifactDir(dir)).toThrow('the artifact holds a symbolic link (sub/evil.pb.gz); only profile files are accepted');
  });

  test('more files than the limit are refused', () => {
    const many = Array.from({ length: MAX_PROFILE_FILES + 1 }, (_, i) => `p/heap-${i}.pb.gz`);
    expect(() => verifyArtifactDir(fileTree(many))).toThrow(
      `the artifact holds more than ${MAX_PROFILE_FILES} files; a profile artifact should hold a few profiles`,
    );
  });
});
