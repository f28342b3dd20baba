// Bundles the sandbox host's browser code (Grafana's shared packages, the runtime services and the app in app/)
// into one IIFE script per Grafana line with esbuild: `dist/host-<line>.js`, and the CSS the packages import in
// `dist/host-<line>.css`. The same host source is built against each line's own packages (lines/lines.json says where
// they are installed), so a plugin loaded by `host-13.2.js` meets Grafana 13.2's React, @grafana/ui and friends.
//
//   node sandbox/host/build.mjs [--grafana 13.2[,13.0...]]    (default: every line)
//
// HOST_DEBUG=1 keeps the bundles readable (no minification, source map).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { lenientImports, resolveFromLine, runtimePluginPage, scenesRouterV6 } from './esbuildPlugins.mjs';
import { duplicateCopies } from './singleCopy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const debug = process.env.HOST_DEBUG === '1';

/** lines/lines.json: each Grafana line and the npm project (relative to the repository) holding its packages. */
const table = JSON.parse(readFileSync(path.join(here, 'lines', 'lines.json'), 'utf8'));

/** The Grafana lines the host is built for, oldest first. */
export const GRAFANA_LINES = Object.keys(table.lines);

/** The folder whose node_modules hold `line`'s shared packages. */
export function lineDir(line) {
  const rel = table.lines[line];
  if (rel === undefined) {
    throw new Error(`unknown Grafana line ${line}; known: ${GRAFANA_LINES.join(', ')}`);
  }
  return path.join(root, rel);
}

/** Builds `dist/host-<line>.js` (+ .css). */
export async function buildHostLine(line) {
  const dir = lineDir(line);
  if (!existsSync(path.join(dir, 'node_modules', '@grafana', 'ui', 'package.json'))) {
    throw new Error(
      `Grafana ${line}'s packages are not installed: npm ci --prefix ${path.relative(root, dir) || '.'} --no-audit --no-fund`
    );
  }
  const result = await build({
    entryPoints: [path.join(here, 'shared.tsx')],
    bundle: true,
    outfile: path.join(here, 'dist', `host-${line}.js`),
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: !debug,
    sourcemap: debug,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty', '.gif': 'empty' },
    plugins: [runtimePluginPage(dir), resolveFromLine(dir), scenesRouterV6(), lenientImports()],
    logLevel: 'warning',
    metafile: true,
  });
  const duplicates = duplicateCopies(Object.keys(result.metafile.inputs));
  if (duplicates.length > 0) {
    throw new Error(
      `the Grafana ${line} host bundle has a second copy of a shared package:\n  ${duplicates.join('\n  ')}`
    );
  }
}

/**
 * Builds the host for `lines` (default: all), one after the other: esbuild already spreads one build over the cores,
 * and three at once measured slower on a 2-core machine (16 s against 13 s).
 */
export async function buildHost(lines = GRAFANA_LINES) {
  for (const line of lines) {
    await buildHostLine(line);
  }
}

/** `--grafana 13.2` or `--grafana 12.4,13.2` (repeatable); every line without it. */
function linesFromArgs(argv) {
  const lines = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--grafana' ? argv[++i] : arg.startsWith('--grafana=') ? arg.slice(10) : undefined;
    if (value === undefined) {
      throw new Error(`unknown option ${arg}; usage: build.mjs [--grafana ${GRAFANA_LINES.join(',')}]`);
    }
    for (const line of value.split(',')) {
      lineDir(line);
      lines.push(line);
    }
  }
  return lines.length > 0 ? lines : GRAFANA_LINES;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const lines = linesFromArgs(process.argv.slice(2));
    const startedMs = Date.now();
    await buildHost(lines);
    process.stdout.write(`sandbox host built for Grafana ${lines.join(', ')} in ${Date.now() - startedMs} ms\n`);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
