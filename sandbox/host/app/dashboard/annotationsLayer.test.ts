import { of, throwError } from 'rxjs';
import {
  DataSourceApi,
  DataTopic,
  FieldType,
  createDataFrame,
  dateTime,
  type AnnotationQuery,
  type DataQueryRequest,
  type TestDataSourceResponse,
} from '@grafana/data';

import {
  DashboardAnnotations,
  annotationFrames,
  isGrafanaBuiltIn,
  type AnnotationRunContext,
} from './annotationsLayer';

class SpikeDs extends DataSourceApi {
  requests: DataQueryRequest[] = [];
  fail = false;
  constructor() {
    super({ id: 1, uid: 'pyro', name: 'Profiles', type: 'x', meta: { id: 'x' } } as never);
    this.annotations = {};
  }
  query(request: DataQueryRequest) {
    this.requests.push(request);
    if (this.fail) {
      return throwError(() => new Error('Pyroscope is down'));
    }
    const frame = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [request.range.from.valueOf() + 10] },
        { name: 'text', type: FieldType.string, values: ['spike'] },
      ],
      meta: { dataTopic: DataTopic.Annotations },
    });
    return of({ data: [frame] });
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: '' });
  }
}

const builtIn = {
  builtIn: 1,
  datasource: { type: 'grafana', uid: '-- Grafana --' },
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
} as AnnotationQuery;
const spikes = {
  name: 'CPU spikes',
  datasource: { type: 'x', uid: 'pyro' },
  enable: true,
  iconColor: 'red',
  target: { refId: 'Anno', labelSelector: '{service_name="$service"}' },
} as unknown as AnnotationQuery;

function setup(queries: AnnotationQuery[] = [builtIn, spikes]) {
  const ds = new SpikeDs();
  let service = 'api';
  const fetchRules = jest.fn(async () => ({}));
  const annotations = new DashboardAnnotations(queries, {
    dashboardUid: 'dash',
    dataSourceSrv: { get: jest.fn(async () => ds) },
    templateSrv: { replace: (text?: string) => (text ?? '').replace(/\$service/g, service) },
    fetchRules,
    getColorByName: (name) => `theme:${name}`,
  });
  const context = (patch: Partial<AnnotationRunContext> = {}): AnnotationRunContext => ({
    variablesReady: true,
    timeRange: { from: dateTime(1000), to: dateTime(2000), raw: { from: 'now-1h', to: 'now' } },
    timeZone: 'utc',
    refreshKey: 0,
    revision: 0,
    ...patch,
  });
  return { ds, annotations, fetchRules, context, setService: (s: string) => (service = s) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DashboardAnnotations', () => {
  it('waits for the variables, then runs every enabled query once per range and interpolated query', async () => {
    const { ds, annotations, fetchRules, context, setService } = setup();
    annotations.update(context({ variablesReady: false }));
    expect(ds.requests).toHaveLength(0);
    annotations.update(context());
    await flush();
    expect(ds.requests).toHaveLength(1);
    expect(fetchRules).toHaveBeenCalledWith('dash');
    annotations.update(context({ revision: 1 })); // a variable the query does not use
    expect(ds.requests).toHaveLength(1);
    setService('db');
    annotations.update(context({ revision: 2 }));
    await flush();
    expect(ds.requests).toHaveLength(2);
    annotations.update(context({ revision: 2, refreshKey: 1 }));
    await flush();
    expect(ds.requests).toHaveLength(3);
    annotations.dispose();
  });

  it('publishes one frame per query with its colour, name and source', async () => {
    const { annotations, context } = setup();
    annotations.update(context());
    await flush();
    const states = annotations.state$.value;
    expect(states.map((s) => [s.name, s.enabled, s.hidden, s.loading, s.error])).toEqual([
      ['Annotations & Alerts', true, true, false, undefined],
      ['CPU spikes', true, false, false, undefined],
    ]);
    const [frame] = annotationFrames(states); // the built-in one has no events (no rules)
    const field = (name: string) => frame.fields.find((f) => f.name === name)?.values;
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    expect(field('text')).toEqual(['spike']);
    expect(field('color')).toEqual(['theme:red']);
    expect(field('type')).toEqual(['CPU spikes']);
    expect(field('source')).toEqual([spikes]);
    annotations.dispose();
  });

  it('turns a query off and on with its toggle', async () => {
    const { ds, annotations, context } = setup([spikes]);
    annotations.update(context());
    await flush();
    annotations.setEnabled(0, false);
    expect(annotationFrames(annotations.state$.value)).toEqual([]);
    annotations.update(context({ refreshKey: 5 }));
    expect(ds.requests).toHaveLength(1); // off: not run
    annotations.setEnabled(0, true);
    await flush();
    expect(ds.requests).toHaveLength(2);
    expect(annotationFrames(annotations.state$.value)).toHaveLength(1);
    expect(() => annotations.setEnabled(7, true)).toThrow('Annotation query 7 is not on this dashboard');
    annotations.dispose();
  });

  it('keeps a failure as the query’s error message instead of throwing', async () => {
    const { ds, annotations, context } = setup([spikes]);
    ds.fail = true;
    annotations.update(context());
    await flush();
    expect(annotations.state$.value[0].error).toBe('CPU spikes: Pyroscope is down');
    annotations.dispose();
  });

  it('recognises Grafana’s built-in annotation datasource', () => {
    expect(isGrafanaBuiltIn(builtIn)).toBe(true);
    expect(isGrafanaBuiltIn({ ...spikes, datasource: { type: 'grafana', uid: 'grafana' } })).toBe(true);
    expect(isGrafanaBuiltIn(spikes)).toBe(false);
  });
});
