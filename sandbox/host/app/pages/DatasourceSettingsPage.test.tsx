import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  DataSourcePlugin,
  type DataSourceApi,
  type DataSourceJsonData,
  type DataSourcePluginOptionsEditorProps,
  type DataSourceSettings,
  type TestDataSourceResponse,
} from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import {
  locationService,
  setBackendSrv,
  setDataSourceSrv,
  type BackendSrv,
  type DataSourceSrv,
} from '@grafana/runtime';

import { DatasourceSettingsPage } from './DatasourceSettingsPage';

/** A config editor like ours: a URL field and an API key kept in secureJsonData, shown as configured once saved. */
function FakeConfigEditor({
  options,
  onOptionsChange,
}: DataSourcePluginOptionsEditorProps<DataSourceJsonData, { apiKey?: string }>) {
  const keySet = Boolean(options.secureJsonFields?.apiKey);
  return (
    <div>
      <label htmlFor="fake-url">URL</label>
      <input id="fake-url" value={options.url} onChange={(e) => onOptionsChange({ ...options, url: e.target.value })} />
      {keySet ? (
        <span>API key configured</span>
      ) : (
        <>
          <label htmlFor="fake-key">API key</label>
          <input
            id="fake-key"
            value={String(options.secureJsonData?.apiKey ?? '')}
            onChange={(e) => onOptionsChange({ ...options, secureJsonData: { apiKey: e.target.value } })}
          />
        </>
      )}
    </div>
  );
}

const plugin = new DataSourcePlugin(class {} as unknown as ConstructorParameters<typeof DataSourcePlugin>[0]);
plugin.setConfigEditor(FakeConfigEditor);

jest.mock('../runtime/plugins', () => ({ loadDataSourcePlugin: jest.fn(async () => plugin) }));

const SETTINGS: DataSourceSettings = {
  id: 1,
  uid: 'pyro',
  orgId: 1,
  name: 'Profiles',
  typeLogoUrl: '',
  type: 'flamelens-pyroscope-datasource',
  typeName: 'Flamelens Pyroscope',
  access: 'proxy',
  url: 'http://old:4040',
  user: '',
  database: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: true,
  jsonData: {},
  secureJsonFields: {},
  readOnly: false,
  withCredentials: false,
  version: 1,
};

interface Fakes {
  get: jest.Mock;
  put: jest.Mock;
  reload: jest.Mock;
  testDatasource: jest.Mock<Promise<TestDataSourceResponse>, []>;
  calls: string[];
}

/** A BackendSrv that serves the settings and accepts the PUT, and a DataSourceSrv whose instance tests as asked. */
function installFakes(settings: DataSourceSettings = SETTINGS): Fakes {
  const calls: string[] = [];
  const get = jest.fn(async (url: string) => {
    calls.push(`GET ${url}`);
    return JSON.parse(JSON.stringify(settings));
  });
  const put = jest.fn(async (url: string, body: DataSourceSettings) => {
    calls.push(`PUT ${url}`);
    const { secureJsonData, ...rest } = body;
    const secureJsonFields = { ...rest.secureJsonFields };
    for (const key of Object.keys(secureJsonData ?? {})) {
      secureJsonFields[key] = true;
    }
    const datasource = { ...rest, secureJsonFields, version: (body.version ?? 0) + 1 };
    return { datasource, id: body.id, message: 'Datasource updated', name: body.name };
  });
  const testDatasource = jest.fn(async (): Promise<TestDataSourceResponse> => {
    calls.push('test');
    return { status: 'success', message: 'Connected to Grafana Pyroscope' };
  });
  const reload = jest.fn(async () => {
    calls.push('reload');
  });
  setBackendSrv({ get, put } as unknown as BackendSrv);
  setDataSourceSrv({
    reload,
    get: jest.fn(async () => {
      calls.push('get instance');
      return { uid: settings.uid, type: settings.type, testDatasource } as unknown as DataSourceApi;
    }),
  } as unknown as DataSourceSrv);
  return { get, put, reload, testDatasource, calls };
}

async function renderPage() {
  render(<DatasourceSettingsPage uid="pyro" />);
  return screen.findByLabelText('URL');
}

const saveButton = () => screen.getByTestId(selectors.pages.DataSource.saveAndTest);

