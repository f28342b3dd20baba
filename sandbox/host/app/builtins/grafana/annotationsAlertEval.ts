/**
 * The small, honest evaluator of an alert rule over a time range (pure functions, times in epoch ms):
 * - Grafana's scheduler evaluates a rule at every multiple of its group interval (`evaluationTimes`);
 * - at each evaluation time t, the query's series is cut to the rule's relative time range [t − lookback, t] and
 *   reduced (`last`, `mean`, `min`, `max`, `sum`, `count`; `dropNN` drops NaN/null, `replaceNN` replaces them,
 *   `strict` lets one poison the result); an empty window or a NaN result is "no data";
 * - the threshold (`gt`, `lt`, `within_range` exclusive, `outside_range` exclusive) says whether the condition
 *   holds;
 * - Grafana's state machine turns that into firing periods: Normal → Pending when the condition holds, Pending →
 *   Alerting once it has held for `for` (at once when `for` is 0), back to Normal at the first evaluation where it
 *   does not hold. No data ends Pending and Alerting for `noDataState: OK` and `NoData` (Grafana's NoData state is
 *   not shown as a period), counts as holding for `Alerting`, and leaves the state as it was for `KeepLast`.
 */
import type { AlertRulePlan } from './annotationsAlertRules';

/** One series of the rule's query (one alert instance per label set, as in Grafana). */
export interface AlertSeries {
  labels: Record<string, string>;
  /** Ascending. */
  timesMs: number[];
  values: Array<number | null>;
}

/** The rule's condition at one evaluation time. */
export interface EvaluationPoint {
  atMs: number;
  /** The reduced value, null when there was no data. */
  value: number | null;
  /** Undefined when there was no data. */
  holds: boolean | undefined;
}

/** A time when the rule was Alerting: from the evaluation that fired to the one that found it resolved. */
export interface FiringPeriod {
  startMs: number;
  /** The evaluation that resolved it; undefined while it still fires at the last evaluation. */
  endMs?: number;
  /** The reduced value at the evaluation that fired. */
  value: number;
  /** The last evaluation time considered. */
  lastEvaluationMs: number;
}

/** Every multiple of `intervalMs` within [fromMs, toMs]. */
export function evaluationTimes(fromMs: number, toMs: number, intervalMs: number): number[] {
  if (!(intervalMs > 0)) {
    throw new Error(`an alert rule interval must be positive, got ${intervalMs} ms`);
  }
  const times: number[] = [];
  for (let t = Math.ceil(fromMs / intervalMs) * intervalMs; t <= toMs; t += intervalMs) {
    times.push(t);
  }
  return times;
}

/** The reduce and threshold of `plan` at each evaluation time. */
export function evaluateSeries(series: AlertSeries, plan: AlertRulePlan, timesMs: number[]): EvaluationPoint[] {
  const { lookbackMs } = plan.query;
  let first = 0;
  let end = 0;
  return timesMs.map((atMs) => {
    // Both evaluation times and series times ascend: the window [atMs − lookback, atMs] only moves forward.
    while (first < series.timesMs.length && series.timesMs[first] < atMs - lookbackMs) {
      first++;
    }
    end = Math.max(end, first);
    while (end < series.timesMs.length && series.timesMs[end] <= atMs) {
      end++;
    }
    const value = reduceValues(series.values.slice(first, end), plan.reduce);
    return value === null ? { atMs, value, holds: undefined } : { atMs, value, holds: thresholdHolds(value, plan) };
  });
}

/** One reducer over the window's values, null for no data. */
export function reduceValues(raw: Array<number | null>, reduce: AlertRulePlan['reduce']): number | null {
  let values: number[];
  if (reduce.mode === 'dropNN') {
    values = raw.filter((v): v is number => v !== null && !Number.isNaN(v));
  } else if (reduce.mode === 'replaceNN') {
    values = raw.map((v) => (v === null || Number.isNaN(v) ? reduce.replaceWith : v));
  } else {
    values = raw.map((v) => (v === null ? Number.NaN : v));
  }
  if (values.length === 0) {
    return reduce.reducer === 'count' ? 0 : null;
  }
  let result: number;
  switch (reduce.reducer) {
    case 'last':
      result = values[values.length - 1];
      break;
    case 'mean':
      result = values.reduce((a, b) => a + b, 0) / values.length;
      break;
    case 'min':
      result = values.reduce((a, b) => (b < a || Number.isNaN(b) ? b : a));
      break;
    case 'max':
      result = values.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a));
      break;
    case 'sum':
      result = values.reduce((a, b) => a + b, 0);
      break;
    case 'count':
      result = values.length;
      break;
    default:
      throw new Error(`reducer "${reduce.reducer}" is not supported`);
  }
  return Number.isNaN(result) ? null : result;
}

/** Whether the threshold holds for a value. */
export function thresholdHolds(value: number, plan: Pick<AlertRulePlan, 'threshold'>): boolean {
  const [a, b] = plan.threshold.params;
  switch (plan.threshold.type) {
    case 'gt':
      return value > a;
    case 'lt':
      return value < a;
    case 'within_range':
      return value > a && value < b;
    case 'outside_range':
      return value < a || value > b;
  }
}

/** Grafana's Normal → Pending → Alerting → Normal over the evaluations (see the module comment). */
export function firingPeriods(points: EvaluationPoint[], forMs: number, noDataState: string): FiringPeriod[] {
  const periods: FiringPeriod[] = [];
  let pendingSinceMs: number | undefined;
  let firing: FiringPeriod | undefined;
  for (const point of points) {
    const holds = point.holds ?? noDataHolds(noDataState);
    if (holds === undefined) {
      continue; // KeepLast: the state stays as it was
    }
    if (!holds) {
      if (firing) {
        firing.endMs = point.atMs;
        firing.lastEvaluationMs = point.atMs;
        periods.push(firing);
      }
      firing = undefined;
      pendingSinceMs = undefined;
      continue;
    }
    if (firing) {
      firing.lastEvaluationMs = point.atMs;
      continue;
    }
    pendingSinceMs ??= point.atMs;
    if (point.atMs - pendingSinceMs >= forMs) {
      firing = { startMs: point.atMs, value: point.value ?? Number.NaN, lastEvaluationMs: point.atMs };
    }
  }
  if (firing) {
    firing.lastEvaluationMs = points[points.length - 1]?.atMs ?? firing.lastEvaluationMs;
    periods.push(firing);
  }
  return periods;
}

function noDataHolds(noDataState: string): boolean | undefined {
  if (noDataState === 'KeepLast') {
    return undefined;
  }
  return noDataState === 'Alerting';
}
