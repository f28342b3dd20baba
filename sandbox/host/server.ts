import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

import { readAlertRules } from './server/alerting';
import { handleAlertingApi, isAlertingApiPath } from './server/alertingApi';
import { handleApi } from './server/api';
import { bootData, injectBootData, type BootDataSources } from './server/bootData';
import { DashboardStore } from './server/dashboards';
import { handleBackendDataSource, isBackendDataSourcePath } from './server/dsQuery';
import type { ExpansionEnv } from './server/envExpand';
import { sendText } from './server/http';
import { PluginCatalog } from './server/plugins';
import { readProvisioning } from './server/provisioning';
import { grafanaLine, type GrafanaLine, type GrafanaLineInfo } from './server/grafanaLines';
import { createProxyAgents, handleDataSourceProxy, isProxyPath } from './server/proxy';
import { resolveStaticPath, serveStatic, staticMounts } from './server/static';
import { DataSourceStore } from './server/store';
import { normalizeSubPath, routeSubPath } from './server/subPath';
import type { HostLogger } from './server/types';

export { ProvisioningError } from './server/provisioning';
export { DataSourceStore } from './server/store';
export { DashboardStore } from './server/dashboards';
export { DEFAULT_GRAFANA_LINE, GRAFANA_LINES, type GrafanaLine } from './server/grafanaLines';

/**
 * The sandbox host's Node server: what Grafana's server does for the plugin, on 127.0.0.1 by default. It reads
 * `provisioning/` (datasources with Grafana's environment expansion, dashboard JSON files), serves a subset of the
 * HTTP API (datasources, frontend settings, dashboards, search, plugin settings), the datasource proxy with
 * plugin.json routes, Prometheus' backend (`/api/ds/query`, health, resources), the built plugin and host bundle as
 * static files, and `sandbox/host/index.html` with `window.grafanaBootData` for every other page path (the host is a
 * single-page app). One server emulates one Grafana line: its page loads the host bundle built with that line's
 * packages, and boot data carries that line's version.
 */
const ROOT = resolve(__dirname, '..', '..');
const INDEX_HTML = join(ROOT, 'sandbox', 'host', 'index.html');

/** Options of {@link startHostServer}. */
export interface HostServerOptions {
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /**
   * Provisioning folder (`datasources/*.yaml`, `dashboards/*.json`, `alerting/*.yaml`); default
   * `<repo>/provisioning`.
   */
  provisioningDir?: string;
  /** Variables for `$VAR` / `${VAR}` in provisioning files; default `process.env`. */
  env?: ExpansionEnv;
  /** Receives one line per proxied request and warnings (default: silent). */
  log?: HostLogger;
  /** The built plugin (Grafana's `public/plugins/<app id>/`); default `<repo>/dist`. */
  pluginDistDir?: string;
  /**
   * The Grafana line to emulate (`12.4`, `13.0`, `13.2`; see lines/lines.json); default {@link DEFAULT_GRAFANA_LINE},
   * the newest. Its packages must be installed and its bundle built (`npm run build:host`).
   */
  grafana?: GrafanaLine;
  /**
   * Serve everything under this sub-path, as Grafana with `root_url = http://host/grafana/` and
   * `serve_from_sub_path = true` does (`/grafana`; default none): boot data's `appSubUrl` and `appUrl` carry it, and a
   * request outside it is redirected (301) to the same path under it. See server/subPath.ts.
   */
  subPath?: string;
}

/** A running host server. */
export interface HostServer {
  /** Grafana's root URL without its trailing slash, the sub-path included: `http://127.0.0.1:40123/grafana`. */
  url: string;
  /** The sub-path (`appSubUrl`: `/grafana`), `''` without one. */
  subPath: string;
  server: Server;
  /** The datasources (edits through the API are visible here). */
  store: DataSourceStore;
  dashboards: DashboardStore;
  /** The emulated Grafana line and its exact version. */
  grafana: GrafanaLineInfo;
  close(): Promise<void>;
}

/** Maps a URL path to a served file, or undefined outside the served folders (`/` is the host page). */
export function resolveStatic(urlPath: string): string | undefined {
  const path = urlPath.split('?')[0];
  if (path === '/' || path === '/index.html') {
    return INDEX_HTML;
  }
  const resolution = resolveStaticPath(path, staticMounts(ROOT, join(ROOT, 'dist')));
  return resolution.kind === 'file' ? resolution.file : undefined;
}

