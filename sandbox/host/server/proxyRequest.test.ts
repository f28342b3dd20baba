/** @jest-environment node */
import { GoHeader } from './goHeader';
import type { LoadedPlugin, PluginRoute } from './plugins';
import { planProxyRequest, type ProxyInput, type ProxyPlan } from './proxyRequest';
import type { DataSourceRecord } from './types';

const TENANT_ROUTE: PluginRoute = {
  path: '',
  method: '',
  url: '{{ .URL }}',
  reqRole: '',
  headers: [{ name: 'X-Scope-OrgID', content: '{{ .JsonData.tenantId | orEmpty }}' }],
  urlParams: [],
  tokenAuth: false,
};

function plugin(routes: PluginRoute[] = [TENANT_ROUTE], id = 'flamelens-pyroscope-datasource'): LoadedPlugin {
  return { id, type: 'datasource', name: id, json: {}, baseUrl: '', module: '', signature: 'unsigned', routes };
}

function record(overrides: Partial<DataSourceRecord> = {}): DataSourceRecord {
  return {
    id: 1,
    uid: 'profiles',
    orgId: 1,
    name: 'Profiles',
    type: 'flamelens-pyroscope-datasource',
    access: 'proxy',
    url: 'http://pyro:4040',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: true,
    jsonData: {},
    version: 1,
    readOnly: false,
    ...overrides,
  };
}

