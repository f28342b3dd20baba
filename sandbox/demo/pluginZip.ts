import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

import { zipSync, type Zippable } from 'fflate';

/**
 * `npm run package`: the built plugin (`dist/`) as Grafana's plugin zip, one top-level folder named after the plugin
 * id (`flamelens-profiles-app/plugin.json`, `flamelens-profiles-app/datasource/...`), written as
 * `<id>-<version>.zip` with `.sha1` and `.sha256` files in `sha1sum` format beside it.
 */

export const PLUGIN_ID = 'flamelens-profiles-app';

export interface PackageResult {
  zipPath: string;
  sha1Path: string;
  sha256Path: string;
  version: string;
  /** Paths inside the zip, sorted. */
  entries: string[];
  sha1: string;
  sha256: string;
}

/** Id and version of the built plugin, checked: the build must have replaced the `%VERSION%` placeholder. */
export function builtPluginInfo(distDir: string): { id: string; version: string } {
  const file = join(distDir, 'plugin.json');
  if (!existsSync(file)) {
    throw new Error(`${file} not found: build the plugin first (npm run build)`);
  }
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const json =
    typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown; info?: { version?: unknown } }) : {};
  const version = json.info?.version;
  if (json.id !== PLUGIN_ID) {
    throw new Error(`${file} is the plugin "${String(json.id)}", expected "${PLUGIN_ID}"`);
  }
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version)) {
    throw new Error(
      `${file} has no release version in info.version (got "${String(version)}"): rebuild with npm run build`
    );
  }
  return { id: json.id, version };
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        stack.push(path);
      } else if (entry.isFile()) {
        files.push(path);
      }
    }
  }
  return files.sort();
}

/** `<hex>  <file name>\n`, as `sha1sum` / `sha256sum` print it (and `-c` reads it). */
export function checksumLine(hex: string, fileName: string): string {
  return `${hex}  ${fileName}\n`;
}

/** Zips `distDir` under `<id>/` into `outDir`; returns the written paths and hashes. */
export function packagePlugin(distDir: string, outDir: string): PackageResult {
  const { id, version } = builtPluginInfo(distDir);
  const tree: Zippable = {};
  const entries: string[] = [];
  for (const file of filesUnder(distDir)) {
    const entry = `${id}/${relative(distDir, file).split(sep).join('/')}`;
    tree[entry] = [new Uint8Array(readFileSync(file)), { mtime: statSync(file).mtime }];
    entries.push(entry);
  }
  const zip = zipSync(tree, { level: 9 });
  const zipPath = join(outDir, `${id}-${version}.zip`);
  writeFileSync(zipPath, zip);
  const sha1 = createHash('sha1').update(zip).digest('hex');
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const sha1Path = `${zipPath}.sha1`;
  const sha256Path = `${zipPath}.sha256`;
  writeFileSync(sha1Path, checksumLine(sha1, basename(zipPath)));
  writeFileSync(sha256Path, checksumLine(sha256, basename(zipPath)));
  return { zipPath, sha1Path, sha256Path, version, entries, sha1, sha256 };
}
