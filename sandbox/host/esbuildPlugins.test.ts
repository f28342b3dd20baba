/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { GRAFANA_LINES } from './server/grafanaLines';

jest.setTimeout(60_000);

/**
 * Bundles `@grafana/scenes` for `line` as build.mjs bundles the host (in a child Node: the plugins are ES modules) and
 * returns esbuild's errors, one per line of text.
 */
function bundleScenes(line: string): string {
  const script = `
    import { build } from 'esbuild';
    import { lineDir } from './build.mjs';
    import { lenientImports, resolveFromLine, scenesRouterV6 } from './esbuildPlugins.mjs';
    try {
      await build({
        stdin: {
          contents: "import * as scenes from '@grafana/scenes'; console.log(scenes);",
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

describe('the host build with @grafana/scenes', () => {
  // The dashboard moves to @grafana/scenes; each line's scenes must bundle with that line's packages: its v6 router
  // imports (react-router-dom is v5 for @grafana/ui), and names its feature detection expects to be missing.
  it.each(GRAFANA_LINES)('bundles on Grafana %s', (line) => {
    expect(bundleScenes(line)).toBe('');
  });
});
