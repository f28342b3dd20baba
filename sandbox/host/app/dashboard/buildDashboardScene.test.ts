import fs from 'fs';
import path from 'path';
import {
  ConstantVariable,
  CustomVariable,
  DataSourceVariable,
  IntervalVariable,
  QueryVariable,
  SceneGridItem,
  SceneGridRow,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimeRange,
  TextBoxVariable,
  behaviors,
  dataLayers,
  sceneGraph,
  type VizPanel,
} from '@grafana/scenes';
import type { Dashboard } from '@grafana/schema';

import { buildDashboardScene } from './buildDashboardScene';
import { PanelFrame } from './PanelFrame';
import { panelMenuItems } from './panelMenu';
import { variableFromModel } from './variablesFromModel';

/** The provisioned demo dashboard, exactly as Grafana would load it. */
const demo = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../../provisioning/dashboards/flamelens-demo.json'), 'utf8')
) as Dashboard;

describe('buildDashboardScene on the provisioned demo dashboard', () => {
  const scene = buildDashboardScene(demo);

  it('keeps the identity, the time range and the refresh of the save model', () => {
    expect(scene.getDashboardIdentity()).toEqual({ uid: 'flamelens-demo', title: demo.title });
    const range = scene.state.$timeRange as SceneTimeRange;
    expect(range).toBeInstanceOf(SceneTimeRange);
    expect(range.state).toMatchObject({ from: 'now-30m', to: 'now', timeZone: 'browser' });
    const refresh = scene.state.timeControls.find((c) => c instanceof SceneRefreshPicker) as SceneRefreshPicker;
    expect(refresh.state.refresh).toBe('');
    expect(scene.state.$behaviors?.[0]).toBeInstanceOf(behaviors.CursorSync);
    expect((scene.state.$behaviors?.[0] as behaviors.CursorSync).state.sync).toBe(1);
  });

  it('makes the datasource, query, textbox and custom variables with their saved values', () => {
    const [prometheus, pyroscope, service, focus, compare] = sceneGraph.getVariables(scene).state.variables;
    expect(prometheus).toBeInstanceOf(DataSourceVariable);
    expect(prometheus.state).toMatchObject({
      name: 'prometheus',
      pluginId: 'prometheus',
      value: 'flamelens-prometheus',
    });
    expect(pyroscope).toBeInstanceOf(DataSourceVariable);
    expect(pyroscope.state).toMatchObject({
      name: 'pyroscope',
      label: 'Profiles',
      pluginId: 'flamelens-pyroscope-datasource',
      value: 'flamelens-pyroscope',
      defaultOptionEnabled: false,
    });
    expect(service).toBeInstanceOf(QueryVariable);
    expect(service.state).toMatchObject({
      name: 'service',
      label: 'Service',
      datasource: { type: 'flamelens-pyroscope-datasource', uid: '${pyroscope}' },
      query: { refId: 'service', kind: 'services' },
      refresh: 2,
      sort: 1,
      value: 'demo-workload',
      isMulti: false,
    });
    expect(focus).toBeInstanceOf(TextBoxVariable);
    expect(focus.state).toMatchObject({ name: 'focus', label: 'Focus moment', value: '' });
    expect(compare).toBeInstanceOf(CustomVariable);
    expect(compare.state).toMatchObject({ name: 'compare', query: 'off,before,1d,1w', value: 'off' });
  });

  it('runs each annotation query as a data layer, the built-in one on the "-- Grafana --" datasource', () => {
    const layers = (scene.state.$data?.state as { layers: dataLayers.AnnotationsDataLayer[] }).layers;
    expect(layers.map((l) => [l.state.name, l.state.isEnabled, l.state.isHidden])).toEqual([
      ['Annotations & Alerts', true, true],
      ['CPU spikes', true, false],
    ]);
    expect(layers[0].state.query.datasource).toEqual({ type: 'grafana', uid: '-- Grafana --' });
    expect(layers[1].state.query.target).toMatchObject({ labelSelector: '{service_name="$service"}' });
  });

  it('puts every panel on the grid at its gridPos, with its own query runner and menu', () => {
    const items = scene.state.body.state.children as SceneGridItem[];
    expect(items.map((i) => [i.state.x, i.state.y, i.state.width, i.state.height])).toEqual([
      [0, 0, 24, 8],
      [0, 8, 24, 14],
      [0, 22, 14, 14],
      [14, 22, 10, 14],
    ]);
    const frames = scene.getPanelFrames();
    expect(frames.map((f) => f.state.panelId)).toEqual([1, 2, 4, 3]);
    const flame = scene.findPanel(2) as VizPanel;
    expect(flame.state).toMatchObject({ key: 'panel-2', pluginId: 'flamelens-flamegraph-panel' });
    expect(flame.getLegacyPanelId()).toBe(2);
    expect(flame.state.options).toMatchObject({ view: 'flamegraph', showTimeline: true });
    const runner = flame.state.$data as SceneQueryRunner;
    expect(runner).toBeInstanceOf(SceneQueryRunner);
    expect(runner.state).toMatchObject({
      datasource: { type: 'flamelens-pyroscope-datasource', uid: '${pyroscope}' },
      queries: [{ refId: 'A', focusVariable: '$focus', compare: '$compare' }],
      dataLayerFilter: { panelId: 2 },
    });
    const cpu = scene.findPanel(1) as VizPanel;
    expect(cpu.state.fieldConfig.defaults.links?.[0].url).toBe(
      '/d/${__dashboard.uid}?${__url_time_range}&${prometheus:queryparam}&${pyroscope:queryparam}' +
        '&var-focus=${__value.time:date:iso}'
    );
    expect((cpu.state.$data as SceneQueryRunner).state.datasource).toEqual({
      type: 'prometheus',
      uid: '${prometheus}',
    });
  });

  it('gives each panel Grafana\'s "View" and "Edit" menu items, on the current URL', () => {
    expect(panelMenuItems(3).map((i) => [i.text, new URL(i.href ?? '', 'http://x').searchParams.toString()])).toEqual([
      ['View', 'viewPanel=panel-3'],
      ['Edit', 'editPanel=3'],
    ]);
  });

  it('asks the dashboard for the uid and panel of every query', () => {
    const runner = (scene.findPanel(4) as VizPanel).state.$data as SceneQueryRunner;
    expect(scene.enrichDataRequest(runner)).toMatchObject({ dashboardUID: 'flamelens-demo', panelId: 4 });
  });
});

