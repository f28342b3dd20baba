/**
 * The host's TemplateSrv: Grafana's interpolation rules for `$var`, `${var}`, `${var:format}`, `${var.field}`,
 * `[[var]]` and `[[var:format]]`, with scoped variables first, then dashboard variables (multi-value and All), then
 * Grafana's built-ins (`$__from`, `$__to`, `$__interval`, `$__range`, `$__dashboard`, `$__timezone`,
 * `${__url_time_range}`...). The dashboard page feeds it the variables and the time range.
 */
import { property } from 'lodash';
import {
  getDefaultTimeRange,
  toURLRange,
  type ScopedVar,
  type ScopedVars,
  type TimeRange,
  type TimeZone,
  type TypedVariableModel,
} from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';

import { encodeURIComponentStrict, formatWith, type FormatValue } from './formats';
import { builtInValue, type BuiltInContext } from './builtIns';

/** Grafana's variable reference syntax: `$name`, `[[name:fmt]]`, `${name.fieldPath:fmt}`. */
export const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}/g;

/** The value Grafana stores for "All". */
export const ALL_VARIABLE_VALUE = '$__all';
/** The text Grafana shows for "All". */
export const ALL_VARIABLE_TEXT = 'All';

/** A dashboard variable with its current value, as the dashboard page resolved it. */
export interface ResolvedVariable {
  name: string;
  type: TypedVariableModel['type'];
  multi: boolean;
  includeAll: boolean;
  /** Custom all value (used verbatim instead of the list of values). */
  allValue?: string | null;
  value: string | string[];
  text: string | string[];
  /** Values of every option (without All), what All stands for. */
  optionValues: string[];
  /** The model `getVariables()` returns to plugins. */
  model: TypedVariableModel;
}

/** Legacy format function: Grafana calls it with the value, the variable model and the default formatter. */
type FormatFunction = (value: unknown, variable: unknown, defaultFormat: unknown) => string;

/** A format: an id (`csv`, `date:iso`...) or a function. */
export type Format = string | FormatFunction | undefined;

interface Lookup {
  value: FormatValue | object | null | undefined;
  text: string;
  variable?: ResolvedVariable;
}

export class HostTemplateSrv implements TemplateSrv {
  private variables: ResolvedVariable[] = [];
  private byName = new Map<string, ResolvedVariable>();
  private timeRange: TimeRange = getDefaultTimeRange();
  private context: Omit<BuiltInContext, 'timeRange' | 'urlTimeRange' | 'allVariablesQuery'> = {
    timeZone: 'browser',
  };
  private readonly accessors = new Map<string, (obj: unknown) => unknown>();

  /** Replaces the dashboard variables (in dashboard order). */
  setVariables(variables: ResolvedVariable[]): void {
    this.variables = variables;
    this.byName = new Map(variables.map((v) => [v.name, v]));
  }

  /** The dashboard being shown (for `$__dashboard`) and its time zone (for `$__timezone`). */
  setDashboard(dashboard: { uid: string; title: string } | undefined, timeZone: TimeZone = 'browser'): void {
    this.context = { ...this.context, dashboard, timeZone };
  }

  /** The user and org of `${__user.login}` and `${__org.name}`. */
  setUser(user: BuiltInContext['user'], org: BuiltInContext['org']): void {
    this.context = { ...this.context, user, org };
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.timeRange = timeRange;
  }

  getTimeRange(): TimeRange {
    return this.timeRange;
  }

  getVariables(): TypedVariableModel[] {
    return this.variables.map((v) => v.model);
  }

