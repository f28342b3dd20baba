import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

const noUiInModel = {
  paths: [
    {
      name: '@grafana/data',
      allowTypeImports: true,
      message:
        'src/model imports only types from @grafana/data: its runtime needs a browser, the model must load in plain Node.',
    },
  ],
  patterns: [
    { group: ['react', 'react-dom', 'react/*'], message: 'src/model is framework-free: no React.' },
    {
      group: ['@grafana/runtime', '@grafana/ui', '@emotion/*'],
      message: 'src/model may use @grafana/data types only.',
    },
    {
      group: ['**/panel/**', '**/datasource/**', '**/components/**'],
      message: 'Dependencies point one way: model imports nothing from the plugins.',
    },
  ],
};

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/node_modules/',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      'test-results/',
      'playwright-report/',
      '**/.eslintcache',
      // create-plugin's own files: managed by create-plugin updates, not linted here.
      '.config/**',
      // The panel benchmark has its own package.json (Grafana 13 packages) and tsconfig.
      'bench/panel/**',
    ],
  },
  ...baseConfig,
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'sandbox/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
  },
  {
    // Shipped code logs nothing to the console: errors reach the user through the UI.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/**/testing/**'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/model/**/*.ts'],
    ignores: ['src/model/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', noUiInModel] },
  },
  {
    // Renderers are pure functions of the model; they import nothing from React or the Grafana runtime.
    files: ['src/panel/render/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: noUiInModel.paths,
          patterns: [
            ...noUiInModel.patterns.slice(0, 2),
            { group: ['**/components/**', '**/datasource/**'], message: 'panel/render imports only src/model.' },
          ],
        },
      ],
    },
  },
  {
    // The test server shares no parsing code with the product: a reader it shared with the datasource would read a
    // wrong selector or profile back the same wrong way, and the integration tests would still pass. It may use the
    // model's data structures and pure transforms (profile, treeBuilder, transforms, units, seededRandom, errors).
    files: ['sandbox/pyroscope/**/*.ts'],
    ignores: ['sandbox/pyroscope/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/datasource/**'],
              message: 'The test server reads selectors with its own parser (sandbox/pyroscope/selector.ts).',
            },
            {
              group: [
                '**/src/model/pprof*',
                '**/src/model/protobuf',
                '**/src/model/connect*',
                '**/src/model/flamebearer',
                '**/src/model/flamegraphLevels',
                '**/src/model/frame*',
                '**/src/model/json*',
                '**/src/model/gzip',
                '**/src/model/profileType',
                '**/src/model/testing/**',
              ],
              message:
                "The test server decodes and encodes wire formats itself (pprof-format, sandbox/pyroscope/wire), not with the model's readers.",
            },
          ],
        },
      ],
    },
  },
]);
