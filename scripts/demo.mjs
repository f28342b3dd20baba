// `npm run demo`: the Flamelens demo (sandbox/demo/main.ts, run with tsx's loader in this Node). It builds the plugin
// and the sandbox host when they are stale, starts the Pyroscope test server with seeded history, the profiled demo
// workload, Prometheus when installed, and the sandbox at http://127.0.0.1:3000. Ctrl-C stops everything.
// Options and ports: sandbox/demo/README.md.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 6)) {
  process.stderr.write(`npm run demo needs Node.js 20.6 or newer (found ${process.version}).\n`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'sandbox', 'demo', 'main.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  }
);
// Ctrl-C reaches the whole process group, the demo included; a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
