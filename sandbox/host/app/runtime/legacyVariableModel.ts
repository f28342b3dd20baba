/**
 * A scene variable as the legacy model `getTemplateSrv().getVariables()` returns to plugins (Grafana core builds the
 * same from a dashboard scene): name, type, label, the current value and text, and for variables with options their
 * options, multi and include-all flags. Plugins read these to offer variables in their editors.
 */
import type { TypedVariableModel, VariableOption } from '@grafana/data';
import { MultiValueVariable, type SceneVariable } from '@grafana/scenes';

export function legacyVariableModel(variable: SceneVariable): TypedVariableModel {
  const { name, label, description, skipUrlSync, hide, type } = variable.state;
  const value = variable.getValue();
  const text = variable.getValueText?.() ?? String(value ?? '');
  const base = {
    id: name,
    rootStateKey: null,
    global: false,
    index: 0,
    state: 'Done',
    error: null,
    name,
    label,
    description,
    skipUrlSync: Boolean(skipUrlSync),
    hide: hide ?? 0,
    type,
    current: { value: asValue(value), text, selected: true },
  };
  if (variable instanceof MultiValueVariable) {
    const options: VariableOption[] = variable.state.options.map((o: { value: string | number; label: string }) => ({
      value: o.value,
      text: o.label,
      selected: Array.isArray(variable.state.value)
        ? variable.state.value.includes(o.value)
        : variable.state.value === o.value,
    }));
    return {
      ...base,
      multi: Boolean(variable.state.isMulti),
      includeAll: Boolean(variable.state.includeAll),
      allValue: variable.state.allValue,
      options,
      query: (variable.state as { query?: unknown }).query ?? '',
    } as unknown as TypedVariableModel;
  }
  const state = variable.state as { query?: unknown; value?: unknown };
  const query = state.query ?? state.value;
  return { ...base, query, options: [] } as unknown as TypedVariableModel;
}

function asValue(value: unknown): string | string[] {
  if (Array.isArray(value)) {
    return value.map(String);
  }
  return value === undefined || value === null ? '' : String(value);
}
