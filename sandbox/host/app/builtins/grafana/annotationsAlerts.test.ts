import { of } from 'rxjs';
import {
  DataSourceApi,
  FieldType,
  createDataFrame,
  dateTime,
  type DataQueryRequest,
  type DataQueryResponse,
  type TestDataSourceResponse,
} from '@grafana/data';

import { alertRuleAnnotations, framesToSeries } from './annotationsAlerts';

const INTERVAL = 30_000;
const BASE = 1_700_000_010_000 - (1_700_000_010_000 % INTERVAL); // a multiple of the interval

/** Prometheus-like datasource: CPU 0.2, with 0.9 from +2 min to +4 min (inclusive). */
class FakeProm extends DataSourceApi {
  requests: DataQueryRequest[] = [];
  constructor() {
    super({ id: 2, uid: 'prom', name: 'Prometheus', type: 'prometheus', meta: { id: 'prometheus' } } as never);
  }
  query(request: DataQueryRequest) {
    this.requests.push(request);
    const times: number[] = [];
    const values: number[] = [];
    for (
      let t = Math.ceil(request.range.from.valueOf() / INTERVAL) * INTERVAL;
      t <= request.range.to.valueOf();
      t += INTERVAL
    ) {
      times.push(t);
      values.push(t >= BASE + 120_000 && t <= BASE + 240_000 ? 0.9 : 0.2);
    }
    const frame = createDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        { name: 'Value', type: FieldType.number, values, labels: { job: 'demo-workload' } },
      ],
    });
    return of<DataQueryResponse>({ data: [frame] });
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: '' });
  }
}

function rulerAnswer(patch: Record<string, unknown> = {}) {
  return {
    Flamelens: [
      {
        name: 'g',
        interval: '30s',
        rules: [
          {
            expr: '',
            for: '30s',
            labels: { team: 'flamelens' },
            annotations: { __dashboardUid__: 'dash', __panelId__: '1' },
            grafana_alert: {
              id: 7,
              uid: 'cpu',
              title: 'CPU high',
              condition: 'C',
              no_data_state: 'OK',
              data: [
                { refId: 'A', relativeTimeRange: { from: 300, to: 0 }, datasourceUid: 'prom', model: { expr: 'cpu' } },
                {
                  refId: 'B',
                  datasourceUid: '__expr__',
                  model: { type: 'reduce', expression: 'A', reducer: 'last', settings: { mode: 'dropNN' } },
                },
                {
                  refId: 'C',
                  datasourceUid: '__expr__',
                  model: {
                    type: 'threshold',
                    expression: 'B',
                    conditions: [{ evaluator: { type: 'gt', params: [0.5] } }],
                  },
                },
              ],
              ...patch,
            },
          },
        ],
      },
    ],
  };
}

const range = { from: dateTime(BASE), to: dateTime(BASE + 600_000), raw: { from: 'now-10m', to: 'now' } };
const ctx = { dashboardUid: 'dash', range, timeZone: 'utc' };

describe('alertRuleAnnotations', () => {
  it('evaluates the linked rule over the range and gives one region per firing period, for its panel', async () => {
    const prom = new FakeProm();
    const fetchRules = jest.fn(async () => rulerAnswer());
    const result = await alertRuleAnnotations(ctx, {
      fetchRules,
      getDataSource: async () => prom,
      nowMs: () => BASE + 600_000,
    });
    expect(fetchRules).toHaveBeenCalledWith('dash');
    expect(result.errors).toEqual([]);
    // Holds from +120 s; pending there, Alerting at +150 s (for 30 s); stops holding at +270 s.
    expect(result.events).toEqual([
      {
        time: BASE + 150_000,
        timeEnd: BASE + 270_000,
        title: 'CPU high',
        text: 'CPU high: Alerting {job=demo-workload, team=flamelens} - B=0.9, C=1',
        alertId: 7,
        newState: 'Alerting',
        prevState: 'Pending',
        dashboardUID: 'dash',
        panelId: 1,
      },
    ]);
    // One range query with the group interval as step, starting early enough for `for` and the lookback.
    const [request] = prom.requests;
    expect(request.intervalMs).toBe(INTERVAL);
    expect(request.range.from.valueOf()).toBe(BASE - 30_000 - INTERVAL - 300_000);
    expect(request.targets[0]).toMatchObject({ refId: 'A', expr: 'cpu', datasource: { uid: 'prom' } });
  });

  it('keeps a period still firing at the last evaluation open until then', async () => {
    const result = await alertRuleAnnotations(
      { ...ctx, range: { ...range, to: dateTime(BASE + 200_000) } },
      { fetchRules: async () => rulerAnswer(), getDataSource: async () => new FakeProm(), nowMs: () => BASE + 200_000 }
    );
    expect(result.events.map((e) => [e.time, e.timeEnd, e.text?.endsWith('(still firing)')])).toEqual([
      [BASE + 150_000, BASE + 180_000, true],
    ]);
  });

  it('reports rules it cannot evaluate and a missing datasource, without failing the others', async () => {
    const missing = await alertRuleAnnotations(ctx, {
      fetchRules: async () => rulerAnswer(),
      getDataSource: async () => {
        throw new Error('Datasource prom was not found');
      },
    });
    expect(missing).toEqual({
      events: [],
      errors: ['Alert rule "CPU high": datasource "prom": Datasource prom was not found'],
    });
    const unsupported = await alertRuleAnnotations(ctx, {
      fetchRules: async () => rulerAnswer({ condition: 'A' }),
      getDataSource: async () => new FakeProm(),
    });
    expect(unsupported.errors).toEqual([
      'Alert rule "CPU high": the sandbox evaluates rules whose condition is a threshold expression',
    ]);
    const down = await alertRuleAnnotations(ctx, {
      fetchRules: async () => Promise.reject({ status: 502, data: { message: 'Bad gateway' } }),
      getDataSource: async () => new FakeProm(),
    });
    expect(down.errors).toEqual(['Alert rules could not be loaded: HTTP 502: Bad gateway']);
  });

  it('leaves out paused rules and rules of other dashboards', async () => {
    const paused = await alertRuleAnnotations(ctx, {
      fetchRules: async () => rulerAnswer({ is_paused: true }),
      getDataSource: async () => new FakeProm(),
    });
    expect(paused).toEqual({ events: [], errors: [] });
    const other = await alertRuleAnnotations(
      { ...ctx, dashboardUid: 'other' },
      { fetchRules: async () => rulerAnswer(), getDataSource: async () => new FakeProm() }
    );
    expect(other).toEqual({ events: [], errors: [] });
  });
});

describe('framesToSeries', () => {
  it('makes one series per number field, sorted by time, labelled like the field', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [2000, 1000] },
        { name: 'a', type: FieldType.number, values: [2, 1], labels: { x: '1' } },
        { name: 'b', type: FieldType.number, values: [null, 5] },
      ],
    });
    expect(framesToSeries([frame])).toEqual([
      { labels: { x: '1' }, timesMs: [1000, 2000], values: [1, 2] },
      { labels: {}, timesMs: [1000, 2000], values: [5, null] },
    ]);
  });
});
