/**
 * Issue 11 regressions, one per symptom: nothing a server, a proxy or a failure sends is dropped silently or shown as
 * a wrong picture. Driven through the datasource's `query()` with a fake backend service (see tests/faults for the
 * same faults over real HTTP).
 */
import fs from 'fs';
import path from 'path';
import { firstValueFrom } from 'rxjs';
import { dateTime, type DataQueryRequest, type Field } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { ProfileDataSource } from './datasource';
import { type FakeAnswer, type FakeCall } from './testing/fakeBackend';
import { templateSrvWith } from './testing/templateSrv';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';
import { fakeDataSource } from './testing/fakeDataSource';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api', name), 'utf8');
const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const FROM = 1779729300000;
const TO = 1779732900000;
const STACKS = 'querier.v1.QuerierService/SelectMergeStacktraces';
const SERIES = 'querier.v1.QuerierService/SelectSeries';

function makeDs(
  answer: (call: FakeCall) => FakeAnswer,
  jsonData: ProfileDataSourceOptions = {},
  templateSrv: TemplateSrv = templateSrvWith({})
) {
  return fakeDataSource(answer, { jsonData, templateSrv });
}

function grafanaServer(call: FakeCall): FakeAnswer {
  switch (call.path) {
    case 'pyroscope/label-values':
      return { body: JSON.stringify([CPU]) };
    case STACKS:
      return { body: fixture('flamegraph.json') };
    case SERIES:
      return { body: fixture('selectseries.json') };
    default:
      return { status: 404, body: '404 page not found' };
  }
}

function run(ds: ProfileDataSource, target: Partial<ProfileQuery>, requestId = 'r1') {
  const request = {
    targets: [{ refId: 'A', profileTypeId: CPU, labelSelector: '{service_name="api"}', ...target }],
    range: { from: dateTime(FROM), to: dateTime(TO), raw: { from: 'now-1h', to: 'now' } },
    intervalMs: 60_000,
    scopedVars: {},
    requestId,
  } as unknown as DataQueryRequest<ProfileQuery>;
  return firstValueFrom(ds.query(request));
}

describe('flavor detection', () => {
  it('flavor detection sticks after a transient 401 or HTML 403 from an auth proxy: it does not', async () => {
    let proxyDown = 2;
    const { ds } = makeDs((call) => {
      if (proxyDown > 0) {
        proxyDown--;
        return proxyDown === 1
          ? { status: 401, body: 'Unauthorized' }
          : { status: 403, body: '<html><title>Forbidden</title></html>' };
      }
      return grafanaServer(call);
    });
    const first = await run(ds, { queryType: 'profile' });
    expect(first.errors?.[0].message).toBe(
      'Authentication failed (HTTP 401) calling pyroscope/label-values: Unauthorized. Check the credentials in the data source settings'
    );
    const second = await run(ds, { queryType: 'profile' });
    expect(second.errors?.[0].message).toMatch(/^Access denied \(HTTP 403\) calling pyroscope\/label-values/);
    const recovered = await run(ds, { queryType: 'profile' });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data[0].meta.custom.flavor).toBe('grafana');
    expect(recovered.data[0].length).toBeGreaterThan(1);
  });

  it('keeps a positive identification: one probe for many queries', async () => {
    const { ds, calls } = makeDs(grafanaServer);
    await run(ds, { queryType: 'profile' });
    await run(ds, { queryType: 'profile' });
    expect(calls.filter((c) => c.path === 'pyroscope/label-values')).toHaveLength(1);
  });
});

