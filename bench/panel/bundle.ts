/**
 * Builds the two page bundles into bench/panel/dist with bench/panel's own esbuild:
 * - kit.js: probe + case frames (pure model code, no packages), injected into both pages;
 * - grafana.js (+ grafana.css): @grafana/flamegraph with bench/panel's Grafana 13 packages.
 * Afterwards it checks that no package came from the repo's root node_modules (the plugin's Grafana 12): node
 * resolution falls back to it for anything bench/panel lacks, which would silently mix versions.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Esbuild from 'esbuild';

export const BENCH_DIR = __dirname;
export const DIST_DIR = path.join(BENCH_DIR, 'dist');
const DEBUG = process.env.BENCH_DEBUG === '1';

function loadEsbuild(): typeof Esbuild {
  // From bench/panel/node_modules (installed by the runner when missing), never the root's copy.
  const req = createRequire(path.join(BENCH_DIR, 'package.json'));
  const mod: unknown = req('esbuild');
  return mod as typeof Esbuild;
}

/** Inputs that resolved outside bench/panel's own node_modules into some other node_modules folder. */
function foreignPackages(meta: Esbuild.Metafile): string[] {
  const own = path.join(BENCH_DIR, 'node_modules') + path.sep;
  const foreign = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    // Metafile paths are relative to absWorkingDir.
    const abs = path.resolve(BENCH_DIR, input);
    if (abs.includes(`${path.sep}node_modules${path.sep}`) && !abs.startsWith(own)) {
      foreign.add(abs);
    }
  }
  return [...foreign];
}

/**
 * CommonJS packages with `__esModule` that @grafana/ui 13's ESM (.mjs) files import by default. esbuild follows
 * Node's rule for .mjs importers (the default import is the whole `module.exports`), so e.g. CustomScrollbar gets an
 * object instead of the Scrollbars component and React throws error #130 ("element type is invalid"). Grafana's own
 * webpack build reads the sources, not these .mjs files, so it never meets this. A .js shim re-exports the default
 * with the usual `__esModule` interop.
 */
const CJS_DEFAULT_FROM_MJS = ['react-custom-scrollbars-2'];

function cjsDefaultInterop(): Esbuild.Plugin {
  const filter = new RegExp(
    `^(${CJS_DEFAULT_FROM_MJS.map((n) => n.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`
  );
  return {
    name: 'cjs-default-interop',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.importer.endsWith('.mjs') ? { path: args.path, namespace: 'cjs-default-interop' } : undefined
      );
      build.onLoad({ filter: /.*/, namespace: 'cjs-default-interop' }, (args) => ({
        contents: `import d from ${JSON.stringify(args.path)};\nexport default d;\n`,
        resolveDir: BENCH_DIR,
        loader: 'js',
      }));
    },
  };
}

export async function buildBundles(): Promise<{ ms: number; grafanaVersion: string }> {
  const esbuild = loadEsbuild();
  const t0 = performance.now();
  const common: Esbuild.BuildOptions = {
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // BENCH_DEBUG=1: readable bundles with React's development build (full error messages; slower, never for numbers).
    minify: !DEBUG,
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': DEBUG ? '"development"' : '"production"', global: 'window' },
    // Same loaders as sandbox/host/build.mjs: @grafana/ui imports icons and fonts.
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty', '.gif': 'empty' },
    absWorkingDir: BENCH_DIR,
  };
  const [kit, grafana] = await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(BENCH_DIR, 'kit.ts')], outfile: path.join(DIST_DIR, 'kit.js') }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(BENCH_DIR, 'grafanaPage.tsx')],
      outfile: path.join(DIST_DIR, 'grafana.js'),
      // The tsx files use the classic runtime (root tsconfig: "jsx": "react").
      jsx: 'transform',
      plugins: [cjsDefaultInterop()],
    }),
  ]);
  const foreign = [
    ...(kit.metafile ? foreignPackages(kit.metafile) : []),
    ...foreignPackages(grafana.metafile ?? { inputs: {}, outputs: {} }),
  ];
  if (foreign.length > 0) {
    throw new Error(
      `page bundles picked up ${foreign.length} files outside bench/panel/node_modules, e.g.:\n  ${foreign.slice(0, 10).join('\n  ')}`
    );
  }
  const req = createRequire(path.join(BENCH_DIR, 'package.json'));
  const pkg: unknown = req('@grafana/flamegraph/package.json');
  const version = typeof pkg === 'object' && pkg !== null ? String(Reflect.get(pkg, 'version')) : '?';
  return { ms: performance.now() - t0, grafanaVersion: version };
}
