import React from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { of, throwError } from 'rxjs';
import {
  DataSourceApi,
  FieldType,
  PanelPlugin,
  createDataFrame,
  dateTime,
  type DataQueryRequest,
  type DataQueryResponse,
  type PanelData,
  type PanelProps,
  type TestDataSourceResponse,
  type TypedVariableModel,
} from '@grafana/data';
import { setDataSourceSrv, setTemplateSrv, type DataSourceSrv } from '@grafana/runtime';
import type { Panel } from '@grafana/schema';

import { ensureEditorIds } from '../runtime/standardFieldConfigs';
import { HostTemplateSrv } from '../runtime/templateSrv';
import { PanelView } from './PanelView';

// jsdom has no ResizeObserver; PanelChrome's title uses one to truncate text.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(globalThis, { ResizeObserver: globalThis.ResizeObserver ?? NoResizeObserver });

// The option builders look editors up by id, as at the host's start-up.
ensureEditorIds();

const received: PanelProps[] = [];
function FakePanel(props: PanelProps) {
  received.push(props);
  return <div data-testid="fake-panel">{props.data.series.length} frames</div>;
}
const fakePlugin = new PanelPlugin(FakePanel).setPanelOptions((builder) =>
  builder.addTextInput({ path: 'label', name: 'Label', defaultValue: 'default label' })
);

jest.mock('../runtime/plugins', () => ({
  loadPanelPlugin: async (id: string) => {
    if (id !== 'fake') {
      throw new Error(`Panel plugin not found: ${id}`);
    }
    fakePlugin.meta = { id: 'fake', name: 'Fake' } as never;
    return fakePlugin;
  },
}));

class Ds extends DataSourceApi {
  requests: DataQueryRequest[] = [];
  fail = false;
  constructor() {
    super({ id: 1, uid: 'ds', name: 'DS', type: 'test', meta: { id: 'test' } } as never);
  }
  query(request: DataQueryRequest) {
    this.requests.push(request);
    if (this.fail) {
      return throwError(() => new Error('server said no'));
    }
    const frame = createDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: [1, 2] },
        { name: 'value', type: FieldType.number, values: [3, 4] },
      ],
    });
    return of<DataQueryResponse>({ data: [frame] });
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: '' });
  }
}

const range = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };

function setup() {
  const ds = new Ds();
  setDataSourceSrv({ get: async () => ds } as unknown as DataSourceSrv);
  const templateSrv = new HostTemplateSrv();
  templateSrv.setVariables([
    {
      name: 'service',
      type: 'custom',
      multi: false,
      includeAll: false,
      value: 'api',
      text: 'API',
      optionValues: ['api'],
      model: { name: 'service' } as TypedVariableModel,
    },
  ]);
  setTemplateSrv(templateSrv);
  received.length = 0;
  return ds;
}

const panel = (extra: Partial<Panel> = {}): Panel => ({
  id: 4,
  type: 'fake',
  title: 'CPU of $service',
  datasource: { uid: 'ds' },
  targets: [{ refId: 'A', expr: 'x{service="$service"}' }],
  ...extra,
});

describe('PanelView', () => {
  it('runs the queries and renders the plugin with PanelProps inside its chrome', async () => {
    const ds = setup();
    const data: PanelData[] = [];
    const { container } = render(
      <PanelView
        panel={panel()}
        dashboardUid="dash"
        timeRange={range}
        width={600}
        height={300}
        onData={(d) => data.push(d)}
      />
    );
    await screen.findByText('1 frames');
    expect(container.querySelector('[data-panel-id="4"]')).not.toBeNull();
    expect(screen.getByText('CPU of API')).toBeInTheDocument();
    expect(ds.requests[0]).toMatchObject({ panelId: 4, dashboardUID: 'dash', maxDataPoints: 600 });
    expect(data.map((d) => d.state)).toEqual(['Loading', 'Done']);
    const props = received[received.length - 1];
    expect(props.options).toEqual({ label: 'default label' });
    expect(props.timeRange).toBe(range);
    expect(props.width).toBeLessThan(600);
    expect(props.data.series[0].fields[1].display).toBeDefined();
    expect(props.replaceVariables('$service/$__interval')).toBe(`api/${ds.requests[0].interval}`);
  });

  it('does not re-run for the same queries, re-runs for a new range', async () => {
    const ds = setup();
    const { rerender } = render(
      <PanelView panel={panel()} dashboardUid="d" timeRange={range} width={600} height={300} />
    );
    await screen.findByText('1 frames');
    rerender(
      <PanelView panel={{ ...panel(), title: 'Renamed' }} dashboardUid="d" timeRange={range} width={600} height={300} />
    );
    expect(ds.requests).toHaveLength(1);
    const next = { ...range, from: dateTime(1000) };
    rerender(<PanelView panel={panel()} dashboardUid="d" timeRange={next} width={600} height={300} />);
    await waitFor(() => expect(ds.requests).toHaveLength(2));
  });

  it('shows a query error in the status indicator', async () => {
    const ds = setup();
    ds.fail = true;
    const data: PanelData[] = [];
    render(
      <PanelView
        panel={panel()}
        dashboardUid="d"
        timeRange={range}
        width={600}
        height={300}
        onData={(d) => data.push(d)}
      />
    );
    await waitFor(() => expect(data[data.length - 1]?.state).toBe('Error'));
    expect(data[data.length - 1].errors?.[0].message).toBe('server said no');
    expect(screen.getByTestId('data-testid Panel status error')).toBeInTheDocument();
  });

  it('reports a missing panel plugin as an error', async () => {
    setup();
    const data: PanelData[] = [];
    await act(async () => {
      render(
        <PanelView
          panel={panel({ type: 'nope' })}
          dashboardUid="d"
          timeRange={range}
          width={600}
          height={300}
          onData={(d) => data.push(d)}
        />
      );
    });
    await screen.findByRole('alert');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Panel plugin "nope" failed to load: Panel plugin not found: nope'
    );
    expect(data[data.length - 1]).toMatchObject({ state: 'Error' });
  });
});
