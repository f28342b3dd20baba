import type { IncomingMessage, ServerResponse } from 'node:http';

import { readJsonBody, sendApiError, sendJson } from './http';
import type { PromTarget } from './promClient';
import { runPromQuery, type QueryRange } from './promQuery';
import { handleDataSourceProxy, type ProxyContext } from './proxy';
import { ApiError } from './store';
import { isJsonObject, type DataSourceRecord, type JsonObject } from './types';

/** The datasource types whose backend the sandbox runs (Grafana's own Prometheus backend, pkg/promlib). */
const BACKENDS = new Set(['prometheus']);

const RESOURCE_PATH = /^\/api\/datasources\/uid\/([^/]+)\/resources(\/.*)?$/;
const HEALTH_PATH = /^\/api\/datasources\/uid\/([^/]+)\/health$/;

/** True for the backend-datasource endpoints this module answers. */
export function isBackendDataSourcePath(pathname: string): boolean {
  return pathname === '/api/ds/query' || RESOURCE_PATH.test(pathname) || HEALTH_PATH.test(pathname);
}

/**
 * What Grafana's server does for a backend datasource, for the Prometheus datasource: `POST /api/ds/query` (the
 * queries of a panel, answered as `{results: {<refId>: {status, frames, error?}}}` with HTTP 400 when any query
 * failed, as pkg/api/metrics.go does), `GET /api/datasources/uid/:uid/health` (the backend's health check, a `1+1`
 * instant query) and `/api/datasources/uid/:uid/resources/*` (the backend's resource calls the query editor makes:
 * labels, series, metadata, rules — passed to Prometheus with the datasource's credentials, through the proxy's
 * request rules).
 */
export async function handleBackendDataSource(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ProxyContext
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  try {
    const resource = RESOURCE_PATH.exec(url.pathname);
    if (resource) {
      const record = backendRecord(ctx, decodeURIComponent(resource[1]));
      // The resource call is the proxy request under another name: same upstream URL, headers and credentials.
      req.url = `/api/datasources/proxy/uid/${record.uid}${resource[2] ?? '/'}${url.search}`;
      handleDataSourceProxy(req, res, ctx);
      return;
    }
    const health = HEALTH_PATH.exec(url.pathname);
    if (health && (req.method === 'GET' || req.method === 'HEAD')) {
      const record = backendRecord(ctx, decodeURIComponent(health[1]));
      const { status, body } = await checkHealth(target(ctx, record));
      sendJson(res, status, body);
      return;
    }
    if (url.pathname === '/api/ds/query' && req.method === 'POST') {
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) {
          abort.abort(); // the browser cancelled the query: cancel Prometheus too
        }
      });
      const answer = await queryData(await readJsonBody(req, 10 << 20), ctx, abort.signal);
      if (!res.destroyed) {
        sendJson(res, answer.status, answer.body);
      }
      return;
    }
    sendApiError(res, 404, 'Not found');
  } catch (error) {
    if (error instanceof ApiError) {
      sendApiError(res, error.status, error.message);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.log?.(`ds ${req.method} ${url.pathname} failed: ${message}`);
    sendApiError(res, 500, 'Query data error');
  }
}

function backendRecord(ctx: ProxyContext, uid: string): DataSourceRecord {
  const record = ctx.store.byUid(uid);
  if (!record) {
    throw new ApiError(404, 'Data source not found');
  }
  if (!BACKENDS.has(record.type)) {
    throw new ApiError(404, 'Plugin not found');
  }
  return record;
}

function target(ctx: ProxyContext, record: DataSourceRecord): PromTarget {
  return { record, secrets: ctx.store.decryptedValues(record.id), agents: ctx.agents };
}

/** The `/api/ds/query` body → Grafana's response; request errors as the API words them. */
export async function queryData(
  body: unknown,
  ctx: ProxyContext,
  signal?: AbortSignal
): Promise<{ status: number; body: JsonObject }> {
  if (!isJsonObject(body)) {
    throw new ApiError(400, 'bad request data');
  }
  const queries = Array.isArray(body.queries) ? body.queries.filter(isJsonObject) : [];
  if (queries.length === 0) {
    throw new ApiError(400, 'No queries found');
  }
  const range = parseRange(body.from, body.to);
  const runs = queries.map((query) => {
    const record = queryRecord(query, ctx);
    return runPromQuery(target(ctx, record), query, range, signal).then((result) => [query, result] as const);
  });
  const results: JsonObject = {};
  let status = 200;
  for (const [query, result] of await Promise.all(runs)) {
    const refId = typeof query.refId === 'string' && query.refId !== '' ? query.refId : 'A';
    results[refId] = {
      status: result.status,
      frames: result.frames,
      ...(result.error !== undefined ? { error: result.error } : {}),
    };
    if (result.error !== undefined) {
      status = 400;
    }
  }
  return { status, body: { results } };
}

/** Grafana's `getDataSourceFromQuery`: `datasource.uid`, else `datasourceId`. */
function queryRecord(query: JsonObject, ctx: ProxyContext): DataSourceRecord {
  const ref = query.datasource;
  const uid = isJsonObject(ref) && typeof ref.uid === 'string' ? ref.uid : typeof ref === 'string' ? ref : '';
  if (uid === '__expr__' || uid === '-100') {
    throw new ApiError(400, 'Server-side expressions are not emulated by the sandbox');
  }
  if (uid !== '') {
    return backendRecord(ctx, uid);
  }
  if (typeof query.datasourceId === 'number' && query.datasourceId > 0) {
    const record = ctx.store.byId(query.datasourceId);
    if (!record) {
      throw new ApiError(404, 'Data source not found');
    }
    return backendRecord(ctx, record.uid);
  }
  throw new ApiError(400, 'Missing data source ID/UID');
}

/** `from`/`to` as Grafana reads them: epoch milliseconds, `now`, or `now-<duration>`. */
export function parseRange(from: unknown, to: unknown, nowMs = Date.now()): QueryRange {
  const fromMs = parseTime(from, nowMs);
  const toMs = parseTime(to, nowMs);
  if (fromMs === undefined || toMs === undefined) {
    throw new ApiError(400, 'bad request data');
  }
  return { fromMs, toMs };
}

const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, M: 2592e6, y: 31536e6 };

function parseTime(value: unknown, nowMs: number): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const relative = /^now(?:([+-])(\d+)([smhdwMy]))?$/.exec(value);
  if (!relative) {
    return undefined;
  }
  const [, sign, n, unit] = relative;
  return sign ? nowMs + (sign === '-' ? -1 : 1) * Number(n) * UNIT_MS[unit] : nowMs;
}

/** The Prometheus backend's health check: `1+1` as an instant query; HTTP 400 with `status: ERROR` on failure. */
async function checkHealth(promTarget: PromTarget): Promise<{ status: number; body: JsonObject }> {
  const query: JsonObject = { refId: '__healthcheck__', expr: '1+1', instant: true };
  const result = await runPromQuery(promTarget, query, { fromMs: 1000, toMs: 4000 });
  if (result.error !== undefined) {
    const message = `${result.error} - There was an error returned querying the Prometheus API.`;
    return { status: 400, body: { status: 'ERROR', message } };
  }
  return { status: 200, body: { status: 'OK', message: 'Successfully queried the Prometheus API.' } };
}
