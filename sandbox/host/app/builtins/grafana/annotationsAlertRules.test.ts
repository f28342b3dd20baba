import { resolve } from 'node:path';

import { readAlertRules } from '../../../server/alerting';
import { rulerRulesConfig } from '../../../server/alertingApi';
import { parseRulerRules, planAlertRule, type AlertRuleDefinition } from './annotationsAlertRules';

const REPO_ALERTING = resolve(__dirname, '..', '..', '..', '..', '..', 'provisioning', 'alerting');

/** The demo rule as the host server's ruler API answers it. */
function demoRules(): AlertRuleDefinition[] {
  return parseRulerRules(JSON.parse(JSON.stringify(rulerRulesConfig(readAlertRules(REPO_ALERTING, {})))));
}

describe('parseRulerRules', () => {
  it('reads the demo rule from what the host server answers', () => {
    const [rule] = demoRules();
    expect(rule).toMatchObject({
      uid: 'flamelens-demo-cpu-high',
      title: 'Demo workload CPU high',
      intervalMs: 10_000,
      forMs: 20_000,
      condition: 'C',
      noDataState: 'OK',
      annotations: { __dashboardUid__: 'flamelens-demo', __panelId__: '1' },
      id: 1,
    });
  });

  it('says what is wrong with an answer of another shape', () => {
    expect(() => parseRulerRules([])).toThrow('the ruler API answered something else than an object of folders');
    expect(() => parseRulerRules({ F: [{ name: 'g', interval: '30 s', rules: [] }] })).toThrow(
      'the ruler API answered an invalid interval of group "g": "30 s"'
    );
    expect(() => parseRulerRules({ F: [{ name: 'g', interval: '1m', rules: [{ for: '1m' }] }] })).toThrow(
      /without "grafana_alert"/
    );
  });

  it('reads Prometheus durations with several units', () => {
    const body = { F: [{ name: 'g', interval: '1m30s', rules: [] }] };
    expect(parseRulerRules(body)).toEqual([]);
  });
});

describe('planAlertRule', () => {
  it('plans the demo rule as query A → reduce B (last, dropNN) → threshold C (> 0.5)', () => {
    const plan = planAlertRule(demoRules()[0]);
    expect(plan.query).toMatchObject({ refId: 'A', datasourceUid: 'flamelens-prometheus', lookbackMs: 300_000 });
    expect(plan.query.model.expr).toBe('rate(process_cpu_seconds_total{job="demo-workload"}[30s])');
    expect(plan.reduce).toEqual({ refId: 'B', reducer: 'last', mode: 'dropNN', replaceWith: 0 });
    expect(plan.threshold).toEqual({ refId: 'C', type: 'gt', params: [0.5] });
  });

  it('refuses rules it cannot evaluate, saying which part', () => {
    const rule = demoRules()[0];
    const withModel = (refId: string, patch: Record<string, unknown>): AlertRuleDefinition => ({
      ...rule,
      data: rule.data.map((q) => (q.refId === refId ? { ...q, model: { ...q.model, ...patch } } : q)),
    });
    expect(() => planAlertRule({ ...rule, condition: 'A' })).toThrow(
      'Alert rule "Demo workload CPU high": the sandbox evaluates rules whose condition is a threshold expression'
    );
    expect(() => planAlertRule(withModel('C', { conditions: [{ evaluator: { type: 'eq', params: [1] } }] }))).toThrow(
      /threshold "eq" with 1 parameter\(s\) is not supported/
    );
    expect(() => planAlertRule(withModel('B', { reducer: 'median' }))).toThrow(/reducer "median" is not supported/);
    expect(() => planAlertRule(withModel('B', { type: 'math' }))).toThrow(
      /the threshold must read a reduce expression/
    );
  });
});