describe('DatasourceSettingsPage', () => {
  it('loads the settings by uid and shows the name and the plugin config editor with them', async () => {
    const fakes = installFakes();
    const url = await renderPage();
    expect(fakes.calls[0]).toBe('GET /api/datasources/uid/pyro');
    expect(url).toHaveValue('http://old:4040');
    expect(screen.getByTestId(selectors.pages.DataSource.name)).toHaveValue('Profiles');
    expect(saveButton()).toHaveTextContent('Save & test');
  });

  it('saves the whole settings with the secrets, reloads, tests, and shows success and the saved secret', async () => {
    const fakes = installFakes();
    fireEvent.change(await renderPage(), { target: { value: 'http://new:4040' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 's3cret' } });
    fireEvent.change(screen.getByTestId(selectors.pages.DataSource.name), { target: { value: 'Pyro' } });
    fireEvent.click(saveButton());

    const alert = await screen.findByTestId('data-testid Alert success');
    expect(alert).toHaveTextContent('Connected to Grafana Pyroscope');
    expect(screen.getByTestId(selectors.pages.DataSource.alert)).toBeInTheDocument();
    const [url, body] = fakes.put.mock.calls[0];
    expect(url).toBe('/api/datasources/uid/pyro');
    expect(body).toMatchObject({ uid: 'pyro', id: 1, name: 'Pyro', url: 'http://new:4040', version: 1 });
    expect(body.secureJsonData).toEqual({ apiKey: 's3cret' });
    expect(fakes.calls.slice(1)).toEqual(['PUT /api/datasources/uid/pyro', 'reload', 'get instance', 'test']);
    // Refreshed from the answer: the secret is configured, the next save sends the new version.
    expect(screen.getByText('API key configured')).toBeInTheDocument();
    fireEvent.click(saveButton());
    await waitFor(() => expect(fakes.put).toHaveBeenCalledTimes(2));
    expect(fakes.put.mock.calls[1][1]).toMatchObject({ version: 2, secureJsonFields: { apiKey: true } });
  });

  it('shows a failed test in red with the message and the details', async () => {
    const fakes = installFakes();
    fakes.testDatasource.mockResolvedValue({
      status: 'error',
      message: 'Pyroscope answered 401',
      details: { message: 'Check the API key', verboseMessage: 'GET /ready: invalid credentials' },
    });
    await renderPage();
    fireEvent.click(saveButton());
    const alert = await screen.findByTestId('data-testid Alert error');
    expect(alert).toHaveTextContent('Pyroscope answered 401');
    expect(alert).toHaveTextContent('Check the API key');
    expect(alert).toHaveTextContent('GET /ready: invalid credentials');
  });

  it("shows a thrown FetchError's server message", async () => {
    const fakes = installFakes();
    fakes.testDatasource.mockRejectedValue({
      status: 502,
      statusText: 'Bad Gateway',
      data: { message: 'dial tcp 10.0.0.1:4040: connection refused' },
      config: { url: '/api/datasources/proxy/uid/pyro/ready' },
    });
    await renderPage();
    fireEvent.click(saveButton());
    expect(await screen.findByTestId('data-testid Alert error')).toHaveTextContent(
      'dial tcp 10.0.0.1:4040: connection refused'
    );
  });

  it('shows a thrown Error message', async () => {
    const fakes = installFakes();
    fakes.testDatasource.mockRejectedValue(new Error('Server flavor could not be detected'));
    await renderPage();
    fireEvent.click(saveButton());
    expect(await screen.findByTestId('data-testid Alert error')).toHaveTextContent(
      'Server flavor could not be detected'
    );
  });

  it('keeps every edit when the save fails, shows why, and does not test', async () => {
    const fakes = installFakes();
    fakes.put.mockRejectedValue({
      status: 409,
      data: { message: 'Datasource has already been updated by someone else. Please reload and try again' },
      config: { url: '/api/datasources/uid/pyro' },
    });
    fireEvent.change(await renderPage(), { target: { value: 'http://typed:4040' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'typed-key' } });
    fireEvent.click(saveButton());
    expect(await screen.findByTestId('data-testid Alert error')).toHaveTextContent(
      'Datasource has already been updated by someone else'
    );
    expect(screen.getByLabelText('URL')).toHaveValue('http://typed:4040');
    expect(screen.getByLabelText('API key')).toHaveValue('typed-key');
    expect(fakes.testDatasource).not.toHaveBeenCalled();
    expect(fakes.reload).not.toHaveBeenCalled();
  });

  it('keeps the saved edits when the test fails', async () => {
    const fakes = installFakes();
    fakes.testDatasource.mockRejectedValue(new Error('timeout'));
    fireEvent.change(await renderPage(), { target: { value: 'http://kept:4040' } });
    fireEvent.click(saveButton());
    await screen.findByTestId('data-testid Alert error');
    expect(screen.getByLabelText('URL')).toHaveValue('http://kept:4040');
  });

  it('says which data source could not be loaded', async () => {
    const fakes = installFakes();
    fakes.get.mockRejectedValue({ status: 404, data: { message: 'Data source not found' }, config: { url: '' } });
    render(<DatasourceSettingsPage uid="pyro" />);
    expect(await screen.findByTestId('data-testid Alert error')).toHaveTextContent(
      'Could not load data source "pyro": Data source not found'
    );
  });

  it('offers only "Test" for a read-only data source, and saves nothing', async () => {
    const fakes = installFakes({ ...SETTINGS, readOnly: true });
    await renderPage();
    expect(screen.getByTestId(selectors.pages.DataSource.readOnly)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await screen.findByTestId('data-testid Alert success');
    expect(fakes.put).not.toHaveBeenCalled();
  });

  it('"Back" goes to the list of data sources', async () => {
    installFakes();
    await renderPage();
    fireEvent.click(screen.getByRole('link', { name: /Back/ }));
    expect(locationService.getLocation().pathname).toBe('/connections/datasources');
  });
});
