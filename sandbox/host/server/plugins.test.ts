/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { appDto, panelDto, PluginCatalog } from './plugins';

let dist: string;

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'plugins-'));
});

afterEach(() => rmSync(dist, { recursive: true, force: true }));

function write(path: string, json: unknown): void {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), typeof json === 'string' ? json : JSON.stringify(json));
}

describe('PluginCatalog', () => {
  it('finds the app and its nested plugins with Grafana’s module and base URLs', () => {
    write('plugin.json', { type: 'app', id: 'flamelens-profiles-app', name: 'Flamelens', info: { version: '0.1.0' } });
    write('datasource/plugin.json', {
      type: 'datasource',
      id: 'ds',
      name: 'DS',
      info: { logos: { small: 'img/logo.svg', large: 'https://example.com/l.png' } },
      routes: [{ path: 'api', url: '{{ .URL }}', headers: [{ name: 'X-A', content: 'a' }] }, 'not a route'],
    });
    write('panel/plugin.json', { type: 'panel', id: 'p', name: 'Panel' });
    const catalog = new PluginCatalog(dist);
    const ds = catalog.byId('ds');
    expect(ds).toMatchObject({
      baseUrl: 'public/plugins/flamelens-profiles-app/datasource',
      module: 'public/plugins/flamelens-profiles-app/datasource/module.js',
      signature: 'unsigned',
      routes: [
        {
          path: 'api',
          url: '{{ .URL }}',
          method: '',
          headers: [{ name: 'X-A', content: 'a' }],
          urlParams: [],
          tokenAuth: false,
        },
      ],
    });
    expect(ds?.json.info).toMatchObject({
      logos: {
        small: 'public/plugins/flamelens-profiles-app/datasource/img/logo.svg',
        large: 'https://example.com/l.png',
      },
    });
    expect(catalog.ofType('panel').map((plugin) => plugin.id)).toEqual(['timeseries', 'p']);
    expect(catalog.byId('prometheus')).toMatchObject({ module: 'core:plugin/prometheus', signature: 'internal' });
    const app = catalog.byId('flamelens-profiles-app');
    expect(app && appDto(app)).toMatchObject({
      path: 'public/plugins/flamelens-profiles-app/module.js',
      version: '0.1.0',
    });
    const timeseries = catalog.byId('timeseries');
    expect(timeseries && panelDto(timeseries)).toMatchObject({ module: 'core:plugin/timeseries', sort: 1 });
  });

  it('works without a build (core plugins only) and names a broken plugin.json', () => {
    expect(new PluginCatalog(join(dist, 'missing')).all().map((plugin) => plugin.id)).toEqual([
      'grafana',
      'prometheus',
      'timeseries',
    ]);
    write('panel/plugin.json', '{ broken');
    expect(() => new PluginCatalog(dist).all()).toThrow(/cannot read plugin metadata .*panel\/plugin\.json/);
  });
});
