// `npm run typecheck:grafana`: type-checks the plugin's shipped source (src/, tests excluded) against the type
// declarations of each non-root Grafana line the sandbox emulates (sandbox/host/lines/lines.json): @grafana/* 13.x and,
// on 13.2, React 19's types. The root `tsc --noEmit` only sees 12.4 and React 18; an API the plugin uses that a newer
// line removed or retyped fails here instead of in a user's Grafana. About 8 s per line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { lines } = JSON.parse(readFileSync(path.join(root, 'sandbox', 'host', 'lines', 'lines.json'), 'utf8'));
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** A tsconfig that resolves every bare import from the line's node_modules first, React's types included. */
function lineConfig(modules) {
  return {
    extends: path.join(root, '.config', 'tsconfig.json'),
    compilerOptions: {
      rootDir: root,
      strict: true,
      noEmit: true,
      // The packages' own declarations are Grafana's to check; the question is whether ours compile against them.
      skipLibCheck: true,
      baseUrl: modules,
      paths: {
        // react ships no types: name its @types package, or the untyped JS would win.
        react: [path.join(modules, '@types', 'react')],
        'react/*': [path.join(modules, '@types', 'react', '*')],
        '*': [path.join(modules, '*'), path.join(modules, '@types', '*'), path.join(root, 'node_modules', '*')],
      },
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
    },
    include: [path.join(root, 'src'), path.join(root, '.config', 'types')],
    exclude: ['**/*.test.ts', '**/*.test.tsx', path.join(root, 'src', '**', 'testing', '**')],
  };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'flamelens-typecheck-'));
const failed = [];
try {
  for (const [line, dir] of Object.entries(lines)) {
    if (dir === '.') {
      continue; // The root line is what `tsc --noEmit` checks.
    }
    const modules = path.join(root, dir, 'node_modules');
    if (!existsSync(path.join(modules, '@grafana', 'data'))) {
      process.stderr.write(`Grafana ${line}'s packages are not installed: npm run install:grafana\n`);
      process.exit(1);
    }
    const config = path.join(scratch, `tsconfig-${line}.json`);
    writeFileSync(config, JSON.stringify(lineConfig(modules), null, 2));
    const result = spawnSync(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { encoding: 'utf8' });
    if (result.status === 0) {
      process.stdout.write(`src/ type-checks against Grafana ${line}'s packages\n`);
    } else {
      failed.push(line);
      process.stdout.write(`src/ against Grafana ${line}'s packages:\n${result.stdout}${result.stderr}\n`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (failed.length > 0) {
  process.stderr.write(`type errors against Grafana ${failed.join(', ')}\n`);
  process.exit(1);
}
