// `npm run package`: builds the plugin when dist/ is stale and zips it as Grafana's plugin zip,
// flamelens-profiles-app-<version>.zip (+ .sha1, .sha256) in the repository root (sandbox/demo/packageMain.ts, run
// with tsx's loader in this Node). docs/install.md says how to install it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 6)) {
  process.stderr.write(`npm run package needs Node.js 20.6 or newer (found ${process.version}).\n`);
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'demo', 'packageMain.ts')], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 1));
