import type { InstallPath } from './installPaths';

/**
 * The datasources a dashboard save model names, and whether an install path gives Grafana what they need. A reference
 * is either a datasource variable (`${name}` / `$name`, resolved by Grafana to a datasource the user has) or a fixed
 * uid, which only works where that uid exists.
 */

export interface DatasourceRef {
  /** Where in the dashboard, e.g. `panels[1].targets[0]`. */
  where: string;
  type?: string;
  uid: string;
}

export interface DatasourceVariable {
  name: string;
  pluginId: string;
  current?: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Grafana's own datasources, present in every Grafana. */
const BUILT_IN = new Set(['-- Grafana --', 'grafana', '-- Mixed --', '-- Dashboard --']);

/**
 * Every datasource reference: `datasource` objects (or legacy name strings) anywhere (panels, targets, annotations,
 * variables), `datasourceUid` fields, and `var-<datasource variable>=<uid>` in link URLs.
 */
export function datasourceRefs(dashboard: unknown, variables: DatasourceVariable[]): DatasourceRef[] {
  const refs: DatasourceRef[] = [];
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${where}[${i}]`));
      return;
    }
    if (!isObject(v)) {
      return;
    }
    for (const [key, value] of Object.entries(v)) {
      if (key === 'datasource' && isObject(value) && typeof value.uid === 'string') {
        refs.push({ where, uid: value.uid, ...(typeof value.type === 'string' ? { type: value.type } : {}) });
      } else if (key === 'datasource' && typeof value === 'string') {
        refs.push({ where, uid: value });
      } else if (key === 'datasourceUid' && typeof value === 'string') {
        refs.push({ where, uid: value });
      } else if (key === 'url' && typeof value === 'string') {
        for (const variable of variables) {
          const m = new RegExp(`[?&]var-${variable.name}=([^&$]+)`).exec(value);
          if (m) {
            refs.push({ where: `${where}.url`, type: variable.pluginId, uid: decodeURIComponent(m[1]) });
          }
        }
      } else {
        walk(value, where ? `${where}.${key}` : key);
      }
    }
  };
  walk(dashboard, '');
  return refs;
}

export function datasourceVariables(dashboard: unknown): DatasourceVariable[] {
  const templating = isObject(dashboard) && isObject(dashboard.templating) ? dashboard.templating : {};
  const list = Array.isArray(templating.list) ? templating.list.filter(isObject) : [];
  return list
    .filter((v) => v.type === 'datasource')
    .map((v) => {
      const current = isObject(v.current) ? v.current.value : undefined;
      return {
        name: String(v.name),
        pluginId: String(v.query),
        ...(typeof current === 'string' ? { current } : {}),
      };
    });
}

/** The variable a uid names (`${name}`, `${name:format}` or `$name`), if it is written as one. */
function variableName(uid: string): string | undefined {
  return /^\$\{(\w+)(?::\w+)?\}$|^\$(\w+)$/.exec(uid)?.slice(1).find(Boolean);
}

/** What breaks when the dashboard is opened on `install`; empty when it works. */
export function dashboardProblems(dashboard: unknown, install: InstallPath): string[] {
  const problems: string[] = [];
  const variables = datasourceVariables(dashboard);
  for (const variable of variables) {
    if (!install.datasources.some((d) => d.type === variable.pluginId)) {
      problems.push(`variable ${variable.name}: no ${variable.pluginId} datasource to choose from`);
    }
  }
  for (const ref of datasourceRefs(dashboard, variables)) {
    const name = variableName(ref.uid);
    if (name !== undefined) {
      const variable = variables.find((v) => v.name === name);
      if (!variable) {
        problems.push(`${ref.where}: ${ref.uid} is no datasource variable of the dashboard`);
      } else if (ref.type && ref.type !== variable.pluginId) {
        problems.push(`${ref.where}: a ${ref.type} reference to ${ref.uid}, which lists ${variable.pluginId}`);
      }
    } else if (!BUILT_IN.has(ref.uid) && !(ref.type && BUILT_IN.has(ref.type))) {
      const provided = install.datasources.find((d) => d.uid === ref.uid);
      if (!provided) {
        problems.push(`${ref.where}: datasource uid ${ref.uid} is not provided`);
      } else if (ref.type && provided.type !== ref.type) {
        problems.push(`${ref.where}: ${ref.uid} is a ${provided.type}, the dashboard expects ${ref.type}`);
      }
    }
  }
  return problems;
}
