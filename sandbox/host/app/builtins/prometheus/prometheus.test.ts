import { lastValueFrom, of, throwError } from 'rxjs';
import { FieldType, dateTime, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { setBackendSrv, setTemplateSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';

import { HostTemplateSrv } from '../../runtime/templateSrv';
import { PrometheusDatasource, interpolatePromValue } from './datasource';
import { matrixToFrames, promErrorMessage, seriesName } from './frames';
import { promStep, rateIntervalSec } from './step';
import type { PromOptions, PromQuery } from './types';

describe('Prometheus series names', () => {
  const labels = { __name__: 'up', job: 'api', instance: 'h:1' };
  it('fills the legend template', () => {
    expect(seriesName(labels, { expr: 'up', legendFormat: '{{job}} on {{ instance }} {{missing}}' })).toBe(
      'api on h:1 '
    );
  });
  it('defaults to metric{labels}', () => {
    expect(seriesName(labels, { expr: 'up' })).toBe('up{job="api", instance="h:1"}');
    expect(seriesName(labels, { expr: 'up', legendFormat: '__auto' })).toBe('up{job="api", instance="h:1"}');
    expect(seriesName({}, { expr: 'sum(rate(x[1m]))' })).toBe('sum(rate(x[1m]))');
  });
});

describe('matrixToFrames', () => {
  const query: PromQuery = { refId: 'A', expr: 'rate(x[1m])', legendFormat: '{{job}}' };
  it('makes one time + value frame per series, labels and legend on the value field', () => {
    const frames = matrixToFrames(
      [
        {
          metric: { job: 'api' },
          values: [
            [10, '1.5'],
            [25, 'NaN'],
            [40, '+Inf'],
          ],
        },
      ],
      'matrix',
      query
    );
    expect(frames).toHaveLength(1);
    const [time, value] = frames[0].fields;
    expect(frames[0].refId).toBe('A');
    expect(time).toMatchObject({ name: 'Time', type: FieldType.time, values: [10_000, 25_000, 40_000] });
    expect(value.type).toBe(FieldType.number);
    expect(value.values[0]).toBe(1.5);
    expect(Number.isNaN(value.values[1])).toBe(true);
    expect(value.values[2]).toBe(Infinity);
    expect(value.labels).toEqual({ job: 'api' });
    expect(value.config.displayNameFromDS).toBe('api');
  });
  it('refuses other result types and malformed series', () => {
    expect(() => matrixToFrames([], 'vector', query)).toThrow('Prometheus answered a "vector" result to a range query');
    expect(() => matrixToFrames({}, 'matrix', query)).toThrow('"result" is not a list');
    expect(() => matrixToFrames([{ metric: {} }], 'matrix', query)).toThrow('series 0 has no "metric" and "values"');
  });
});

describe('promErrorMessage', () => {
  it('names the endpoint, status, error type and Prometheus message', () => {
    const err = { status: 400, data: { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' } };
    expect(promErrorMessage(err, 'query_range')).toBe(
      'Prometheus query_range failed (HTTP 400): bad_data: parse error at char 3'
    );
  });
  it('falls back to the proxy message, then to the status text', () => {
    expect(promErrorMessage({ status: 502, data: { message: 'connection refused' } }, 'query')).toBe(
      'Prometheus query failed (HTTP 502): connection refused'
    );
    expect(promErrorMessage({ status: 504, statusText: 'Gateway Timeout', data: {} }, 'query')).toBe(
      'Prometheus query failed (HTTP 504): Gateway Timeout'
    );
    expect(promErrorMessage({ cancelled: true, status: -1 }, 'query')).toBe('Prometheus query was cancelled');
  });
});

describe('promStep', () => {
  it('uses the interval, at least the scrape interval', () => {
    expect(promStep({ fromMs: 0, toMs: 3_600_000, intervalMs: 2_000, minStepSec: 15 }).stepSec).toBe(15);
    expect(promStep({ fromMs: 0, toMs: 3_600_000, intervalMs: 60_000, minStepSec: 15 }).stepSec).toBe(60);
    expect(
      promStep({ fromMs: 0, toMs: 3_600_000, intervalMs: 60_000, minStepSec: 15, intervalFactor: 2 }).stepSec
    ).toBe(120);
  });
  it('keeps at most 11,000 points', () => {
    const weekMs = 7 * 86_400_000;
    const { stepSec } = promStep({ fromMs: 0, toMs: weekMs, intervalMs: 1_000, minStepSec: 1 });
    expect(stepSec).toBe(Math.ceil(weekMs / 1000 / 11_000));
    expect(weekMs / 1000 / stepSec).toBeLessThanOrEqual(11_000);
  });
  it('aligns start and end to the step', () => {
    expect(promStep({ fromMs: 1_000_007_000, toMs: 1_000_607_000, intervalMs: 60_000, minStepSec: 15 })).toEqual({
      stepSec: 60,
      startSec: 999_960,
      endSec: 1_000_560,
    });
  });
  it('computes $__rate_interval', () => {
    expect(rateIntervalSec(15, 15)).toBe(60);
    expect(rateIntervalSec(120, 15)).toBe(135);
  });
});

describe('interpolatePromValue', () => {
  it('escapes single values for a PromQL string and multi values for a regex', () => {
    expect(interpolatePromValue("a'b", { multi: false })).toBe("a\\'b");
    expect(interpolatePromValue(['a.b', 'c'], { multi: true })).toBe('(a\\\\.b|c)');
    expect(interpolatePromValue('a.b', { includeAll: true })).toBe('a\\\\.b');
  });
});

describe('PrometheusDatasource', () => {
  const settings = {
    id: 2,
    uid: 'prom',
    name: 'Prometheus',
    type: 'prometheus',
    url: '/api/datasources/proxy/uid/prom',
    jsonData: { timeInterval: '5s' },
    meta: { id: 'prometheus' },
  } as unknown as DataSourceInstanceSettings<PromOptions>;

  function request(targets: PromQuery[]): DataQueryRequest<PromQuery> {
    const from = dateTime(1_700_000_000_000);
    const to = dateTime(1_700_003_600_000);
    return {
      requestId: 'Q1',
      interval: '10s',
      intervalMs: 10_000,
      range: { from, to, raw: { from: 'now-1h', to: 'now' } },
      scopedVars: { __interval: { text: '10s', value: '10s' }, __interval_ms: { text: '10000', value: 10000 } },
      targets,
      timezone: 'utc',
      app: 'dashboard',
      startTime: 0,
    };
  }

  function withBackend(fetch: (options: BackendSrvRequest) => unknown) {
    const calls: BackendSrvRequest[] = [];
    setBackendSrv({
      fetch: (options: BackendSrvRequest) => {
        calls.push(options);
        return fetch(options);
      },
    } as unknown as BackendSrv);
    setTemplateSrv(new HostTemplateSrv());
    return calls;
  }

  it('sends the interpolated range query through the proxy and returns frames', async () => {
    const calls = withBackend(() =>
      of({
        data: {
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[1, '2']] }] },
        },
      })
    );
    const ds = new PrometheusDatasource(settings);
    const response = await lastValueFrom(
      ds.query(request([{ refId: 'A', expr: 'rate(x[$__rate_interval]) / $__interval', legendFormat: '{{job}}' }]))
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      url: '/api/datasources/proxy/uid/prom/api/v1/query_range',
      method: 'GET',
      requestId: 'Q1_A',
      params: { query: 'rate(x[20s]) / 10s', step: 10 },
    });
    expect(response.data).toHaveLength(1);
    expect(response.errors).toBeUndefined();
  });

  it('reports a Prometheus error for its query, keeping the others', async () => {
    withBackend((options) =>
      String(options.params?.query).includes('bad')
        ? throwError(() => ({ status: 400, data: { status: 'error', errorType: 'bad_data', error: 'unexpected }' } }))
        : of({ data: { status: 'success', data: { resultType: 'matrix', result: [] } } })
    );
    const ds = new PrometheusDatasource(settings);
    const response = await lastValueFrom(
      ds.query(
        request([
          { refId: 'A', expr: 'good' },
          { refId: 'B', expr: 'bad}' },
          { refId: 'C', expr: '' },
        ])
      )
    );
    expect(response.errors).toEqual([
      { refId: 'B', message: 'Prometheus query_range failed (HTTP 400): bad_data: unexpected }' },
    ]);
  });

  it('tests the datasource with 1+1', async () => {
    const calls = withBackend(() =>
      of({ data: { status: 'success', data: { resultType: 'scalar', result: [0, '2'] } } })
    );
    expect(await new PrometheusDatasource(settings).testDatasource()).toEqual({
      status: 'success',
      message: 'Successfully queried the Prometheus API.',
    });
    expect(calls[0]).toMatchObject({ url: '/api/datasources/proxy/uid/prom/api/v1/query', params: { query: '1+1' } });
    withBackend(() => throwError(() => ({ status: 502, data: { message: 'dial tcp: connection refused' } })));
    expect(await new PrometheusDatasource(settings).testDatasource()).toEqual({
      status: 'error',
      message: 'Prometheus query failed (HTTP 502): dial tcp: connection refused',
    });
  });
});
