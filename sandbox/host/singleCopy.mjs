// Grafana gives every plugin ONE copy of each shared package: React's contexts, @grafana/runtime's service
// singletons and @grafana/ui's theme context only work when everyone imports the same module. A host bundle with a
// second copy (another install of the package, or its CommonJS build next to its ES build, as a CommonJS-only
// dependency's `require` pulls in) still builds, but fails at run time in ways that look like plugin bugs (React
// error #130 in a code editor, services that were never set). build.mjs checks each bundle's inputs with this.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The packages that must be in a host bundle once: what Grafana shares with plugins, and scenes. */
export const SINGLE_COPY_PACKAGES = [
  'react',
  'react-dom',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  '@grafana/scenes',
  '@emotion/react',
  'rxjs',
];

/**
 * `file`'s package: the name, the folder of its last `node_modules/<name>`, the file inside it, and whether it is a
 * copy vendored into another package's build output; undefined outside node_modules.
 */
export function packageOf(file) {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) {
    return undefined;
  }
  const scoped = parts[at + 1].startsWith('@');
  const name = scoped ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  const root = parts.slice(0, at + (scoped ? 3 : 2)).join('/');
  // A node_modules inside another package's build output (`@grafana/plugin-ui/dist/esm/node_modules/rxjs`) is code
  // that package vendored into its published files: Grafana bundles the very same files, so it is not ours to judge.
  const outer = parts.slice(0, at);
  const vendored =
    outer.lastIndexOf('node_modules') >= 0 && outer.slice(outer.lastIndexOf('node_modules')).includes('dist');
  return { name, root, inner: parts.slice(at + (scoped ? 3 : 2)).join('/'), vendored };
}

/** Every file a package.json `exports` entry (or `main`/`module`) can resolve `.` to, relative to the package. */
export function entryFiles(manifest) {
  const found = new Set();
  const walk = (value) => {
    if (typeof value === 'string') {
      found.add(path.posix.normalize(value));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  const root = manifest.exports;
  // `exports` maps subpaths (keys starting with '.') or is itself the conditions of '.'.
  const dot = root && typeof root === 'object' && Object.keys(root).some((k) => k.startsWith('.')) ? root['.'] : root;
  walk(dot);
  walk(manifest.main);
  walk(manifest.module);
  return found;
}

/**
 * The problems with `inputs` (the bundle's input files, as esbuild's metafile lists them relative to `cwd`): a
 * listed package bundled from two installs, or through two of its own entry files (its CommonJS and ES builds).
 * `readManifest(root)` reads a package's package.json (replaceable in tests). Returns one message per package.
 */
export function duplicateCopies(
  inputs,
  { cwd = process.cwd(), packages = SINGLE_COPY_PACKAGES, readManifest = defaultReadManifest } = {}
) {
  const byName = new Map();
  for (const input of inputs) {
    // Inputs in a plugin's namespace (`grafana-lenient:/…`) are generated wrappers that require the real file, which
    // is an input of its own.
    if (/^[\w-]+:/.test(input)) {
      continue;
    }
    const pkg = packageOf(path.resolve(cwd, input));
    if (!pkg || !packages.includes(pkg.name) || pkg.vendored) {
      continue;
    }
    const seen = byName.get(pkg.name) ?? { roots: new Map() };
    const inner = seen.roots.get(pkg.root) ?? new Set();
    inner.add(path.posix.normalize(pkg.inner));
    seen.roots.set(pkg.root, inner);
    byName.set(pkg.name, seen);
  }
  const problems = [];
  for (const [name, { roots }] of byName) {
    if (roots.size > 1) {
      problems.push(`${name} is bundled from ${roots.size} installs: ${[...roots.keys()].join(', ')}`);
      continue;
    }
    const [[root, files]] = [...roots];
    const entries = [...entryFiles(readManifest(root))].filter((entry) => files.has(entry));
    if (entries.length > 1) {
      problems.push(`${name} is bundled through ${entries.length} of its entry files: ${entries.join(', ')}`);
    }
  }
  return problems;
}

function defaultReadManifest(root) {
  return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
}