/**
 * index.html with the line's host bundle and stylesheet in place of its `__GRAFANA_LINE__` placeholders and the
 * sub-path (`appSubUrl`, `''` for none) in place of `__APP_SUB_URL__`, as Grafana fills `[[.AppSubUrl]]` in its page.
 */
export function hostPage(html: string, grafana: GrafanaLineInfo, subPath = ''): string {
  return html.replace(/__GRAFANA_LINE__/g, grafana.line).replace(/__APP_SUB_URL__/g, subPath);
}

/**
 * Starts the host server. `startHostServer(0)` (a port number) is the old form and means `{ port: 0 }`.
 *
 * @throws ProvisioningError (rejected) for a provisioning file Grafana would refuse; the message names the file.
 * @throws Error (rejected) for an unknown Grafana line or one whose packages are not installed.
 */
export async function startHostServer(options: number | HostServerOptions = {}): Promise<HostServer> {
  const opts: HostServerOptions = typeof options === 'number' ? { port: options } : options;
  const host = opts.host ?? '127.0.0.1';
  const provisioningDir = opts.provisioningDir ?? join(ROOT, 'provisioning');
  const env = opts.env ?? (process.env as ExpansionEnv);
  const provisioning = readProvisioning(provisioningDir, env);
  const alertRules = readAlertRules(join(provisioningDir, 'alerting'), env);
  const pluginDistDir = opts.pluginDistDir ?? join(ROOT, 'dist');
  const grafana = grafanaLine(opts.grafana);
  const subPath = normalizeSubPath(opts.subPath);
  const sources: BootDataSources = {
    store: new DataSourceStore(provisioning.datasources),
    plugins: new PluginCatalog(pluginDistDir, grafana.version),
    dashboards: new DashboardStore(provisioning.dashboards),
    ...(opts.log ? { log: opts.log } : {}),
  };
  const mounts = staticMounts(ROOT, pluginDistDir, grafana.packagesDir);
  const agents = createProxyAgents();

  const server = createServer((req, res) => {
    try {
      handleRequest(req, res);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      opts.log?.(`host ${req.method} ${req.url} failed: ${message}`);
      if (!res.headersSent) {
        sendText(res, 500, message);
      } else {
        res.destroy();
      }
    }
  });

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    const appUrl = `http://${req.headers.host ?? host}${subPath}/`;
    const route = routeSubPath(req.url ?? '/', subPath, appUrl);
    if (route.kind === 'redirect') {
      res.writeHead(301, { Location: route.location, 'Content-Length': 0 });
      res.end();
      return;
    }
    // Everything below routes as Grafana's router does, on the path without the sub-path.
    req.url = route.url;
    const pathname = route.url.split('?')[0];
    if (isProxyPath(pathname)) {
      handleDataSourceProxy(req, res, { ...sources, agents });
      return;
    }
    if (isBackendDataSourcePath(pathname)) {
      void handleBackendDataSource(req, res, { ...sources, agents });
      return;
    }
    if (isAlertingApiPath(pathname)) {
      handleAlertingApi(req, res, alertRules);
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      void handleApi(req, res, sources, appUrl);
      return;
    }
    const resolution = resolveStaticPath(pathname, mounts);
    if (resolution.kind !== 'unmounted') {
      serveStatic(req, res, resolution);
      return;
    }
    if (pathname === '/favicon.ico') {
      // Browsers ask for it on their own; the sandbox has no icon and keeps the console free of 404s.
      res.writeHead(204);
      res.end();
      return;
    }
    const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
    const isPage = pathname === '/index.html' || !lastSegment.includes('.');
    if (!isPage) {
      sendText(res, 404, `not found: ${req.url}`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method Not Allowed');
      return;
    }
    // Read on every page load: index.html may change while the server runs, and boot data must reflect saves.
    const page = hostPage(readFileSync(INDEX_HTML, 'utf8'), grafana, subPath);
    const html = injectBootData(page, bootData(sources, appUrl));
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException) => {
      error.message = `sandbox host cannot listen on ${host}:${opts.port ?? 0}: ${error.message}`;
      rejectListen(error);
    };
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${subPath}`,
    subPath,
    server,
    store: sources.store,
    dashboards: sources.dashboards,
    grafana,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
        agents.http.destroy();
        agents.https.destroy();
      }),
  };
}
