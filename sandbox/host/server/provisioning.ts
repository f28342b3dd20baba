import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import YAML from 'yaml';

import { expandProvisioningValue, type ExpansionEnv } from './envExpand';
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
  type ProvisionedDashboard,
  type ProvisionedDataSource,
} from './types';

/** A provisioning file that Grafana would refuse; the message names the file. */
export class ProvisioningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProvisioningError';
  }
}

/** What the sandbox reads from a provisioning folder. */
export interface Provisioning {
  /** Datasources in the order Grafana creates them (files by name, entries in file order). */
  datasources: ProvisionedDataSource[];
  /** Dashboards ordered by file name. */
  dashboards: ProvisionedDashboard[];
}

/**
 * Reads `dir/datasources/*.yaml|yml` (Grafana's datasource provisioning format, `apiVersion: 1`, with its
 * environment expansion) and `dir/dashboards/*.json` (the dashboard files a file provider points at; the provider
 * `*.yaml` files themselves are for real Grafana and ignored here).
 *
 * @throws ProvisioningError naming the file for unreadable YAML/JSON or a configuration Grafana would reject.
 */
export function readProvisioning(dir: string, env: ExpansionEnv): Provisioning {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ProvisioningError(`provisioning folder ${dir} does not exist`);
  }
  return {
    datasources: readDataSources(join(dir, 'datasources'), env),
    dashboards: readDashboards(join(dir, 'dashboards')),
  };
}

function filesIn(dir: string, extensions: string[]): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((name) => extensions.includes(extname(name).toLowerCase()) && statSync(join(dir, name)).isFile())
    .sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Datasources

function readDataSources(dir: string, env: ExpansionEnv): ProvisionedDataSource[] {
  const byName = new Map<string, ProvisionedDataSource>();
  for (const name of filesIn(dir, ['.yaml', '.yml'])) {
    const path = join(dir, name);
    const file = parseYamlFile(path);
    for (const deleted of file.deleteDatasources) {
      byName.delete(deleted);
    }
    for (const entry of file.datasources) {
      const ds = toDataSource(entry, env, path);
      // A datasource provisioned again under the same name is updated in place (Grafana upserts by name).
      byName.set(ds.record.name, ds);
    }
  }
  const datasources = [...byName.values()];
  const defaults = datasources.filter((ds) => ds.record.isDefault);
  if (defaults.length > 1) {
    throw new ProvisioningError(
      `datasource.yaml config is invalid. Only one datasource per organization can be marked as default ` +
        `(${defaults.map((ds) => ds.record.name).join(', ')} in ${dir})`
    );
  }
  return datasources;
}

/** One datasource entry in two readings: every scalar as written (failsafe) and typed (YAML 1.2 core). */
interface YamlEntry {
  text: Record<string, unknown>;
  typed: Record<string, unknown>;
}

function parseYamlFile(path: string): { datasources: YamlEntry[]; deleteDatasources: string[] } {
  const source = readFileSync(path, 'utf8');
  // Grafana reads string, number and bool fields from the scalar's text and expands the environment in it; the
  // failsafe schema keeps that text (`01`, `yes`), the core schema gives jsonData its JSON types.
  const text = YAML.parseDocument(source, { schema: 'failsafe', prettyErrors: true });
  const typed = YAML.parseDocument(source, { prettyErrors: true });
  const errors = [...typed.errors, ...text.errors];
  if (errors.length > 0) {
    throw new ProvisioningError(`cannot parse provisioning file ${path}: ${errors[0].message.trim()}`);
  }
  const textRoot: unknown = text.toJSON();
  const typedRoot: unknown = typed.toJSON();
  if (textRoot === null || textRoot === undefined) {
    return { datasources: [], deleteDatasources: [] };
  }
  if (!isJsonObject(textRoot) || !isJsonObject(typedRoot)) {
    throw new ProvisioningError(`provisioning file ${path} must be a YAML mapping (apiVersion, datasources)`);
  }
  const apiVersion = typedRoot.apiVersion;
  if (apiVersion !== 1) {
    throw new ProvisioningError(
      `provisioning file ${path}: apiVersion ${JSON.stringify(apiVersion ?? null)} is not supported ` +
        '(the sandbox reads apiVersion: 1, the format Grafana documents)'
    );
  }
  const textList = listOf(textRoot.datasources, `provisioning file ${path}`, 'datasources');
  const typedList = listOf(typedRoot.datasources, `provisioning file ${path}`, 'datasources');
  const datasources = textList.map((entry, i) => {
    const typedEntry = typedList[i];
    if (!isJsonObject(entry) || !isJsonObject(typedEntry)) {
      throw new ProvisioningError(`provisioning file ${path}: datasources[${i}] must be a mapping`);
    }
    return { text: entry, typed: typedEntry };
  });
  const deleteDatasources = listOf(textRoot.deleteDatasources, `provisioning file ${path}`, 'deleteDatasources').map(
    (entry, i) => {
      if (!isJsonObject(entry) || typeof entry.name !== 'string') {
        throw new ProvisioningError(`provisioning file ${path}: deleteDatasources[${i}] needs a name`);
      }
      return entry.name;
    }
  );
  return { datasources, deleteDatasources };
}

