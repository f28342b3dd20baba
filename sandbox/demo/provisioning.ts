import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Provisioning for a demo without Prometheus: a temporary copy of `provisioning/` whose datasources leave the
 * Prometheus one out and whose dashboards draw each Prometheus panel from the profiles instead (our datasource's
 * `metrics` query: CPU time per second is cores too).
 */

export const PYROSCOPE_DATASOURCE_TYPE = 'flamelens-pyroscope-datasource';

/** Title suffix of a panel that Prometheus would have drawn. */
export const NO_PROMETHEUS_TITLE = '(from profiles; Prometheus not installed)';

/**
 * Removes the items of the top-level `datasources:` list whose `type` is `type`, from a provisioning file written
 * the way ours is (block style, one `- name:` item per datasource). Comments and other keys are kept.
 */
export function removeDatasourcesOfType(yaml: string, type: string): string {
  const lines = yaml.split('\n');
  const listAt = lines.findIndex((l) => /^datasources:\s*(#.*)?$/.test(l));
  if (listAt < 0) {
    return yaml;
  }
  const out = lines.slice(0, listAt + 1);
  let item: string[] = [];
  let itemIndent = -1;
  const flush = (): void => {
    const typeLine = new RegExp(`^\\s*(- )?type:\\s*(['"]?)${escapeRegExp(type)}\\2\\s*(#.*)?$`);
    if (!item.some((l) => typeLine.test(l))) {
      out.push(...item);
    }
    item = [];
  };
  let i = listAt + 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.search(/\S/);
    const blankOrComment = indent < 0 || line.trimStart().startsWith('#');
    if (!blankOrComment && indent === 0) {
      break; // the next top-level key
    }
    if (!blankOrComment && line.trimStart().startsWith('- ') && (itemIndent < 0 || indent === itemIndent)) {
      flush();
      itemIndent = indent;
    }
    item.push(line);
  }
  flush();
  return [...out, ...lines.slice(i)].join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function datasourceType(panelOrTarget: Json): string | undefined {
  const ds = panelOrTarget.datasource;
  return isObject(ds) && typeof ds.type === 'string' ? ds.type : undefined;
}

/**
 * The dashboard with every Prometheus panel turned into a `metrics` query of our datasource, with the profile type
 * and selector of the dashboard's first profile query (the flame graph), so it shows the same service's CPU, and
 * without its Prometheus datasource variables.
 */
export function dashboardWithoutPrometheus(dashboard: Json): Json {
  const panels = Array.isArray(dashboard.panels) ? dashboard.panels.filter(isObject) : [];
  const source = panels
    .filter((p) => datasourceType(p) === PYROSCOPE_DATASOURCE_TYPE && Array.isArray(p.targets))
    .flatMap((p) => (p.targets as unknown[]).filter(isObject))
    .find((t) => typeof t.profileTypeId === 'string');
  if (!source) {
    return dashboard;
  }
  const replaced = (Array.isArray(dashboard.panels) ? dashboard.panels : []).map((panel: unknown) => {
    if (!isObject(panel) || datasourceType(panel) !== 'prometheus') {
      return panel;
    }
    const datasource =
      source.datasource ?? panels.find((p) => datasourceType(p) === PYROSCOPE_DATASOURCE_TYPE)?.datasource;
    const title = typeof panel.title === 'string' ? panel.title.replace(/\s*\(Prometheus\)\s*$/, '') : 'CPU usage';
    return {
      ...panel,
      title: `${title} ${NO_PROMETHEUS_TITLE}`,
      description:
        'CPU time per second of the demo workload, from its profiles: Prometheus is not installed, so this panel ' +
        'asks the profiling datasource instead. Drag across a spike to see its profile below.',
      datasource,
      targets: [
        {
          refId: 'A',
          datasource,
          queryType: 'metrics',
          profileTypeId: source.profileTypeId,
          labelSelector: source.labelSelector,
        },
      ],
    };
  });
  return withoutPrometheusVariables({ ...dashboard, panels: replaced });
}

/**
 * Drops the datasource variables that list Prometheus datasources (nothing would fill them) and their
 * `&${name:queryparam}` in links, which would otherwise carry an empty `var-<name>=`.
 */
function withoutPrometheusVariables(dashboard: Json): Json {
  const templating = isObject(dashboard.templating) ? dashboard.templating : undefined;
  const list = templating && Array.isArray(templating.list) ? templating.list : [];
  const isPrometheusVariable = (v: unknown): boolean =>
    isObject(v) && v.type === 'datasource' && v.query === 'prometheus';
  const names = list.filter(isPrometheusVariable).map((v) => String((v as Json).name));
  if (names.length === 0) {
    return dashboard;
  }
  let json = JSON.stringify({
    ...dashboard,
    templating: { ...templating, list: list.filter((v) => !isPrometheusVariable(v)) },
  });
  for (const name of names) {
    json = json.split(`&\${${name}:queryparam}`).join('');
  }
  return JSON.parse(json) as Json;
}

export interface DemoProvisioning {
  /** Directory with `datasources/` and `dashboards/`. */
  dir: string;
  /** True when `dir` is a modified temporary copy. */
  modified: boolean;
  /** Removes the temporary copy (nothing for the original). */
  cleanup(): void;
}

/** `sourceDir` itself with Prometheus, else a temporary copy without it. */
export function prepareProvisioning(sourceDir: string, withPrometheus: boolean): DemoProvisioning {
  if (withPrometheus) {
    return { dir: sourceDir, modified: false, cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'flamelens-provisioning-'));
  cpSync(sourceDir, dir, { recursive: true });
  for (const file of filesIn(join(dir, 'datasources'), /\.ya?ml$/)) {
    writeFileSync(file, removeDatasourcesOfType(readFileSync(file, 'utf8'), 'prometheus'));
  }
  // Alert rules on the Prometheus datasource cannot run without it (Grafana would report them as errors).
  for (const file of filesIn(join(dir, 'alerting'), /\.ya?ml$/)) {
    if (usesPrometheusDatasource(readFileSync(file, 'utf8'))) {
      rmSync(file);
    }
  }
  for (const file of filesIn(join(dir, 'dashboards'), /\.json$/)) {
    const dashboard: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isObject(dashboard)) {
      writeFileSync(file, `${JSON.stringify(dashboardWithoutPrometheus(dashboard), null, 2)}\n`);
    }
  }
  return { dir, modified: true, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** True when an alerting provisioning file queries the demo's Prometheus datasource. */
export function usesPrometheusDatasource(yaml: string): boolean {
  return /datasourceUid:\s*['"]?flamelens-prometheus['"]?\s*$/m.test(yaml);
}

function filesIn(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(dir, e.name));
}
