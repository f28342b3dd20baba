// Bundles the sandbox host's browser code (Grafana's shared packages, the runtime services and the app in app/)
// into one IIFE script with esbuild; CSS imported by the packages goes to dist/host.css. HOST_DEBUG=1 keeps it
// readable (no minification, source map).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { scenesBuildPlugin } from './scenesBuildPlugin.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const debug = process.env.HOST_DEBUG === '1';

export async function buildHost() {
  await build({
    entryPoints: [path.join(here, 'shared.tsx')],
    bundle: true,
    outfile: path.join(here, 'dist', 'host.js'),
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: !debug,
    sourcemap: debug,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty', '.gif': 'empty' },
    logLevel: 'warning',
    plugins: [scenesBuildPlugin],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildHost();
}
