/**
 * `npm run package` (scripts/package.mjs runs this file with tsx): builds the plugin when `dist/` is missing or
 * older than its sources, then writes `flamelens-profiles-app-<version>.zip` (+ `.sha1`, `.sha256`) in the
 * repository root. Install it as docs/install.md says.
 */
import { join, relative } from 'node:path';

import { ensureBuilt, PLUGIN_BUILD } from './freshBuild';
import { packagePlugin } from './pluginZip';
import { REPO_ROOT } from './paths';

async function main(): Promise<void> {
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  await ensureBuilt(REPO_ROOT, [PLUGIN_BUILD], say);
  const result = packagePlugin(join(REPO_ROOT, 'dist'), REPO_ROOT);
  say(`Packaged ${result.entries.length} files of version ${result.version}:`);
  for (const path of [result.zipPath, result.sha1Path, result.sha256Path]) {
    say(`  ${relative(process.cwd(), path) || path}`);
  }
  say(`sha256 ${result.sha256}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`npm run package failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
