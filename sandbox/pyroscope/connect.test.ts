/**
 * @jest-environment node
 */
import { gzipSync } from 'node:zlib';

import { decodeConnectFlameGraph, decodeConnectFlameGraphDiff } from '../../src/model/connect';
import { parseFolded } from './folded';
import { startPyroscopeServer, type PyroscopeServer } from './server';
import { connect, obj, request } from './testClient';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const T0 = Date.now() - 20 * 60_000;
const SEC = 1000;

let server: PyroscopeServer;
beforeAll(async () => {
  server = await startPyroscopeServer();
  const store = server.store;
  const put = (service: string, pod: string, at: number, folded: string) =>
    store.append(
      'anonymous',
      { __profile_type__: CPU, __name__: 'process_cpu', service_name: service, pod },
      at,
      parseFolded(folded, 'nanoseconds')
    );
  // api: three profiles 10 s apart on pod a, one on pod b.
  put('api', 'a', T0, 'main;foo 30\nmain;bar 20\nmain 10\n');
  put('api', 'a', T0 + 10 * SEC, 'main;foo 5\n');
  put('api', 'a', T0 + 20 * SEC, 'main;baz 7\n');
  put('api', 'b', T0 + 25 * SEC, 'main;foo 100\n');
  put('db', 'c', T0, 'query 1\n');
});
afterAll(() => server.close());

const range = { start: T0 - 60 * SEC, end: T0 + 60 * SEC };

