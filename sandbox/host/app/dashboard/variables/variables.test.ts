import { of } from 'rxjs';
import {
  CustomVariableSupport,
  DataSourceApi,
  dateTime,
  type DataQueryRequest,
  type DataQueryResponse,
  type TestDataSourceResponse,
} from '@grafana/data';
import { locationService } from '@grafana/runtime';
import type { VariableModel } from '@grafana/schema';

import { HostTemplateSrv } from '../../runtime/templateSrv';
import { DashboardVariables, multiValue, usesAny } from './DashboardVariables';
import { customOptions, intervalOptions, queryOptions, sortOptions } from './options';
import { initialState, validateValue } from './state';

describe('variable options', () => {
  it('parses custom lists with escaped commas and key : value pairs', () => {
    expect(customOptions('a, b\\,c , Label : val')).toEqual([
      { label: 'a', value: 'a' },
      { label: 'b,c', value: 'b,c' },
      { label: 'Label', value: 'val' },
    ]);
  });

  it('lists intervals with Auto first when enabled', () => {
    expect(intervalOptions('1m, 1h', true).map((o) => o.value)).toEqual(['$__auto', '1m', '1h']);
    expect(intervalOptions('1m', false)).toEqual([{ label: '1m', value: '1m' }]);
  });

  it('filters query results with the regex, extracts groups, de-duplicates and sorts', () => {
    const values = [{ text: 'svc-b' }, { text: 'svc-a' }, { text: 'other' }, { text: 'svc-a' }];
    expect(queryOptions(values, '/svc-(.*)/', 1)).toEqual([
      { label: 'a', value: 'a' },
      { label: 'b', value: 'b' },
    ]);
    const named = [{ text: 'Name A', value: 'id-1' }];
    expect(queryOptions(named, '/id-(?<value>\\d+)/', 0)).toEqual([{ label: '1', value: '1' }]);
    expect(queryOptions([{ text: 'x', value: 1 }], undefined, 0)).toEqual([{ label: 'x', value: '1' }]);
  });

  it('sorts like Grafana', () => {
    const opts = ['b10', 'a2', 'B1'].map((v) => ({ label: v, value: v }));
    expect(sortOptions(opts, 2).map((o) => o.label)).toEqual(['b10', 'a2', 'B1']);
    expect(sortOptions(opts, 3).map((o) => o.label)).toEqual(['B1', 'a2', 'b10']);
    expect(sortOptions(opts, 5).map((o) => o.label)).toEqual(['a2', 'B1', 'b10']);
    expect(sortOptions(opts, 7).map((o) => o.label)).toEqual(['a2', 'B1', 'b10']);
  });
});

describe('variable values', () => {
  const options = [
    { label: 'A', value: 'a' },
    { label: 'B', value: 'b' },
  ];
  const model = (extra: Partial<VariableModel> = {}): VariableModel => ({ name: 'v', type: 'custom', ...extra });

  it('keeps a valid value, else takes the first option', () => {
    expect(validateValue(initialState(model({ current: { text: 'B', value: 'b' } }), []), options)).toEqual({
      value: 'b',
      text: 'B',
    });
    expect(validateValue(initialState(model({ current: { text: 'Z', value: 'z' } }), []), options)).toEqual({
      value: 'a',
      text: 'A',
    });
    expect(validateValue(initialState(model(), []), [])).toEqual({ value: '', text: '' });
  });

  it('keeps a URL value once, even when it is not an option', () => {
    const state = initialState(model(), ['z']);
    expect(validateValue(state, options)).toEqual({ value: 'z', text: 'z' });
    expect(validateValue({ ...state, skipNextValidation: false }, options)).toEqual({ value: 'a', text: 'A' });
  });

  it('handles multi values and All', () => {
    const multi = initialState(model({ multi: true, includeAll: true }), ['b', 'z']);
    expect(validateValue({ ...multi, skipNextValidation: false }, options)).toEqual({ value: ['b'], text: ['B'] });
    const all = initialState(model({ multi: true, includeAll: true }), ['$__all']);
    expect(validateValue({ ...all, skipNextValidation: false }, options)).toEqual({ value: ['$__all'], text: 'All' });
    expect(validateValue({ ...all, skipNextValidation: false }, [])).toEqual({ value: '$__all', text: 'All' });
  });

  it('stores multi-value picks as Grafana does', () => {
    const state = { ...initialState(model({ multi: true, includeAll: true }), []), options };
    expect(multiValue([], state)).toEqual(['a']);
    expect(multiValue(['a', '$__all'], state)).toEqual(['$__all']);
    expect(multiValue(['$__all', 'b'], state)).toEqual(['b']);
    expect(multiValue(['b', 'a'], state)).toEqual(['b', 'a']);
  });

  it('knows which variables a query uses', () => {
    expect(usesAny(model({ query: 'label_values({job="$job"}, x)' }), new Set(['job']))).toBe(true);
    expect(usesAny(model({ query: { q: '${job:csv}' } }), new Set(['job']))).toBe(true);
    expect(usesAny(model({ query: 'x' }), new Set(['job']))).toBe(false);
  });
});

