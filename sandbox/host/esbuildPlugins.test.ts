/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { GRAFANA_LINES, grafanaLine } from './server/grafanaLines';

jest.setTimeout(60_000);

/** The Grafana packages the scenes-based host may import that `line` has: scenes, and Prometheus's where installed. */
function grafanaImports(line: string): string[] {
  const prometheus = join(grafanaLine(line).packagesDir, 'node_modules', '@grafana', 'prometheus', 'package.json');
  return ['@grafana/scenes', ...(existsSync(prometheus) ? ['@grafana/prometheus'] : [])];
}

/**
 * Bundles `packages` for `line` as build.mjs bundles the host (in a child Node: the plugins are ES modules) and
 * returns esbuild's errors, one per line of text.
 */
function bundle(line: string, packages: string[]): string {
  const entry = packages.map((name, i) => `import * as p${i} from '${name}'; console.log(p${i});`).join(' ');
  const script = `
    import { build } from 'esbuild';
    import { lineDir } from './build.mjs';
    import { lenientImports, resolveFromLine, scenesRouterV6 } from './esbuildPlugins.mjs';
    try {
      await build({
        stdin: {
          contents: ${JSON.stringify(entry)},
          resolveDir: process.cwd(),
          loader: 'tsx',
        },
        bundle: true,
        write: false,
        platform: 'browser',
        logLevel: 'silent',
        loader: { '.svg': 'text', '.css': 'empty', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty', '.gif': 'empty' },
        plugins: [resolveFromLine(lineDir(${JSON.stringify(line)})), scenesRouterV6(), lenientImports()],
      });
    } catch (e) {
      process.stdout.write(e.errors.map((error) => error.text).join('\\n'));
    }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(__dirname),
    encoding: 'utf8',
  });
  return `${result.stdout}${result.stderr}`;
}

describe('the host build with @grafana/scenes and @grafana/prometheus', () => {
  // The dashboard moves to @grafana/scenes; each line's scenes (and Prometheus's package on 13.x) must bundle with
  // that line's packages: v6 router imports (react-router-dom is v5 for @grafana/ui), and names their feature
  // detection expects to be missing.
  it.each(GRAFANA_LINES)('bundle on Grafana %s', (line) => {
    const packages = grafanaImports(line);
    expect(packages).toContain(line === '12.4' ? '@grafana/scenes' : '@grafana/prometheus');
    expect(bundle(line, packages)).toBe('');
  });
});
