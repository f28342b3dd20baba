import { lastValueFrom } from 'rxjs';
import {
  DataTopic,
  dateTime,
  type AnnotationQuery,
  type DataFrame,
  type DataQueryRequest,
  type DataSourceInstanceSettings,
} from '@grafana/data';

import { GrafanaDatasource, type GrafanaAnnotationTarget } from './GrafanaDatasource';
import { alertRuleAnnotations } from './annotationsAlerts';

jest.mock('./annotationsAlerts', () => ({ alertRuleAnnotations: jest.fn() }));
const evaluate = alertRuleAnnotations as jest.MockedFunction<typeof alertRuleAnnotations>;

const settings = { uid: 'grafana', name: '-- Grafana --', type: 'grafana', meta: {} } as DataSourceInstanceSettings;
const range = { from: dateTime(1_000), to: dateTime(601_000), raw: { from: 'now-10m', to: 'now' } };
const deps = { fetchRules: jest.fn(), getDataSource: jest.fn() };

function request(targets: GrafanaAnnotationTarget[], dashboardUID = 'dash'): DataQueryRequest<GrafanaAnnotationTarget> {
  return {
    requestId: 'AQ1',
    interval: '1s',
    intervalMs: 1000,
    range,
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
    dashboardUID,
  };
}

beforeEach(() => evaluate.mockReset());

describe('the built-in "-- Grafana --" datasource', () => {
  const ds = new GrafanaDatasource(settings, deps);

  it("runs the saved built-in query with Grafana's defaults (the provisioned one has no target)", () => {
    const saved = { name: 'Annotations & Alerts', enable: true, builtIn: 1, type: 'dashboard' } as AnnotationQuery;
    const prepared = ds.annotations.prepareAnnotation(saved as AnnotationQuery<GrafanaAnnotationTarget>);
    expect(ds.annotations.prepareQuery(prepared)).toEqual({
      refId: 'Anno',
      type: 'dashboard',
      limit: 100,
      tags: [],
      matchAny: false,
    });
  });

  it("answers the dashboard's alert firing periods as one annotation frame, and what failed as errors", async () => {
    evaluate.mockResolvedValue({
      events: [{ time: 2_000, timeEnd: 9_000, title: 'CPU high', text: 'CPU high: Alerting', panelId: 1 }],
      errors: ['Alert rule "Disk": datasource "x": not found'],
    });
    const response = await lastValueFrom(ds.query(request([{ refId: 'Anno', type: 'dashboard' }])));
    expect(evaluate).toHaveBeenCalledWith({ dashboardUid: 'dash', range, timeZone: 'utc' }, deps);
    const frame = response.data[0] as DataFrame;
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    expect(frame.refId).toBe('Anno');
    expect(Object.fromEntries(frame.fields.map((f) => [f.name, f.values[0]]))).toEqual({
      time: 2_000,
      timeEnd: 9_000,
      title: 'CPU high',
      text: 'CPU high: Alerting',
      panelId: 1,
    });
    expect(response.errors).toEqual([{ refId: 'Anno', message: 'Alert rule "Disk": datasource "x": not found' }]);
  });

  it('answers nothing outside a dashboard, and nothing for tag queries (there is no annotation store)', async () => {
    expect((await lastValueFrom(ds.query(request([{ refId: 'Anno' }], '')))).data).toEqual([]);
    expect((await lastValueFrom(ds.query(request([{ refId: 'Anno', type: 'tags', tags: ['x'] }])))).data).toEqual([]);
    expect(evaluate).not.toHaveBeenCalled();
  });
});
