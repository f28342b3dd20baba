import React from 'react';
import { of } from 'rxjs';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import {
  DataSourceApi,
  PanelPlugin,
  toDataFrame,
  type DataQuery,
  type DataQueryRequest,
  type QueryEditorProps,
} from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import {
  locationService,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
  type DataSourceSrv,
} from '@grafana/runtime';
import { SceneQueryRunner, type VizPanel } from '@grafana/scenes';
import type { Dashboard, Panel } from '@grafana/schema';

import { buildDashboardScene } from '../dashboard/buildDashboardScene';
import type { DashboardScene } from '../dashboard/DashboardScene';
import { runRequest } from '../dashboard/runRequest';
import { registerOptionEditors } from '../editors/optionEditors';
import { stubSelectDom } from '../editors/testing';
import { HostTemplateSrv } from '../runtime/templateSrv';
import { PanelEditorPage } from './PanelEditorPage';
import { addFixtureOptions, type FixtureOptions } from './testing/flameGraphOptions';

type SelectorQuery = DataQuery & { labelSelector?: string };

/** Options shaped like our panel's on a component that renders nothing (the editor, not the panel, is under test). */
const panelPlugin = new PanelPlugin<FixtureOptions>(() => null).setPanelOptions(addFixtureOptions);
panelPlugin.meta = {
  id: 'flamelens-flamegraph-panel',
  name: 'Flame graph',
  info: { version: '1.0.0' },
} as PanelPlugin['meta'];

/** Answers each query with one empty frame of its refId; remembers the requests. */
class FakeProfiles extends DataSourceApi<SelectorQuery> {
  requests: Array<DataQueryRequest<SelectorQuery>> = [];
  constructor() {
    super({ uid: 'flamelens-pyroscope', name: 'Profiles', type: 'flamelens-pyroscope-datasource', meta: {} } as never);
  }
  query(request: DataQueryRequest<SelectorQuery>) {
    this.requests.push(request);
    return of({ data: request.targets.map((t) => toDataFrame({ refId: t.refId, fields: [] })) });
  }
  async testDatasource() {
    return { status: 'success', message: '' };
  }
}

/** A query editor that edits `labelSelector` and has a Run button; it shows what it was given. */
function FakeQueryEditor(props: QueryEditorProps<DataSourceApi, SelectorQuery>) {
  return (
    <div>
      <label htmlFor={`sel-${props.query.refId}`}>Selector {props.query.refId}</label>
      <input
        id={`sel-${props.query.refId}`}
        value={props.query.labelSelector ?? ''}
        onChange={(e) => props.onChange({ ...props.query, labelSelector: e.target.value })}
      />
      <button onClick={props.onRunQuery}>Run {props.query.refId}</button>
      <span>
        app={props.app} frames={props.data?.series.length} range={props.range?.raw.from.toString()}
      </span>
    </div>
  );
}
jest.mock('../runtime/plugins', () => ({
  loadDataSourcePlugin: jest.fn(async () => ({ components: { QueryEditor: FakeQueryEditor } })),
}));

let datasource: FakeProfiles;

function demoDashboard(): Dashboard {
  const panel: Panel = {
    id: 2,
    type: 'flamelens-flamegraph-panel',
    title: 'CPU flame graph',
    gridPos: { x: 0, y: 0, w: 24, h: 10 },
    datasource: { uid: 'flamelens-pyroscope', type: 'flamelens-pyroscope-datasource' },
    targets: [
      { refId: 'A', labelSelector: '{service_name="ad-server"}' },
      { refId: 'B', labelSelector: '{}' },
    ],
    options: { view: 'table' },
  };
  return {
    uid: 'flamelens-demo',
    title: 'Flamelens demo',
    schemaVersion: 41,
    time: { from: 'now-1h', to: 'now' },
    panels: [panel],
  };
}

beforeAll(() => {
  stubSelectDom();
  registerOptionEditors();
  setTemplateSrv(new HostTemplateSrv());
  setRunRequest((ds, request) => runRequest(ds, request));
  setPluginImportUtils({ importPanelPlugin: async () => panelPlugin, getPanelPluginFromCache: () => undefined });
  setDataSourceSrv({
    get: jest.fn(async () => datasource),
    getInstanceSettings: jest.fn(() => datasource.getRef() && { ...datasource, meta: {} }),
  } as unknown as DataSourceSrv);
});

let scene: DashboardScene;
let deactivate: () => void;

beforeEach(() => {
  datasource = new FakeProfiles();
  locationService.push('/d/flamelens-demo/demo?editPanel=2&from=now-1h&to=now');
  scene = buildDashboardScene(demoDashboard());
  deactivate = scene.activate();
});
afterEach(() => deactivate());

const preview = () => scene.state.editPreview as VizPanel;
const runner = (panel: VizPanel) => panel.state.$data as SceneQueryRunner;
const original = () => scene.findPanel(2) as VizPanel;

