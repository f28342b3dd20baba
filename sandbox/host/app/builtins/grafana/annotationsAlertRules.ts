/**
 * Grafana-managed alert rules as the sandbox host evaluates them: read from Grafana's ruler API
 * (`GET /api/ruler/grafana/api/v1/rules?dashboard_uid=…`), checked at this boundary, and reduced to a plan the
 * honest small evaluator can run — one datasource query, one `reduce` expression over it and one `threshold`
 * expression over that, the threshold being the rule's condition. Rules built otherwise (math, classic conditions,
 * resample, several queries) are reported as not supported, never guessed at.
 */
/** Expression "datasource" uids Grafana uses for server-side expressions. */
const EXPRESSION_UIDS = ['__expr__', '-100'];

export interface AlertRuleQueryDto {
  refId: string;
  relativeTimeRange?: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

/** A rule linked to a dashboard, as the evaluator needs it. */
export interface AlertRuleDefinition {
  uid: string;
  title: string;
  /** Group interval: how often Grafana evaluates the rule. */
  intervalMs: number;
  forMs: number;
  condition: string;
  data: AlertRuleQueryDto[];
  noDataState: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
  /** Grafana's numeric rule id (annotations carry it as `alertId`). */
  id: number;
}

export type ThresholdType = 'gt' | 'lt' | 'within_range' | 'outside_range';

/** What evaluating a rule means: query → reduce → threshold. */
export interface AlertRulePlan {
  query: { refId: string; datasourceUid: string; model: Record<string, unknown>; lookbackMs: number };
  reduce: { refId: string; reducer: string; mode: 'dropNN' | 'replaceNN' | 'strict'; replaceWith: number };
  threshold: { refId: string; type: ThresholdType; params: number[] };
}

const THRESHOLD_TYPES: ThresholdType[] = ['gt', 'lt', 'within_range', 'outside_range'];
export const REDUCERS = ['last', 'mean', 'min', 'max', 'sum', 'count'];

/**
 * The rules of a ruler API answer (`{ folder: [ { name, interval, rules: [ { for, labels, annotations,
 * grafana_alert } ] } ] }`).
 *
 * @throws Error naming what is missing when the answer does not have that shape.
 */
export function parseRulerRules(body: unknown): AlertRuleDefinition[] {
  if (!isRecord(body)) {
    throw new Error('the ruler API answered something else than an object of folders');
  }
  const rules: AlertRuleDefinition[] = [];
  for (const [folder, groups] of Object.entries(body)) {
    if (!Array.isArray(groups)) {
      throw new Error(`the ruler API answered folder "${folder}" without a list of groups`);
    }
    for (const group of groups) {
      if (!isRecord(group) || !Array.isArray(group.rules)) {
        throw new Error(`the ruler API answered a group of folder "${folder}" without rules`);
      }
      const intervalMs = durationMs(group.interval, `interval of group "${String(group.name)}"`);
      for (const rule of group.rules) {
        rules.push(parseRule(rule, intervalMs));
      }
    }
  }
  return rules;
}

function parseRule(rule: unknown, intervalMs: number): AlertRuleDefinition {
  const alert = isRecord(rule) && isRecord(rule.grafana_alert) ? rule.grafana_alert : undefined;
  if (!isRecord(rule) || !alert || typeof alert.uid !== 'string' || !Array.isArray(alert.data)) {
    throw new Error('the ruler API answered a rule without "grafana_alert" (uid, data)');
  }
  const title = typeof alert.title === 'string' ? alert.title : alert.uid;
  const data = alert.data.map((q, i): AlertRuleQueryDto => {
    if (!isRecord(q) || typeof q.refId !== 'string' || !isRecord(q.model)) {
      throw new Error(`alert rule "${title}": query ${i} has no refId or model`);
    }
    const range = isRecord(q.relativeTimeRange) ? q.relativeTimeRange : {};
    return {
      refId: q.refId,
      relativeTimeRange: { from: Number(range.from ?? 0), to: Number(range.to ?? 0) },
      datasourceUid: typeof q.datasourceUid === 'string' ? q.datasourceUid : '',
      model: q.model,
    };
  });
  return {
    uid: alert.uid,
    id: typeof alert.id === 'number' ? alert.id : 0,
    title,
    intervalMs,
    forMs: rule.for === undefined ? 0 : durationMs(rule.for, `"for" of alert rule "${title}"`),
    condition: typeof alert.condition === 'string' ? alert.condition : '',
    data,
    noDataState: typeof alert.no_data_state === 'string' ? alert.no_data_state : 'NoData',
    labels: stringRecord(rule.labels),
    annotations: stringRecord(rule.annotations),
    isPaused: alert.is_paused === true,
  };
}

/**
 * The plan of a rule, or an error saying which part the sandbox cannot evaluate.
 *
 * @throws Error for a rule that is not query → reduce → threshold (the condition).
 */
export function planAlertRule(rule: AlertRuleDefinition): AlertRulePlan {
  const where = `Alert rule "${rule.title}"`;
  const byRef = new Map(rule.data.map((q) => [q.refId, q]));
  const threshold = byRef.get(rule.condition);
  if (!threshold || threshold.model.type !== 'threshold') {
    throw new Error(`${where}: the sandbox evaluates rules whose condition is a threshold expression`);
  }
  const conditions = Array.isArray(threshold.model.conditions) ? threshold.model.conditions : [];
  const evaluator = isRecord(conditions[0]) && isRecord(conditions[0].evaluator) ? conditions[0].evaluator : {};
  const type = evaluator.type as ThresholdType;
  const params = Array.isArray(evaluator.params) ? evaluator.params.map(Number) : [];
  if (!THRESHOLD_TYPES.includes(type) || params.length < (type.endsWith('range') ? 2 : 1)) {
    throw new Error(
      `${where}: threshold "${String(evaluator.type)}" with ${params.length} parameter(s) is not supported ` +
        `(the sandbox evaluates ${THRESHOLD_TYPES.join(', ')})`
    );
  }
  const reduce = byRef.get(String(threshold.model.expression ?? ''));
  if (!reduce || !EXPRESSION_UIDS.includes(reduce.datasourceUid) || reduce.model.type !== 'reduce') {
    throw new Error(
      `${where}: the threshold must read a reduce expression (the sandbox evaluates query → reduce → threshold)`
    );
  }
  const reducer = String(reduce.model.reducer ?? '');
  if (!REDUCERS.includes(reducer)) {
    throw new Error(`${where}: reducer "${reducer}" is not supported (the sandbox has ${REDUCERS.join(', ')})`);
  }
  const settings = isRecord(reduce.model.settings) ? reduce.model.settings : {};
  const mode = settings.mode === 'dropNN' || settings.mode === 'replaceNN' ? settings.mode : 'strict';
  const query = byRef.get(String(reduce.model.expression ?? ''));
  if (!query || EXPRESSION_UIDS.includes(query.datasourceUid)) {
    throw new Error(`${where}: the reduce expression must read a datasource query`);
  }
  return {
    query: {
      refId: query.refId,
      datasourceUid: query.datasourceUid,
      model: query.model,
      lookbackMs: Math.max(0, (query.relativeTimeRange?.from ?? 0) - (query.relativeTimeRange?.to ?? 0)) * 1000,
    },
    reduce: { refId: reduce.refId, reducer, mode, replaceWith: Number(settings.replaceWithValue ?? 0) },
    threshold: { refId: threshold.refId, type, params },
  };
}

const PROM_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** A Prometheus duration (`30s`, `1m30s`, `0s`), how the ruler API writes `for` and group intervals. */
function durationMs(value: unknown, what: string): number {
  const match = typeof value === 'string' && value !== '' ? PROM_DURATION.exec(value) : null;
  if (!match && value !== '0') {
    throw new Error(`the ruler API answered an invalid ${what}: ${JSON.stringify(value)}`);
  }
  return (match ?? []).slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * UNIT_MS[i] : 0), 0);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) {
    return {};
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
