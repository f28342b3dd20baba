import { lastValueFrom, of } from 'rxjs';
import {
  CoreApp,
  DataSourceApi,
  DataTopic,
  FieldType,
  LoadingState,
  createDataFrame,
  dateTime,
  type AnnotationQuery,
  type AnnotationSupport,
  type DataQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type TestDataSourceResponse,
} from '@grafana/data';

import { executeAnnotationQuery } from './annotationsQuery';

interface ProfileQuery extends DataQuery {
  profileTypeId?: string;
  queryType?: string;
}

class AnnoDs extends DataSourceApi<ProfileQuery> {
  requests: Array<DataQueryRequest<ProfileQuery>> = [];
  response: DataQueryResponse = { data: [] };
  constructor(support: AnnotationSupport<ProfileQuery>) {
    super({ id: 1, uid: 'pyro', name: 'Profiles', type: 'flamelens-pyroscope-datasource', meta: { id: 'x' } } as never);
    this.annotations = support;
  }
  query(request: DataQueryRequest<ProfileQuery>) {
    this.requests.push(request);
    return of(this.response);
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: '' });
  }
}

const spikes = createDataFrame({
  refId: 'Anno',
  fields: [
    { name: 'time', type: FieldType.time, values: [1000] },
    { name: 'timeEnd', type: FieldType.time, values: [2000] },
    { name: 'title', type: FieldType.string, values: ['Spike: api'] },
    { name: 'text', type: FieldType.string, values: ['peak'] },
  ],
  meta: { dataTopic: DataTopic.Annotations },
});

const range = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };
const ctx = { range, timeZone: 'utc', dashboardUid: 'dash', maxDataPoints: 1200 };
const query = {
  name: 'CPU spikes',
  enable: true,
  iconColor: 'red',
  datasource: { uid: 'pyro' },
  target: { refId: 'Anno', profileTypeId: 'cpu' },
} as unknown as AnnotationQuery;

describe('executeAnnotationQuery (Grafana’s datasource annotation path)', () => {
  it('prepares the query through the datasource support and sends one dashboard request', async () => {
    const ds = new AnnoDs({
      prepareAnnotation: (json: unknown) => json as AnnotationQuery<ProfileQuery>,
      prepareQuery: (anno) => ({ ...(anno.target as ProfileQuery), queryType: 'spikes' }),
    });
    ds.response = { data: [spikes] };
    const result = await lastValueFrom(executeAnnotationQuery(ds, query, ctx));
    expect(result.state).toBe(LoadingState.Done);
    expect(result.events).toEqual([
      { type: 'default', color: 'red', time: 1000, timeEnd: 2000, title: 'Spike: api', text: 'peak' },
    ]);
    const [request] = ds.requests;
    expect(request).toMatchObject({
      app: CoreApp.Dashboard,
      dashboardUID: 'dash',
      range,
      maxDataPoints: 1200,
      targets: [{ refId: 'Anno', profileTypeId: 'cpu', queryType: 'spikes' }],
    });
    expect(request.requestId).toMatch(/^AQ\d+$/);
    expect(request.scopedVars.__annotation?.value).toMatchObject({ name: 'CPU spikes' });
    expect(request.scopedVars.__interval?.value).toBe(request.interval);
  });

  it('skips the query quietly when prepareQuery gives nothing', async () => {
    const ds = new AnnoDs({ prepareQuery: () => undefined });
    const result = await lastValueFrom(executeAnnotationQuery(ds, query, ctx));
    expect(result).toEqual({ state: LoadingState.Done, events: [] });
    expect(ds.requests).toEqual([]);
  });

  it('uses the datasource’s processEvents when it has one', async () => {
    const ds = new AnnoDs({ processEvents: (_anno, frames) => of([{ time: 5, text: `${frames.length} frame(s)` }]) });
    ds.response = { data: [spikes] };
    const result = await lastValueFrom(executeAnnotationQuery(ds, query, ctx));
    expect(result.events).toEqual([{ time: 5, text: '1 frame(s)' }]);
  });

  it('passes the request errors on with whatever events there are', async () => {
    const ds = new AnnoDs({});
    ds.response = { data: [], errors: [{ message: 'Pyroscope said 500', refId: 'Anno' }] };
    const result = await lastValueFrom(executeAnnotationQuery(ds, query, ctx));
    expect(result.state).toBe(LoadingState.Error);
    expect(result.errors?.map((e) => e.message)).toEqual(['Pyroscope said 500']);
    expect(result.events).toEqual([]);
  });
});
