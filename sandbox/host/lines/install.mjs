// `npm run install:grafana`: installs every Grafana line's packages from its lockfile (`npm ci` in each
// sandbox/host/lines/<line>/; the 12.4 line is the repository root's own install). The sandbox host is built once per
// line with them (build.mjs). `-- --grafana 13.2` installs one line.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const { lines } = JSON.parse(readFileSync(path.join(here, 'lines.json'), 'utf8'));
const at = process.argv.indexOf('--grafana');
const wanted = at >= 0 ? (process.argv[at + 1] ?? '').split(',') : Object.keys(lines);

for (const line of wanted) {
  const dir = lines[line];
  if (dir === undefined) {
    process.stderr.write(`unknown Grafana line ${line}; known: ${Object.keys(lines).join(', ')}\n`);
    process.exit(2);
  }
  if (dir === '.') {
    continue; // The root's packages: `npm ci` at the root installs them.
  }
  const startedMs = Date.now();
  process.stdout.write(`Grafana ${line}: npm ci --prefix ${dir}\n`);
  const result = spawnSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`Grafana ${line}: installed in ${Math.round((Date.now() - startedMs) / 1000)} s\n`);
}