async function renderEditor(panelId = 2) {
  render(<PanelEditorPage scene={scene} panelId={panelId} />);
  // The options pane appears once the preview has its plugin (and its options their defaults).
  await screen.findByRole('region', { name: 'Flame graph' });
}

describe('PanelEditorPage', () => {
  it('edits a copy of the panel that lives in the dashboard scene, with its options defaulted', async () => {
    await renderEditor();
    expect(preview()).not.toBe(original());
    expect(preview().parent).toBe(scene);
    expect(preview().state.options).toMatchObject({ view: 'table', orientation: 'icicle', showTimeline: true });
  });

  it('renders every option of the panel, labelled, grouped by category, with its current value', async () => {
    await renderEditor();
    const flame = screen.getByRole('region', { name: 'Flame graph' });
    for (const name of ['View', 'Orientation', 'Color', 'Diff palette', 'Label alignment']) {
      expect(within(flame).getByRole('radiogroup', { name })).toBeInTheDocument();
    }
    expect(within(flame).getByRole('radio', { name: 'Table' })).toBeChecked();
    expect(within(flame).getByLabelText(/^Collapse chains/)).not.toBeChecked();
    expect(screen.getByText(/Most functions the top table lists/)).toBeInTheDocument();
  });

  it('shows an option change in the copy at once, without touching the queries', async () => {
    await renderEditor();
    const queries = runner(preview()).state.queries;
    fireEvent.click(screen.getByRole('radio', { name: 'Flame' }));
    fireEvent.click(screen.getByLabelText(/^Collapse chains/));
    expect(preview().state.options).toMatchObject({ orientation: 'flame', collapseChains: true });
    expect(runner(preview()).state.queries).toBe(queries);
    // The dashboard's panel is untouched until "Back to dashboard".
    expect(original().state.options).toEqual({ view: 'table' });
  });

  it('gives each query editor its query, the dashboard range, its own data and the panel editor app', async () => {
    await renderEditor();
    expect(await screen.findByLabelText('Selector A')).toHaveValue('{service_name="ad-server"}');
    await waitFor(() => expect(screen.getAllByText(/app=panel-editor frames=1 range=now-1h/)).toHaveLength(2));
  });

  it('runs edited queries only on onRunQuery', async () => {
    await renderEditor();
    await waitFor(() => expect(datasource.requests.length).toBeGreaterThan(0));
    const before = datasource.requests.length;
    fireEvent.change(await screen.findByLabelText('Selector B'), { target: { value: '{namespace="x"}' } });
    expect(runner(preview()).state.queries[1]).toMatchObject({ labelSelector: '{}' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run B' })));
    expect(runner(preview()).state.queries[1]).toMatchObject({ refId: 'B', labelSelector: '{namespace="x"}' });
    await waitFor(() => expect(datasource.requests.length).toBe(before + 1));
    expect(datasource.requests[before].targets[1]).toMatchObject({ labelSelector: '{namespace="x"}' });
  });

  it('"Back to dashboard" writes the edits into the scene and returns with the time range', async () => {
    await renderEditor();
    fireEvent.change(screen.getByTestId(selectors.components.PanelEditor.OptionsPane.fieldInput('Title')), {
      target: { value: 'Renamed' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Both' }));
    fireEvent.change(await screen.findByLabelText('Selector A'), { target: { value: '{service_name="checkout"}' } });
    fireEvent.click(screen.getByTestId(selectors.components.NavToolbar.editDashboard.backToDashboardButton));

    expect(original().state).toMatchObject({ title: 'Renamed', options: { view: 'both', orientation: 'icicle' } });
    expect(runner(original()).state.queries[0]).toMatchObject({ labelSelector: '{service_name="checkout"}' });
    expect(locationService.getLocation().pathname).toBe('/d/flamelens-demo');
    expect(locationService.getSearchObject()).toMatchObject({ from: 'now-1h', to: 'now' });
    expect(locationService.getSearchObject().editPanel).toBeUndefined();
  });

  it('"Discard" returns without applying anything', async () => {
    await renderEditor();
    fireEvent.click(screen.getByRole('radio', { name: 'Both' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(original().state.options).toMatchObject({ view: 'table' });
    expect(locationService.getLocation().pathname).toBe('/d/flamelens-demo');
    expect(locationService.getSearchObject().editPanel).toBeUndefined();
  });

  it('says so when the panel is not in the dashboard', async () => {
    render(<PanelEditorPage scene={scene} panelId={77} />);
    expect(await screen.findByText(/Panel 77 was not found in dashboard "Flamelens demo"/)).toBeVisible();
    expect(screen.getByTestId(selectors.components.NavToolbar.editDashboard.backToDashboardButton)).toBeDisabled();
  });
});
