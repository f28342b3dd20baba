/**
 * @jest-environment node
 */
import { duplicateCopies, entryFiles, packageOf } from './singleCopy.mjs';

const UI_MANIFEST = {
  main: 'dist/cjs/index.cjs',
  module: 'dist/esm/index.mjs',
  exports: {
    '.': {
      import: { types: './dist/types/index.d.ts', default: './dist/esm/index.mjs' },
      require: './dist/cjs/index.cjs',
    },
    './package.json': './package.json',
  },
};
const manifests: Record<string, unknown> = {
  '/l/node_modules/@grafana/ui': UI_MANIFEST,
  '/l/node_modules/react': { main: 'index.js' },
};
const readManifest = (root: string) => manifests[root] ?? {};

describe('one copy of each shared package in a host bundle', () => {
  it('reads the package of a file, scoped or not, and tells vendored copies apart', () => {
    expect(packageOf('/l/node_modules/@grafana/ui/dist/esm/index.mjs')).toEqual({
      name: '@grafana/ui',
      root: '/l/node_modules/@grafana/ui',
      inner: 'dist/esm/index.mjs',
      vendored: false,
    });
    expect(packageOf('/l/node_modules/a/node_modules/react/index.js')?.root).toBe(
      '/l/node_modules/a/node_modules/react'
    );
    expect(packageOf('/l/node_modules/@grafana/plugin-ui/dist/esm/node_modules/rxjs/x.js')?.vendored).toBe(true);
    expect(packageOf('/l/src/app.tsx')).toBeUndefined();
  });

  it('lists every file the package entry can resolve to', () => {
    expect([...entryFiles(UI_MANIFEST)].sort()).toEqual([
      'dist/cjs/index.cjs',
      'dist/esm/index.mjs',
      'dist/types/index.d.ts',
    ]);
    expect([...entryFiles({ exports: './main.js' })]).toEqual(['main.js']);
  });

  it('accepts one install through one entry, wrappers of plugins and vendored copies', () => {
    const inputs = [
      '/l/node_modules/@grafana/ui/dist/esm/index.mjs',
      '/l/node_modules/@grafana/ui/dist/esm/components/Button.mjs',
      'grafana-lenient:/l/node_modules/@grafana/ui/dist/esm/index.mjs',
      '/l/node_modules/react/index.js',
      '/l/node_modules/@grafana/plugin-ui/dist/esm/node_modules/react/index.js',
      '/l/node_modules/lodash/a.js',
      '/l/node_modules/x/node_modules/lodash/a.js',
    ];
    expect(duplicateCopies(inputs, { cwd: '/', readManifest })).toEqual([]);
  });

  it('reports a second install of a shared package', () => {
    const inputs = ['/l/node_modules/react/index.js', '/l/node_modules/x/node_modules/react/index.js'];
    expect(duplicateCopies(inputs, { cwd: '/', readManifest })).toEqual([
      'react is bundled from 2 installs: /l/node_modules/react, /l/node_modules/x/node_modules/react',
    ]);
  });

  it("reports a package's CommonJS build bundled next to its ES build (a CommonJS-only dependency's require)", () => {
    const inputs = ['/l/node_modules/@grafana/ui/dist/esm/index.mjs', '/l/node_modules/@grafana/ui/dist/cjs/index.cjs'];
    expect(duplicateCopies(inputs, { cwd: '/', readManifest })).toEqual([
      '@grafana/ui is bundled through 2 of its entry files: dist/esm/index.mjs, dist/cjs/index.cjs',
    ]);
  });
});
