import { dateMath, rangeUtil, type ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { COMPARE_MODES, isVariableName, type CompareMode } from '../../model/contract';
import { momentParam, parseMoment, type MomentReading } from '../../model/moment';
import type { TimeRangeMs } from '../api/types';
import type { ProfileQuery } from '../types';

/**
 * Width of the focus window unless a query says otherwise. A query follows a focus variable only when it names one in
 * `focusVariable`: Grafana re-runs a query only for variables written in it (docs/variables.md).
 */
export const DEFAULT_FOCUS_WINDOW = '5m';

const DAY_MS = 86_400_000;

/** The focus moment a query was answered for. */
export interface FocusMoment {
  /** The variable it came from. */
  variable: string;
  atMs: number;
  windowMs: number;
}

/** Which windows a query reads: the profile window, and the baseline when it compares. */
export interface QueryWindows {
  /** What the flame graph (and the series) show: the focus window, or the dashboard range. */
  profile: TimeRangeMs;
  /** The dashboard range the request came with. */
  dashboard: TimeRangeMs;
  focus?: FocusMoment;
  compare: CompareMode;
  /** The window the profile window is compared with (diff left side); set when `compare` is not `off`. */
  baseline?: TimeRangeMs;
}

/** A query field that does not say what it must; the message names the field and the value. */
export class QueryWindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryWindowError';
  }
}

/**
 * Works out the windows of a query. When the query names a focus variable (`focusVariable`) and it holds a moment (an
 * ISO time such as `2026-12-06T23:50:01Z`, ms or seconds since the epoch, or a Grafana time such as `now-1h`; see
 * `parseMoment`), the profile window is `focusWindow` centred on it, cut to the dashboard range: a focus moment never
 * makes a query read more than the dashboard shows, and one outside the range is refused. An empty or undefined
 * variable means the dashboard range. `compare` (interpolated, so `$compare` works) picks the baseline.
 * Throws a QueryWindowError with a specific message for a value it cannot read.
 */
export function resolveWindows(
  q: Pick<ProfileQuery, 'focusVariable' | 'focusWindow' | 'compare' | 'compareFrom' | 'compareTo'>,
  dashboard: TimeRangeMs,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {},
  nowMs: number = Date.now()
): QueryWindows {
  const focus = readFocus(q, dashboard, templateSrv, scopedVars, nowMs);
  const profile = focus
    ? {
        fromMs: Math.max(dashboard.fromMs, Math.round(focus.atMs - focus.windowMs / 2)),
        toMs: Math.min(dashboard.toMs, Math.round(focus.atMs + focus.windowMs / 2)),
      }
    : dashboard;
  const compare = readCompare(q.compare, templateSrv, scopedVars);
  const windows: QueryWindows = { profile, dashboard, compare, ...(focus ? { focus } : {}) };
  const length = profile.toMs - profile.fromMs;
  switch (compare) {
    case 'off':
      return windows;
    case 'before':
      // Ends 1 ms before the profile window: Pyroscope reads both ends inclusively, so sharing the boundary would
      // count a profile stamped exactly there on both sides.
      return { ...windows, baseline: { fromMs: profile.fromMs - length, toMs: profile.fromMs - 1 } };
    case '1d':
      return { ...windows, baseline: shift(profile, -DAY_MS) };
    case '1w':
      return { ...windows, baseline: shift(profile, -7 * DAY_MS) };
    case 'custom':
      return { ...windows, baseline: readCustomBaseline(q, templateSrv, scopedVars, nowMs) };
  }
}

function shift(r: TimeRangeMs, byMs: number): TimeRangeMs {
  return { fromMs: r.fromMs + byMs, toMs: r.toMs + byMs };
}

