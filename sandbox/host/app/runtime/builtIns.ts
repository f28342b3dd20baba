/**
 * Grafana's global variables (its "macros"), resolved from the time range, the dashboard and the user. `$__interval`
 * and `$__interval_ms` come from the query's scoped variables (set by the query runner), so they are not here:
 * without them the text stays as written, as in Grafana.
 */
import { dateTimeFormat, type ScopedVars, type TimeRange, type TimeZone } from '@grafana/data';

import { DATA_MACROS, dataMacroValue } from './dataMacros';

/** What the built-ins are computed from. */
export interface BuiltInContext {
  timeRange: TimeRange;
  timeZone: TimeZone;
  dashboard?: { uid: string; title: string };
  user?: { id: number; login: string; email?: string };
  org?: { id: number; name: string };
  /** `from=...&to=...` of the current range, as the URL writes it. */
  urlTimeRange: () => string;
  /** `var-a=1&var-b=2` of every dashboard variable. */
  allVariablesQuery: () => string;
}

/** A resolved built-in: `raw` ones are inserted without any format applied. */
export interface BuiltIn {
  value: string | number | object;
  text: string;
  raw?: boolean;
}

/** Prometheus' default scrape interval, what `$__rate_interval` assumes when the datasource does not say. */
const DEFAULT_SCRAPE_INTERVAL_SEC = 15;

/** Resolves a built-in variable, or undefined when `name` is not one (or cannot be resolved here). */
export function builtInValue(
  name: string,
  fieldPath: string | undefined,
  ctx: BuiltInContext,
  scopedVars?: ScopedVars
): BuiltIn | undefined {
  if (DATA_MACROS.includes(name)) {
    // Data links: `${__value.time}` and friends, from the data context of the link.
    const value = dataMacroValue(name, fieldPath, scopedVars);
    return value === undefined ? undefined : { value, text: String(value) };
  }
  const fromMs = ctx.timeRange.from.valueOf();
  const toMs = ctx.timeRange.to.valueOf();
  const rangeMs = toMs - fromMs;
  const rangeSec = Math.round(rangeMs / 1000);
  switch (name) {
    case '__from':
      return { value: fromMs, text: dateTimeFormat(fromMs, { timeZone: ctx.timeZone }) };
    case '__to':
      return { value: toMs, text: dateTimeFormat(toMs, { timeZone: ctx.timeZone }) };
    case '__range':
      return { value: `${rangeSec}s`, text: `${rangeSec}s` };
    case '__range_s':
      return { value: rangeSec, text: String(rangeSec) };
    case '__range_ms':
      return { value: rangeMs, text: String(rangeMs) };
    case '__rate_interval': {
      const intervalMs = Number(scopedVars?.__interval_ms?.value);
      if (!Number.isFinite(intervalMs)) {
        return undefined;
      }
      // Prometheus' rule: max($__interval + scrape interval, 4 × scrape interval).
      const sec = Math.max(intervalMs / 1000 + DEFAULT_SCRAPE_INTERVAL_SEC, 4 * DEFAULT_SCRAPE_INTERVAL_SEC);
      return { value: `${sec}s`, text: `${sec}s` };
    }
    case '__timezone': {
      const tz = ctx.timeZone === 'browser' ? Intl.DateTimeFormat().resolvedOptions().timeZone : ctx.timeZone;
      return { value: tz, text: tz };
    }
    case '__dashboard': {
      if (!ctx.dashboard) {
        return undefined;
      }
      const { uid, title } = ctx.dashboard;
      return objectValue({ name: title, uid, toString: () => title }, fieldPath);
    }
    case '__user':
      return ctx.user ? objectValue({ ...ctx.user, toString: () => ctx.user?.login ?? '' }, fieldPath) : undefined;
    case '__org':
      return ctx.org ? objectValue({ ...ctx.org, toString: () => String(ctx.org?.id ?? '') }, fieldPath) : undefined;
    case '__url_time_range':
      return { value: ctx.urlTimeRange(), text: '', raw: true };
    case '__all_variables':
      return { value: ctx.allVariablesQuery(), text: '', raw: true };
    default:
      return undefined;
  }
}

function objectValue(value: Record<string, unknown> & { toString: () => string }, fieldPath?: string): BuiltIn {
  if (fieldPath) {
    const field = value[fieldPath];
    const text = field === undefined || field === null ? '' : String(field);
    return { value: text, text };
  }
  return { value, text: value.toString() };
}
