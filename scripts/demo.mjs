// `npm run demo` will build the plugin, start the Pyroscope-compatible test server, a profiled demo workload and
// the sandbox at http://localhost:3000. None of that exists yet; say so instead of failing obscurely.
process.stderr.write(
  'The Flamelens demo is not available yet: the sandbox, test server and demo workload are still being built.\n' +
    'Meanwhile: `npm run build` builds the plugin into dist/, `npm test` runs the tests.\n'
);
process.exitCode = 1;
