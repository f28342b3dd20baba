/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startHostServer, type HostServer } from '../server';
import { normalizeSubPath, routeSubPath } from './subPath';

describe('normalizeSubPath', () => {
  it('gives Grafana’s form: one leading slash, no trailing one, empty for none', () => {
    expect(['grafana', '/grafana/', '//grafana', 'a/b/', '', '/', undefined].map(normalizeSubPath)).toEqual([
      '/grafana',
      '/grafana',
      '/grafana',
      '/a/b',
      '',
      '',
      '',
    ]);
  });

  it('refuses what is not a plain path', () => {
    for (const bad of ['/a/../b', '/a?x=1', 'http://x/grafana', '/a b', '/a//b', '/..']) {
      expect(() => normalizeSubPath(bad)).toThrow(/plain URL path such as \/grafana/);
    }
  });
});

describe('routeSubPath', () => {
  const appUrl = 'http://h:1/grafana/';

  it('strips the sub-path from requests under it, the sub-path alone being the root', () => {
    expect(routeSubPath('/grafana/d/x?from=1', '/grafana', appUrl)).toEqual({ kind: 'inside', url: '/d/x?from=1' });
    expect(routeSubPath('/grafana', '/grafana', appUrl)).toEqual({ kind: 'inside', url: '/' });
    expect(routeSubPath('/grafana?x=1', '/grafana', appUrl)).toEqual({ kind: 'inside', url: '/?x=1' });
  });

  it('redirects everything else to the same path and query under the root URL', () => {
    expect(routeSubPath('/d/x?from=1', '/grafana', appUrl)).toEqual({
      kind: 'redirect',
      location: 'http://h:1/grafana/d/x?from=1',
    });
    expect(routeSubPath('/grafanax/y', '/grafana', appUrl)).toEqual({
      kind: 'redirect',
      location: 'http://h:1/grafana/grafanax/y',
    });
    expect(routeSubPath('/', '/grafana', appUrl)).toEqual({ kind: 'redirect', location: appUrl });
  });

  it('leaves every URL alone without a sub-path', () => {
    expect(routeSubPath('/d/x', '', 'http://h:1/')).toEqual({ kind: 'inside', url: '/d/x' });
  });
});

describe('a host server under /grafana', () => {
  let dir: string;
  let upstream: Server;
  let seen: string[];
  let host: HostServer;

  beforeAll(async () => {
    seen = [];
    upstream = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'host-sub-path-'));
    const info = { logos: { small: 'img/logo.svg', large: 'img/logo.svg' }, version: '0.1.0' };
    const plugin = (sub: string, json: Record<string, unknown>) => {
      mkdirSync(join(dir, 'dist', sub), { recursive: true });
      writeFileSync(join(dir, 'dist', sub, 'plugin.json'), JSON.stringify({ ...json, info }));
    };
    plugin('', { type: 'app', id: 'flamelens-profiles-app', name: 'Flamelens' });
    writeFileSync(join(dir, 'dist', 'module.js'), 'define([], function () { return {}; });');
    plugin('datasource', { type: 'datasource', id: 'flamelens-pyroscope-datasource', name: 'Pyroscope' });
    plugin('panel', { type: 'panel', id: 'flamelens-flamegraph-panel', name: 'Flame graph' });
    mkdirSync(join(dir, 'provisioning', 'datasources'), { recursive: true });
    writeFileSync(
      join(dir, 'provisioning', 'datasources', 'ds.yaml'),
      'apiVersion: 1\ndatasources:\n  - name: Profiles\n    uid: profiles\n    type: flamelens-pyroscope-datasource\n' +
        `    url: http://127.0.0.1:${(upstream.address() as AddressInfo).port}\n`
    );
    host = await startHostServer({
      provisioningDir: join(dir, 'provisioning'),
      pluginDistDir: join(dir, 'dist'),
      subPath: 'grafana/',
    });
  });

  afterAll(async () => {
    await host?.close();
    await new Promise((resolve) => upstream?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('says where it lives: the root URL with the sub-path, and the sub-path', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/grafana$/);
    expect(host.subPath).toBe('/grafana');
  });

  it('serves its page under the sub-path with appSubUrl, appUrl and a <base> that carry it', async () => {
    const html = await (await fetch(`${host.url}/d/demo?from=now-1h`)).text();
    const boot = JSON.parse(/window\.grafanaBootData = (.*?);<\/script>/s.exec(html)?.[1] ?? 'null') as {
      settings: { appSubUrl: string; appUrl: string; datasources: Record<string, { url: string }> };
    };
    expect(boot.settings.appSubUrl).toBe('/grafana');
    expect(boot.settings.appUrl).toBe(`${host.url}/`);
    // As Grafana: root-relative, made relative to the <base> by BackendSrv.
    expect(boot.settings.datasources.Profiles.url).toBe('/api/datasources/proxy/uid/profiles');
    expect(html).toContain('<base href="/grafana/" />');
    expect(html).toContain('<script src="/grafana/host/host-13.2.js"></script>');
    expect(html).toContain("window.__grafana_public_path__ = '/grafana/public/';");
    expect(html).not.toContain('__APP_SUB_URL__');
  });

  it('serves the API, the datasource proxy and plugin files under the sub-path', async () => {
    const settings = (await (await fetch(`${host.url}/api/frontend/settings`)).json()) as { appSubUrl: string };
    expect(settings.appSubUrl).toBe('/grafana');
    const proxied = await fetch(`${host.url}/api/datasources/proxy/uid/profiles/render?x=1`);
    expect([proxied.status, seen.at(-1)]).toEqual([200, '/render?x=1']);
    const moduleJs = await fetch(`${host.url}/public/plugins/flamelens-profiles-app/module.js`);
    expect(moduleJs.status).toBe(200);
  });

  it('answers every path outside the sub-path with a 301 to it, and nothing else', async () => {
    const origin = new URL(host.url).origin;
    for (const path of [
      '/',
      '/d/demo?from=1',
      '/api/frontend/settings',
      '/api/datasources/proxy/uid/profiles/render',
      '/public/plugins/flamelens-profiles-app/module.js',
    ]) {
      const before = seen.length;
      const res = await fetch(`${origin}${path}`, { redirect: 'manual' });
      expect([path, res.status, res.headers.get('location'), await res.text()]).toEqual([
        path,
        301,
        `${host.url}${path}`,
        '',
      ]);
      expect(seen.length).toBe(before);
    }
  });
});
