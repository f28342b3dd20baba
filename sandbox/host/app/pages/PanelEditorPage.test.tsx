import React, { useEffect } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import {
  dateTime,
  LoadingState,
  type AbsoluteTimeRange,
  PanelPlugin,
  toDataFrame,
  type DataQuery,
  type DataSourceApi,
  type PanelData,
  type QueryEditorProps,
  type TimeRange,
} from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import { locationService, setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import type { Dashboard, Panel } from '@grafana/schema';

import { addPanelOptions, type FlameGraphOptions } from '../../../../src/panel/options';
import { registerOptionEditors } from '../editors/optionEditors';
import { stubSelectDom } from '../editors/testing';
import { PanelEditorPage } from './PanelEditorPage';

interface ViewProps {
  panel: Panel;
  timeRange: TimeRange;
  width: number;
  height: number;
  onData?: (d: PanelData) => void;
  onChangeTimeRange?: (r: AbsoluteTimeRange) => void;
}

/** Every render of the preview, to check what it was asked to show. */
const views: ViewProps[] = [];
const RANGE: TimeRange = { from: dateTime(1000), to: dateTime(2000), raw: { from: 'now-1h', to: 'now' } };
const DATA: PanelData = {
  state: LoadingState.Done,
  series: [toDataFrame({ refId: 'A', fields: [] }), toDataFrame({ refId: 'B', fields: [] })],
  timeRange: RANGE,
};

jest.mock('../dashboard/PanelView', () => ({
  PanelView: (props: ViewProps) => {
    views.push(props);
    const { onData } = props;
    useEffect(() => onData?.(DATA), [onData]);
    return <div data-testid="preview">{props.panel.title}</div>;
  },
}));

const updatePanel = jest.fn();
let dashboard: Dashboard;
jest.mock('../dashboard/store', () => ({
  ...jest.requireActual('../dashboard/store'),
  loadDashboard: jest.fn(async () => ({ dashboard, meta: {} })),
  updatePanel: (...args: unknown[]) => updatePanel(...args),
}));
/** The URL's range: RANGE for the relative default, an absolute range for epoch milliseconds. */
function rangeFromUrl(): TimeRange {
  const { from, to } = locationService.getSearchObject();
  if (from === 'now-1h') {
    return RANGE;
  }
  const fromTime = dateTime(Number(from));
  const toTime = dateTime(Number(to));
  return { from: fromTime, to: toTime, raw: { from: fromTime, to: toTime } };
}
jest.mock('../dashboard/timeRange', () => ({ timeRangeFromUrl: () => rangeFromUrl() }));

/** Our panel's real options on a component that renders nothing (the preview is mocked anyway). */
const panelPlugin = new PanelPlugin<FlameGraphOptions>(() => null).setPanelOptions(addPanelOptions);
panelPlugin.meta = { id: 'flamelens-flamegraph-panel', name: 'Flame graph' } as PanelPlugin['meta'];

/** A query editor that edits `labelSelector` and has a Run button; it shows what it was given. */
function FakeQueryEditor(props: QueryEditorProps<DataSourceApi, DataQuery & { labelSelector?: string }>) {
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
        app={props.app} frames={props.data?.series.length} range={props.range === RANGE ? 'url' : 'other'}
      </span>
    </div>
  );
}
const dsPlugin = { components: { QueryEditor: FakeQueryEditor } };
jest.mock('../runtime/plugins', () => ({
  loadPanelPlugin: jest.fn(async () => panelPlugin),
  loadDataSourcePlugin: jest.fn(async () => dsPlugin),
}));

function demoDashboard(): Dashboard {
  const panel: Panel = {
    id: 2,
    type: 'flamelens-flamegraph-panel',
    title: 'CPU flame graph',
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
    panels: [{ id: 9, type: 'row', title: 'Row', collapsed: true, panels: [panel] }],
  } as Dashboard;
}

beforeAll(() => {
  stubSelectDom();
  registerOptionEditors();
  setDataSourceSrv({
    get: jest.fn(async () => ({
      uid: 'flamelens-pyroscope',
      name: 'Profiles',
      type: 'flamelens-pyroscope-datasource',
    })),
  } as unknown as DataSourceSrv);
});

beforeEach(() => {
  views.length = 0;
  updatePanel.mockClear();
  dashboard = demoDashboard();
  locationService.push('/d/flamelens-demo/demo?editPanel=2&from=now-1h&to=now&var-service=ad-server');
});

async function renderEditor(panelId = 2) {
  render(<PanelEditorPage dashboardUid="flamelens-demo" panelId={panelId} />);
  await screen.findByTestId('preview');
}

const lastView = () => views[views.length - 1];

