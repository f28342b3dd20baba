/**
 * The alert rule annotations of a dashboard — what Grafana's built-in "Annotations & Alerts" query shows from the
 * alert state history of the rules linked to the dashboard (`__dashboardUid__`, `__panelId__`). Grafana records a
 * state change when its scheduler evaluates a rule; the sandbox has no scheduler, so it evaluates the rules linked
 * to the dashboard over the dashboard range when asked (see annotationsAlertEval.ts): the rule's query runs once as
 * a range query through its datasource (the datasource proxy), with the group interval as step, from `for` + one
 * interval + the query's lookback before the range start. Each firing period becomes one region event from the
 * evaluation that fired to the one that resolved it (to the last evaluation while it still fires), for the
 * dashboard and panel the rule names, with Grafana's alert fields (`alertId`, `newState: Alerting`, `prevState`) and
 * a text like Grafana's state history: `<title>: Alerting {labels} - B=0.734, C=1`.
 */
import { lastValueFrom } from 'rxjs';
import {
  CoreApp,
  FieldType,
  dateTime,
  type AnnotationEvent,
  type DataFrame,
  type DataQuery,
  type DataQueryRequest,
  type DataSourceApi,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';

import {
  evaluateSeries,
  evaluationTimes,
  firingPeriods,
  type AlertSeries,
  type FiringPeriod,
} from './annotationsAlertEval';
import { parseRulerRules, planAlertRule, type AlertRuleDefinition, type AlertRulePlan } from './annotationsAlertRules';
import { runRequest } from '../../dashboard/runRequest';

export interface AlertAnnotationDeps {
  /** `GET /api/ruler/grafana/api/v1/rules?dashboard_uid=…` (the parsed JSON body). */
  fetchRules: (dashboardUid: string) => Promise<unknown>;
  getDataSource: (uid: string) => Promise<DataSourceApi>;
  nowMs?: () => number;
}

export interface AlertAnnotationContext {
  dashboardUid: string;
  range: TimeRange;
  timeZone: TimeZone;
}

export interface AlertAnnotationResult {
  events: AnnotationEvent[];
  /** One message per rule that could not be evaluated. */
  errors: string[];
}

let counter = 100;

export async function alertRuleAnnotations(
  ctx: AlertAnnotationContext,
  deps: AlertAnnotationDeps
): Promise<AlertAnnotationResult> {
  let rules: AlertRuleDefinition[];
  try {
    rules = parseRulerRules(await deps.fetchRules(ctx.dashboardUid));
  } catch (err) {
    return { events: [], errors: [`Alert rules could not be loaded: ${messageOf(err)}`] };
  }
  const result: AlertAnnotationResult = { events: [], errors: [] };
  const linked = rules.filter((r) => !r.isPaused && r.annotations.__dashboardUid__ === ctx.dashboardUid);
  await Promise.all(
    linked.map(async (rule) => {
      try {
        result.events.push(...(await ruleEvents(rule, ctx, deps)));
      } catch (err) {
        result.errors.push(messageOf(err));
      }
    })
  );
  result.events.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  return result;
}

async function ruleEvents(
  rule: AlertRuleDefinition,
  ctx: AlertAnnotationContext,
  deps: AlertAnnotationDeps
): Promise<AnnotationEvent[]> {
  const plan = planAlertRule(rule);
  let ds: DataSourceApi;
  try {
    ds = await deps.getDataSource(plan.query.datasourceUid);
  } catch (err) {
    throw new Error(`Alert rule "${rule.title}": datasource "${plan.query.datasourceUid}": ${messageOf(err)}`);
  }
  const toMs = Math.min(ctx.range.to.valueOf(), (deps.nowMs ?? Date.now)());
  const evalFromMs = ctx.range.from.valueOf() - rule.forMs - rule.intervalMs;
  const frames = await runRuleQuery(ds, rule, plan, ctx, evalFromMs - plan.query.lookbackMs, toMs);
  const times = evaluationTimes(evalFromMs, toMs, rule.intervalMs);
  return framesToSeries(frames).flatMap((series) =>
    firingPeriods(evaluateSeries(series, plan, times), rule.forMs, rule.noDataState).map((period) =>
      periodEvent(rule, plan, series, period)
    )
  );
}

async function runRuleQuery(
  ds: DataSourceApi,
  rule: AlertRuleDefinition,
  plan: AlertRulePlan,
  ctx: AlertAnnotationContext,
  fromMs: number,
  toMs: number
): Promise<DataFrame[]> {
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  const intervalSec = Math.round(rule.intervalMs / 1000);
  const request: DataQueryRequest<DataQuery> = {
    app: CoreApp.UnifiedAlerting,
    requestId: `alert-${counter++}`,
    startTime: Date.now(),
    timezone: ctx.timeZone,
    range: { from, to, raw: { from, to } },
    interval: `${intervalSec}s`,
    intervalMs: rule.intervalMs,
    maxDataPoints: Math.ceil((toMs - fromMs) / rule.intervalMs) + 1,
    scopedVars: {},
    targets: [{ ...plan.query.model, refId: plan.query.refId, datasource: { uid: plan.query.datasourceUid } }],
  };
  const data = await lastValueFrom(runRequest(ds, request));
  const error = data.errors?.[0] ?? data.error;
  if (error) {
    throw new Error(
      `Alert rule "${rule.title}": query ${plan.query.refId} failed: ${error.message ?? 'unknown error'}`
    );
  }
  return data.series;
}

/** One series per number field of each frame, labelled as the field is. */
export function framesToSeries(frames: DataFrame[]): AlertSeries[] {
  const out: AlertSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const order = time.values.map((_, i) => i).sort((a, b) => Number(time.values[a]) - Number(time.values[b]));
      out.push({
        labels: { ...field.labels },
        timesMs: order.map((i) => Number(time.values[i])),
        values: order.map((i) => (typeof field.values[i] === 'number' ? field.values[i] : null)),
      });
    }
  }
  return out;
}

function periodEvent(
  rule: AlertRuleDefinition,
  plan: AlertRulePlan,
  series: AlertSeries,
  period: FiringPeriod
): AnnotationEvent {
  const labels = { ...series.labels, ...rule.labels };
  const labelText = Object.keys(labels)
    .filter((k) => !k.startsWith('__'))
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(', ');
  const values = `${plan.reduce.refId}=${formatValue(period.value)}, ${plan.threshold.refId}=1`;
  const still = period.endMs === undefined ? ' (still firing)' : '';
  const panelId = Number(rule.annotations.__panelId__ ?? 0);
  const event: AnnotationEvent & { prevState: string } = {
    time: period.startMs,
    timeEnd: period.endMs ?? period.lastEvaluationMs,
    title: rule.title,
    text: `${rule.title}: Alerting {${labelText}} - ${values}${still}`,
    alertId: rule.id,
    newState: 'Alerting',
    prevState: rule.forMs > 0 ? 'Pending' : 'Normal',
    dashboardUID: rule.annotations.__dashboardUid__,
    panelId: Number.isFinite(panelId) ? panelId : 0,
  };
  return event;
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(3))) : String(value);
}

function messageOf(err: unknown): string {
  if (err instanceof Error) {
    return err.message;
  }
  const e = err as { data?: { message?: unknown }; status?: unknown; statusText?: unknown } | undefined;
  if (typeof e?.data?.message === 'string') {
    return typeof e.status === 'number' ? `HTTP ${e.status}: ${e.data.message}` : e.data.message;
  }
  return String(err);
}