describe('Connect protocol rules', () => {
  const url = () => `${server.url}/querier.v1.QuerierService/ProfileTypes`;

  it('answers GET with 405 and Allow: POST', async () => {
    const res = await request(url());
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers other content types with 415 and Accept-Post', async () => {
    const res = await request(url(), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(res.status).toBe(415);
    expect(res.headers.get('accept-post')).toContain('application/json');
    const withCharset = await request(url(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(withCharset.status).toBe(200);
  });

  it('answers an empty body with 400 invalid_argument', async () => {
    const res = await request(url(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' });
    expect(res.status).toBe(400);
    expect(obj(res.json).code).toBe('invalid_argument');
  });

  it('accepts Connect-Protocol-Version 1 and rejects other versions', async () => {
    expect((await connect(server.url, 'ProfileTypes', {}, { 'Connect-Protocol-Version': '1' })).status).toBe(200);
    const res = await connect(server.url, 'ProfileTypes', {}, { 'Connect-Protocol-Version': '2' });
    expect(res.status).toBe(400);
    expect(obj(res.json).code).toBe('invalid_argument');
  });

  it('reads gzip-compressed request bodies', async () => {
    const res = await request(url(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.from('{}')),
    });
    expect(res.status).toBe(200);
  });

  it('requires a time range everywhere but ProfileTypes', async () => {
    for (const method of ['LabelNames', 'LabelValues', 'Series', 'SelectMergeStacktraces', 'SelectSeries']) {
      const res = await connect(server.url, method, { profileTypeID: CPU, start: T0 });
      expect([method, res.status, res.json]).toEqual([
        method,
        400,
        { code: 'invalid_argument', message: 'missing time range in the query' },
      ]);
    }
  });

  it('rejects values of the wrong type at the boundary', async () => {
    const res = await connect(server.url, 'LabelNames', { start: 'yesterday', end: T0 });
    expect(res.status).toBe(400);
    expect(obj(res.json).message).toContain('int64 field start');
  });

  it('answers unknown paths with 404 and unimplemented methods with 501', async () => {
    expect((await request(`${server.url}/nope`)).status).toBe(404);
    expect((await connect(server.url, 'NoSuchMethod', {})).status).toBe(404);
    const res = await connect(server.url, 'SelectHeatmap', {});
    expect(res.status).toBe(501);
    expect(obj(res.json).code).toBe('unimplemented');
  });
});

describe('label APIs', () => {
  it('lists profile types, label names and values; accepts proto field names and string int64s', async () => {
    expect((await connect(server.url, 'ProfileTypes', {})).json).toEqual({
      profileTypes: [
        {
          ID: CPU,
          name: 'process_cpu',
          sampleType: 'cpu',
          sampleUnit: 'nanoseconds',
          periodType: 'cpu',
          periodUnit: 'nanoseconds',
        },
      ],
    });
    const names = await connect(server.url, 'LabelNames', {
      matchers: ['{service_name="db"}'],
      start: String(range.start),
      end: String(range.end),
    });
    expect(names.json).toEqual({ names: ['__name__', '__profile_type__', 'pod', 'service_name'] });
    const values = await connect(server.url, 'LabelValues', { name: 'pod', matchers: [], ...range });
    expect(values.json).toEqual({ names: ['a', 'b', 'c'] });
    const series = await connect(server.url, 'Series', { label_names: ['service_name', '__profile_type__'], ...range });
    expect(series.json).toEqual({
      labelsSet: [
        {
          labels: [
            { name: '__profile_type__', value: CPU },
            { name: 'service_name', value: 'api' },
          ],
        },
        {
          labels: [
            { name: '__profile_type__', value: CPU },
            { name: 'service_name', value: 'db' },
          ],
        },
      ],
    });
  });

  it("words selector parse errors as Grafana Pyroscope's query frontend does, per method", async () => {
    const bad = '{service_name="api" pod="a"}';
    const parseError = '1:21: parse error: unexpected identifier "pod" in label matching, expected "," or "}"';
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'SelectMergeStacktraces',
        { profileTypeID: CPU, labelSelector: bad },
        `parsing label selector ${JSON.stringify(bad)}`,
      ],
      [
        'SelectSeries',
        { profileTypeID: CPU, labelSelector: bad, step: 15 },
        `parsing label selector ${JSON.stringify(bad)}`,
      ],
      [
        'LabelNames',
        { matchers: [bad] },
        `parsing label selector: failed to parse label selector ${JSON.stringify(bad)}`,
      ],
      [
        'LabelValues',
        { name: 'pod', matchers: [bad] },
        `parsing label selector: failed to parse label selector ${JSON.stringify(bad)}`,
      ],
      ['Series', { matchers: [bad] }, `failed to parse label selector ${JSON.stringify(bad)}`],
    ];
    for (const [method, body, prefix] of cases) {
      const res = await connect(server.url, method, { ...body, ...range });
      expect([method, res.status, res.json]).toEqual([
        method,
        400,
        { code: 'invalid_argument', message: `${prefix}: ${parseError}` },
      ]);
    }
    // ParseMetricSelector reads one vector selector: an empty text is not one, `{}` is.
    const empty = await connect(server.url, 'SelectMergeStacktraces', {
      profileTypeID: CPU,
      labelSelector: '',
      ...range,
    });
    expect(obj(empty.json).message).toBe('parsing label selector "": 1:1: parse error: unexpected end of input');
    expect(
      (await connect(server.url, 'SelectMergeStacktraces', { profileTypeID: CPU, labelSelector: '{}', ...range }))
        .status
    ).toBe(200);
  });

  it('selects with quoted UTF-8 label names and PromQL escapes', async () => {
    const res = await connect(server.url, 'LabelValues', {
      name: 'pod',
      matchers: ['{"service_name"=\'\\x61pi\', pod!~`b|c`}'],
      ...range,
    });
    expect(res.json).toEqual({ names: ['a'] });
  });

  it('leaves empty answers empty: {}', async () => {
    const empty = { start: T0 - 7200 * SEC, end: T0 - 3600 * SEC };
    expect((await connect(server.url, 'LabelNames', empty)).json).toEqual({});
    expect((await connect(server.url, 'ProfileTypes', { start: 1000, end: 4000 })).json).toEqual({});
  });
});

describe('SelectMergeStacktraces', () => {
  const select = (extra: Record<string, unknown>) =>
    connect(server.url, 'SelectMergeStacktraces', {
      profileTypeID: CPU,
      labelSelector: '{service_name="api", pod="a"}',
      ...range,
      ...extra,
    });

  it('merges the matching profiles: int64 as strings, delta-encoded levels, self before children', async () => {
    const res = await select({ start: T0, end: T0 });
    // The worked example of the Connect flame graph encoding (whose leaves should carry their self values: 20 and 30).
    expect(res.json).toEqual({
      flamegraph: {
        names: ['total', 'main', 'bar', 'foo'],
        levels: [
          { values: ['0', '60', '0', '0'] },
          { values: ['0', '60', '10', '1'] },
          { values: ['10', '20', '20', '2', '0', '30', '30', '3'] },
        ],
        total: '60',
        maxSelf: '30',
      },
    });
    const all = decodeConnectFlameGraph((await select({})).json, 'nanoseconds');
    expect(all.total[0]).toBe(72);
  });

  it('merges the cut nodes into `other`, whose self equals its total', async () => {
    const res = await select({ maxNodes: 2 });
    const p = decodeConnectFlameGraph(res.json, 'nanoseconds');
    const names = Array.from(p.nameId, (id) => p.names[id]);
    expect(names).toEqual(['total', 'main', 'foo', 'other']);
    const other = names.indexOf('other');
    expect([p.total[other], p.self[other]]).toEqual([27, 27]);
    expect(p.total[0]).toBe(72);
  });

  it('returns a root-only graph when nothing matches, and rejects bad maxNodes', async () => {
    expect((await select({ labelSelector: '{service_name="none"}' })).json).toEqual({
      flamegraph: { names: ['total'], levels: [{ values: ['0', '0', '0', '0'] }] },
    });
    for (const maxNodes of [-1, 2 ** 20 + 1]) {
      expect((await select({ maxNodes })).status).toBe(400);
    }
    expect((await select({ labelSelector: '{service_name=~"("}' })).status).toBe(400);
    expect((await select({ profileTypeID: 'cpu' })).status).toBe(400);
    expect((await select({ format: 'PROFILE_FORMAT_DOT' })).status).toBe(501);
  });

  it('anchors regexes and keeps only stacks through a call site', async () => {
    expect(
      decodeConnectFlameGraph((await select({ labelSelector: '{service_name=~"ap"}' })).json, 'count').total[0]
    ).toBe(0);
    expect(
      decodeConnectFlameGraph((await select({ labelSelector: '{service_name=~"ap.*"}' })).json, 'count').total[0]
    ).toBe(172);
    const foo = await select({ stackTraceSelector: { callSite: [{ name: 'main' }, { name: 'foo' }] } });
    expect(decodeConnectFlameGraph(foo.json, 'count').total[0]).toBe(35);
  });
});

describe('SelectSeries', () => {
  it('puts sparse points at start − step + k·step, summing (t_k − step, t_k]', async () => {
    const start = T0 + 3 * SEC;
    const res = await connect(server.url, 'SelectSeries', {
      profileTypeID: CPU,
      labelSelector: '{service_name="api"}',
      start,
      end: T0 + 40 * SEC,
      step: 15,
    });
    // Buckets end at start−15s, start, start+15s, start+30s (not multiples of the step). T0 = start−3s is in
    // (start−15s, start]; T0+10s in (start, start+15s]; T0+20s and T0+25s in (start+15s, start+30s]. The
    // bucket ending at start−15s is empty and left out.
    expect(res.json).toEqual({
      series: [
        {
          points: [
            { value: 60, timestamp: String(start) },
            { value: 5, timestamp: String(start + 15 * SEC) },
            { value: 7 + 100, timestamp: String(start + 30 * SEC) },
          ],
        },
      ],
    });
  });

  it('groups by labels and averages', async () => {
    const res = await connect(server.url, 'SelectSeries', {
      profileTypeID: CPU,
      labelSelector: '{}',
      start: T0,
      end: T0 + 30 * SEC,
      step: 30,
      groupBy: ['pod'],
      aggregation: 'TIME_SERIES_AGGREGATION_TYPE_AVERAGE',
    });
    const series = obj(res.json).series;
    expect(series).toEqual([
      {
        labels: [{ name: 'pod', value: 'a' }],
        points: [
          { value: 60, timestamp: String(T0) },
          { value: 6, timestamp: String(T0 + 30 * SEC) },
        ],
      },
      { labels: [{ name: 'pod', value: 'b' }], points: [{ value: 100, timestamp: String(T0 + 30 * SEC) }] },
      { labels: [{ name: 'pod', value: 'c' }], points: [{ value: 1, timestamp: String(T0) }] },
    ]);
  });

  it('rejects steps under 1 ms', async () => {
    const res = await connect(server.url, 'SelectSeries', { profileTypeID: CPU, ...range, step: 0.0005 });
    expect(res.json).toEqual({ code: 'invalid_argument', message: 'step must be >= 1ms' });
  });
});

describe('Diff', () => {
  it('answers a FlameGraphDiff with leftTicks and rightTicks', async () => {
    const side = (start: number, end: number) => ({
      profileTypeID: CPU,
      labelSelector: '{service_name="api"}',
      start,
      end,
    });
    const res = await connect(server.url, 'Diff', { left: side(T0, T0), right: side(T0 + 25 * SEC, T0 + 25 * SEC) });
    expect(res.status).toBe(200);
    const fg = obj(obj(res.json).flamegraph);
    expect([fg.leftTicks, fg.rightTicks, fg.total]).toEqual(['60', '100', '160']);
    const p = decodeConnectFlameGraphDiff(res.json, 'nanoseconds');
    expect([p.total[0], p.right?.total[0]]).toEqual([60, 100]);
    const bad = await connect(server.url, 'Diff', { left: side(T0, T0) });
    expect(bad.json).toEqual({ code: 'invalid_argument', message: 'missing time range in the query' });
  });

  it('filters each side by its own stackTraceSelector.callSite', async () => {
    const side = (start: number, end: number, callSite: string[]) => ({
      profileTypeID: CPU,
      labelSelector: '{service_name="api"}',
      start,
      end,
      stackTraceSelector: { callSite: callSite.map((name) => ({ name })) },
    });
    const at = (callSite: string[]) =>
      connect(server.url, 'Diff', {
        left: side(T0, T0, callSite),
        right: side(T0 + 25 * SEC, T0 + 25 * SEC, callSite),
      });
    // Left (T0): main;foo 30, main;bar 20, main 10. Right (T0+25s): main;foo 100.
    const foo = decodeConnectFlameGraphDiff((await at(['main', 'foo'])).json, 'nanoseconds');
    expect([foo.total[0], foo.right?.total[0]]).toEqual([30, 100]);
    expect(foo.names[foo.nameId[2]]).toBe('foo');
    // The call site's own samples (main's self) stay; only stacks that do not pass through it leave.
    const main = decodeConnectFlameGraphDiff((await at(['main'])).json, 'nanoseconds');
    expect([main.total[0], main.right?.total[0]]).toEqual([60, 100]);
    const bar = decodeConnectFlameGraphDiff((await at(['main', 'bar'])).json, 'nanoseconds');
    expect([bar.total[0], bar.right?.total[0]]).toEqual([20, 0]);
  });
});
