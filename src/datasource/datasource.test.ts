import fs from 'fs';
import path from 'path';
import { firstValueFrom } from 'rxjs';
import { dateTime, type DataQueryRequest } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { dataFrameToProfile } from '../model/frame';
import { type FakeAnswer, type FakeCall } from './testing/fakeBackend';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';
import { fakeDataSource } from './testing/fakeDataSource';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api', name), 'utf8');
const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

const templateSrv = { replace: (s: string) => s } as unknown as TemplateSrv;

function makeDs(answer: (call: FakeCall) => FakeAnswer | 'hang', jsonData: ProfileDataSourceOptions = {}) {
  return fakeDataSource(answer, { jsonData, templateSrv });
}

/** Answers like a Grafana Pyroscope server with the recorded responses. */
function grafanaServer(call: FakeCall): FakeAnswer {
  switch (call.path) {
    case 'pyroscope/label-values':
      return { body: JSON.stringify([CPU]) };
    case 'querier.v1.QuerierService/SelectMergeStacktraces':
      return { body: fixture('flamegraph.json') };
    case 'querier.v1.QuerierService/SelectSeries':
      return { body: fixture('selectseries.json') };
    default:
      return { status: 404, body: '404 page not found' };
  }
}

function request(targets: ProfileQuery[], intervalMs = 30_000): DataQueryRequest<ProfileQuery> {
  return {
    targets,
    range: { from: dateTime(1779729300000), to: dateTime(1779732900000), raw: { from: 'now-1h', to: 'now' } },
    intervalMs,
    scopedVars: {},
    requestId: 'r1',
  } as unknown as DataQueryRequest<ProfileQuery>;
}

const target: ProfileQuery = {
  refId: 'A',
  profileTypeId: CPU,
  labelSelector: '{service_name="ad-server"}',
  queryType: 'both',
};

describe('ProfileDataSource.query against recorded Grafana Pyroscope responses', () => {
  it('returns the flame graph frame and the CPU series as cores', async () => {
    const { ds, calls } = makeDs(grafanaServer);
    const res = await firstValueFrom(ds.query(request([target])));
    expect(res.errors).toBeUndefined();
    const flame = res.data.find((f) => f.meta?.preferredVisualisationType === 'flamegraph');
    const profile = dataFrameToProfile(flame);
    expect(profile.level.length).toBe(2110);
    expect(profile.total[0]).toBe(11_100_000_000);
    expect(flame.meta.custom).toMatchObject({
      profileTypeId: CPU,
      fromMs: 1779729300000,
      toMs: 1779732900000,
      flavor: 'grafana',
    });
    const series = res.data.filter((f) => f.meta?.preferredVisualisationType === 'graph');
    expect(series).toHaveLength(1);
    const [time, value] = series[0].fields;
    expect(time.values[0]).toBe(1779729327372);
    // 270,000,000 ns of CPU in a 30 s bucket is 0.009 cores.
    expect(value.values[0]).toBeCloseTo(0.009, 9);
    expect(value.config.unit).toBe('suffix: cores');
    const stacks = calls.find((c) => c.path.endsWith('SelectMergeStacktraces'));
    expect(stacks?.body).toMatchObject({
      profileTypeID: CPU,
      labelSelector: '{service_name="ad-server"}',
      start: 1779729300000,
      end: 1779732900000,
      maxNodes: 16384,
    });
    const sel = calls.find((c) => c.path.endsWith('SelectSeries'));
    expect(sel?.body).toMatchObject({ step: 30, groupBy: [] });
  });

  it('uses max(interval, minimal step) as the series step', async () => {
    const { ds, calls } = makeDs(grafanaServer, { minStep: '1m' });
    await firstValueFrom(ds.query(request([{ ...target, queryType: 'metrics' }], 10_000)));
    expect(calls.find((c) => c.path.endsWith('SelectSeries'))?.body).toMatchObject({ step: 60 });
    expect(calls.some((c) => c.path.endsWith('SelectMergeStacktraces'))).toBe(false);
  });

  it('cancels the HTTP requests when the query is unsubscribed', async () => {
    const { ds, calls } = makeDs((call) => (call.path === 'pyroscope/label-values' ? grafanaServer(call) : 'hang'));
    const sub = ds.query(request([target])).subscribe();
    await new Promise((r) => setTimeout(r, 20));
    const inflight = calls.filter((c) => c.path.startsWith('querier'));
    expect(inflight).toHaveLength(2);
    sub.unsubscribe();
    expect(inflight.every((c) => c.cancelled)).toBe(true);
  });
});

