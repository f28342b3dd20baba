/** @jest-environment node */
import { injectBootData, instanceSettings, scriptSafeJson } from './bootData';
import type { LoadedPlugin } from './plugins';
import type { DataSourceRecord } from './types';

const plugin: LoadedPlugin = {
  id: 'flamelens-pyroscope-datasource',
  type: 'datasource',
  name: 'Flamelens Pyroscope',
  json: { id: 'flamelens-pyroscope-datasource', type: 'datasource', name: 'Flamelens Pyroscope', metrics: true },
  baseUrl: 'public/plugins/flamelens-profiles-app/datasource',
  module: 'public/plugins/flamelens-profiles-app/datasource/module.js',
  signature: 'unsigned',
  routes: [],
};

const record: DataSourceRecord = {
  id: 7,
  uid: 'profiles',
  orgId: 1,
  name: 'Profiles',
  type: 'flamelens-pyroscope-datasource',
  access: 'proxy',
  url: 'http://internal-pyroscope:4040',
  user: 'reader',
  database: '',
  basicAuth: true,
  basicAuthUser: 'reader',
  withCredentials: true,
  isDefault: true,
  jsonData: { flavor: 'auto' },
  version: 2,
  readOnly: false,
};

describe('instanceSettings', () => {
  it('points proxy-access datasources at the proxy, never at the upstream, and carries the plugin meta', () => {
    const settings = instanceSettings(record, plugin);
    expect(settings).toMatchObject({
      id: 7,
      uid: 'profiles',
      type: 'flamelens-pyroscope-datasource',
      name: 'Profiles',
      url: '/api/datasources/proxy/uid/profiles',
      access: 'proxy',
      isDefault: true,
      jsonData: { flavor: 'auto' },
      module: plugin.module,
      meta: { id: plugin.id, module: plugin.module, baseUrl: plugin.baseUrl, signature: 'unsigned', metrics: true },
    });
    expect(JSON.stringify(settings)).not.toContain('internal-pyroscope');
    expect(settings).not.toHaveProperty('basicAuth');
    expect(settings).not.toHaveProperty('withCredentials');
  });

  it('gives direct-access datasources their own URL and withCredentials', () => {
    expect(instanceSettings({ ...record, access: 'direct' }, plugin)).toMatchObject({
      url: 'http://internal-pyroscope:4040',
      withCredentials: true,
    });
  });
});

describe('boot data in the page', () => {
  it('escapes everything that could end the script or the page', () => {
    const json = scriptSafeJson({ name: '</script><script>alert(1)</script> & \u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script> & \u2028' });
  });

  it('inserts the script right after the opening <head> tag', () => {
    const html = '<!doctype html><html><head lang="en"><title>x</title><script>boot()</script></head></html>';
    expect(injectBootData(html, { user: { login: 'a<b' } })).toBe(
      '<!doctype html><html><head lang="en"><script>window.grafanaBootData = {"user":{"login":"a\\u003cb"}};</script>' +
        '<title>x</title><script>boot()</script></head></html>'
    );
    expect(() => injectBootData('<html><body></body></html>', {})).toThrow(/no <head> tag/);
  });
});
