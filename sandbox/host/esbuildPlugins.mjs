// esbuild plugins of the sandbox host build (build.mjs): per-line resolution, and two adaptations @grafana/scenes
// needs to bundle on every line. The last two are idle until the host imports @grafana/scenes.
import path from 'node:path';

const inPackage = (file, name) => file.split(path.sep).join('/').includes(`/node_modules/${name}/`);

/**
 * Resolves every bare import made by the host's own source (and the plugin source it shares, such as
 * src/panel/options) from the line's node_modules (`dir`) instead of the nearest one (the root's). Imports made inside
 * a package are left alone: they already resolve within the line's tree, next to the package that makes them.
 */
export function resolveFromLine(dir) {
  return {
    name: 'grafana-line',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.pluginData?.fromLine || args.importer.split(path.sep).includes('node_modules')) {
          return undefined;
        }
        return build.resolve(args.path, { resolveDir: dir, kind: args.kind, pluginData: { fromLine: true } });
      });
    },
  };
}

/** The specifier under which the host imports @grafana/runtime's `setPluginPage` (app/runtime/services.ts). */
export const RUNTIME_PLUGIN_PAGE = '@grafana/runtime/dist/esm/components/PluginPage.mjs';

/**
 * Grafana core calls `setPluginPage` from @grafana/runtime's internal entry, which the npm package does not export
 * (only its types ship). The host reaches the very file the package's own index re-exports `PluginPage` from, in the
 * line's tree (`dir`), past the package's `exports` map: one module, so setting it changes what plugins render.
 */
export function runtimePluginPage(dir) {
  return {
    name: 'grafana-runtime-plugin-page',
    setup(build) {
      const filter = /^@grafana\/runtime\/dist\/esm\/components\/PluginPage\.mjs$/;
      build.onResolve({ filter }, () => ({
        path: path.join(dir, 'node_modules', ...RUNTIME_PLUGIN_PAGE.split('/')),
      }));
    },
  };
}

/**
 * @grafana/scenes uses react-router's v6 API (`Routes`, `useLocation`...) from `react-router-dom`, but every line
 * installs `react-router-dom` 5.3.4 for @grafana/ui (an npm override gives scenes the same). Its v6 imports go to
 * `react-router-dom-v5-compat` instead: the v6 API, and the very router context the host provides (app/LocationRouter
 * renders compat's `Router`), so scenes sees the host's location.
 */
export function scenesRouterV6() {
  return {
    name: 'scenes-router-v6',
    setup(build) {
      build.onResolve({ filter: /^react-router-dom$/ }, (args) =>
        inPackage(args.importer, '@grafana/scenes')
          ? build.resolve('react-router-dom-v5-compat', {
              importer: args.importer,
              resolveDir: args.resolveDir,
              kind: args.kind,
            })
          : undefined
      );
    },
  };
}

/** Packages that import names a line's @grafana packages may lack, and check them at run time before use. */
const FEATURE_DETECTING = [
  // Imports getDataSourceInstance & co. from @grafana/runtime and falls back to getDataSourceSrv when absent (13.2).
  { importer: '@grafana/plugin-compat', imports: /^@grafana\/runtime(\/.*)?$/ },
  // Scenes 8.19 imports the table panel's defaultOptions, which 12.4.10's @grafana/schema does not have.
  { importer: '@grafana/scenes', imports: /^@grafana\/schema(\/.*)?$/ },
];

/**
 * A missing named export is a build error for ES modules in esbuild, but undefined at run time in Grafana's webpack
 * build, which is what these packages rely on. For their imports only, the module is reached through a one-line
 * CommonJS wrapper (`module.exports = require(<the real module>)`): esbuild then reads names off the exports object at
 * run time, so a missing one is undefined, while the real module stays the one copy everyone else shares.
 */
export function lenientImports() {
  const namespace = 'grafana-lenient';
  return {
    name: 'grafana-lenient-imports',
    setup(build) {
      build.onResolve({ filter: /^@grafana\// }, async (args) => {
        const rule = FEATURE_DETECTING.find(
          (candidate) => inPackage(args.importer, candidate.importer) && candidate.imports.test(args.path)
        );
        if (!rule || args.pluginData?.lenient) {
          return undefined;
        }
        const real = await build.resolve(args.path, {
          importer: args.importer,
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: { lenient: true },
        });
        // `.cjs`: esbuild decides the module format from the extension, and the real one is often `.mjs`.
        return real.errors.length > 0 ? real : { path: `${real.path}.cjs`, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path.slice(0, -'.cjs'.length))});`,
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
    },
  };
}
