import { LoadingState, toDataFrame, getDefaultTimeRange, type DataQuery, type PanelData } from '@grafana/data';

import { dashboardUrl, panelDataForQuery, withRefIds } from './panelEditorModel';

it('withRefIds gives refIds to queries without one and keeps the rest', () => {
  const queries = withRefIds([{ refId: 'Q' }, { expr: 'up' } as unknown as DataQuery]);
  expect(queries).toEqual([{ refId: 'Q' }, { refId: 'B', expr: 'up' }]);
});

it("panelDataForQuery keeps one query's frames and error", () => {
  const data: PanelData = {
    state: LoadingState.Error,
    timeRange: getDefaultTimeRange(),
    series: [toDataFrame({ refId: 'A', fields: [] }), toDataFrame({ refId: 'B', fields: [] })],
    errors: [{ refId: 'B', message: 'B failed' }],
    error: { refId: 'B', message: 'B failed' },
  };
  expect(panelDataForQuery(data, 'A')).toMatchObject({ series: [{ refId: 'A' }], error: undefined, errors: [] });
  expect(panelDataForQuery(data, 'B')?.error?.message).toBe('B failed');
  expect(panelDataForQuery(undefined, 'A')).toBeUndefined();
});

it('dashboardUrl drops the editor keys and keeps the time range, variables and the rest', () => {
  const url = dashboardUrl('flamelens-demo', {
    editPanel: '2',
    tab: 'queries',
    from: 'now-6h',
    to: 'now',
    'var-service': ['a', 'b'],
    refresh: '10s',
  });
  expect(url).toBe('/d/flamelens-demo?from=now-6h&to=now&var-service=a&var-service=b&refresh=10s');
});
