// fast-check with every fc.assert's numRuns multiplied by PROPERTY_RUNS_FACTOR. jest.config.js maps 'fast-check' here
// only when that variable is set: `PROPERTY_RUNS_FACTOR=20 npx jest <files>` hunts rare counterexamples before CI does
// (property tests draw a new seed on every run; a failure prints the seed and the shrunk counterexample).
const path = require('path');

// The CommonJS build by path, past the mapping (and past the package's exports map, which only names the root).
const real = require(path.join(path.dirname(require.resolve('fast-check/package.json')), 'lib/cjs/fast-check.js'));

const factor = Number(process.env.PROPERTY_RUNS_FACTOR) || 1;
const assert = (property, params = {}) =>
  real.assert(property, { ...params, numRuns: Math.round((params.numRuns ?? 100) * factor) });
const api = { ...real, assert };

module.exports = { ...api, default: api, __esModule: true };