  /** True when the text references a dashboard variable or a built-in that this service resolves. */
  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    for (const match of target.matchAll(VARIABLE_REGEX)) {
      const name = match[1] || match[2] || match[4];
      if (this.byName.has(name) || builtInValue(name, undefined, this.builtInContext()) !== undefined) {
        return true;
      }
    }
    return false;
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: Format, interpolations?: VariableInterpolation[]): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(
      VARIABLE_REGEX,
      (
        match: string,
        var1?: string,
        var2?: string,
        fmt2?: string,
        var3?: string,
        fieldPath?: string,
        fmt3?: string
      ) => {
        const variableName = var1 || var2 || var3 || '';
        const fmt: Format = fmt2 || fmt3 || format;
        const value = this.evaluate(match, variableName, fieldPath, fmt, scopedVars);
        interpolations?.push({
          match,
          variableName,
          fieldPath,
          format: typeof fmt === 'string' ? fmt : undefined,
          value,
          found: value !== match,
        });
        return value;
      }
    );
  }

  private evaluate(
    match: string,
    name: string,
    fieldPath: string | undefined,
    format: Format,
    scopedVars: ScopedVars | undefined
  ): string {
    const scoped = scopedVars?.[name];
    if (scoped) {
      const value = this.fieldOf(scoped.value, fieldPath);
      if (value !== null && value !== undefined) {
        return this.format({ value: value as FormatValue, text: scopedText(scoped, value) }, name, format);
      }
    }
    const variable = this.byName.get(name);
    if (!variable) {
      const builtIn = builtInValue(name, fieldPath, this.builtInContext(), scopedVars);
      if (builtIn === undefined) {
        return match;
      }
      // `${__url_time_range}` and `${__all_variables}` are ready-made query strings: no further formatting.
      return builtIn.raw ? String(builtIn.value) : this.format(builtIn, name, format);
    }
    return this.evaluateVariable(variable, fieldPath, format);
  }

  private evaluateVariable(variable: ResolvedVariable, fieldPath: string | undefined, format: Format): string {
    if (format === 'queryparam') {
      const values = Array.isArray(variable.value) ? variable.value : [variable.value];
      return values.map((v) => `var-${variable.name}=${encodeURIComponentStrict(v)}`).join('&');
    }
    let value: FormatValue = variable.value;
    let text = textOf(variable.text);
    if (isAllValue(variable.value)) {
      text = ALL_VARIABLE_TEXT;
      if (variable.allValue) {
        // A custom all value is used as written (it is often a regex like `.*`), unless text is asked for.
        if (format !== 'text' && format !== 'percentencode') {
          return this.replace(variable.allValue);
        }
        value = variable.allValue;
      } else {
        value = variable.optionValues;
      }
    }
    if (fieldPath) {
      const fieldValue = this.fieldOf(value, fieldPath);
      if (fieldValue !== null && fieldValue !== undefined) {
        return this.format({ value: fieldValue as FormatValue, text, variable }, variable.name, format);
      }
    }
    return this.format({ value, text, variable }, variable.name, format);
  }

  private format(lookup: Lookup, name: string, format: Format): string {
    let { value } = lookup;
    if (value === null || value === undefined) {
      return '';
    }
    if (!Array.isArray(value) && typeof value === 'object') {
      // Objects such as `__dashboard` format through their toString, as in Grafana.
      value = String(value);
    }
    if (typeof format === 'function') {
      return format(value, lookup.variable?.model ?? {}, formatWith);
    }
    return formatWith(format, value as FormatValue, { name, text: lookup.text });
  }

  private fieldOf(value: unknown, fieldPath: string | undefined): unknown {
    if (!fieldPath) {
      return value;
    }
    let accessor = this.accessors.get(fieldPath);
    if (!accessor) {
      accessor = property(fieldPath);
      this.accessors.set(fieldPath, accessor);
    }
    return accessor(value);
  }

  private builtInContext(): BuiltInContext {
    return {
      ...this.context,
      timeRange: this.timeRange,
      urlTimeRange: () => {
        const { from, to } = toURLRange(this.timeRange.raw);
        return `from=${encodeURIComponent(String(from))}&to=${encodeURIComponent(String(to))}`;
      },
      allVariablesQuery: () =>
        this.variables
          .filter((v) => !v.model.skipUrlSync)
          .map((v) => this.evaluateVariable(v, undefined, 'queryparam'))
          .join('&'),
    };
  }
}

/** True for Grafana's All value (`$__all`, alone or first of a list). */
export function isAllValue(value: unknown): boolean {
  return value === ALL_VARIABLE_VALUE || (Array.isArray(value) && value[0] === ALL_VARIABLE_VALUE);
}

function scopedText(scoped: ScopedVar, value: unknown): string {
  if (scoped.value === value || typeof value !== 'string') {
    return textOf(scoped.text);
  }
  return value;
}

function textOf(text: unknown): string {
  if (Array.isArray(text)) {
    return text.join(' + ');
  }
  return text === undefined || text === null ? '' : String(text);
}
