import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { GRAFANA_LINES } from '../host/server/grafanaLines';

/**
 * Builds what the demo and the package need when it is missing or older than its sources: the plugin (`dist/`, by
 * `npm run build`) and the sandbox host bundles (`sandbox/host/dist/host-<line>.js` for every Grafana line, by
 * `npm run build:host`).
 */

export interface BuildTarget {
  /** npm script that builds it. */
  script: string;
  /** Files the build writes (relative to the root); the oldest one is compared with the sources. */
  outputs: string[];
  /** Source folders and files (relative to the root). */
  inputs: string[];
  /** Paths (relative to the root) under the inputs that do not affect the output. */
  ignore?: RegExp;
}

/** Tests do not end up in the bundles. */
const TESTS = /\.test\.(ts|tsx)$|__snapshots__/;

export const PLUGIN_BUILD: BuildTarget = {
  script: 'build',
  outputs: ['dist/module.js', 'dist/plugin.json', 'dist/datasource/module.js', 'dist/panel/module.js'],
  inputs: ['src', 'package.json', 'webpack.config.ts'],
  ignore: TESTS,
};

export const HOST_BUILD: BuildTarget = {
  script: 'build:host',
  outputs: GRAFANA_LINES.map((line) => `sandbox/host/dist/host-${line}.js`),
  inputs: ['sandbox/host', 'src'],
  // The host's Node server and its docs are not in the browser bundle.
  ignore: new RegExp(`${TESTS.source}|^sandbox/host/(dist/|server|README)`),
};

/** Newest file under `paths` (files or folders), or undefined when there is none. */
export function newestFile(
  root: string,
  paths: readonly string[],
  ignore?: RegExp
): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  const stack = paths.map((p) => join(root, p)).filter((p) => existsSync(p));
  while (stack.length > 0) {
    const path = stack.pop() as string;
    const rel = relative(root, path);
    if (ignore?.test(rel) || rel.split('/').includes('node_modules')) {
      continue;
    }
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) {
        stack.push(join(path, name));
      }
    } else if (stat.isFile() && (!newest || stat.mtimeMs > newest.mtimeMs)) {
      newest = { path: rel, mtimeMs: stat.mtimeMs };
    }
  }
  return newest;
}

/**
 * When each script last built successfully (the time it started), in `node_modules/.cache/flamelens/builds.json`.
 * Webpack does not rewrite an output whose content is unchanged, so output times alone would ask for a build again
 * after every harmless source change.
 */
export function stampFile(root: string): string {
  return join(root, 'node_modules', '.cache', 'flamelens', 'builds.json');
}

function readStamps(root: string): Record<string, number> {
  const file = stampFile(root);
  if (!existsSync(file)) {
    return {};
  }
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
}

function writeStamp(root: string, script: string, startedAtMs: number): void {
  const file = stampFile(root);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...readStamps(root), [script]: startedAtMs }, null, 2)}\n`);
}

/** Why `target` needs building ("dist/module.js is missing", "src/x.ts is newer than ..."), or undefined. */
export function staleReason(root: string, target: BuildTarget): string | undefined {
  let oldest: { path: string; mtimeMs: number } | undefined;
  for (const output of target.outputs) {
    if (!existsSync(join(root, output))) {
      return `${output} is missing`;
    }
    const mtimeMs = statSync(join(root, output)).mtimeMs;
    if (!oldest || mtimeMs < oldest.mtimeMs) {
      oldest = { path: output, mtimeMs };
    }
  }
  const newest = newestFile(root, target.inputs, target.ignore);
  const builtAtMs = Math.max(oldest?.mtimeMs ?? 0, readStamps(root)[target.script] ?? 0);
  if (oldest && newest && newest.mtimeMs > builtAtMs) {
    return `${newest.path} is newer than ${oldest.path}`;
  }
  return undefined;
}

/** Runs `npm run <script>` in `root` with inherited output; rejects when it fails. */
export function runNpmScript(root: string, script: string): Promise<void> {
  // Under `npm run`, npm_execpath is npm's own CLI: run it with this Node rather than relying on PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, 'run', script]] : ['npm', ['run', script]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.once('error', (e) => reject(new Error(`cannot run \`npm run ${script}\`: ${e.message}`, { cause: e })));
    child.once('exit', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(
            `\`npm run ${script}\` failed (${code !== null ? `exit code ${code}` : signal}); see its output above`
          )
        );
      }
    });
  });
}

/** Builds each stale target in turn, saying why. */
export async function ensureBuilt(
  root: string,
  targets: readonly BuildTarget[],
  log: (line: string) => void,
  run: (root: string, script: string) => Promise<void> = runNpmScript
): Promise<void> {
  for (const target of targets) {
    const reason = staleReason(root, target);
    if (reason) {
      log(`Building: npm run ${target.script} (${reason})`);
      const startedAtMs = Date.now();
      await run(root, target.script);
      writeStamp(root, target.script, startedAtMs);
    }
  }
}