function plan(overrides: Partial<ProxyInput> = {}, headers: Record<string, string> = {}): ProxyPlan {
  const result = planProxyRequest({
    method: 'GET',
    proxyPath: 'querier.v1.QuerierService/ProfileTypes',
    rawQuery: '',
    headers: GoHeader.fromIncoming(headers),
    remoteAddress: '127.0.0.1',
    record: record(),
    secrets: {},
    plugin: plugin(),
    grafanaVersion: '13.2.3',
    ...overrides,
  });
  if (result.kind !== 'forward') {
    throw new Error(`refused: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return result;
}

describe('planProxyRequest: target', () => {
  it('joins the datasource URL path and the proxy path, keeping the query as sent when no route matches', () => {
    const p = plan({ record: record({ url: 'http://pyro:4040/base/' }), plugin: plugin([]), rawQuery: 'b=2&a=1' });
    expect([p.scheme, p.host, p.path]).toEqual([
      'http',
      'pyro:4040',
      '/base/querier.v1.QuerierService/ProfileTypes?b=2&a=1',
    ]);
  });

  it('re-encodes the query the way Go does when a route matches (keys sorted)', () => {
    const p = plan({ rawQuery: 'query=app.cpu%7B%7D&from=now-1h&until=now' });
    expect(p.path).toBe('/querier.v1.QuerierService/ProfileTypes?from=now-1h&query=app.cpu%7B%7D&until=now');
  });

  it('lets a route URL replace the target, keeping the rest of the path after the route path', () => {
    const route: PluginRoute = { ...TENANT_ROUTE, path: 'pyroscope', url: 'https://other:8443/api' };
    const p = plan({ proxyPath: 'pyroscope/render', plugin: plugin([route]) });
    expect([p.scheme, p.host, p.path]).toEqual(['https', 'other:8443', '/api/render']);
  });

  it('takes the first route whose method and path prefix match; an empty route path matches everything', () => {
    const routes: PluginRoute[] = [
      { ...TENANT_ROUTE, path: 'api', method: 'POST', url: 'http://post-only' },
      { ...TENANT_ROUTE, path: 'api', url: 'http://api-host' },
      { ...TENANT_ROUTE, url: 'http://fallback' },
    ];
    expect(plan({ proxyPath: 'api/x', plugin: plugin(routes) }).host).toBe('api-host');
    expect(plan({ proxyPath: 'api/x', method: 'POST', plugin: plugin(routes) }).host).toBe('post-only');
    expect(plan({ proxyPath: 'other', plugin: plugin(routes) }).host).toBe('fallback');
  });

  it('refuses an invalid datasource URL and Prometheus writes like Grafana', () => {
    const bad = planProxyRequest({ ...baseInput(), record: record({ url: 'http://bad host' }) });
    expect(bad).toEqual({
      kind: 'refuse',
      status: 400,
      body: { message: 'Invalid data source URL: "http://bad host"' },
    });
    const prometheus = { plugin: plugin([], 'prometheus'), record: record({ type: 'prometheus' }) };
    expect(planProxyRequest({ ...baseInput(), ...prometheus, method: 'POST' })).toMatchObject({
      status: 403,
      body: { message: 'non allow-listed POSTs not allowed on proxied Prometheus datasource' },
    });
    expect(plan({ ...prometheus, proxyPath: 'api/v1/query_range' }).path).toBe('/api/v1/query_range');
  });

  it('handles an empty datasource URL as Grafana does: refused for Prometheus, hostless (→ 502) for plugins', () => {
    const prometheus = { plugin: plugin([], 'prometheus'), record: record({ type: 'prometheus', url: '' }) };
    expect(planProxyRequest({ ...baseInput(), ...prometheus })).toMatchObject({
      status: 400,
      body: { message: 'Invalid data source URL: ""' },
    });
    expect(plan({ record: record({ url: '' }) }).host).toBe('');
  });

  it('uses jsonData.timeout (seconds) or 30 s', () => {
    expect(plan().timeoutMs).toBe(30_000);
    expect(plan({ record: record({ jsonData: { timeout: '5' } }) }).timeoutMs).toBe(5000);
  });
});

function baseInput(): ProxyInput {
  return {
    method: 'GET',
    proxyPath: '',
    rawQuery: '',
    headers: new GoHeader(),
    remoteAddress: '127.0.0.1',
    record: record(),
    secrets: {},
    plugin: plugin(),
    grafanaVersion: '13.2.3',
  };
}

describe('planProxyRequest: headers', () => {
  const browser = {
    host: 'sandbox:3000',
    authorization: 'Bearer grafana-session-token',
    cookie: 'grafana_session=abc; keep_me=1; other=2',
    origin: 'http://sandbox:3000',
    referer: 'http://sandbox:3000/d/demo',
    'x-forwarded-host': 'evil',
    'x-forwarded-for': '10.0.0.1',
    connection: 'keep-alive, X-Hop',
    'x-hop': 'drop me',
    'x-grafana-device-id': 'device',
    'x-grafana-user': 'spoofed',
    'content-type': 'application/json',
  };

  it('drops the browser credentials and hop-by-hop headers and sets what Grafana sets', () => {
    const h = plan({}, browser).headers;
    expect(h.has('Authorization')).toBe(false);
    expect(h.has('Cookie')).toBe(false);
    for (const name of [
      'Host',
      'Origin',
      'Referer',
      'X-Forwarded-Host',
      'Connection',
      'X-Hop',
      'X-Grafana-Device-Id',
      'X-Grafana-User',
    ]) {
      expect([name, h.has(name)]).toEqual([name, false]);
    }
    expect(h.get('User-Agent')).toBe('Grafana/13.2.3');
    expect(h.get('X-Grafana-Referer')).toBe('http://sandbox:3000/d/demo');
    // PrepareProxyRequest appends the client, then Go's ReverseProxy appends it again.
    expect(h.get('X-Forwarded-For')).toBe('10.0.0.1, 127.0.0.1, 127.0.0.1');
    expect(h.get('Content-Type')).toBe('application/json');
  });

  it('keeps only the cookies listed in jsonData.keepCookies, never the Grafana session', () => {
    const keep = { keepCookies: ['keep_me', 'grafana_session'] };
    expect(plan({ record: record({ jsonData: keep }) }, browser).headers.get('Cookie')).toBe('keep_me=1');
  });

  it('adds basic auth from basicAuthUser and the secure basicAuthPassword', () => {
    const h = plan(
      { record: record({ basicAuth: true, basicAuthUser: 'u' }), secrets: { basicAuthPassword: 'pw' } },
      browser
    ).headers;
    expect(h.get('Authorization')).toBe(`Basic ${Buffer.from('u:pw').toString('base64')}`);
  });

  it('uses user + secure password for basic auth when basicAuth is off, as Grafana’s HTTP client does', () => {
    const h = plan({ record: record({ user: 'reader' }), secrets: { password: 'x' } }).headers;
    expect(h.get('Authorization')).toBe(`Basic ${Buffer.from('reader:x').toString('base64')}`);
  });

  it('passes X-DS-Authorization on as Authorization', () => {
    const h = plan({}, { 'x-ds-authorization': 'Bearer ds-token' }).headers;
    expect([h.get('Authorization'), h.has('X-DS-Authorization')]).toEqual(['Bearer ds-token', false]);
  });

  it('renders route headers: the tenant from jsonData, empty when unset', () => {
    expect(plan({ record: record({ jsonData: { tenantId: 'team-a' } }) }).headers.getAll('X-Scope-OrgID')).toEqual([
      'team-a',
    ]);
    expect(plan().headers.getAll('X-Scope-OrgID')).toEqual(['']);
  });

  it('applies custom headers httpHeaderNameN/httpHeaderValueN last, up to the first missing name', () => {
    const jsonData = {
      tenantId: 'from-route',
      httpHeaderName1: 'X-Api-Key',
      httpHeaderName2: 'X-Scope-OrgID',
      httpHeaderName3: 'X-No-Secret',
      httpHeaderName5: 'X-After-Gap',
    };
    const secrets = { httpHeaderValue1: 'k1', httpHeaderValue2: 'from-custom', httpHeaderValue5: 'never' };
    const h = plan({ record: record({ jsonData }), secrets }).headers;
    expect(h.get('X-Api-Key')).toBe('k1');
    expect(h.getAll('X-Scope-OrgID')).toEqual(['from-custom']);
    expect(h.has('X-No-Secret')).toBe(false);
    expect(h.has('X-After-Gap')).toBe(false);
  });

  it('logs a broken route template and skips the remaining headers, as Grafana does', () => {
    const route: PluginRoute = {
      ...TENANT_ROUTE,
      headers: [
        { name: 'X-Bad', content: '{{ .Nope }}' },
        { name: 'X-After', content: 'x' },
      ],
    };
    const p = plan({ plugin: plugin([route]) });
    expect(p.headers.has('X-Bad') || p.headers.has('X-After')).toBe(false);
    expect(p.warnings).toEqual([expect.stringMatching(/Failed to render plugin headers \(X-Bad\).*field Nope/)]);
  });

  it('adds route urlParams and a templated body', () => {
    const route: PluginRoute = {
      ...TENANT_ROUTE,
      urlParams: [{ name: 'tenant', content: '{{ .JsonData.tenantId }}' }],
      body: { key: '{{ .SecureJsonData.apiKey }}' },
    };
    const p = plan({
      plugin: plugin([route]),
      rawQuery: 'z=1',
      record: record({ jsonData: { tenantId: 't' } }),
      secrets: { apiKey: 'k' },
    });
    expect(p.path).toBe('/querier.v1.QuerierService/ProfileTypes?tenant=t&z=1');
    expect(p.body).toBe('{"key":"k"}');
  });
});