class VarDs extends DataSourceApi {
  calls: string[] = [];
  constructor() {
    super({ id: 1, uid: 'ds', name: 'DS', type: 'test', meta: { id: 'test' } } as never);
    const calls = this.calls;
    const templateSrv = () => srv;
    this.variables = new (class extends CustomVariableSupport<VarDs> {
      editor = () => null;
      query(request: DataQueryRequest): ReturnType<CustomVariableSupport<VarDs>['query']> {
        const q = templateSrv().replace(String((request.targets[0] as { query?: string }).query ?? ''));
        calls.push(q);
        const values =
          q === 'services' ? ['api', 'web'] : q.startsWith('pods of ') ? [`${q.slice(8)}-1`, `${q.slice(8)}-2`] : [];
        return of({ data: values.map((text) => ({ text })) } as DataQueryResponse);
      }
    })();
  }
  query(): Promise<DataQueryResponse> {
    return Promise.resolve({ data: [] });
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: '' });
  }
}

let srv: HostTemplateSrv;

describe('DashboardVariables', () => {
  const range = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };
  const models: VariableModel[] = [
    { name: 'service', type: 'query', datasource: { uid: 'ds' }, query: 'services', refresh: 1 },
    { name: 'pod', type: 'query', datasource: { uid: 'ds' }, query: 'pods of $service', refresh: 2 },
    { name: 'c', type: 'constant', query: 'fixed', hide: 2 },
  ];

  function setup(search: string) {
    srv = new HostTemplateSrv();
    const ds = new VarDs();
    locationService.replace(`/d/x${search}`);
    const vars = new DashboardVariables(models, new URLSearchParams(search), {
      dashboardUid: 'x',
      templateSrv: srv,
      dataSourceSrv: { get: async () => ds, getList: () => [] },
      getRange: () => range,
      timeZone: 'utc',
    });
    return { vars, ds };
  }

  it('resolves variables in order (each query sees the ones before) and writes them to the URL', async () => {
    const { vars, ds } = setup('');
    await vars.start();
    expect(ds.calls).toEqual(['services', 'pods of api']);
    expect(srv.replace('$service/$pod/$c')).toBe('api/api-1/fixed');
    const search = locationService.getSearch();
    expect(search.get('var-service')).toBe('api');
    expect(search.get('var-pod')).toBe('api-1');
  });

  it('keeps URL values and re-resolves the variables that use a changed one', async () => {
    const { vars, ds } = setup('?var-service=web&var-pod=web-2');
    await vars.start();
    expect(srv.replace('$service/$pod')).toBe('web/web-2');
    ds.calls.length = 0;
    await vars.applyUrl(new URLSearchParams('var-service=api&var-pod=web-2'));
    expect(ds.calls).toEqual(['pods of api']);
    expect(srv.replace('$service/$pod')).toBe('api/api-1');
  });

  it('refreshes only time-dependent variables on a range change', async () => {
    const { vars, ds } = setup('');
    await vars.start();
    ds.calls.length = 0;
    await vars.onTimeRangeChanged();
    expect(ds.calls).toEqual(['pods of api']);
  });

  it('publishes readiness: not ready while resolving, ready after', async () => {
    const { vars } = setup('');
    const ready: boolean[] = [];
    vars.snapshot$.subscribe((s) => ready.push(s.ready));
    await vars.start();
    expect(ready[0]).toBe(false);
    expect(ready[ready.length - 1]).toBe(true);
  });
});
