/**
 * The state of one dashboard variable and Grafana's (scenes') rules for its value: initial value from the dashboard
 * JSON or the URL (a URL value survives the first validation even when it is not among the options), validation
 * against new options (keep a valid value, else the first option, All when it is the default; nothing when there
 * are no options), and the model plugins see through `templateSrv.getVariables()`.
 */
import { LoadingState, rangeUtil, type TimeRange, type TypedVariableModel } from '@grafana/data';
import type { VariableModel } from '@grafana/schema';

import { ALL_VARIABLE_TEXT, ALL_VARIABLE_VALUE, isAllValue, type ResolvedVariable } from '../../runtime/templateSrv';
import { AUTO_INTERVAL_VALUE, type VariableOptionValue } from './options';

/** Variable types the host resolves. */
export const SUPPORTED_TYPES = ['query', 'custom', 'textbox', 'constant', 'interval', 'datasource'] as const;

/** Fields of interval variables that the schema type does not list (Grafana still writes them). */
export interface IntervalFields {
  auto?: boolean;
  auto_count?: number;
  auto_min?: string;
}

export interface VariableState {
  model: VariableModel;
  name: string;
  type: VariableModel['type'];
  multi: boolean;
  includeAll: boolean;
  options: VariableOptionValue[];
  value: string | string[];
  text: string | string[];
  loading: boolean;
  /** Why the options could not be loaded. */
  error?: string;
  /** Set when the value came from the URL: the next validation keeps it even when it is not an option. */
  skipNextValidation: boolean;
}

/** State from the dashboard JSON (saved current value and options), overridden by `var-<name>` URL values. */
export function initialState(model: VariableModel, urlValues: string[]): VariableState {
  const multi = Boolean(model.multi);
  const saved = model.current;
  let value: string | string[] = saved?.value ?? '';
  let text: string | string[] = saved?.text ?? value;
  const fromUrl = urlValues.length > 0;
  if (fromUrl) {
    value = multi ? urlValues : urlValues[0];
    text = value;
  }
  if (model.type === 'constant') {
    value = typeof model.query === 'string' ? model.query : '';
    text = value;
  }
  if (model.type === 'textbox' && !fromUrl && !saved) {
    value = typeof model.query === 'string' ? model.query : '';
    text = value;
  }
  if (multi && !Array.isArray(value)) {
    value = value === '' ? [] : [value];
    text = Array.isArray(text) ? text : text === '' ? [] : [text];
  }
  return {
    model,
    name: model.name,
    type: model.type,
    multi,
    includeAll: Boolean(model.includeAll),
    options: (model.options ?? [])
      .filter((o) => o.value !== ALL_VARIABLE_VALUE)
      .map((o) => ({ label: String(o.text), value: String(o.value) })),
    value,
    text,
    loading: false,
    skipNextValidation: fromUrl,
  };
}

/** The value given new options (scenes' MultiValueVariable rules). */
export function validateValue(
  state: VariableState,
  options: VariableOptionValue[]
): Pick<VariableState, 'value' | 'text'> {
  if (state.skipNextValidation) {
    return { value: state.value, text: textFor(state.value, options) };
  }
  if (options.length === 0) {
    if (state.includeAll) {
      return { value: ALL_VARIABLE_VALUE, text: ALL_VARIABLE_TEXT };
    }
    return state.multi ? { value: [], text: [] } : { value: '', text: '' };
  }
  if (isAllValue(state.value)) {
    if (state.includeAll) {
      return { value: state.value, text: ALL_VARIABLE_TEXT };
    }
    return first(state, options);
  }
  if (state.multi) {
    const current = Array.isArray(state.value) ? state.value : [state.value];
    const valid = current.filter((v) => options.some((o) => o.value === v));
    if (valid.length === 0) {
      return first(state, options);
    }
    return { value: valid, text: valid.map((v) => options.find((o) => o.value === v)?.label ?? v) };
  }
  const byValue = options.find((o) => o.value === state.value);
  const byText = options.find((o) => o.label === state.text);
  const match = byValue ?? byText;
  return match ? { value: match.value, text: match.label } : first(state, options);
}

function first(state: VariableState, options: VariableOptionValue[]): Pick<VariableState, 'value' | 'text'> {
  const o = options[0];
  return state.multi ? { value: [o.value], text: [o.label] } : { value: o.value, text: o.label };
}

/** Display text of a value: option labels, "All" for the all value. */
export function textFor(value: string | string[], options: VariableOptionValue[]): string | string[] {
  const one = (v: string) =>
    v === ALL_VARIABLE_VALUE ? ALL_VARIABLE_TEXT : (options.find((o) => o.value === v)?.label ?? v);
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** The variable as the template service resolves it (interval "Auto" computed for the range). */
export function toResolved(
  state: VariableState,
  index: number,
  dashboardUid: string,
  range: TimeRange
): ResolvedVariable {
  let { value, text } = state;
  if (state.type === 'interval' && value === AUTO_INTERVAL_VALUE) {
    const legacy = state.model as IntervalFields;
    const count = Number(legacy.auto_count ?? 30);
    const min = String(legacy.auto_min ?? '10s');
    value = rangeUtil.calculateInterval(range, count, min).interval;
    text = value;
  }
  const allOption = state.includeAll
    ? [{ text: ALL_VARIABLE_TEXT, value: ALL_VARIABLE_VALUE, selected: isAllValue(value) }]
    : [];
  const selected = new Set(Array.isArray(value) ? value : [value]);
  const model = {
    ...state.model,
    id: state.name,
    rootStateKey: dashboardUid,
    global: false,
    index,
    hide: state.model.hide ?? 0,
    skipUrlSync: Boolean(state.model.skipUrlSync),
    state: state.loading ? LoadingState.Loading : state.error ? LoadingState.Error : LoadingState.Done,
    error: state.error ?? null,
    description: state.model.description ?? null,
    multi: state.multi,
    includeAll: state.includeAll,
    current: { text, value, selected: true },
    options: [
      ...allOption,
      ...state.options.map((o) => ({ text: o.label, value: o.value, selected: selected.has(o.value) })),
    ],
  } as unknown as TypedVariableModel;
  return {
    name: state.name,
    type: state.type as TypedVariableModel['type'],
    multi: state.multi,
    includeAll: state.includeAll,
    allValue: state.model.allValue,
    value,
    text,
    optionValues: state.options.map((o) => o.value),
    model,
  };
}
