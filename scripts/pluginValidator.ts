import fs from 'fs';
import path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import semver from 'semver';

import { filesBelow, sniffImage, TYPE_BY_EXTENSION } from './pluginFiles';

/**
 * The offline rules of Grafana's plugin validator (github.com/grafana/plugin-validator, the checks the plugin catalog
 * review runs), in our own code: Grafana's validator is a Go binary downloaded from GitHub and cannot run here. Each
 * finding carries the validator's rule name, so a report reads like the validator's. The rules, per pass:
 *
 * - `archive`, `archivename` (zip only): one top-level folder, named after the plugin id, no `dist/` inside it.
 * - `nestedmetadata`, `metadatavalid`: every `plugin.json` parses and is valid against Grafana's plugin JSON schema
 *   (the validator checks the root one against it; we check the nested ones too).
 * - `includesnested`: every nested `plugin.json` is an `includes` entry of the root app whose `path` is its path
 *   relative to the root and whose `type` is its type; nested plugins only inside an app.
 * - `logos`, `metadatapaths`, `screenshots`: logos set; logo and screenshot paths relative (not a URL, not starting
 *   with `.` or `/`) and present beside their `plugin.json`; screenshots PNG, JPEG, GIF or SVG by content, matching
 *   their extension. We apply the same to the `path` of included dashboards (Grafana reads them from the plugin).
 * - `grafanadependency`: `dependencies.grafanaDependency` parses as a version constraint (see {@link validRange}).
 * - `typesuffix`, `pluginname`: the id ends in `-<type>`, has at least three parts, and is not the name.
 * - `version`: `info.version` is a semantic version.
 * - `modulejs`: a `module.js` beside every `plugin.json` (the validator asks for at least one; Grafana loads each
 *   plugin's own).
 * - `readme`, `changelog`, `license`: README.md and CHANGELOG.md present and not empty, LICENSE present.
 *
 * - `trackingscripts`, stricter: the validator reports URLs in module.js whose host is on a tracker block list; we
 *   allow only the hosts in {@link KNOWN_URL_HOSTS}, so a new host in the bundle fails until someone looks at it.
 *
 * Online passes (grafana.com lookups, virus scan, source-code diffing, OSV) and the heuristic ones (README jargon,
 * SVG sanitising) are left out.
 */

export interface Finding {
  /** The plugin validator's rule name, e.g. `nested-plugins-not-declared`. */
  rule: string;
  /** The file concerned, relative to the plugin root. */
  file: string;
  message: string;
}

interface PluginJson {
  id?: unknown;
  type?: unknown;
  name?: unknown;
  info?: {
    version?: unknown;
    logos?: { small?: unknown; large?: unknown };
    screenshots?: Array<{ name?: unknown; path?: unknown }>;
  };
  includes?: Array<{ type?: unknown; path?: unknown; name?: unknown }>;
  dependencies?: { grafanaDependency?: unknown };
}

/** Grafana's plugin JSON schema, kept as a fixture (fixtures/README.md says where it comes from). */
export const SCHEMA_FILE = path.join(__dirname, '..', 'fixtures', 'grafana-plugin-schema', 'plugin.schema.json');

let compiled: ValidateFunction | undefined;

/** Validates one plugin.json against the schema; returns ajv's errors as `<field>: <message>` lines. */
export function schemaErrors(json: unknown): string[] {
  if (!compiled) {
    // Not strict: the schema uses keywords ajv's strict mode frowns on (`additionalItems` beside an object `items`),
    // which draft-07 and Grafana's validator (gojsonschema) ignore; formats (`uri`, `email`) are checked. Patterns
    // without the `u` flag: the schema escapes `-` (`\-`), which Go's regexp accepts and JavaScript's Unicode mode
    // does not.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  if (compiled(json)) {
    return [];
  }
  return (compiled.errors ?? []).map((e) => {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    return `${e.instancePath || '(root)'}: ${e.message ?? 'invalid'}${extra ? ` (${extra})` : ''}`;
  });
}