function readFocus(
  q: Pick<ProfileQuery, 'focusVariable' | 'focusWindow'>,
  dashboard: TimeRangeMs,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars,
  nowMs: number
): FocusMoment | undefined {
  // A query that names no focus variable never reads one: Grafana would not re-run it when the variable changes, so
  // reading it anyway shows whatever moment the variable held at the last run (issue 17).
  const variable = variableName(q.focusVariable);
  if (variable === undefined) {
    return undefined;
  }
  if (!isVariableName(variable)) {
    throw new QueryWindowError(`Focus variable "${variable}" is not a variable name (letters, digits and _)`);
  }
  if (!isReference(q.focusVariable)) {
    // A bare name is invisible to Grafana's dependency tracking (it looks for `$name`), so it would go stale too.
    throw new QueryWindowError(
      `Focus variable "${variable}" must be written as $${variable}, so that Grafana re-runs the query when it changes`
    );
  }
  const literal = `\${${variable}}`;
  const raw = templateSrv.replace(literal, scopedVars).trim();
  // No such variable (left as written), or empty: no focus moment, the dashboard range applies.
  if (raw === '' || raw === literal) {
    return undefined;
  }
  const reading = readTime(raw, nowMs, false);
  if ('error' in reading) {
    throw new QueryWindowError(
      `Variable "${variable}" holds "${shorten(raw)}", which is not a moment: ${reading.error}. Use an ISO time such as ${momentParam(nowMs - (nowMs % 1000))}, milliseconds since the epoch or a Grafana time such as now-1h`
    );
  }
  const atMs = reading.ms;
  if (atMs < dashboard.fromMs || atMs > dashboard.toMs) {
    throw new QueryWindowError(
      `The focus moment ${momentParam(atMs)} (variable "${variable}") is outside the dashboard range ${momentParam(dashboard.fromMs)} to ${momentParam(dashboard.toMs)}: choose a moment in the range, or empty the variable to see the whole range`
    );
  }
  const windowText = templateSrv.replace(q.focusWindow?.trim() || DEFAULT_FOCUS_WINDOW, scopedVars).trim();
  let windowMs: number;
  try {
    windowMs = rangeUtil.intervalToMs(windowText);
  } catch {
    windowMs = NaN;
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new QueryWindowError(`Focus window "${windowText}" is not a duration: use for example 5m, 90s or 1h`);
  }
  return { variable, atMs, windowMs };
}

/**
 * The variable name a field refers to: `$name`, `${name}` and a bare `name` all give `name`; empty or unset gives
 * undefined. The name is not checked (the caller says what is wrong with it).
 */
export function variableName(ref: string | undefined): string | undefined {
  const name = (ref ?? '').trim().replace(/^\$\{?|\}$/g, '');
  return name === '' ? undefined : name;
}

/** Whether a field is written as a variable reference (`$name` or `${name}`), the form Grafana tracks. */
export function isReference(ref: string | undefined): boolean {
  return (ref ?? '').trim().startsWith('$');
}

function readCompare(
  value: string | undefined,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars
): CompareMode {
  if (!value || value.trim() === '') {
    return 'off';
  }
  const text = templateSrv.replace(value, scopedVars).trim();
  if (text === '' || (value.includes('$') && text === value.trim())) {
    // Empty, or a variable that does not exist on this dashboard: no comparison.
    return 'off';
  }
  const mode = COMPARE_MODES.find((m) => m === text);
  if (!mode) {
    throw new QueryWindowError(`Compare "${text}" is not one of: ${COMPARE_MODES.join(', ')}`);
  }
  return mode;
}

function readCustomBaseline(
  q: Pick<ProfileQuery, 'compareFrom' | 'compareTo'>,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars,
  nowMs: number
): TimeRangeMs {
  const from = templateSrv.replace(q.compareFrom ?? '', scopedVars).trim();
  const to = templateSrv.replace(q.compareTo ?? '', scopedVars).trim();
  if (!from || !to) {
    throw new QueryWindowError('Compare "custom" needs both a baseline start (compareFrom) and end (compareTo)');
  }
  const fromMs = parseTime(from, nowMs, false);
  const toMs = parseTime(to, nowMs, true);
  if (fromMs === undefined) {
    throw new QueryWindowError(`Baseline start "${from}" is not a time`);
  }
  if (toMs === undefined) {
    throw new QueryWindowError(`Baseline end "${to}" is not a time`);
  }
  if (toMs <= fromMs) {
    throw new QueryWindowError(`Baseline end "${to}" is not after its start "${from}"`);
  }
  return { fromMs, toMs };
}

/**
 * A time as milliseconds since the epoch: a Grafana time expression (`now-5m`, `now/d`) or a moment `parseMoment`
 * reads (ISO-8601 with a zone, ms or seconds since the epoch). Undefined when unreadable.
 */
export function parseTime(text: string, nowMs: number, roundUp: boolean): number | undefined {
  const r = readTime(text, nowMs, roundUp);
  return 'ms' in r ? r.ms : undefined;
}

function readTime(text: string, nowMs: number, roundUp: boolean): MomentReading {
  const trimmed = text.trim();
  if (trimmed.startsWith('now')) {
    const parsed = dateMath.toDateTime(trimmed, { roundUp, now: nowMs });
    return parsed?.isValid() ? { ms: parsed.valueOf() } : { error: 'it is not a Grafana time' };
  }
  return parseMoment(trimmed);
}

/** A value as a message quotes it: at most 64 characters. */
function shorten(text: string): string {
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}