describe('the rest of the save model', () => {
  it('puts the panels of an open row in it, and keeps a collapsed row with its panels', () => {
    const scene = buildDashboardScene({
      schemaVersion: 41,
      panels: [
        { id: 1, type: 'timeseries', gridPos: { x: 0, y: 0, w: 24, h: 6 } },
        { id: 10, type: 'row', title: 'CPU', gridPos: { x: 0, y: 6, w: 24, h: 1 }, collapsed: false, panels: [] },
        { id: 11, type: 'timeseries', gridPos: { x: 0, y: 7, w: 12, h: 6 } },
        { id: 12, type: 'timeseries', gridPos: { x: 12, y: 7, w: 12, h: 6 } },
        {
          id: 20,
          type: 'row',
          title: 'Memory',
          gridPos: { x: 0, y: 13, w: 24, h: 1 },
          collapsed: true,
          panels: [{ id: 21, type: 'timeseries', gridPos: { x: 0, y: 14, w: 24, h: 6 } }],
        },
      ],
    } as Dashboard);
    const [first, cpu, memory] = scene.state.body.state.children;
    const ids = (row: unknown) =>
      ((row as SceneGridRow).state.children as SceneGridItem[]).map((i) => (i.state.body as PanelFrame).state.panelId);
    expect(((first as SceneGridItem).state.body as PanelFrame).state.panelId).toBe(1);
    expect((cpu as SceneGridRow).state).toMatchObject({ title: 'CPU', y: 6, isCollapsed: false });
    expect(ids(cpu)).toEqual([11, 12]);
    expect((memory as SceneGridRow).state).toMatchObject({ title: 'Memory', isCollapsed: true });
    expect(ids(memory)).toEqual([21]);
    expect(scene.getPanelFrames().map((f) => f.state.panelId)).toEqual([1, 11, 12, 21]);
  });

  it('refuses what the sandbox cannot show, naming the panel', () => {
    expect(() =>
      buildDashboardScene({
        schemaVersion: 41,
        panels: [{ id: 1, type: 'timeseries', title: 'Per host', repeat: 'host' }],
      } as Dashboard)
    ).toThrow(/Panel "Per host" uses repeats/);
  });

  it('makes constant and interval variables, and refuses variable types it does not support', () => {
    const constant = variableFromModel({ name: 'env', type: 'constant', query: 'prod' });
    expect(constant).toBeInstanceOf(ConstantVariable);
    expect(constant.state).toMatchObject({ value: 'prod', skipUrlSync: true, hide: 2 });
    const interval = variableFromModel({
      name: 'step',
      type: 'interval',
      query: '1m, 10m,1h',
      auto: true,
      current: { value: '10m' },
    });
    expect(interval).toBeInstanceOf(IntervalVariable);
    expect(interval.state).toMatchObject({ intervals: ['1m', '10m', '1h'], autoEnabled: true, value: '10m' });
    expect(() => variableFromModel({ name: 'f', type: 'adhoc' })).toThrow(/"f" has type "adhoc"/);
    // A datasource variable saved on "default" keeps the default option, as core's transformer does.
    const ds = variableFromModel({
      name: 'ds',
      type: 'datasource',
      query: 'prometheus',
      current: { value: 'default', text: 'default' },
    });
    expect(ds.state).toMatchObject({ pluginId: 'prometheus', value: 'default', defaultOptionEnabled: true });
  });
});
