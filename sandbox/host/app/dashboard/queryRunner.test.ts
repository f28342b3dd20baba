import { Observable, Subject } from 'rxjs';
import {
  DataSourceApi,
  LoadingState,
  createDataFrame,
  dateTime,
  type DataQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type PanelData,
  type TestDataSourceResponse,
} from '@grafana/data';

import { PanelQueryRunner, type QueryRunnerOptions } from './queryRunner';

class ScriptedDs extends DataSourceApi {
  requests: DataQueryRequest[] = [];
  responses: Array<Subject<DataQueryResponse>> = [];
  unsubscribed = 0;
  constructor() {
    super({ id: 1, uid: 'ds1', name: 'DS', type: 'test', meta: { id: 'test' } } as never);
    this.interval = '15s';
  }
  query(request: DataQueryRequest): Observable<DataQueryResponse> {
    this.requests.push(request);
    const subject = new Subject<DataQueryResponse>();
    this.responses.push(subject);
    return new Observable((subscriber) => {
      const sub = subject.subscribe(subscriber);
      return () => {
        this.unsubscribed++;
        sub.unsubscribe();
      };
    });
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: '' });
  }
}

const range = {
  from: dateTime(1_700_000_000_000),
  to: dateTime(1_700_003_600_000),
  raw: { from: 'now-1h', to: 'now' },
};

function setup() {
  const ds = new ScriptedDs();
  const get = jest.fn(async () => ds as DataSourceApi);
  const canceled: string[] = [];
  const runner = new PanelQueryRunner({
    dataSourceSrv: () => ({ get }),
    templateSrv: () => ({ replace: (s?: string) => (s === '$min' ? '1m' : (s ?? '')) }),
    canceler: () => ({ resolveCancelerIfExists: (id: string) => canceled.push(id) }),
  });
  const data: PanelData[] = [];
  runner.getData().subscribe((d) => data.push(d));
  return { ds, get, runner, data, canceled };
}

function options(queries: DataQuery[], extra: Partial<QueryRunnerOptions> = {}): QueryRunnerOptions {
  return {
    datasource: { uid: 'ds1', type: 'test' },
    queries,
    panelId: 7,
    dashboardUID: 'dash',
    timezone: 'utc',
    timeRange: range,
    maxDataPoints: 720,
    ...extra,
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('PanelQueryRunner', () => {
  it('builds one request like Grafana: ids, interval from width and min interval, scoped vars, no hidden queries', async () => {
    const { ds, runner } = setup();
    await runner.run(
      options([{ refId: 'A' }, { refId: 'B', hide: true }, { refId: 'C', datasource: { uid: 'other' } }], {
        minInterval: '$min',
      })
    );
    const request = ds.requests[0];
    expect(request.requestId).toMatch(/^Q\d+$/);
    expect(request).toMatchObject({
      app: 'dashboard',
      panelId: 7,
      dashboardUID: 'dash',
      timezone: 'utc',
      maxDataPoints: 720,
      range,
      rangeRaw: range.raw,
      interval: '1m',
      intervalMs: 60_000,
    });
    expect(request.scopedVars).toEqual({
      __interval: { text: '1m', value: '1m' },
      __interval_ms: { text: '60000', value: 60000 },
    });
    expect(request.targets.map((t) => [t.refId, t.datasource?.uid])).toEqual([
      ['A', 'ds1'],
      ['C', 'ds1'],
    ]);
    expect(request.startTime).toBeGreaterThan(0);
  });

  it('uses the datasource interval as the lower limit without a panel min interval', async () => {
    const { ds, runner } = setup();
    await runner.run(options([{ refId: 'A' }], { maxDataPoints: 100_000 }));
    expect(ds.requests[0].interval).toBe('15s');
  });

  it('goes Loading → Done with the frames and the range', async () => {
    const { ds, runner, data } = setup();
    await runner.run(options([{ refId: 'A' }]));
    expect(data.map((d) => d.state)).toEqual([LoadingState.Loading]);
    ds.responses[0].next({ data: [createDataFrame({ refId: 'A', fields: [] })] });
    ds.responses[0].complete();
    const last = data[data.length - 1];
    expect(last.state).toBe(LoadingState.Done);
    expect(last.series).toHaveLength(1);
    expect(last.timeRange).toBe(range);
    expect(last.request?.requestId).toBe(ds.requests[0].requestId);
  });

  it('keeps errors in data.errors and turns a thrown error into an Error state', async () => {
    const { ds, runner, data } = setup();
    await runner.run(options([{ refId: 'A' }]));
    ds.responses[0].next({ data: [], errors: [{ refId: 'A', message: 'bad query' }] });
    expect(data[data.length - 1]).toMatchObject({ state: LoadingState.Error, errors: [{ message: 'bad query' }] });
    await runner.run(options([{ refId: 'A' }]));
    ds.responses[1].error(new Error('server down'));
    expect(data[data.length - 1]).toMatchObject({ state: LoadingState.Error, error: { message: 'server down' } });
  });

  it('cancels the previous run: its answer never arrives after the new run started', async () => {
    const { ds, runner, data, canceled } = setup();
    await runner.run(options([{ refId: 'A' }]));
    await runner.run(options([{ refId: 'A' }]));
    expect(ds.unsubscribed).toBe(1);
    expect(canceled).toContain(ds.requests[0].requestId);
    ds.responses[0].next({ data: [createDataFrame({ refId: 'old', fields: [] })] });
    ds.responses[1].next({ data: [createDataFrame({ refId: 'new', fields: [] })] });
    expect(data.filter((d) => d.state === LoadingState.Done).map((d) => d.series[0].refId)).toEqual(['new']);
  });

  it('drops a run superseded while its datasource was loading', async () => {
    const { ds, runner, get } = setup();
    let release: () => void = () => undefined;
    get.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(ds))));
    const first = runner.run(options([{ refId: 'first' }]));
    await runner.run(options([{ refId: 'second' }]));
    release();
    await first;
    await flush();
    expect(ds.requests.map((r) => r.targets[0].refId)).toEqual(['second']);
  });

  it('reports a missing datasource as an error', async () => {
    const { runner, get, data } = setup();
    get.mockRejectedValueOnce(new Error('Data source nope was not found'));
    await runner.run(options([{ refId: 'A' }]));
    expect(data[data.length - 1]).toMatchObject({
      state: LoadingState.Error,
      errors: [{ message: 'Data source nope was not found' }],
    });
  });

  it('finishes at once when no query is left to run', async () => {
    const { ds, runner, data } = setup();
    ds.filterQuery = () => false;
    await runner.run(options([{ refId: 'A' }]));
    expect(ds.requests).toHaveLength(0);
    expect(data[data.length - 1].state).toBe(LoadingState.Done);
  });
});
