/**
 * `npm run lint:cycles` (part of `npm run lint`): no import cycles in src/, type-only imports included
 * (`tsPreCompilationDeps`), since a type-level cycle ties modules together as tightly as a runtime one. The direction
 * graph itself is enforced by ESLint (eslint.config.mjs).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'A module of src/ reaches itself through its imports (type-only imports included).',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
  },
};