/**
 * Whether a `grafanaDependency` is a valid constraint. Grafana's validator parses it with Masterminds/semver
 * (`NewConstraint`); Grafana's plugin schema says the field is read with npm's node-semver. We use npm's `semver` range
 * parser after two adjustments so it reads what Masterminds reads: a comma between comparators means "and" (npm: a
 * space), and an empty constraint is an error (npm reads it as `*`). Where the two parsers differ we require what
 * both read: Masterminds' extra operators `!=`, `=>` and `=<` are refused (npm does not know them), as are
 * four-part versions (neither does). Masterminds and npm also differ in how a range matches pre-releases, which
 * only matters when checking a version against the range, not when parsing it.
 */
export function validRange(constraint: unknown): boolean {
  if (typeof constraint !== 'string' || constraint.trim() === '') {
    return false;
  }
  const npmStyle = constraint
    .split('||')
    .map((part) => part.replace(/\s*,\s*/g, ' ').trim())
    .join(' || ');
  if (npmStyle.split('||').some((part) => part.trim() === '')) {
    return false;
  }
  return semver.validRange(npmStyle) !== null;
}

/** The `metadatapaths` checks of one path named by a plugin.json; returns the finding, if any. */
function checkRelativePath(kind: string, value: unknown, baseDir: string, root: string, file: string): Finding[] {
  if (typeof value !== 'string' || value.trim() === '') {
    return [{ rule: kind.endsWith('logo') ? 'logos' : 'invalid-path', file, message: `empty ${kind} path` }];
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return [{ rule: 'path-relative-to-metadata', file, message: `${kind} path is a URL: ${value}` }];
  }
  if (value.startsWith('.') || value.startsWith('/')) {
    return [{ rule: 'invalid-relative-path', file, message: `${kind} path must be relative and plain: ${value}` }];
  }
  const full = path.join(root, baseDir, value);
  if (!fs.existsSync(full)) {
    const shown = path.relative(root, full).split(path.sep).join('/');
    return [{ rule: 'path-not-exists', file, message: `${kind} not found: ${shown}` }];
  }
  return [];
}

function readPluginJson(root: string, file: string, findings: Finding[]): PluginJson | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  } catch (e) {
    findings.push({ rule: 'invalid-metadata', file, message: `not JSON: ${(e as Error).message}` });
    return undefined;
  }
  for (const error of schemaErrors(parsed)) {
    findings.push({ rule: 'invalid-metadata', file, message: `schema: ${error}` });
  }
  return typeof parsed === 'object' && parsed !== null ? (parsed as PluginJson) : undefined;
}

/**
 * Hosts of the http(s) URLs our module.js files may hold: Grafana's documentation links and the placeholders of the
 * datasource's URL field and messages (`http://pyroscope:4040`, `http://localhost:4040`), and the SVG namespace
 * (`http://www.w3.org/2000/svg`, a name the call graph's SVG export writes, never fetched).
 */
export const KNOWN_URL_HOSTS = new Set(['grafana.com', 'pyroscope', 'localhost', 'www.w3.org']);

/** The `trackingscripts` finding for each URL host of a module.js outside {@link KNOWN_URL_HOSTS}. */
function urlHostFindings(root: string, file: string): Finding[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const hosts = new Set(
    [...text.matchAll(/https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)/gi)].map((m) => m[1].toLowerCase())
  );
  return [...hosts]
    .filter((h) => !KNOWN_URL_HOSTS.has(h))
    .map((h) => ({
      rule: 'tracking-scripts',
      file,
      message: `a URL to ${h}: not a host this plugin is known to name`,
    }));
}