describe('errors become DataQueryErrors with status, server message and a hint', () => {
  const cases: Array<[string, FakeAnswer, RegExp]> = [
    [
      '401 Connect error',
      { status: 401, body: '{"code":"unauthenticated","message":"invalid credentials"}' },
      /Authentication failed \(HTTP 401\).*unauthenticated: invalid credentials.*Check the credentials/,
    ],
    [
      'tenant required',
      { status: 401, body: '{"code":"unauthenticated","message":"no org id"}' },
      /requires a tenant.*X-Scope-OrgID/,
    ],
    [
      "Grafana's proxy turning an upstream 401 into 400",
      { status: 400, body: '{"message":"Authentication to data source failed"}' },
      /Authentication failed \(HTTP 400\).*Check the credentials.*tenant/,
    ],
    [
      '400 bad selector',
      { status: 400, body: '{"code":"invalid_argument","message":"parse error at line 1"}' },
      /rejected the query \(HTTP 400\).*invalid_argument: parse error/,
    ],
    [
      '502 from the proxy',
      { status: 502, body: '{"message":"Bad Gateway"}' },
      /could not reach the server \(HTTP 502\).*TLS/,
    ],
    [
      'HTML page with 200',
      { body: '<html><head><title>Login</title></head></html>' },
      /HTML page came back instead of JSON/,
    ],
    ['truncated flame graph', { body: fixture('flamegraph.json').slice(0, 5000) }, /could not be read/],
    ['empty body', { body: '' }, /body is empty/],
  ];
  it.each(cases)('%s', async (_name, answer, message) => {
    const { ds } = makeDs((call) => (call.path === 'pyroscope/label-values' ? grafanaServer(call) : answer));
    const res = await firstValueFrom(ds.query(request([{ ...target, queryType: 'profile' }])));
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(message);
    expect(res.errors?.[0].refId).toBe('A');
  });

  it('reports a URL that is not a Pyroscope server', async () => {
    const { ds } = makeDs(() => ({ status: 404, body: '<html><title>Not Found</title></html>' }));
    const res = await firstValueFrom(ds.query(request([target])));
    expect(res.errors?.[0].message).toMatch(/does not answer like a Pyroscope server.*Check the URL/);
  });

  it('says the server could not be reached when the proxy answers 502 to the flavor probe', async () => {
    const { ds, calls } = makeDs(() => ({ status: 502, body: '' }));
    const res = await firstValueFrom(ds.query(request([target])));
    expect(res.errors?.[0].message).toMatch(/could not reach the server \(HTTP 502\)/);
    // No further probes once nothing answers.
    expect(calls).toHaveLength(1);
  });

  it('times out with a clear message', async () => {
    const { ds } = makeDs((call) => (call.path === 'pyroscope/label-values' ? grafanaServer(call) : 'hang'), {
      timeoutSec: 0.05,
    });
    const res = await firstValueFrom(ds.query(request([{ ...target, queryType: 'profile' }])));
    expect(res.errors?.[0].message).toMatch(/No answer within 0.1 s.*shorter time range/);
  });
});

describe('testDatasource', () => {
  it('names the flavor and counts profile types and services', async () => {
    const { ds } = makeDs((call) => {
      if (call.path.endsWith('ProfileTypes')) {
        return { body: '{"profileTypes":[{"ID":"' + CPU + '","name":"process_cpu","sampleType":"cpu"}]}' };
      }
      if (call.path.endsWith('LabelValues')) {
        return { body: '{"names":["ad-server","checkout"]}' };
      }
      return grafanaServer(call);
    });
    await expect(ds.testDatasource()).resolves.toEqual({
      status: 'success',
      message: 'Connected to Grafana Pyroscope: 1 profile type and 2 services in the last hour.',
    });
  });

  it('fails with the status and hint', async () => {
    const { ds } = makeDs(() => ({ status: 401, body: '{"code":"unauthenticated","message":"bad token"}' }));
    const res = await ds.testDatasource();
    expect(res.status).toBe('error');
    expect(res.message).toMatch(/HTTP 401.*bad token/);
  });
});
