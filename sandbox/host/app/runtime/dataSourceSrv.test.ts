import {
  DataSourceApi,
  DataSourcePlugin,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type DataSourcePluginMeta,
  type TestDataSourceResponse,
} from '@grafana/data';

import { HostDataSourceSrv, type DataSourceSettingsSource } from './dataSourceSrv';
import type { GenericDataSourcePlugin } from './plugins';

class FakeDs extends DataSourceApi {
  query(): Promise<DataQueryResponse> {
    return Promise.resolve({ data: [] });
  }
  testDatasource(): Promise<TestDataSourceResponse> {
    return Promise.resolve({ status: 'success', message: 'ok' });
  }
}

function settings(id: number, uid: string, name: string, type: string, isDefault = false): DataSourceInstanceSettings {
  return {
    id,
    uid,
    name,
    type,
    isDefault,
    access: 'proxy',
    url: `/api/datasources/proxy/uid/${uid}`,
    jsonData: {},
    readOnly: false,
    meta: {
      id: type,
      name: type,
      type: 'datasource',
      module: `public/plugins/${type}/module.js`,
      metrics: true,
    } as DataSourcePluginMeta,
  };
}

const source: DataSourceSettingsSource = {
  datasources: {
    Profiles: settings(1, 'pyro', 'Profiles', 'pyroscope', true),
    Prometheus: settings(2, 'prom', 'Prometheus', 'prometheus'),
  },
  defaultDatasource: 'Profiles',
};

function setup(templateValue = 'prom', fresh: DataSourceSettingsSource = source) {
  const plugin = new DataSourcePlugin(FakeDs) as unknown as GenericDataSourcePlugin;
  const importPlugin = jest.fn(async () => plugin);
  const fetchSettings = jest.fn(async () => fresh);
  const onReloaded = jest.fn();
  const templateSrv = {
    replace: jest.fn((text?: string, _vars?: unknown, format?: unknown) => {
      const value = text === '${ds}' ? [templateValue, 'other'] : (text ?? '');
      return typeof format === 'function' ? String(format(value)) : String(value);
    }),
    getVariables: jest.fn(() => []),
  };
  const srv = new HostDataSourceSrv({ templateSrv, importPlugin, fetchSettings, onReloaded }, source);
  return { srv, importPlugin, fetchSettings, onReloaded };
}

describe('HostDataSourceSrv', () => {
  it('finds settings by uid, name, id, ref and the default', () => {
    const { srv } = setup();
    expect(srv.getInstanceSettings('prom')?.name).toBe('Prometheus');
    expect(srv.getInstanceSettings('Prometheus')?.uid).toBe('prom');
    expect(srv.getInstanceSettings('2')?.uid).toBe('prom');
    expect(srv.getInstanceSettings({ uid: 'prom', type: 'prometheus' })?.name).toBe('Prometheus');
    expect(srv.getInstanceSettings(undefined)?.uid).toBe('pyro');
    expect(srv.getInstanceSettings('default')?.uid).toBe('pyro');
    expect(srv.getInstanceSettings({ type: 'prometheus' })?.uid).toBe('prom');
    expect(srv.getInstanceSettings('missing')).toBeUndefined();
  });

  it('resolves a ${var} ref to the first value of the variable, keeping the variable as name and uid', () => {
    const { srv } = setup();
    const resolved = srv.getInstanceSettings('${ds}');
    expect(resolved).toMatchObject({
      uid: '${ds}',
      name: '${ds}',
      isDefault: false,
      rawRef: { uid: 'prom', type: 'prometheus' },
    });
  });

  it('creates one instance per datasource, with its settings and the plugin components', async () => {
    const { srv, importPlugin } = setup();
    const [a, b, c] = await Promise.all([srv.get('prom'), srv.get('Prometheus'), srv.get({ uid: 'prom' })]);
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a).toBeInstanceOf(FakeDs);
    expect(a.uid).toBe('prom');
    expect(a.meta.id).toBe('prometheus');
    expect(a.components).toBeDefined();
    expect(importPlugin).toHaveBeenCalledTimes(1);
    expect(await srv.get('${ds}')).toBe(a);
    expect((await srv.get(null)).uid).toBe('pyro');
  });

  it('rejects unknown datasources and failed plugins with a message naming them', async () => {
    const { srv, importPlugin } = setup('nothing');
    await expect(srv.get('missing')).rejects.toThrow('Data source missing was not found');
    await expect(srv.get('${ds}')).rejects.toThrow('Data source ${ds} was not found (the variable is "nothing")');
    importPlugin.mockRejectedValueOnce(new Error('404 module.js'));
    await expect(srv.get('prom')).rejects.toThrow(
      'Data source Prometheus (prometheus): its plugin failed to load: 404 module.js'
    );
    // The failure is not cached.
    expect((await srv.get('prom')).uid).toBe('prom');
  });

  it('lists queryable datasources sorted by name, filtered like Grafana', () => {
    const { srv } = setup();
    expect(srv.getList().map((d) => d.name)).toEqual(['Profiles', 'Prometheus']);
    expect(srv.getList({ type: 'prometheus' }).map((d) => d.uid)).toEqual(['prom']);
    expect(srv.getList({ pluginId: 'pyroscope' }).map((d) => d.uid)).toEqual(['pyro']);
    expect(srv.getList({ annotations: true })).toEqual([]);
  });

  it('reload() fetches new settings and drops cached instances', async () => {
    const renamed: DataSourceSettingsSource = {
      datasources: {
        'Prom 2': {
          ...settings(2, 'prom', 'Prom 2', 'prometheus'),
          jsonData: { timeInterval: '30s' } as DataSourceInstanceSettings['jsonData'],
        },
      },
      defaultDatasource: 'Prom 2',
    };
    const { srv, fetchSettings, onReloaded } = setup('prom', renamed);
    const before = await srv.get('prom');
    await srv.reload();
    expect(fetchSettings).toHaveBeenCalledTimes(1);
    expect(onReloaded).toHaveBeenCalledWith(renamed);
    const after = await srv.get('prom');
    expect(after).not.toBe(before);
    expect(after.name).toBe('Prom 2');
    expect(srv.getInstanceSettings('pyro')).toBeUndefined();
    expect(srv.getInstanceSettings(undefined)?.uid).toBe('prom');
  });
});
