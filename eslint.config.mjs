import path from 'node:path';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import baseConfig from './.config/eslint.config.mjs';

/*
 * The direction graph: who may import whom. Enforced below by import-x/no-restricted-paths on resolved paths (type-only
 * imports included); import cycles in src/ are checked by dependency-cruiser (`npm run lint:cycles`, part of `lint`).
 *
 * - src/model/** (transforms/, contract.ts included): nothing from src/ outside src/model; @grafana/data as types
 *   only; no React, @grafana/ui, @grafana/runtime or @emotion.
 * - src/panel/render/**: only src/model (and render itself); the same package rules as the model.
 * - src/panel/**: src/model and src/panel only: never src/datasource, never the app (src/components, src/module.tsx,
 *   src/constants.ts).
 * - src/datasource/**: src/model and src/datasource only: never src/panel, never the app. Inside it, api/ and query/
 *   never import components/ (the React editors) nor datasource.ts.
 * - The app (src/module.tsx, src/components/**, src/constants.ts): src/model and the app only.
 * - All of src/: never sandbox/, tests/ or bench/. Test files and testing/ folders in src/ may also import
 *   sandbox/pyroscope/** (the test server) and tests/support/**.
 * - sandbox/host/** (its tests included): nothing from src/: the host loads the built plugin from dist/.
 * - sandbox/pyroscope/** (non-test files): nothing from src/datasource and none of the model's wire readers or
 *   writers; it may use the model's data structures and pure transforms (the last block of this config).
 */

const root = import.meta.dirname;
const at = (...parts) => path.join(root, ...parts);

/** Files of src/ that never ship: tests and test helpers. */
const SRC_TEST_FILES = ['src/**/*.test.{ts,tsx}', 'src/**/testing/**'];

/** Only these folders or files of src/ (relative to src/), for a zone whose files may import nothing else of src/. */
const onlySrc = (target, allowed, message) => ({ target, from: at('src'), except: allowed, message });

const graphZones = [
  onlySrc(at('src/model/**'), ['./model'], 'src/model imports nothing from the plugins or the app.'),
  onlySrc(
    at('src/panel/render/**'),
    ['./model', './panel/render'],
    'src/panel/render is pure: it imports only src/model.'
  ),
  onlySrc(
    at('src/panel/**'),
    ['./model', './panel'],
    'src/panel imports only src/model and itself: never the datasource or the app (shared names live in src/model).'
  ),
  onlySrc(
    at('src/datasource/**'),
    ['./model', './datasource'],
    'src/datasource imports only src/model and itself: never the panel or the app (shared names live in src/model).'
  ),
  {
    target: [at('src/datasource/api/**'), at('src/datasource/query/**')],
    from: [at('src/datasource/components'), at('src/datasource/datasource.ts')],
    message: 'datasource/api and datasource/query are below the editors and the DataSourceApi glue.',
  },
  onlySrc(
    [at('src/module.tsx'), at('src/components/**'), at('src/constants.ts')],
    ['./model', './components', './constants.ts', './module.tsx'],
    'The app imports only src/model and itself.'
  ),
  {
    target: at('sandbox/host/**'),
    from: at('src'),
    message: 'The sandbox host loads the built plugin from dist/, never its source.',
  },
  // sandbox/pyroscope: its own rule is the last block of the config (the test server shares no parser with the product).
];

/** What shipped code in src/ must not import; the test files get the same with the test server and test support. */
const outsideSrc = (forTests) => [
  {
    target: at('src/**'),
    from: at('sandbox'),
    except: forTests ? ['./pyroscope'] : [],
    message: forTests
      ? 'Tests in src/ may import the test server (sandbox/pyroscope) and nothing else of sandbox/.'
      : 'Shipped code never imports sandbox/.',
  },
  {
    target: at('src/**'),
    from: at('tests'),
    except: forTests ? ['./support'] : [],
    message: forTests ? 'Tests in src/ may import tests/support only.' : 'Shipped code never imports tests/.',
  },
  { target: at('src/**'), from: at('bench'), message: 'src/ never imports bench/.' },
];

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
    rules: { '@typescript-eslint/no-restricted-imports': ['error', noUiInModel] },
  },
  {
    // The direction graph (top of this file). Relative imports must resolve, or a zone could not see them.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.mjs', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
      'import-x/no-restricted-paths': ['error', { zones: [...graphZones, ...outsideSrc(false)] }],
    },
  },
  {
    files: SRC_TEST_FILES,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...graphZones, ...outsideSrc(true)] }] },
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
