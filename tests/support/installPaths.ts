import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

/**
 * The datasources each documented install path gives Grafana, read from the files users install with (parsed as
 * YAML, the way Grafana and Helm read them), and the datasource references of the dashboards we ship, so a test can
 * check that every dashboard works on every path.
 */

export interface ProvidedDatasource {
  uid: string;
  type: string;
  url?: string;
}

export interface InstallPath {
  name: string;
  datasources: ProvidedDatasource[];
  /** Environment variables Grafana gets on this path (for `${VAR}` in provisioning files); undefined: unknown. */
  env?: Record<string, string>;
  /** Datasource uids the path's alert rules query (only the provisioning folder ships alert rules). */
  alertRuleDatasources: string[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function listOf(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** The `datasources:` entries of one provisioning document. */
export function datasourcesOf(doc: unknown): ProvidedDatasource[] {
  return listOf(isObject(doc) ? doc.datasources : undefined).map((d) => ({
    uid: String(d.uid),
    type: String(d.type),
    ...(typeof d.url === 'string' ? { url: d.url } : {}),
  }));
}

function yamlFiles(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => path.join(dir, f))
    : [];
}

/** What a Grafana provisioning folder (`datasources/`, `alerting/`) provides. */
export function provisioningFolder(name: string, dir: string, env?: Record<string, string>): InstallPath {
  const datasources = yamlFiles(path.join(dir, 'datasources')).flatMap((f) =>
    datasourcesOf(YAML.parse(fs.readFileSync(f, 'utf8')))
  );
  const alertRuleDatasources = yamlFiles(path.join(dir, 'alerting')).flatMap((f) => {
    const doc: unknown = YAML.parse(fs.readFileSync(f, 'utf8'));
    return listOf(isObject(doc) ? doc.groups : undefined)
      .flatMap((g) => listOf(g.rules))
      .flatMap((r) => listOf(r.data))
      .map((q) => String(q.datasourceUid))
      .filter((uid) => uid !== '__expr__');
  });
  return { name, datasources, env, alertRuleDatasources };
}

/**
 * docker compose: the `grafana` service (following `extends`), the host folder it mounts at
 * /etc/grafana/provisioning, and its environment.
 */
export function composePath(composeFile: string): InstallPath {
  const compose = YAML.parse(fs.readFileSync(composeFile, 'utf8')) as Json;
  const service = (isObject(compose.services) ? compose.services.grafana : undefined) as Json | undefined;
  if (!service) {
    throw new Error(`${composeFile} has no grafana service`);
  }
  let volumes: string[] = Array.isArray(service.volumes) ? service.volumes.map(String) : [];
  let volumeBase = path.dirname(composeFile);
  const env: Record<string, string> = {};
  const ext = isObject(service.extends) ? service.extends : undefined;
  if (ext && typeof ext.file === 'string') {
    const baseFile = path.resolve(path.dirname(composeFile), ext.file);
    const base = YAML.parse(fs.readFileSync(baseFile, 'utf8')) as Json;
    const baseService = (isObject(base.services) ? base.services[String(ext.service)] : undefined) as Json;
    Object.assign(env, baseService.environment ?? {});
    if (volumes.length === 0 && Array.isArray(baseService.volumes)) {
      volumes = baseService.volumes.map(String);
      volumeBase = path.dirname(baseFile);
    }
  }
  Object.assign(env, service.environment ?? {});
  const mount = volumes.map((v) => v.split(':')).find((parts) => parts[1] === '/etc/grafana/provisioning');
  if (!mount) {
    throw new Error(`${composeFile}: the grafana service mounts no provisioning folder`);
  }
  return provisioningFolder('docker compose', path.resolve(volumeBase, mount[0]), env);
}

/** The Grafana Helm chart's values: `datasources:` (one provisioning document per key) and `env:`. */
export function helmPath(valuesFile: string): InstallPath {
  const values = YAML.parse(fs.readFileSync(valuesFile, 'utf8')) as Json;
  const docs = isObject(values.datasources) ? Object.values(values.datasources) : [];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(isObject(values.env) ? values.env : {})) {
    env[k] = String(v);
  }
  for (const k of Object.keys(isObject(values.envValueFrom) ? values.envValueFrom : {})) {
    env[k] = '(from a Secret)';
  }
  return { name: 'Helm', datasources: docs.flatMap(datasourcesOf), env, alertRuleDatasources: [] };
}

/**
 * The release zip in a user's own Grafana (docs/install.md): the Flamelens datasource as the guide's provisioning
 * example creates it, and a Prometheus the user already has, under a uid of the user's.
 */
export function ownGrafanaPath(installGuide: string): InstallPath {
  const text = fs.readFileSync(installGuide, 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1].replace(/^ {3}/gm, ''));
  const example = blocks.map((b) => YAML.parse(b) as unknown).find((doc) => datasourcesOf(doc).length > 0);
  if (!example) {
    throw new Error(`${installGuide} has no provisioning example with datasources`);
  }
  return {
    name: 'release zip in your own Grafana',
    datasources: [...datasourcesOf(example), { uid: 'users-own-prometheus', type: 'prometheus' }],
    alertRuleDatasources: [],
  };
}

/** `${VAR}` and `$VAR` names a provisioning value reads from the environment. */
export function envNames(value: string): string[] {
  return [...value.matchAll(/\$\{(\w+)\}|\$(\w+)/g)].map((m) => m[1] ?? m[2]);
}