function toDataSource(entry: YamlEntry, env: ExpansionEnv, path: string): ProvisionedDataSource {
  const expandText = (key: string): string | undefined => {
    const raw = entry.typed[key] === null ? undefined : entry.text[key];
    if (raw === undefined) {
      return undefined;
    }
    if (typeof raw !== 'string') {
      throw new ProvisioningError(`provisioning file ${path}: ${key} must be a scalar value`);
    }
    return expand(raw, env, path, key);
  };
  const name = expandText('name') ?? '';
  const where = `provisioning file ${path}, datasource ${JSON.stringify(name)}`;
  const bool = (key: string): boolean => parseGoBool(expandText(key), `${where}: ${key}`);
  const int = (key: string): number | undefined => parseGoInt(expandText(key), `${where}: ${key}`);
  const type = expandText('type') ?? '';
  if (name === '' || type === '') {
    throw new ProvisioningError(`${where}: every datasource needs a name and a type`);
  }
  const orgId = int('orgId') ?? 1;
  if (orgId !== 1) {
    throw new ProvisioningError(
      `failed to provision ${JSON.stringify(name)} data source: organization ${orgId} not found (the sandbox has org 1)`
    );
  }
  const access = expandText('access');
  return {
    record: {
      uid: expandText('uid') || generatedUid(name),
      orgId,
      name,
      type,
      // Grafana logs a warning and uses proxy for anything else.
      access: access === 'direct' ? 'direct' : 'proxy',
      url: expandText('url') ?? '',
      user: expandText('user') ?? '',
      database: expandText('database') ?? '',
      basicAuth: bool('basicAuth'),
      basicAuthUser: expandText('basicAuthUser') ?? '',
      withCredentials: bool('withCredentials'),
      isDefault: bool('isDefault'),
      jsonData: expandJsonData(entry.typed.jsonData, env, where),
      version: int('version') ?? 1,
      readOnly: !bool('editable'),
    },
    secureJsonData: expandSecure(entry, env, where),
  };
}

function expand(value: string, env: ExpansionEnv, path: string, key: string): string {
  try {
    return expandProvisioningValue(value, env);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProvisioningError(`provisioning file ${path}: ${key}: failed to interpolate value: ${reason}`);
  }
}

function expandJsonData(value: unknown, env: ExpansionEnv, where: string): JsonObject {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isJsonObject(value)) {
    throw new ProvisioningError(`${where}: jsonData must be a mapping`);
  }
  const walk = (node: unknown, key: string): JsonValue => {
    if (typeof node === 'string') {
      return expand(node, env, where, key);
    }
    if (Array.isArray(node)) {
      return node.map((item, i) => walk(item, `${key}[${i}]`));
    }
    if (isJsonObject(node)) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, `${key}.${k}`)]));
    }
    if (typeof node === 'number' || typeof node === 'boolean' || node === null) {
      return node;
    }
    return String(node); // YAML timestamps and the like: Grafana would marshal their text
  };
  const result = walk(value, 'jsonData');
  return isJsonObject(result) ? result : {};
}

function expandSecure(entry: YamlEntry, env: ExpansionEnv, where: string): Record<string, string> {
  const raw = entry.text.secureJsonData;
  if (raw === undefined || raw === null) {
    return {};
  }
  if (!isJsonObject(raw)) {
    throw new ProvisioningError(`${where}: secureJsonData must be a mapping of strings`);
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== null && typeof value !== 'string') {
      throw new ProvisioningError(`${where}: secureJsonData.${key} must be a string`);
    }
    result[key] = expand(value ?? '', env, where, `secureJsonData.${key}`);
  }
  return result;
}

/** Go's `strconv.ParseBool`, as Grafana's provisioning BoolValue uses it. */
function parseGoBool(text: string | undefined, where: string): boolean {
  if (text === undefined) {
    return false;
  }
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) {
    return true;
  }
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) {
    return false;
  }
  throw new ProvisioningError(`${where}: strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
}

/** Go's `strconv.Atoi`; an empty value leaves the field unset, as in Grafana. */
function parseGoInt(text: string | undefined, where: string): number | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }
  if (!/^[+-]?\d+$/.test(text)) {
    throw new ProvisioningError(`${where}: cannot convert value int: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  return Number.parseInt(text, 10);
}

/** Grafana generates a random short uid when none is given; the sandbox derives a stable one from the name. */
function generatedUid(name: string): string {
  return createHash('sha1').update(name).digest('hex').slice(0, 14);
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboards

function readDashboards(dir: string): ProvisionedDashboard[] {
  return filesIn(dir, ['.json']).map((fileName) => {
    const path = join(dir, fileName);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProvisioningError(`cannot parse dashboard file ${path}: ${reason}`);
    }
    if (!isJsonObject(parsed)) {
      throw new ProvisioningError(`dashboard file ${path} must hold a JSON object (the dashboard model)`);
    }
    const { uid, title, tags } = parsed;
    if (typeof title !== 'string' || title.trim() === '') {
      throw new ProvisioningError(`dashboard file ${path}: dashboard title cannot be empty`);
    }
    if (typeof uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(uid)) {
      throw new ProvisioningError(
        `dashboard file ${path}: needs a "uid" of up to 40 letters, digits, "-" or "_" (the sandbox routes by uid)`
      );
    }
    const tagList = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
    return { fileName, uid, title, tags: tagList, dashboard: parsed };
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** A YAML list that may be absent (then empty); anything else is an error naming `file` and `key`. */
export function listOf(value: unknown, file: string, key: string): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new ProvisioningError(`${file}: ${key} must be a list`);
  }
  return value;
}