/** Applies the rules to an unpacked plugin: `root` holds the root `plugin.json` (dist/, or the zip's folder). */
export function validatePluginDir(root: string): Finding[] {
  const findings: Finding[] = [];
  const files = filesBelow(root);
  const metadataFiles = files.filter((f) => f === 'plugin.json' || f.endsWith('/plugin.json'));
  if (!metadataFiles.includes('plugin.json')) {
    return [{ rule: 'missing-metadata', file: 'plugin.json', message: 'no plugin.json at the plugin root' }];
  }
  const metadata = new Map<string, PluginJson>();
  for (const file of metadataFiles) {
    const json = readPluginJson(root, file, findings);
    if (json) {
      metadata.set(file, json);
    }
  }
  // Every script the browser may load, not only module.js: lazily loaded chunks (the call graph's WebAssembly
  // layout) and workers (the datasource's decoder) ship beside them.
  for (const script of files.filter((f) => f.endsWith('.js') && f !== 'module.js' && !f.endsWith('/module.js'))) {
    findings.push(...urlHostFindings(root, script));
  }
  const main = metadata.get('plugin.json');
  const nested = metadataFiles.filter((f) => f !== 'plugin.json');
  if (main && nested.length > 0 && main.type !== 'app') {
    findings.push({
      rule: 'nested-plugin-id-in-non-app',
      file: 'plugin.json',
      message: `a ${main.type} has nested plugins`,
    });
  } else if (main) {
    for (const file of nested) {
      const include = (main.includes ?? []).find((i) => i.path === file);
      const type = metadata.get(file)?.type;
      if (!include) {
        findings.push({
          rule: 'nested-plugins-not-declared',
          file: 'plugin.json',
          message: `${file} is not in includes (an entry with "path": "${file}")`,
        });
      } else if (!include.type) {
        findings.push({
          rule: 'nested-plugin-missing-type',
          file: 'plugin.json',
          message: `include ${file} has no type`,
        });
      } else if (include.type !== type) {
        findings.push({
          rule: 'nested-plugin-type-missmatch',
          file: 'plugin.json',
          message: `include ${file} has type ${String(include.type)}, its plugin.json ${String(type)}`,
        });
      }
    }
  }
  for (const [file, json] of metadata) {
    findings.push(...checkPlugin(root, file, json, files));
  }
  for (const [name, rule] of [
    ['README.md', 'missing-readme'],
    ['CHANGELOG.md', 'missing-changelog'],
    ['LICENSE', 'license-not-provided'],
  ]) {
    const full = path.join(root, name);
    if (!fs.existsSync(full) || fs.readFileSync(full, 'utf8').trim() === '') {
      findings.push({ rule, file: name, message: `${name} is missing or empty` });
    }
  }
  return findings;
}

/** The rules that concern one plugin.json on its own. */
function checkPlugin(root: string, file: string, json: PluginJson, files: string[]): Finding[] {
  const findings: Finding[] = [];
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const id = typeof json.id === 'string' ? json.id : '';
  const parts = id.split('-');
  if (json.type && parts[parts.length - 1] !== json.type) {
    findings.push({ rule: 'plugin-type-suffix', file, message: `id ${id} does not end in -${String(json.type)}` });
  }
  if (parts.length < 3) {
    findings.push({ rule: 'invalid-id-format', file, message: `id ${id} is not <org>-<name>-<type>` });
  }
  if (id !== '' && json.name === id) {
    findings.push({ rule: 'plugin-name-not-human-friendly', file, message: `name is the id (${id})` });
  }
  if (!validRange(json.dependencies?.grafanaDependency)) {
    findings.push({
      rule: 'invalid-grafana-dependency',
      file,
      message: `grafanaDependency ${JSON.stringify(json.dependencies?.grafanaDependency)} is not a version range`,
    });
  }
  if (typeof json.info?.version !== 'string' || semver.valid(json.info.version) === null) {
    findings.push({ rule: 'wrong-plugin-version', file, message: `info.version ${String(json.info?.version)}` });
  }
  const moduleJs = dir ? `${dir}/module.js` : 'module.js';
  if (!files.includes(moduleJs)) {
    findings.push({ rule: 'missing-modulejs', file, message: `no module.js beside ${file}` });
  } else {
    findings.push(...urlHostFindings(root, moduleJs));
  }
  findings.push(...checkRelativePath('small logo', json.info?.logos?.small, dir, root, file));
  findings.push(...checkRelativePath('large logo', json.info?.logos?.large, dir, root, file));
  for (const shot of json.info?.screenshots ?? []) {
    const found = checkRelativePath('screenshot', shot.path, dir, root, file);
    findings.push(...found);
    if (found.length === 0) {
      const full = path.join(root, dir, String(shot.path));
      const sniffed = sniffImage(fs.readFileSync(full));
      const expected = TYPE_BY_EXTENSION[path.extname(full).toLowerCase()];
      if (!sniffed || sniffed !== expected) {
        findings.push({
          rule: 'screenshots-image-type',
          file,
          message: `${String(shot.path)} is ${sniffed ?? 'not an image'}, its extension says ${expected ?? 'unknown'}`,
        });
      }
    }
  }
  for (const include of json.includes ?? []) {
    if (include.type === 'dashboard') {
      findings.push(...checkRelativePath('dashboard include', include.path, dir, root, file));
    }
  }
  return findings;
}
