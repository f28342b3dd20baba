/**
 * The variables of one dashboard: resolves them in dashboard order on load (each may use the ones before it),
 * re-resolves those that refresh on time range change, and, when a value changes (picked by the user, or from the
 * URL on back/forward), the variables that use it. Values picked by the user go to the URL (`var-<name>`, a new
 * history entry); values fixed by validation replace the URL entry. Every change is handed to the template service.
 */
import { BehaviorSubject, lastValueFrom, type Observable } from 'rxjs';
import { stringToJsRegex, type TimeRange, type TimeZone } from '@grafana/data';
import { locationService, type DataSourceSrv } from '@grafana/runtime';
import type { VariableModel } from '@grafana/schema';

import { ALL_VARIABLE_VALUE, VARIABLE_REGEX, type HostTemplateSrv } from '../../runtime/templateSrv';
import { customOptions, intervalOptions, queryOptions, type VariableOptionValue } from './options';
import { runVariableQuery } from './runQuery';
import {
  SUPPORTED_TYPES,
  initialState,
  textFor,
  toResolved,
  validateValue,
  type IntervalFields,
  type VariableState,
} from './state';

export interface VariablesSnapshot {
  states: VariableState[];
  /** False while variables are being resolved: panels wait for the values. */
  ready: boolean;
  /** Increases with every change of any value. */
  revision: number;
}

export interface DashboardVariablesDeps {
  dashboardUid: string;
  templateSrv: HostTemplateSrv;
  dataSourceSrv: Pick<DataSourceSrv, 'get' | 'getList'>;
  getRange: () => TimeRange;
  timeZone: TimeZone;
}

/** Refresh on time range change (Grafana's VariableRefresh.onTimeRangeChanged). */
const REFRESH_ON_TIME_RANGE = 2;

export class DashboardVariables {
  private states: VariableState[];
  private readonly subject: BehaviorSubject<VariablesSnapshot>;
  private generation = 0;
  private revision = 0;
  private ready = false;

  constructor(
    models: VariableModel[],
    search: URLSearchParams,
    private readonly deps: DashboardVariablesDeps
  ) {
    this.states = models
      .filter((m) => (SUPPORTED_TYPES as readonly string[]).includes(m.type))
      .map((m) => initialState(m, search.getAll(`var-${m.name}`)));
    this.subject = new BehaviorSubject<VariablesSnapshot>(this.snapshot());
  }

  get snapshot$(): Observable<VariablesSnapshot> {
    return this.subject.asObservable();
  }

  getStates(): VariableState[] {
    return this.states;
  }

  /** Resolves every variable, in dashboard order. */
  start(): Promise<void> {
    // Grafana writes every variable's value into the URL once the dashboard has loaded.
    return this.cascade(new Set(this.states.map((s) => s.name)), new Set(), true);
  }

  /** Re-resolves the variables that refresh with the time range (and republishes interval "Auto" values). */
  onTimeRangeChanged(): Promise<void> {
    const names = this.states.filter((s) => s.model.refresh === REFRESH_ON_TIME_RANGE).map((s) => s.name);
    if (names.length === 0) {
      this.publish();
      return Promise.resolve();
    }
    return this.cascade(new Set(names), new Set());
  }

  /** A value picked by the user: written to the URL as a new history entry; the URL listener applies it. */
  setValue(name: string, value: string | string[]): void {
    const state = this.states.find((s) => s.name === name);
    if (!state) {
      throw new Error(`Variable "${name}" is not on this dashboard`);
    }
    if (Array.isArray(value)) {
      value = multiValue(value, state);
    }
    if (state.model.skipUrlSync) {
      this.applyValues(new Map([[name, value]]));
      return;
    }
    locationService.partial({ [`var-${name}`]: value }, false);
  }

  /** Applies `var-*` values of the URL that differ from the current ones, then re-resolves what uses them. */
  applyUrl(search: URLSearchParams): Promise<void> {
    const changes = new Map<string, string | string[]>();
    for (const state of this.states) {
      const values = search.getAll(`var-${state.name}`);
      if (values.length === 0 || state.model.skipUrlSync) {
        continue;
      }
      const value = state.multi ? values : values[0];
      if (!sameValue(value, state.value)) {
        changes.set(state.name, value);
      }
    }
    return changes.size > 0 ? this.applyValues(changes) : Promise.resolve();
  }

  private applyValues(changes: Map<string, string | string[]>): Promise<void> {
    this.states = this.states.map((s) => {
      const value = changes.get(s.name);
      return value === undefined ? s : { ...s, value, text: textFor(value, s.options), skipNextValidation: false };
    });
    return this.cascade(new Set(), new Set(changes.keys()));
  }

  /** Cancels work in progress (the dashboard was closed). */
  dispose(): void {
    this.generation++;
    this.subject.complete();
  }

