/**
 * The dashboard save model's `templating.list` as scenes variables, the way Grafana core's save-model transformer
 * maps them: query (through the datasource's variable support), custom, textbox, constant, interval and datasource
 * (scenes' `DataSourceVariable`: the datasources of the plugin id in `query`, listed by the DataSourceSrv's `getList`).
 * Each keeps its name, label, description, `hide` and URL sync, and starts from the saved `current` value (the URL,
 * synced by scenes, wins over it; a value no option has falls back to the first option, as in Grafana). Types scenes
 * has but the sandbox does not use (ad hoc, group by) are refused with the variable's name rather than silently
 * dropped.
 */
import type { DataSourceRef, VariableModel } from '@grafana/data';
import {
  ConstantVariable,
  CustomVariable,
  DataSourceVariable,
  IntervalVariable,
  QueryVariable,
  SceneVariableSet,
  TextBoxVariable,
  type SceneVariable,
  type VariableValue,
} from '@grafana/scenes';
import type { VariableHide, VariableRefresh, VariableSort } from '@grafana/schema';

/** The fields of a saved variable this transformer reads (the schema types most of them loosely). */
export interface SavedVariable {
  name: string;
  type: VariableModel['type'];
  label?: string | null;
  description?: string | null;
  hide?: number;
  skipUrlSync?: boolean;
  query?: unknown;
  current?: { value?: unknown; text?: unknown };
  datasource?: DataSourceRef | null;
  refresh?: number;
  sort?: number;
  regex?: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  definition?: string;
  auto?: boolean;
  auto_min?: string;
  auto_count?: number;
}

/** Builds the dashboard's variable set. */
export function variablesFromModel(list: SavedVariable[]): SceneVariableSet {
  return new SceneVariableSet({ variables: list.map(variableFromModel) });
}

export function variableFromModel(saved: SavedVariable): SceneVariable {
  const common = {
    name: saved.name,
    label: saved.label ?? undefined,
    description: saved.description ?? undefined,
    hide: (saved.hide ?? 0) as VariableHide,
    skipUrlSync: Boolean(saved.skipUrlSync),
  };
  const value = currentValue(saved.current?.value);
  const text = currentValue(saved.current?.text ?? saved.current?.value);
  const query = typeof saved.query === 'string' ? saved.query : '';
  switch (saved.type) {
    case 'query':
      return new QueryVariable({
        ...common,
        datasource: saved.datasource ?? null,
        query: (saved.query ?? '') as string,
        definition: saved.definition,
        refresh: (saved.refresh ?? 1) as VariableRefresh,
        sort: (saved.sort ?? 0) as VariableSort,
        regex: saved.regex ?? '',
        isMulti: Boolean(saved.multi),
        includeAll: Boolean(saved.includeAll),
        allValue: saved.allValue ?? undefined,
        value,
        text,
      });
    case 'custom':
      return new CustomVariable({
        ...common,
        query,
        isMulti: Boolean(saved.multi),
        includeAll: Boolean(saved.includeAll),
        allValue: saved.allValue ?? undefined,
        value,
        text,
      });
    case 'textbox':
      // Grafana keeps the default in `query` and the current text in `current`.
      return new TextBoxVariable({ ...common, value: saved.current ? String(value ?? '') : query });
    case 'datasource':
      // Core keeps the plugin id in `query`; "default" stays an option when the saved choice is the default.
      return new DataSourceVariable({
        ...common,
        pluginId: query,
        regex: saved.regex ?? '',
        isMulti: Boolean(saved.multi),
        includeAll: Boolean(saved.includeAll),
        allValue: saved.allValue ?? undefined,
        defaultOptionEnabled: value === 'default' && text === 'default',
        value,
        text,
      });
    case 'constant':
      return new ConstantVariable({ ...common, value: query, skipUrlSync: true, hide: 2 as VariableHide });
    case 'interval':
      return new IntervalVariable({
        ...common,
        intervals: query
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        autoEnabled: Boolean(saved.auto),
        autoMinInterval: saved.auto_min ?? '10s',
        autoStepCount: saved.auto_count ?? 30,
        refresh: (saved.refresh ?? 2) as VariableRefresh,
        value: typeof value === 'string' ? value : undefined,
      });
    default:
      throw new Error(`Variable "${saved.name}" has type "${saved.type}", which the sandbox host does not support`);
  }
}

function currentValue(value: unknown): VariableValue {
  if (Array.isArray(value)) {
    return value.map(String);
  }
  return value === undefined || value === null ? '' : String(value);
}
