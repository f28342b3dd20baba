import { LoadingState, toDataFrame, getDefaultTimeRange, type PanelData } from '@grafana/data';

import { dashboardUrl, panelDataForQuery, panelQueries, panelTargets } from './panelEditorModel';

it('panelQueries gives refIds to targets without one; panelTargets copies them back', () => {
  const queries = panelQueries({ type: 'x', targets: [{ refId: 'Q' }, { expr: 'up' }] });
  expect(queries.map((q) => q.refId)).toEqual(['Q', 'B']);
  expect(panelTargets(queries)).toEqual([{ refId: 'Q' }, { refId: 'B', expr: 'up' }]);
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
