import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { GoHeader, removeHopByHopHeaders } from './goHeader';
import { goPathUnescape } from './goUrl';
import { sendApiError, sendText } from './http';
import type { PluginCatalog } from './plugins';
import { planProxyRequest, type ProxyPlan } from './proxyRequest';
import type { DataSourceStore } from './store';
import type { DataSourceRecord, HostLogger } from './types';

/** What the datasource proxy needs from the host server. */
export interface ProxyContext {
  store: DataSourceStore;
  plugins: PluginCatalog;
  log?: HostLogger;
  agents: { http: HttpAgent; https: HttpsAgent };
}

const PROXY_PREFIX = '/api/datasources/proxy/';

/** True for `/api/datasources/proxy/...` (by uid or by id). */
export function isProxyPath(pathname: string): boolean {
  return pathname.startsWith(PROXY_PREFIX);
}

/** Keep-alive agents for upstream connections; destroy them when the server closes. */
export function createProxyAgents(): ProxyContext['agents'] {
  return { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
}

/** Which datasource a proxy URL names and the path after it (still escaped). */
type ProxyTarget = { uid: string; proxyPath: string } | { id: number; proxyPath: string } | { error: string };

/** Splits `/api/datasources/proxy/uid/<uid>/<path>` or `/api/datasources/proxy/<id>/<path>` like Grafana's routes. */
export function parseProxyTarget(pathname: string): ProxyTarget {
  const rest = pathname.slice(PROXY_PREFIX.length);
  const byUid = /^uid\/([^/]*)\/?(.*)$/s.exec(rest);
  if (byUid) {
    const uid = byUid[1];
    // util.IsValidShortUID
    return /^[A-Za-z0-9_-]{1,40}$/.test(uid) ? { uid, proxyPath: byUid[2] } : { error: 'UID is invalid' };
  }
  const byId = /^([^/]*)\/?(.*)$/s.exec(rest);
  const id = byId?.[1] ?? '';
  return /^[+-]?\d+$/.test(id) ? { id: Number(id), proxyPath: byId?.[2] ?? '' } : { error: 'id is invalid' };
}

/**
 * Grafana's datasource proxy (`/api/datasources/proxy/uid/:uid/*` and `/api/datasources/proxy/:id/*`, any method):
 * finds the datasource and its plugin, lets {@link planProxyRequest} decide the upstream request, streams the body
 * both ways and answers errors as Grafana does (502 unreachable, 504 timeout, 401 from upstream → 400).
 */
export function handleDataSourceProxy(req: IncomingMessage, res: ServerResponse, ctx: ProxyContext): void {
  const started = performance.now();
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const pathname = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
  if (goPathUnescape(pathname) === undefined) {
    sendText(res, 400, '400 Bad Request'); // Go's server rejects a request URI with a malformed escape
    return;
  }
  const target = parseProxyTarget(pathname);
  if ('error' in target) {
    sendApiError(res, 400, target.error);
    return;
  }
  const record = 'uid' in target ? ctx.store.byUid(target.uid) : ctx.store.byId(target.id);
  if (!record) {
    sendApiError(res, 404, 'Unable to find datasource');
    return;
  }
  const plugin = ctx.plugins.byId(record.type);
  if (!plugin || plugin.type !== 'datasource') {
    sendApiError(res, 404, 'Unable to find datasource plugin');
    return;
  }
  const method = req.method ?? 'GET';
  const plan = planProxyRequest({
    method,
    proxyPath: target.proxyPath,
    rawQuery,
    headers: GoHeader.fromIncoming(req.headers),
    remoteAddress: req.socket.remoteAddress,
    record,
    secrets: ctx.store.decryptedValues(record.id),
    plugin,
    grafanaVersion: ctx.plugins.grafanaVersion,
  });
  if (plan.kind === 'refuse') {
    sendApiError(res, plan.status, String(plan.body.message));
    logLine(ctx, method, record, '(not forwarded)', plan.status, started);
    return;
  }
  for (const warning of plan.warnings) {
    ctx.log?.(`proxy uid=${record.uid}: ${warning}`);
  }
  forward(req, res, plan, ctx, { method, record, started });
}

interface ForwardInfo {
  method: string;
  record: DataSourceRecord;
  started: number;
}

function forward(req: IncomingMessage, res: ServerResponse, plan: ProxyPlan, ctx: ProxyContext, info: ForwardInfo) {
  const upstreamUrl = `${plan.scheme}://${plan.host}${plan.path}`;
  const done = (status: number, note = '') =>
    logLine(ctx, info.method, info.record, upstreamUrl + note, status, info.started);
  if ((plan.scheme !== 'http' && plan.scheme !== 'https') || plan.host === '') {
    // Go's transport: "unsupported protocol scheme" / "no Host in request URL" → ReverseProxy answers 502.
    req.resume();
    res.writeHead(502, { 'Content-Length': 0 });
    res.end();
    done(502, ' (no usable datasource URL)');
    return;
  }
  const { hostname, port } = new URL(`${plan.scheme}://${plan.host}`);
  const headers = plan.headers;
  if (plan.body !== undefined) {
    headers.del('Transfer-Encoding');
    headers.set('Content-Length', String(Buffer.byteLength(plan.body)));
  }
  const send = plan.scheme === 'https' ? httpsRequest : httpRequest;
  let timedOut = false;
  const upstream = send({
    method: info.method,
    hostname: hostname.replace(/^\[|\]$/g, ''),
    port: port === '' ? undefined : Number(port),
    path: plan.path,
    headers: headers.toOutgoing(),
    agent: plan.scheme === 'https' ? ctx.agents.https : ctx.agents.http,
    ...(plan.scheme === 'https' ? { rejectUnauthorized: plan.rejectUnauthorized } : {}),
  });
  const timer = setTimeout(() => {
    timedOut = true;
    upstream.destroy(new Error(`no response within ${plan.timeoutMs} ms`));
  }, plan.timeoutMs);

  upstream.on('response', (upstreamRes) => {
    clearTimeout(timer);
    const status = upstreamRes.statusCode ?? 502;
    if (status === 401) {
      // Grafana turns a datasource's 401 into 400, so the browser does not think its Grafana session expired.
      upstreamRes.resume();
      const message = 'Authentication to data source failed';
      res.writeHead(400, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(message),
        'Content-Security-Policy': 'sandbox',
      });
      res.end(message);
      done(400, ' (upstream 401)');
      return;
    }
    res.writeHead(status, responseHeaders(upstreamRes));
    upstreamRes.pipe(res);
    upstreamRes.on('end', () => done(status));
    upstreamRes.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    clearTimeout(timer);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = timedOut ? 504 : 502;
    res.writeHead(status, { 'Content-Length': 0 });
    res.end();
    done(status, ` (${error.message})`);
  });
  res.on('close', () => {
    if (!res.writableFinished) {
      upstream.destroy(); // the browser went away: cancel upstream too
    }
  });
  if (plan.body !== undefined) {
    req.resume();
    upstream.end(plan.body);
  } else {
    req.pipe(upstream);
  }
}

/** Upstream response headers minus hop-by-hop and Set-Cookie, plus Grafana's `Content-Security-Policy: sandbox`. */
function responseHeaders(upstreamRes: IncomingMessage): Record<string, string | string[]> {
  const header = new GoHeader();
  for (let i = 0; i + 1 < upstreamRes.rawHeaders.length; i += 2) {
    header.add(upstreamRes.rawHeaders[i], upstreamRes.rawHeaders[i + 1]);
  }
  removeHopByHopHeaders(header);
  header.del('Set-Cookie');
  header.set('Content-Security-Policy', 'sandbox');
  const out: Record<string, string | string[]> = {};
  for (const name of header.names()) {
    const values = header.getAll(name);
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function logLine(
  ctx: ProxyContext,
  method: string,
  record: DataSourceRecord,
  target: string,
  status: number,
  started: number
) {
  const ms = Math.round(performance.now() - started);
  ctx.log?.(`proxy ${method} uid=${record.uid} → ${target} ${status} ${ms}ms`);
}
