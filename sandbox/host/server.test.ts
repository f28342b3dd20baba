/** @jest-environment node */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GRAFANA_LINES, startHostServer, type HostServer } from './server';
import { grafanaLine } from './server/grafanaLines';
import { resolveStaticPath, ROBOTO_MONO_FILE, staticMounts } from './server/static';

const ROOT = join(__dirname, '..', '..');

/** What the upstream echo server saw. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let upstream: Server;
let upstreamUrl: string;
let seen: Seen[];
let dir: string;
let host: HostServer;
let logLines: string[];

const SECRET = 'pyroscope-password-123';

async function startUpstream(): Promise<void> {
  seen = [];
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url?.includes('/unauthorized')) {
        res.writeHead(401, { 'Content-Type': 'text/plain' });
        res.end('bad credentials');
        return;
      }
      if (req.url?.includes('/slow')) {
        const late = setTimeout(() => res.end('late'), 3000);
        res.on('close', () => clearTimeout(late));
        return;
      }
      res.writeHead(207, {
        'Content-Type': 'application/json',
        'Set-Cookie': 'upstream=1',
        'X-Upstream': 'yes',
        Connection: 'X-Private-Hop',
        'X-Private-Hop': 'dropped',
      });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
}

function writeFixtures(): void {
  dir = mkdtempSync(join(tmpdir(), 'host-server-'));
  const dist = join(dir, 'dist');
  for (const sub of ['datasource', 'panel', 'provisioning/datasources', 'provisioning/dashboards']) {
    mkdirSync(join(dir, sub === 'datasource' || sub === 'panel' ? `dist/${sub}` : sub), { recursive: true });
  }
  const info = { logos: { small: 'img/logo.svg', large: 'img/logo.svg' }, version: '0.1.0' };
  writeFileSync(
    join(dist, 'plugin.json'),
    JSON.stringify({ type: 'app', id: 'flamelens-profiles-app', name: 'Flamelens', info })
  );
  writeFileSync(join(dist, 'module.js'), 'define([], function () { return {}; });');
  writeFileSync(
    join(dist, 'datasource', 'plugin.json'),
    JSON.stringify({
      $schema: 'x',
      type: 'datasource',
      id: 'flamelens-pyroscope-datasource',
      name: 'Flamelens Pyroscope',
      info,
      routes: [
        { path: 'elsewhere', url: '{{ .JsonData.otherUrl }}' },
        {
          path: '',
          url: '{{ .URL }}',
          headers: [{ name: 'X-Scope-OrgID', content: '{{ .JsonData.tenantId | orEmpty }}' }],
        },
      ],
    })
  );
  writeFileSync(
    join(dist, 'panel', 'plugin.json'),
    JSON.stringify({ type: 'panel', id: 'flamelens-flamegraph-panel', name: 'Flame graph', info })
  );
  writeFileSync(
    join(dir, 'provisioning/datasources/ds.yaml'),
    `apiVersion: 1
datasources:
  - name: Profiles
    uid: profiles
    type: flamelens-pyroscope-datasource
    url: \${UPSTREAM}
    isDefault: true
    editable: true
    basicAuth: true
    basicAuthUser: reader
    jsonData:
      otherUrl: \${UPSTREAM}/other-base
      httpHeaderName1: X-Api-Key
    secureJsonData:
      basicAuthPassword: ${SECRET}
      httpHeaderValue1: key-\${TENANT_KEY}
  - name: Prometheus
    uid: prom
    type: prometheus
    url: http://127.0.0.1:1
  - name: Tenant
    uid: tenant
    type: flamelens-pyroscope-datasource
    url: \${UPSTREAM}/prefix
    editable: true
    jsonData:
      tenantId: team-a
      timeout: 1
`
  );
  writeFileSync(
    join(dir, 'provisioning/dashboards/b-second.json'),
    JSON.stringify({ uid: 'second', title: 'Second board', tags: ['b'], panels: [] })
  );
  writeFileSync(
    join(dir, 'provisioning/dashboards/a-demo.json'),
    JSON.stringify({ uid: 'demo', title: 'Flamelens demo: from CPU to code', tags: ['flamelens'], panels: [] })
  );
}

beforeAll(async () => {
  await startUpstream();
  writeFixtures();
  logLines = [];
  host = await startHostServer({
    provisioningDir: join(dir, 'provisioning'),
    pluginDistDir: join(dir, 'dist'),
    env: { UPSTREAM: upstreamUrl, TENANT_KEY: 'abc' },
    log: (line) => logLines.push(line),
  });
});

afterAll(async () => {
  await host.close();
  await new Promise((resolve) => upstream.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen = [];
});

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${host.url}${path}`);
  return { status: res.status, body: await res.json() };
}

describe('datasource API', () => {
  it('lists datasources sorted by name with expanded URLs and never a secret', async () => {
    const { status, body } = await getJson('/api/datasources');
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(
      (body as Array<{ name: string; url: string; typeName: string }>).map((ds) => [ds.name, ds.url, ds.typeName])
    ).toEqual([
      ['Profiles', upstreamUrl, 'Flamelens Pyroscope'],
      ['Prometheus', 'http://127.0.0.1:1', 'Prometheus'],
      ['Tenant', `${upstreamUrl}/prefix`, 'Flamelens Pyroscope'],
    ]);
  });

  it('returns one datasource by uid, id and name with secureJsonFields only', async () => {
    const byUid = await getJson('/api/datasources/uid/profiles');
    expect(byUid.body).toMatchObject({
      id: 1,
      uid: 'profiles',
      orgId: 1,
      type: 'flamelens-pyroscope-datasource',
      typeLogoUrl: 'public/plugins/flamelens-profiles-app/datasource/img/logo.svg',
      basicAuthUser: 'reader',
      secureJsonFields: { basicAuthPassword: true, httpHeaderValue1: true },
      readOnly: false,
      version: 1,
    });
    expect(JSON.stringify(byUid.body)).not.toContain(SECRET);
    expect((await getJson('/api/datasources/2')).body).toMatchObject({ uid: 'prom', readOnly: true });
    expect((await getJson('/api/datasources/name/Tenant')).body).toMatchObject({ uid: 'tenant' });
    expect(await getJson('/api/datasources/uid/nope')).toEqual({
      status: 404,
      body: { message: 'Data source not found' },
    });
  });

  it('updates by uid like Grafana 12: whole object, secure keys replaced or kept, version bumped', async () => {
    const current = (await getJson('/api/datasources/uid/tenant')).body as Record<string, unknown>;
    const put = (body: unknown) =>
      fetch(`${host.url}/api/datasources/uid/tenant`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await put({
      ...current,
      jsonData: { tenantId: 'team-b', timeout: 1 },
      secureJsonData: { apiKey: 'k-1' },
    });
    const saved = (await res.json()) as {
      datasource: Record<string, unknown>;
      id: number;
      message: string;
      name: string;
    };
    expect(res.status).toBe(200);
    expect(saved).toMatchObject({ id: 3, message: 'Datasource updated', name: 'Tenant' });
    expect(saved.datasource).toMatchObject({
      version: 2,
      jsonData: { tenantId: 'team-b' },
      secureJsonFields: { apiKey: true },
    });
    expect(JSON.stringify(saved)).not.toContain('k-1');

    const cleared = await put({ ...saved.datasource, secureJsonData: { apiKey: '' } });
    expect(
      ((await cleared.json()) as { datasource: { secureJsonFields: unknown } }).datasource.secureJsonFields
    ).toEqual({});
    const stale = await put({ ...saved.datasource, version: 1 });
    expect([stale.status, await stale.json()]).toEqual([
      409,
      { message: 'Datasource has already been updated by someone else. Please reload and try again' },
    ]);
    const readOnly = await fetch(`${host.url}/api/datasources/uid/prom`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://x' }),
    });
    expect([readOnly.status, await readOnly.json()]).toEqual([403, { message: 'Cannot update read-only data source' }]);
    const invalid = await put({ name: 'Tenant', type: 't', access: 'proxy', url: 'http://bad host' });
    expect([invalid.status, await invalid.json()]).toEqual([400, { message: 'Validation error, invalid URL' }]);

    // Later page loads and the frontend settings see the save.
    const settings = (await getJson('/api/frontend/settings')).body as {
      datasources: Record<string, { jsonData: unknown }>;
    };
    expect(settings.datasources.Tenant.jsonData).toEqual({ tenantId: 'team-b', timeout: 1 });
    await put({ ...saved.datasource, version: 3, jsonData: { tenantId: 'team-a', timeout: 1 } });
  });

  it('answers other API paths with Grafana’s 404', async () => {
    expect(await getJson('/api/nothing/here')).toEqual({ status: 404, body: { message: 'Not found' } });
    expect(await getJson('/api/plugins/unknown/settings')).toEqual({
      status: 404,
      body: { message: 'Plugin not found, no installed plugin with that id' },
    });
    expect((await getJson('/api/plugins/flamelens-profiles-app/settings')).body).toMatchObject({
      id: 'flamelens-profiles-app',
      type: 'app',
      enabled: true,
      module: 'public/plugins/flamelens-profiles-app/module.js',
    });
  });
});

describe('adding a datasource, as Grafana\'s "Add data source" page does', () => {
  async function post(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${host.url}/api/datasources`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('lists the datasource plugins the page offers: no built-in, nested ones unless embedded=0', async () => {
    const { status, body } = await getJson('/api/plugins?enabled=1&type=datasource');
    expect(status).toBe(200);
    const list = body as Array<{ id: string; type: string; enabled: boolean; info: { logos: { small: string } } }>;
    expect(list.map((p) => p.id).sort()).toEqual(['flamelens-pyroscope-datasource', 'prometheus']);
    expect(list.every((p) => p.type === 'datasource' && p.enabled)).toBe(true);
    expect(list.find((p) => p.id === 'flamelens-pyroscope-datasource')?.info.logos.small).toBe(
      'public/plugins/flamelens-profiles-app/datasource/img/logo.svg'
    );
    const catalog = (await getJson('/api/plugins?embedded=0')).body as Array<{ id: string }>;
    expect(catalog.map((p) => p.id).sort()).toEqual(['flamelens-profiles-app', 'prometheus', 'timeseries']);
  });

  it('creates one with a generated uid, version 1, then serves it like the provisioned ones', async () => {
    const { status, body } = await post({
      name: 'Flamelens Pyroscope',
      type: 'flamelens-pyroscope-datasource',
      access: 'proxy',
      isDefault: false,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ message: 'Datasource added', name: 'Flamelens Pyroscope' });
    const created = body.datasource as { uid: string; id: number; version: number; readOnly: boolean; type: string };
    expect(created.uid).toMatch(/^[a-z][a-z0-9]{13}$/);
    expect(created).toMatchObject({ id: 4, version: 1, readOnly: false, type: 'flamelens-pyroscope-datasource' });
    expect((await getJson(`/api/datasources/uid/${created.uid}`)).body).toMatchObject({ name: 'Flamelens Pyroscope' });
    const settings = (await getJson('/api/frontend/settings')).body as {
      datasources: Record<string, { uid: string; url: string }>;
      defaultDatasource: string;
    };
    expect(settings.datasources['Flamelens Pyroscope']).toMatchObject({
      uid: created.uid,
      url: `/api/datasources/proxy/uid/${created.uid}`,
    });
    expect(settings.defaultDatasource).toBe('Profiles');
  });

  it('refuses what Grafana refuses: a taken name or uid, a missing type', async () => {
    expect(await post({ name: 'Profiles', type: 'flamelens-pyroscope-datasource', access: 'proxy' })).toEqual({
      status: 409,
      body: { message: 'data source with the same name already exists' },
    });
    expect(
      await post({ name: 'Other', uid: 'profiles', type: 'flamelens-pyroscope-datasource', access: 'proxy' })
    ).toEqual({
      status: 409,
      body: { message: 'data source with the same uid already exists' },
    });
    expect((await post({ name: 'Other', access: 'proxy' })).status).toBe(400);
  });
});

describe('dashboards API', () => {
  it('serves a dashboard by uid with provisioned, read-only meta', async () => {
    const { status, body } = await getJson('/api/dashboards/uid/demo');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      dashboard: { uid: 'demo', id: 1, title: 'Flamelens demo: from CPU to code' },
      meta: {
        type: 'db',
        slug: 'flamelens-demo3a-from-cpu-to-code',
        url: '/d/demo/flamelens-demo3a-from-cpu-to-code',
        provisioned: true,
        canEdit: true,
        canSave: false,
        canStar: false,
        folderTitle: 'General',
      },
    });
    expect(await getJson('/api/dashboards/uid/missing')).toEqual({
      status: 404,
      body: { message: 'Dashboard not found' },
    });
  });

  it('searches dashboards by title and tag', async () => {
    const all = (await getJson('/api/search')).body as Array<{ uid: string; type: string; url: string }>;
    expect(all.map((hit) => [hit.uid, hit.type, hit.url])).toEqual([
      ['demo', 'dash-db', '/d/demo/flamelens-demo3a-from-cpu-to-code'],
      ['second', 'dash-db', '/d/second/second-board'],
    ]);
    expect(((await getJson('/api/search?query=SECOND')).body as unknown[]).length).toBe(1);
    expect(((await getJson('/api/search?tag=flamelens')).body as Array<{ uid: string }>)[0].uid).toBe('demo');
  });
});

describe('datasource proxy', () => {
  it('applies basic auth and custom headers, drops the browser’s Authorization and cookies, streams the answer back', async () => {
    const res = await fetch(
      `${host.url}/api/datasources/proxy/uid/profiles/querier.v1.QuerierService/ProfileTypes?b=2&a=x%20y`,
      {
        method: 'POST',
        headers: { Authorization: 'Bearer browser', Cookie: 'grafana_session=s', 'Content-Type': 'application/json' },
        body: JSON.stringify({ start: 1, end: 2 }),
      }
    );
    expect(res.status).toBe(207);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-private-hop')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    const [request] = seen;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/querier.v1.QuerierService/ProfileTypes?a=x+y&b=2');
    expect(request.body).toBe('{"start":1,"end":2}');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`reader:${SECRET}`).toString('base64')}`);
    expect(request.headers['x-api-key']).toBe('key-abc');
    expect(request.headers['x-scope-orgid']).toBe('');
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['user-agent']).toBe(`Grafana/${host.grafana.version}`);
    expect(logLines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^proxy POST uid=profiles → ${upstreamUrl}/querier\\.v1\\.QuerierService/ProfileTypes\\?a=x\\+y&b=2 207 \\d+ms$`
        )
      )
    );
  });

  it('sends the tenant route header and keeps the datasource URL path; the id form works too', async () => {
    await fetch(`${host.url}/api/datasources/proxy/3/pyroscope/render?query=x`);
    expect(seen[0].url).toBe('/prefix/pyroscope/render?query=x');
    expect(seen[0].headers['x-scope-orgid']).toBe('team-a');
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('lets a matching route replace the target URL', async () => {
    await fetch(`${host.url}/api/datasources/proxy/uid/profiles/elsewhere/x`);
    expect(seen[0].url).toBe('/other-base/x');
  });

  it('answers like Grafana when the datasource cannot be used', async () => {
    const unknown = await fetch(`${host.url}/api/datasources/proxy/uid/nope/x`);
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: 'Unable to find datasource' }]);
    const badUid = await fetch(`${host.url}/api/datasources/proxy/uid/bad.uid/x`);
    expect([badUid.status, await badUid.json()]).toEqual([400, { message: 'UID is invalid' }]);
    const refused = await fetch(`${host.url}/api/datasources/proxy/uid/prom/api/v1/query?query=up`);
    expect([refused.status, await refused.text()]).toEqual([502, '']);
    const unauthorized = await fetch(`${host.url}/api/datasources/proxy/uid/profiles/unauthorized`);
    expect([unauthorized.status, await unauthorized.text()]).toEqual([400, 'Authentication to data source failed']);
  });

  it('answers 504 when the datasource does not respond within jsonData.timeout', async () => {
    const res = await fetch(`${host.url}/api/datasources/proxy/uid/tenant/slow`);
    expect([res.status, await res.text()]).toEqual([504, '']);
  }, 10_000);
});

describe('pages and static files', () => {
  it('serves the host page with boot data right after <head> for any page path', async () => {
    const res = await fetch(`${host.url}/d/demo/some-slug?from=now-1h`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<head[^>]*><script>window\.grafanaBootData = \{/);
    expect(html).not.toContain(SECRET);
    const json = /window\.grafanaBootData = (.*?);<\/script>/s.exec(html)?.[1] ?? 'null';
    const boot = JSON.parse(json) as {
      settings: Record<string, unknown> & { datasources: Record<string, Record<string, unknown>> };
      user: Record<string, unknown>;
      sandbox: { homeDashboardUid: string };
    };
    expect(boot.sandbox.homeDashboardUid).toBe('demo');
    expect(boot.settings.defaultDatasource).toBe('Profiles');
    // The newest line unless told otherwise, with the exact version of its installed packages.
    expect(host.grafana.version).toMatch(/^13\.2\.\d+$/);
    expect(boot.settings.buildInfo).toMatchObject({
      version: host.grafana.version,
      edition: 'Open Source',
      env: 'production',
    });
    expect(html).toContain('<script src="/host/host-13.2.js"></script>');
    expect(html).toContain('href="/host/host-13.2.css"');
    expect(boot.user).toMatchObject({ login: 'admin', orgId: 1, orgRole: 'Admin', isSignedIn: true, theme: 'dark' });
    expect(boot.settings.datasources.Profiles).toMatchObject({
      id: 1,
      uid: 'profiles',
      type: 'flamelens-pyroscope-datasource',
      url: '/api/datasources/proxy/uid/profiles',
      access: 'proxy',
      isDefault: true,
      jsonData: { httpHeaderName1: 'X-Api-Key' },
      meta: {
        module: 'public/plugins/flamelens-profiles-app/datasource/module.js',
        baseUrl: 'public/plugins/flamelens-profiles-app/datasource',
      },
    });
    expect(boot.settings.datasources.Prometheus.meta).toMatchObject({ module: 'core:plugin/prometheus' });
    expect(boot.settings.panels).toMatchObject({
      timeseries: { module: 'core:plugin/timeseries' },
      'flamelens-flamegraph-panel': { module: 'public/plugins/flamelens-profiles-app/panel/module.js' },
    });
    expect(boot.settings.apps).toMatchObject({
      'flamelens-profiles-app': { path: 'public/plugins/flamelens-profiles-app/module.js' },
    });
  });

  it('serves the built plugin and Grafana’s icons, and 404s for unknown files and path traversal', async () => {
    const moduleJs = await fetch(`${host.url}/public/plugins/flamelens-profiles-app/module.js`);
    expect([moduleJs.status, moduleJs.headers.get('content-type')]).toEqual([
      200,
      'application/javascript; charset=utf-8',
    ]);
    const icon = await fetch(`${host.url}/public/build/img/icons/unicons/align-left.svg`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(icon.headers.get('x-sandbox-placeholder')).toBeNull();
    // Icons of Grafana's full Unicons set that @grafana/ui's package lacks (the time picker's "move backward") come
    // from the same set as Iconify data: a drawing, not a placeholder.
    for (const name of ['angle-double-left', 'spinner']) {
      const unicon = await fetch(`${host.url}/public/build/img/icons/unicons/${name}.svg`);
      expect([name, unicon.status, unicon.headers.get('x-sandbox-icon-source')]).toEqual([
        name,
        200,
        '@iconify-json/uil',
      ]);
      expect(unicon.headers.get('x-sandbox-placeholder')).toBeNull();
      expect(await unicon.text()).toMatch(/^<svg [^>]*viewBox="0 0 24 24"><path [^>]*d="M[^"]{40,}"/);
    }
    // An icon in neither set: a placeholder, said so in a header.
    const missing = await fetch(`${host.url}/public/build/img/icons/custom/gf-no-such-icon.svg`);
    expect([missing.status, missing.headers.get('x-sandbox-placeholder')]).toEqual([200, 'icon not in @grafana/ui']);
    expect((await fetch(`${host.url}/public/build/img/icons/unicons/..%2f..%2fx.svg`)).status).toBe(404);
    expect((await fetch(`${host.url}/public/plugins/flamelens-profiles-app/nope.js`)).status).toBe(404);
    expect((await fetch(`${host.url}/robots.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}/favicon.ico`)).status).toBe(204);
    for (const attack of [
      '/public/plugins/flamelens-profiles-app/..%2f..%2fprovisioning%2fdatasources%2fds.yaml',
      '/fixtures/%2e%2e/package.json',
    ]) {
      const res = await fetch(`${host.url}${attack}`);
      expect([attack, res.status]).toEqual([attack, 404]);
      expect(await res.text()).not.toContain(SECRET);
    }
  });
});

describe('web fonts', () => {
  it.each(GRAFANA_LINES)('serves every font GlobalStyles of Grafana %s declares', async (line) => {
    const packagesDir = grafanaLine(line).packagesDir;
    const fontsModule = join(
      packagesDir,
      'node_modules',
      '@grafana',
      'ui',
      'dist',
      'esm',
      'themes',
      'GlobalStyles',
      'fonts.mjs'
    );
    const declared = [...readFileSync(fontsModule, 'utf8').matchAll(/url\('\$\{fontRoot\}([^']+)'\)/g)].map(
      (m) => m[1]
    );
    expect(declared.length).toBeGreaterThanOrEqual(5);
    const mounts = staticMounts(ROOT, join(ROOT, 'dist'), packagesDir);
    for (const font of new Set(declared)) {
      const resolution = resolveStaticPath(`/public/fonts/${font}`, mounts);
      expect([font, resolution.kind]).toEqual([font, 'file']);
      const file = resolution.kind === 'file' ? resolution.file : '';
      // A WOFF2 file (its signature), not an empty or missing one.
      expect([font, readFileSync(file).subarray(0, 4).toString('latin1')]).toEqual([font, 'wOF2']);
    }
  });

  it('answers the font requests over HTTP', async () => {
    const inter = await fetch(`${host.url}/public/fonts/inter/Inter-Regular.woff2`);
    expect([inter.status, inter.headers.get('content-type')]).toEqual([200, 'font/woff2']);
    const mono = await fetch(`${host.url}/public/fonts/roboto/${ROBOTO_MONO_FILE}`);
    expect([mono.status, mono.headers.get('content-type')]).toEqual([200, 'font/woff2']);
    expect((await fetch(`${host.url}/public/fonts/roboto/other.woff2`)).status).toBe(404);
  });
});

describe('startHostServer', () => {
  it('rejects with an error naming a broken provisioning file', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'host-broken-'));
    try {
      mkdirSync(join(broken, 'dashboards'));
      writeFileSync(join(broken, 'dashboards', 'oops.json'), '{ not json');
      await expect(startHostServer({ provisioningDir: broken })).rejects.toThrow(/oops\.json/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('emulates the Grafana line it is given, and refuses one it does not know', async () => {
    const older = await startHostServer({ port: 0, grafana: '12.4' });
    try {
      const html = await (await fetch(`${older.url}/d/flamelens-demo`)).text();
      expect(html).toContain('"version":"12.4.10"');
      expect(html).toContain('<script src="/host/host-12.4.js"></script>');
    } finally {
      await older.close();
    }
    await expect(startHostServer({ grafana: '9.5' })).rejects.toThrow(
      /unknown Grafana line "9\.5".*12\.4, 13\.0, 13\.2/
    );
  });

  it('keeps the old numeric form working', async () => {
    const legacy = await startHostServer(0);
    try {
      expect(legacy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${legacy.url}/api/dashboards/uid/flamelens-demo`)).status).toBe(200);
    } finally {
      await legacy.close();
    }
  });
});
