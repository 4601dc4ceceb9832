// ESM jest: ts-jest compiles the TypeScript, ts-jest-resolver maps `./x.js` imports to `./x.ts`.
// Coverage of src/ is collected on every run; .ci/run checks its floors per folder from
// coverage/coverage-summary.json (scripts/coverage-floors.mjs).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  testMatch: ['**/__tests__/**/*.test.ts'],
  // npm run mutate copies the project into .stryker-tmp/: its copies are not this project's tests.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/'],
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
  collectCoverage: true,
  // (flame.ts runs in the browser, inlined into the HTML report: report/html.browser.test.ts runs it)
  collectCoverageFrom: ['src/**/*.ts', '!src/report/html/flame.ts'],
  coverageReporters: ['text-summary', 'json-summary'],
};
