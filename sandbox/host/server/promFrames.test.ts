/** Reads Grafana's own @grafana/data as the reference, which needs the jsdom environment. */
import { DataFrameType, FieldType, dataFrameFromJSON, getDisplayProcessor, type DataFrameJSON } from '@grafana/data';

import { exemplarFrames } from './promExemplars';
import { promResponseToData, seriesName, type FrameQuery } from './promFrames';

const query: FrameQuery = {
  refId: 'A',
  expr: 'rate(x[1m])',
  legendFormat: '{{job}} CPU',
  stepMs: 15_000,
  stepText: '15s',
};

const matrix = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { job: 'api', instance: 'h:1' },
        values: [
          [1435781430.781, '1'],
          [1435781445.781, 'NaN'],
        ],
      },
      { metric: { __name__: 'up', job: 'node' }, values: [[1435781430.781, '+Inf']] },
    ],
  },
};

describe('Prometheus answers as Grafana frames', () => {
  it('one dataplane frame per series: Time and the metric-named value field with labels, legend, step', () => {
    const out = promResponseToData(200, matrix, query);
    expect(out.error).toBeUndefined();
    expect(out.status).toBe(200);
    expect(out.frames).toHaveLength(2);
    expect(out.frames[0]).toEqual({
      schema: {
        refId: 'A',
        meta: {
          type: 'timeseries-multi',
          typeVersion: [0, 1],
          custom: { resultType: 'matrix' },
          executedQueryString: 'Expr: rate(x[1m])\nStep: 15s',
        },
        fields: [
          { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: 15000 } },
          {
            name: 'Value',
            type: 'number',
            typeInfo: { frame: 'float64' },
            labels: { job: 'api', instance: 'h:1' },
            config: { displayNameFromDS: 'api CPU' },
          },
        ],
      },
      data: {
        values: [
          [1435781430781, 1435781445781],
          [1, null],
        ],
        entities: [null, { NaN: [1] }],
      },
    });
    const second = out.frames[1] as { schema: { meta: object; fields: Array<{ name: string }> } };
    expect(second.schema.fields[1].name).toBe('up');
    expect(second.schema.meta).not.toHaveProperty('executedQueryString');
  });

  it('reads back with @grafana/data: NaN and Inf restored, the legend as display name', () => {
    const frame = dataFrameFromJSON(promResponseToData(200, matrix, query).frames[0] as DataFrameJSON);
    expect(frame.meta?.type).toBe(DataFrameType.TimeSeriesMulti);
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields[1].values[1]).toBeNaN();
    const second = dataFrameFromJSON(promResponseToData(200, matrix, query).frames[1] as DataFrameJSON);
    expect(second.fields[1].values[0]).toBe(Infinity);
    expect(getDisplayProcessor).toBeDefined();
  });

  it('an instant vector is numeric-multi; an empty result keeps one frame for the meta', () => {
    const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [10, '2'] }] } };
    const v = promResponseToData(200, vector, { ...query, legendFormat: '' });
    const schema = v.frames[0].schema as { meta: { type: string }; fields: Array<{ config?: object }> };
    expect(schema.meta.type).toBe('numeric-multi');
    expect(schema.fields[1].config).toEqual({ displayNameFromDS: 'rate(x[1m])' });
    const empty = promResponseToData(200, { status: 'success', data: { resultType: 'matrix', result: [] } }, query);
    expect(empty.frames).toEqual([
      {
        schema: {
          refId: 'A',
          meta: { executedQueryString: 'Expr: rate(x[1m])\nStep: 15s', custom: { calculatedMinStep: 15000 } },
          fields: [],
        },
        data: { values: [] },
      },
    ]);
  });

  it("Prometheus' error body becomes `<errorType>: <error>` with the HTTP status", () => {
    const out = promResponseToData(400, { status: 'error', errorType: 'bad_data', error: 'parse error' }, query);
    expect(out.status).toBe(400);
    expect(out.error).toBe('bad_data: parse error');
    expect(out.frames).toHaveLength(1);
  });

  it('warnings and infos become notices on every frame', () => {
    const out = promResponseToData(200, { ...matrix, warnings: ['w'], infos: ['i'] }, query);
    for (const frame of out.frames) {
      expect((frame.schema as { meta: { notices: unknown } }).meta.notices).toEqual([
        { severity: 'warning', text: 'w' },
        { severity: 'info', text: 'i' },
      ]);
    }
  });

  it('hostile bodies are errors, never exceptions', () => {
    expect(promResponseToData(200, 'x', query).error).toMatch(/not a JSON object/);
    expect(promResponseToData(200, { status: 'success', data: {} }, query).error).toBe('no resultType found');
    expect(
      promResponseToData(200, { status: 'success', data: { resultType: 'matrix', result: [{ values: [[1]] }] } }, query)
        .error
    ).toMatch(/pair/);
    expect(
      promResponseToData(200, { status: 'success', data: { resultType: 'streams', result: [] } }, query).error
    ).toBe('unknown result type: streams');
  });
});

describe('series names', () => {
  const labels = { __name__: 'up', job: 'api', instance: 'h:1' };
  it('fills the legend template, missing labels empty', () => {
    expect(seriesName({ expr: 'up', legendFormat: '{{job}} on {{ instance }} {{missing}}' }, labels)).toBe(
      'api on h:1 '
    );
  });
  it('defaults to metric{labels} sorted; __auto leaves naming to the frontend; no labels → the expression', () => {
    expect(seriesName({ expr: 'up', legendFormat: '' }, labels)).toBe('up{instance="h:1", job="api"}');
    expect(seriesName({ expr: 'up', legendFormat: '__auto' }, labels)).toBe('');
    expect(seriesName({ expr: 'sum(x)', legendFormat: '' }, {})).toBe('sum(x)');
  });
});

describe('exemplars', () => {
  it('one exemplar frame with series and exemplar labels as fields', () => {
    const body = {
      status: 'success',
      data: [
        {
          seriesLabels: { job: 'api' },
          exemplars: [
            { labels: { trace_id: 'b' }, value: '2', timestamp: 20 },
            { labels: { trace_id: 'a' }, value: '1', timestamp: 10.5 },
          ],
        },
      ],
    };
    const [frame] = exemplarFrames(body, { refId: 'A' });
    expect((frame.schema as { name: string }).name).toBe('exemplar');
    expect(frame.data).toEqual({
      values: [
        [10500, 20000],
        [1, 2],
        ['api', 'api'],
        ['a', 'b'],
      ],
    });
    expect(exemplarFrames({ status: 'success', data: [] }, { refId: 'A' })).toEqual([]);
  });
});
