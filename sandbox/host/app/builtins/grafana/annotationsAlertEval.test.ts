import {
  evaluateSeries,
  evaluationTimes,
  firingPeriods,
  reduceValues,
  thresholdHolds,
  type AlertSeries,
  type EvaluationPoint,
} from './annotationsAlertEval';
import type { AlertRulePlan } from './annotationsAlertRules';

const INTERVAL = 30_000;

function plan(overrides: Partial<AlertRulePlan> = {}): AlertRulePlan {
  return {
    query: { refId: 'A', datasourceUid: 'prom', model: {}, lookbackMs: 300_000 },
    reduce: { refId: 'B', reducer: 'last', mode: 'dropNN', replaceWith: 0 },
    threshold: { refId: 'C', type: 'gt', params: [0.5] },
    ...overrides,
  };
}

/** A series sampled every 30 s from t = 0 with the given values. */
function series(values: Array<number | null>): AlertSeries {
  return { labels: { job: 'demo' }, timesMs: values.map((_, i) => i * INTERVAL), values };
}

/** Points from a picture: `x` holds, `.` does not, `?` no data; one character per evaluation (30 s). */
function points(picture: string): EvaluationPoint[] {
  return [...picture].map((c, i) => ({
    atMs: i * INTERVAL,
    value: c === '?' ? null : c === 'x' ? 1 : 0,
    holds: c === '?' ? undefined : c === 'x',
  }));
}

describe('evaluationTimes', () => {
  it('gives every multiple of the interval in the range, as Grafana’s scheduler ticks', () => {
    expect(evaluationTimes(10_000, 100_000, INTERVAL)).toEqual([30_000, 60_000, 90_000]);
    expect(evaluationTimes(30_000, 60_000, INTERVAL)).toEqual([30_000, 60_000]);
    expect(() => evaluationTimes(0, 1, 0)).toThrow('an alert rule interval must be positive, got 0 ms');
  });
});

describe('reduce and threshold', () => {
  const reduce = (reducer: string, mode: 'dropNN' | 'replaceNN' | 'strict', values: Array<number | null>) =>
    reduceValues(values, { refId: 'B', reducer, mode, replaceWith: -1 });

  it('reduces with Grafana’s NaN modes', () => {
    expect(reduce('last', 'dropNN', [1, 2, null, Number.NaN])).toBe(2);
    expect(reduce('last', 'replaceNN', [1, null])).toBe(-1);
    expect(reduce('last', 'strict', [1, null])).toBeNull();
    expect(reduce('mean', 'dropNN', [1, 2, 6])).toBe(3);
    expect(reduce('max', 'dropNN', [1, 7, 2])).toBe(7);
    expect(reduce('min', 'dropNN', [4, 7, 2])).toBe(2);
    expect(reduce('sum', 'dropNN', [4, 7])).toBe(11);
    expect(reduce('count', 'dropNN', [4, null, 7])).toBe(2);
    expect(reduce('last', 'dropNN', [])).toBeNull();
  });

  it('evaluates gt, lt and the exclusive ranges', () => {
    const holds = (type: AlertRulePlan['threshold']['type'], params: number[], v: number) =>
      thresholdHolds(v, { threshold: { refId: 'C', type, params } });
    expect([holds('gt', [0.5], 0.6), holds('gt', [0.5], 0.5)]).toEqual([true, false]);
    expect([holds('lt', [0.5], 0.4), holds('lt', [0.5], 0.5)]).toEqual([true, false]);
    expect([holds('within_range', [1, 3], 2), holds('within_range', [1, 3], 3)]).toEqual([true, false]);
    expect([holds('outside_range', [1, 3], 4), holds('outside_range', [1, 3], 1)]).toEqual([true, false]);
  });

  it('takes at each evaluation time the last value of the window [t - lookback, t]', () => {
    const s = series([0.1, 0.9, null, 0.2]);
    const got = evaluateSeries(s, plan(), [0, 30_000, 60_000, 90_000, 600_000]);
    expect(got.map((p) => [p.value, p.holds])).toEqual([
      [0.1, false],
      [0.9, true],
      [0.9, true], // the missing value is dropped: the last one before it counts
      [0.2, false],
      [null, undefined], // nothing in the last 5 minutes: no data
    ]);
  });
});

describe('firingPeriods (Normal → Pending → Alerting → Normal)', () => {
  it('fires once the condition held for `for`, and resolves when it stops holding', () => {
    // for = 30 s: pending at 60 s, alerting at 90 s, resolved at 150 s.
    expect(firingPeriods(points('..xxx.'), 30_000, 'OK')).toEqual([
      { startMs: 90_000, endMs: 150_000, value: 1, lastEvaluationMs: 150_000 },
    ]);
  });

  it('never fires when the condition holds for less than `for`', () => {
    expect(firingPeriods(points('.x.x.'), 30_000, 'OK')).toEqual([]);
  });

  it('fires at once with `for` 0, and keeps a period still firing at the last evaluation open', () => {
    expect(firingPeriods(points('.xx.xx'), 0, 'OK')).toEqual([
      { startMs: 30_000, endMs: 90_000, value: 1, lastEvaluationMs: 90_000 },
      { startMs: 120_000, value: 1, lastEvaluationMs: 150_000 },
    ]);
  });

  it('treats no data by noDataState: OK and NoData resolve, Alerting holds, KeepLast keeps the state', () => {
    expect(firingPeriods(points('xx?x.'), 0, 'OK').map((p) => [p.startMs, p.endMs])).toEqual([
      [0, 60_000],
      [90_000, 120_000],
    ]);
    expect(firingPeriods(points('xx?x.'), 0, 'Alerting').map((p) => [p.startMs, p.endMs])).toEqual([[0, 120_000]]);
    expect(firingPeriods(points('xx?x.'), 0, 'NoData').map((p) => [p.startMs, p.endMs])).toEqual([
      [0, 60_000],
      [90_000, 120_000],
    ]);
    expect(firingPeriods(points('x?x.'), 60_000, 'KeepLast').map((p) => [p.startMs, p.endMs])).toEqual([
      [60_000, 90_000],
    ]);
  });
});
