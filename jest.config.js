// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

module.exports = {
  ...base,
  // Unit tests live beside the code (src/**/*.test.ts[x]); integration suites that need a build or a server live in tests/.
  testMatch: [
    '<rootDir>/src/**/*.test.{ts,tsx}',
    '<rootDir>/tests/**/*.test.{ts,tsx}',
    '<rootDir>/sandbox/**/*.test.{ts,tsx}',
    '<rootDir>/scripts/**/*.test.{ts,tsx}',
  ],
  // PROPERTY_RUNS_FACTOR=N multiplies the cases of every property test (tests/support/fastCheckRuns.js).
  moduleNameMapper: {
    ...base.moduleNameMapper,
    ...(process.env.PROPERTY_RUNS_FACTOR ? { '^fast-check$': '<rootDir>/tests/support/fastCheckRuns.js' } : {}),
  },
  // @hpcc-js/wasm-graphviz (the call graph's layout engine) ships only an ES module.
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@hpcc-js/wasm-graphviz'])],
  // d3-color ships .mjs files that must be transformed too.
  transform: {
    ...base.transform,
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
};