  /**
   * Resolves the variables in `names` and, in dashboard order, every variable that uses one whose value changed.
   * A newer cascade supersedes this one.
   */
  private async cascade(names: Set<string>, changed: Set<string>, writeAll = false): Promise<void> {
    const generation = ++this.generation;
    this.ready = false;
    this.publish();
    const fixedByValidation: VariableState[] = [];
    for (let i = 0; i < this.states.length; i++) {
      const state = this.states[i];
      if (!names.has(state.name) && !usesAny(state.model, changed)) {
        continue;
      }
      this.replaceState(i, { ...state, loading: true });
      const next = await this.resolve(state);
      if (generation !== this.generation) {
        return;
      }
      this.replaceState(i, next);
      if (!sameValue(next.value, state.value)) {
        changed.add(state.name);
        fixedByValidation.push(next);
      }
      this.publish();
    }
    this.ready = true;
    this.publish();
    this.writeUrl(writeAll ? this.states : fixedByValidation);
  }

  private async resolve(state: VariableState): Promise<VariableState> {
    try {
      const options = await this.optionsOf(state);
      const { value, text } = options === undefined ? state : validateValue(state, options);
      return {
        ...state,
        options: options ?? state.options,
        value,
        text,
        loading: false,
        error: undefined,
        skipNextValidation: false,
      };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { ...state, loading: false, error: `Variable "${state.name}" could not be loaded: ${reason}` };
    }
  }

  /** New options, or undefined for variables whose value is free text. */
  private async optionsOf(state: VariableState): Promise<VariableOptionValue[] | undefined> {
    const { model } = state;
    const { templateSrv } = this.deps;
    const query = typeof model.query === 'string' ? model.query : '';
    switch (model.type) {
      case 'custom':
        return customOptions(templateSrv.replace(query));
      case 'interval':
        return intervalOptions(query, Boolean((model as IntervalFields).auto));
      case 'datasource': {
        const pattern = model.regex ? stringToJsRegex(templateSrv.replace(model.regex, undefined, 'regex')) : undefined;
        return this.deps.dataSourceSrv
          .getList({ pluginId: query, all: true })
          .filter((ds) => !pattern || pattern.test(ds.name))
          .map((ds) => ({ label: ds.name, value: ds.uid }));
      }
      case 'query': {
        const ds = await this.deps.dataSourceSrv.get(model.datasource ?? null);
        const values = await lastValueFrom(
          runVariableQuery(ds, model, {
            range: this.deps.getRange(),
            timeZone: this.deps.timeZone,
            dashboardUid: this.deps.dashboardUid,
          }),
          { defaultValue: [] }
        );
        const regex = model.regex ? templateSrv.replace(model.regex, undefined, 'regex') : undefined;
        return queryOptions(values, regex, model.sort, model.regexApplyTo === 'text' ? 'text' : 'value');
      }
      default:
        return undefined;
    }
  }

  private replaceState(index: number, state: VariableState): void {
    this.states = this.states.map((s, i) => (i === index ? state : s));
  }

  private publish(): void {
    const range = this.deps.getRange();
    this.deps.templateSrv.setVariables(this.states.map((s, i) => toResolved(s, i, this.deps.dashboardUid, range)));
    this.revision++;
    if (!this.subject.closed) {
      this.subject.next(this.snapshot());
    }
  }

  private snapshot(): VariablesSnapshot {
    return { states: this.states, ready: this.ready, revision: this.revision };
  }

  /** Values fixed by validation replace the current URL entry (no new history step), as Grafana does. */
  private writeUrl(states: VariableState[]): void {
    const query: Record<string, string | string[]> = {};
    for (const s of states) {
      if (!s.model.skipUrlSync) {
        query[`var-${s.name}`] = s.value;
      }
    }
    if (Object.keys(query).length > 0) {
      locationService.partial(query, true);
    }
  }
}

/** True when the variable's query, datasource or regex references one of `names`. */
export function usesAny(model: VariableModel, names: Set<string>): boolean {
  if (names.size === 0) {
    return false;
  }
  const text = JSON.stringify([model.query ?? '', model.datasource ?? null, model.regex ?? '']);
  for (const match of text.matchAll(VARIABLE_REGEX)) {
    if (names.has(match[1] || match[2] || match[4])) {
      return true;
    }
  }
  return false;
}

/**
 * A multi-value pick as Grafana (scenes) stores it: nothing picked → the first option; All picked last → All
 * alone; another value picked after All → All dropped.
 */
export function multiValue(picked: string[], state: VariableState): string[] {
  if (picked.length === 0) {
    if (state.options.length > 0) {
      return [state.options[0].value];
    }
    return state.includeAll ? [ALL_VARIABLE_VALUE] : [];
  }
  if (picked[picked.length - 1] === ALL_VARIABLE_VALUE) {
    return [ALL_VARIABLE_VALUE];
  }
  return picked[0] === ALL_VARIABLE_VALUE ? picked.slice(1) : picked;
}

function sameValue(a: string | string[], b: string | string[]): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [a];
    const y = Array.isArray(b) ? b : [b];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}
