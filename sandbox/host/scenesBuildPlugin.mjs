// What the host bundle needs to include @grafana/scenes, which Grafana builds from source with webpack:
// - scenes imports the react-router v6 API (Routes, Route, useLocation) from `react-router-dom`, but the project's
//   `react-router-dom` is the v5 Grafana 12.4 ships. Grafana gives scenes the v6 API through
//   `react-router-dom-v5-compat`; imports made from inside @grafana/scenes resolve to it here too, so scenes and the
//   host's LocationRouter share one router context, and nothing else changes version.
// - scenes' PanelBuilders import `defaultOptions` from every panel's generated schema module, and some
//   @grafana/schema releases no longer export it for some panels (table in 12.4). webpack leaves such an import
//   undefined with a warning; esbuild refuses it, so those modules get an undefined `defaultOptions` added, which is
//   what webpack gives Grafana. The sandbox never uses those builders.
import { readFile } from 'node:fs/promises';

const SCENES_IMPORTER = /[\\/]@grafana[\\/]scenes[\\/]/;
const SCHEMA_PANEL_TYPES = /^@grafana\/schema\/dist\/esm\/raw\/composable\/.*_types\.gen$/;

/** @type {import('esbuild').Plugin} */
export const scenesBuildPlugin = {
  name: 'scenes-in-host',
  setup(build) {
    build.onResolve({ filter: /^react-router-dom$/ }, async (args) => {
      if (!SCENES_IMPORTER.test(args.importer) || args.pluginData?.scenesInHost) {
        return undefined;
      }
      return build.resolve('react-router-dom-v5-compat', {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { scenesInHost: true },
      });
    });
    build.onResolve({ filter: SCHEMA_PANEL_TYPES }, async (args) => {
      if (!SCENES_IMPORTER.test(args.importer) || args.pluginData?.scenesInHost) {
        return undefined;
      }
      const real = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { scenesInHost: true },
      });
      if (real.errors.length > 0) {
        return real;
      }
      return { path: real.path, namespace: 'file', pluginData: { schemaPanelTypes: true } };
    });
    build.onLoad({ filter: /\.mjs$/ }, async (args) => {
      if (!args.pluginData?.schemaPanelTypes) {
        return undefined;
      }
      const source = await readFile(args.path, 'utf8');
      if (/\bdefaultOptions\b/.test(source)) {
        return { contents: source, loader: 'js' };
      }
      return { contents: `${source}\nexport const defaultOptions = undefined;\n`, loader: 'js' };
    });
  },
};
