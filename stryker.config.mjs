// npm run mutate — mutation testing (StrykerJS) of the pure logic, with the unit tests only.
// Not part of CI: a full run takes long on two cores. One file: npm run mutate -- --mutate src/analysis/gate.ts
// MUTATE_TESTS (comma-separated test files; scripts/mutate-own.mjs sets it) limits the tests to
// those files: a mutant then loads only them, not every unit test file that imports its file.
const ownTests = (process.env.MUTATE_TESTS ?? '').split(',').filter(Boolean);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  mutate: ['src/analysis/**/*.ts', '!src/analysis/types.ts', 'src/action/**/*.ts', 'src/report/escape.ts'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // The unit tests: not the end-to-end suites (they run dist/index.js in a child process and
    // rebuild it first, since the sandbox's src/ is newer: with them the dry run for history.ts
    // passed Stryker's 5-minute limit), browser, workflow or fuzz suites, nor the ones that run the CLI in a child process (a mutant in the sandbox's
    // src/ would not reach them anyway), nor the in-process run of the whole action (main.test.ts:
    // seconds per mutant for little more).
    config: {
      collectCoverage: false,
      ...(ownTests.length > 0 ? { testMatch: ownTests.map((f) => `<rootDir>/${f}`) } : {}),
      testPathIgnorePatterns: [
        '/node_modules/',
        '/__tests__/action/(action|growth|history-e2e|reviewer)\\.test\\.ts$',
        '/__tests__/growth-cli\\.test\\.ts$',
        '\\.browser\\.test\\.ts$',
        '/__tests__/fuzz\\.test\\.ts$',
        '/__tests__/workflows\\.test\\.ts$',
        '/__tests__/hostile-input\\.test\\.ts$',
        '/__tests__/main\\.test\\.ts$',
      ],
    },
    enableFindRelatedTests: true,
  },
  // Only the mutated files get `// @ts-nocheck`: the default (all of src/) would make the page
  // assets' freshness test fail, since flame.ts is inlined as written.
  disableTypeChecks: '{src/analysis/**/*.ts,src/action/**/*.ts,src/report/escape.ts}',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