describe('errors that look like data', () => {
  const cases: Array<[string, string, string]> = [
    [
      'a 200 whose body is a Connect error becomes an empty flame graph: it is reported',
      '{"code":"internal","message":"store-gateway: deadline exceeded"}',
      `The server answered with an error instead of data (HTTP 200) calling ${STACKS}: internal: store-gateway: deadline exceeded. A proxy or gateway between Grafana and the server may be rewriting error statuses; check its logs`,
    ],
    [
      'a 200 with {} becomes an empty flame graph: it is reported',
      '{}',
      `The server's answer could not be read: the answer has no flame graph (the server always sends at least its root) (HTTP 200) calling ${STACKS}. Check the server flavor and URL in the data source settings`,
    ],
    [
      'a 200 with names but no levels becomes an empty flame graph: it is reported',
      '{"flamegraph":{"names":["total","main"],"total":"10"}}',
      `The server's answer could not be read: the flame graph has 2 names but no levels (HTTP 200) calling ${STACKS}. Check the server flavor and URL in the data source settings`,
    ],
  ];
  it.each(cases)('%s', async (_name, body, message) => {
    const { ds } = makeDs((call) => (call.path === STACKS ? { body } : grafanaServer(call)));
    const res = await run(ds, { queryType: 'profile' });
    expect(res.errors?.map((e) => e.message)).toEqual([message]);
    expect(res.data).toEqual([]);
  });

  it('a real empty answer (root only) is still "no data", not an error', async () => {
    const rootOnly = '{"flamegraph":{"names":["total"],"levels":[{"values":["0","0","0","0"]}]}}';
    const { ds } = makeDs((call) => (call.path === STACKS ? { body: rootOnly } : grafanaServer(call)));
    const res = await run(ds, { queryType: 'profile' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(1);
  });

  it('a 200 Connect error on SelectSeries is reported too (one check for every Connect answer)', async () => {
    const body = '{"code":"resource_exhausted","message":"too many series"}';
    const { ds } = makeDs((call) => (call.path === SERIES ? { body } : grafanaServer(call)));
    const res = await run(ds, { queryType: 'metrics' });
    expect(res.errors?.[0].message).toMatch(
      /^The server answered with an error instead of data \(HTTP 200\) calling .*SelectSeries: resource_exhausted: too many series/
    );
  });

  it('query type both: a failing series call throws away the flame graph that succeeded: it keeps it and says what failed', async () => {
    const { ds } = makeDs((call) =>
      call.path === SERIES
        ? { status: 500, body: '{"code":"internal","message":"ingester down"}' }
        : grafanaServer(call)
    );
    const res = await run(ds, { queryType: 'both' });
    expect(res.data.map((f) => f.name)).toEqual(['flamegraph']);
    const message = `The time series failed: The server failed (HTTP 500) calling ${SERIES}: internal: ingester down`;
    expect(res.errors).toEqual([{ refId: 'A', status: 500, message }]);
    expect(res.data[0].meta.notices).toEqual([{ severity: 'error', text: message }]);
  });
  it('query type both: when both parts fail, both failures are reported (neither is dropped)', async () => {
    const { ds } = makeDs((call) =>
      call.path === 'pyroscope/label-values' ? grafanaServer(call) : { status: 503, body: '{"code":"unavailable"}' }
    );
    const res = await run(ds, { queryType: 'both' });
    expect(res.data).toEqual([]);
    expect(res.errors?.map((e) => (e.message ?? '').split(' (HTTP')[0])).toEqual([
      'The flame graph failed: The server is not ready',
      'The time series failed: The server is not ready',
    ]);
  });
});

/** A SelectSeries answer: quiet 0.1 cores for 15 minutes, one NaN point, then a 1-core spike (60 s buckets). */
function spikySeries(): string {
  const points: Array<{ value: number | string; timestamp: string }> = [];
  for (let i = 0; i < 20; i++) {
    const value = i === 5 ? 'NaN' : i >= 15 && i < 17 ? 60e9 : 6e9;
    points.push({ value, timestamp: String(FROM + (i + 1) * 60_000) });
  }
  return JSON.stringify({ series: [{ labels: [{ name: 'service_name', value: 'api' }], points }] });
}

describe('spike annotations', () => {
  it('one "NaN" point fails the whole annotation query: it is skipped and said', async () => {
    const { ds } = makeDs((call) => (call.path === SERIES ? { body: spikySeries() } : grafanaServer(call)));
    const res = await run(ds, { queryType: 'spikes' });
    expect(res.errors).toBeUndefined();
    expect(res.data[0].length).toBe(1);
    expect(res.data[0].meta.notices).toEqual([
      { severity: 'warning', text: '1 point was not a number (NaN or Infinity) and is not shown' },
    ]);
  });

  it('a focus variable written $focus produces links that set var-%24focus: they set var-focus', async () => {
    const vars = templateSrvWith({ focus: '', service: 'api' });
    const { ds } = makeDs((call) => (call.path === SERIES ? { body: spikySeries() } : grafanaServer(call)), {}, vars);
    for (const focusVariable of ['$focus', '${focus}', '${focus:raw}', '[[focus]]']) {
      const res = await run(ds, { queryType: 'spikes', focusVariable, labelSelector: '{service_name="$service"}' });
      const text: string = res.data[0].fields.find((f: Field) => f.name === 'text')?.values[0];
      expect(text).toContain('var-focus=');
      expect(text).not.toContain('%24');
      expect(text).not.toMatch(/var-focus%|var-%/);
    }
  });
});

describe('smaller ones', () => {
  it('the 401 hint says "requires a tenant" for a message that mentions george: it does not', async () => {
    const { ds } = makeDs(() => ({ status: 401, body: '{"errors":["invalid credentials for george"]}' }));
    const res = await run(ds, { queryType: 'profile' });
    expect(res.errors?.[0].message).toBe(
      'Authentication failed (HTTP 401) calling pyroscope/label-values: invalid credentials for george. Check the credentials in the data source settings'
    );
    const tenant = makeDs(() => ({ status: 401, body: '{"code":"unauthenticated","message":"no org id"}' }));
    const res2 = await run(tenant.ds, { queryType: 'profile' });
    expect(res2.errors?.[0].message).toMatch(/^The server requires a tenant \(HTTP 401\)/);
  });

  it('requestId is not passed to backendSrv.fetch: it is, per query and part', async () => {
    const { ds, calls } = makeDs(grafanaServer);
    await run(ds, { queryType: 'both' }, 'Q7');
    expect(calls.filter((c) => c.path !== 'pyroscope/label-values').map((c) => c.requestId)).toEqual(
      expect.arrayContaining(['Q7_A_profile', 'Q7_A_series'])
    );
  });

  it("a 429's Retry-After is not shown: it is", async () => {
    const { ds } = makeDs((call) =>
      call.path === STACKS
        ? {
            status: 429,
            body: '{"code":"resource_exhausted","message":"rate limited"}',
            headers: { 'Retry-After': '30' },
          }
        : grafanaServer(call)
    );
    const res = await run(ds, { queryType: 'profile' });
    expect(res.errors?.[0].message).toBe(
      `The server is overloaded or a limit was reached; the server asks to retry after 30 s (HTTP 429) calling ${STACKS}: resource_exhausted: rate limited. Try a shorter time range or fewer max nodes`
    );
  });

  it('unsorted series timestamps pass through: they are sorted, and a repeated point is one point', async () => {
    const points = [3, 1, 2, 2].map((i) => ({ value: 6e9, timestamp: String(FROM + i * 60_000) }));
    const body = JSON.stringify({ series: [{ points }] });
    const { ds } = makeDs((call) => (call.path === SERIES ? { body } : grafanaServer(call)));
    const res = await run(ds, { queryType: 'metrics' });
    expect(res.data[0].fields[0].values).toEqual([1, 2, 3].map((i) => FROM + i * 60_000));
  });

  it('duplicate series timestamps with different values pass through: they are refused', async () => {
    const points = [1, 1].map((i, k) => ({ value: (k + 1) * 6e9, timestamp: String(FROM + i * 60_000) }));
    const body = JSON.stringify({ series: [{ points }] });
    const { ds } = makeDs((call) => (call.path === SERIES ? { body } : grafanaServer(call)));
    const res = await run(ds, { queryType: 'metrics' });
    expect(res.errors?.[0].message).toBe(
      `The server's answer could not be read: series 0 has two different values (6000000000 and 12000000000) at ${new Date(FROM + 60_000).toISOString()} calling ${SERIES}`
    );
  });
});
