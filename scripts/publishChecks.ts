import fs from 'fs';
import path from 'path';
import { unzipSync } from 'fflate';

import { filesBelow } from './pluginFiles';
import { validatePluginDir, type Finding } from './pluginValidator';

/**
 * Checks of what we publish beyond one plugin folder: the release zip as Grafana's validator unpacks it (its
 * `archive` and `archivename` passes, then the plugin rules of `pluginValidator.ts`), and the settings that only an
 * unsigned build needs.
 */

/** Unpacks a zip into `dir` (created), refusing entries that would land outside it. */
export function unpackZip(zipFile: string, dir: string): void {
  const entries = unzipSync(new Uint8Array(fs.readFileSync(zipFile)));
  for (const [name, data] of Object.entries(entries)) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) {
      throw new Error(`zip entry ${name} points outside the archive`);
    }
    if (name.endsWith('/')) {
      fs.mkdirSync(target, { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
  }
}

/**
 * The validator's rules on an unpacked release zip (`dir` holds what the zip held): one top-level folder, named after
 * the plugin id, holding the plugin itself rather than a `dist/` folder; then every plugin rule on that folder.
 */
export function validateArchive(dir: string): Finding[] {
  const top = fs.readdirSync(dir, { withFileTypes: true });
  if (top.length === 0) {
    return [{ rule: 'empty-archive', file: '', message: 'the archive is empty' }];
  }
  if (top.length !== 1) {
    const names = top.map((e) => e.name).join(', ');
    return [{ rule: 'more-than-one-dir', file: '', message: `one top-level folder expected, found ${names}` }];
  }
  if (!top[0].isDirectory()) {
    return [{ rule: 'no-root-dir', file: top[0].name, message: 'the archive holds a file, not a plugin folder' }];
  }
  const root = path.join(dir, top[0].name);
  const findings: Finding[] = [];
  if (fs.existsSync(path.join(root, 'dist'))) {
    findings.push({
      rule: 'dist',
      file: `${top[0].name}/dist`,
      message: 'the plugin folder holds dist/: zip its content',
    });
  }
  let id: unknown;
  try {
    id = (JSON.parse(fs.readFileSync(path.join(root, 'plugin.json'), 'utf8')) as { id?: unknown }).id;
  } catch {
    id = undefined; // reported by validatePluginDir
  }
  if (typeof id === 'string' && top[0].name !== id) {
    findings.push({
      rule: 'no-ident-root-dir',
      file: top[0].name,
      message: `the archive's folder is ${top[0].name}, the plugin id ${id}`,
    });
  }
  return [...findings, ...validatePluginDir(root)];
}

/**
 * Settings that make Grafana load a plugin without a valid signature: the allow list (`allow_loading_unsigned_plugins`
 * in an ini or YAML file, `GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS` in the environment) and development mode
 * (`app_mode = development`, `GF_DEFAULT_APP_MODE=development`), which loads any unsigned plugin.
 */
export const UNSIGNED_SETTING =
  /allow_loading_unsigned_plugins|ALLOW_LOADING_UNSIGNED_PLUGINS|app_mode\s*[=:]\s*['"]?development|APP_MODE['"]?\s*[=:]\s*['"]?development/;

/**
 * The marker a file must carry in its first lines when it holds an unsigned-only setting on purpose; its name must say
 * `unsigned` too, so that nobody copies it by accident.
 */
export const UNSIGNED_ONLY_MARKER = 'UNSIGNED BUILDS ONLY';

/**
 * Files under `dir` (relative to it) that hold an unsigned-only setting and are not clearly marked as such. Markdown
 * is prose that explains the setting, not a setting, and is skipped.
 */
export function unsignedSettingFindings(dir: string, prefix = ''): Finding[] {
  const findings: Finding[] = [];
  for (const file of filesBelow(dir)) {
    if (file.endsWith('.md') || file.endsWith('.map')) {
      continue;
    }
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const line = text.split('\n').findIndex((l) => UNSIGNED_SETTING.test(l));
    if (line < 0) {
      continue;
    }
    const head = text.split('\n').slice(0, 5).join('\n');
    const marked = path.basename(file).includes('unsigned') && head.includes(UNSIGNED_ONLY_MARKER);
    if (!marked) {
      findings.push({
        rule: 'unsigned-setting',
        file: `${prefix}${file}`,
        message: `line ${line + 1} sets what only an unsigned build needs; move it to a file named *unsigned* that starts with "${UNSIGNED_ONLY_MARKER}"`,
      });
    }
  }
  return findings;
}