describe('PanelEditorPage', () => {
  it('previews the panel with its options filled with the defaults and the URL time range', async () => {
    await renderEditor();
    expect(lastView().panel.options).toMatchObject({ view: 'table', orientation: 'icicle', showTimeline: true });
    expect(lastView().timeRange).toBe(RANGE);
    expect(lastView().width).toBeGreaterThan(0);
  });

  it('renders every option of our panel, labelled, grouped by category, with its current value', async () => {
    await renderEditor();
    const flame = screen.getByRole('region', { name: 'Flame graph' });
    for (const name of ['View', 'Orientation', 'Color', 'Diff palette', 'Label alignment']) {
      expect(within(flame).getByRole('radiogroup', { name })).toBeInTheDocument();
    }
    expect(within(flame).getByRole('radio', { name: 'Table' })).toBeChecked();
    expect(within(flame).getByLabelText(/^Timeline/)).toBeChecked();
    expect(within(flame).getByLabelText(/^Collapse chains/)).not.toBeChecked();
    const table = screen.getByRole('region', { name: 'Top table' });
    expect(within(table).getByLabelText(/^Max table rows/)).toHaveValue(null);
    expect(screen.getByText(/Most functions the top table lists/)).toBeInTheDocument();
  });

  it('shows an option change in the preview at once, without re-running the queries', async () => {
    await renderEditor();
    const targets = lastView().panel.targets;
    fireEvent.click(screen.getByRole('radio', { name: 'Flame' }));
    fireEvent.click(screen.getByLabelText(/^Collapse chains/));
    const rows = screen.getByLabelText(/^Max table rows/);
    fireEvent.change(rows, { target: { value: '25' } });
    fireEvent.blur(rows);
    expect(lastView().panel.options).toMatchObject({ orientation: 'flame', collapseChains: true, maxTableRows: 25 });
    expect(lastView().panel.targets).toBe(targets);
  });

  it('gives each query editor its query, the range, its own data and the panel editor app', async () => {
    await renderEditor();
    expect(await screen.findByLabelText('Selector A')).toHaveValue('{service_name="ad-server"}');
    expect(screen.getAllByText(/app=panel-editor frames=1 range=url/)).toHaveLength(2);
  });

  it('runs edited queries only on onRunQuery', async () => {
    await renderEditor();
    fireEvent.change(await screen.findByLabelText('Selector B'), { target: { value: '{namespace="x"}' } });
    expect(lastView().panel.targets?.[1]).toMatchObject({ labelSelector: '{}' });
    fireEvent.click(screen.getByRole('button', { name: 'Run B' }));
    expect(lastView().panel.targets?.[1]).toMatchObject({ refId: 'B', labelSelector: '{namespace="x"}' });
    expect(lastView().panel.targets?.[0]).toMatchObject({ refId: 'A', labelSelector: '{service_name="ad-server"}' });
  });

  it('"Back to dashboard" applies the edits and returns with the time range and variables', async () => {
    await renderEditor();
    fireEvent.change(screen.getByTestId(selectors.components.PanelEditor.OptionsPane.fieldInput('Title')), {
      target: { value: 'Renamed' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Both' }));
    fireEvent.change(await screen.findByLabelText('Selector A'), { target: { value: '{service_name="checkout"}' } });
    fireEvent.click(screen.getByTestId(selectors.components.NavToolbar.editDashboard.backToDashboardButton));

    expect(updatePanel).toHaveBeenCalledTimes(1);
    const [uid, panel] = updatePanel.mock.calls[0] as [string, Panel];
    expect(uid).toBe('flamelens-demo');
    expect(panel).toMatchObject({ id: 2, title: 'Renamed', options: { view: 'both', orientation: 'icicle' } });
    expect(panel.targets?.[0]).toMatchObject({ labelSelector: '{service_name="checkout"}' });
    const location = locationService.getLocation();
    expect(location.pathname).toBe('/d/flamelens-demo');
    expect(locationService.getSearchObject()).toEqual({ from: 'now-1h', to: 'now', 'var-service': 'ad-server' });
  });

  it('"Discard" returns without applying anything', async () => {
    await renderEditor();
    fireEvent.click(screen.getByRole('radio', { name: 'Both' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(updatePanel).not.toHaveBeenCalled();
    expect(locationService.getLocation().pathname).toBe('/d/flamelens-demo');
    expect(locationService.getSearchObject().editPanel).toBeUndefined();
  });

  it('says so when the panel is not in the dashboard', async () => {
    render(<PanelEditorPage dashboardUid="flamelens-demo" panelId={77} />);
    expect(
      await screen.findByText(/Panel 77 was not found in dashboard "Flamelens demo" \(flamelens-demo\)/)
    ).toBeVisible();
    expect(screen.getByTestId(selectors.components.NavToolbar.editDashboard.backToDashboardButton)).toBeDisabled();
  });

  it('puts a time range chosen in the preview into the URL and previews it', async () => {
    await renderEditor();
    act(() => lastView().onChangeTimeRange?.({ from: 1700000000000, to: 1700000600000 }));
    expect(locationService.getSearchObject()).toMatchObject({
      from: '1700000000000',
      to: '1700000600000',
      editPanel: '2',
    });
    expect(lastView().timeRange.from.valueOf()).toBe(1700000000000);
    expect(lastView().timeRange.to.valueOf()).toBe(1700000600000);
  });
});
