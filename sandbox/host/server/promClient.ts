/**
 * The HTTP client Grafana's Prometheus backend uses for queries (pkg/promlib `client` and the datasource HTTP client
 * middlewares): `<url>/api/v1/<endpoint>` as a form POST (the backend's default) or a GET when
 * `jsonData.httpMethod` is GET; basic auth and custom headers from the datasource's secure settings (the same
 * middlewares as the datasource proxy); `jsonData.customQueryParameters` appended; `jsonData.queryTimeout` (default
 * 60 s) for the whole exchange. Transport failures are worded as Go's client words them.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { GRAFANA_VERSION } from './corePlugins';
import { GoHeader } from './goHeader';
import { goEncodeQuery, goParseQuery, joinUrlFragments, validateDataSourceUrl, type GoQueryValues } from './goUrl';
import { parseIntervalMs } from './promInterval';
import { applyTransportMiddlewares } from './proxyRequest';
import type { DataSourceRecord } from './types';

/** Grafana's Prometheus query timeout when `jsonData.queryTimeout` is unset. */
const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

/** The answer of Prometheus: status and parsed JSON (undefined when the body is not JSON). */
export interface PromAnswer {
  status: number;
  body: unknown;
  /** The first bytes of a non-JSON body, for the error message. */
  text: string;
}

/** A request Prometheus never answered: Go's error text and the status Grafana reports (502). */
export class PromTransportError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
    this.name = 'PromTransportError';
  }
}

/** Everything a call needs about the datasource. */
export interface PromTarget {
  record: DataSourceRecord;
  secrets: Readonly<Record<string, string>>;
  agents: { http: HttpAgent; https: HttpsAgent };
}

/** The query method of the backend: POST unless the datasource says GET. */
export function promHttpMethod(record: DataSourceRecord): 'GET' | 'POST' {
  const method = record.jsonData.httpMethod;
  return typeof method === 'string' && method.toUpperCase() === 'GET' ? 'GET' : 'POST';
}

/**
 * Calls `<datasource url>/<endpoint>` with `params` (form body for POST, query string for GET).
 *
 * @throws PromTransportError when Prometheus cannot be reached or does not answer in time.
 */
export function callPrometheus(
  target: PromTarget,
  endpoint: string,
  params: Record<string, string>,
  signal?: AbortSignal
): Promise<PromAnswer> {
  const { record } = target;
  const parsed = validateDataSourceUrl(record.type, record.url);
  const method = promHttpMethod(record);
  const fullUrl = `${record.url.replace(/\/+$/, '')}/${endpoint}`;
  if ('error' in parsed) {
    return Promise.reject(new PromTransportError(`${method} ${JSON.stringify(fullUrl)}: ${parsed.error}`, 502));
  }
  const query: GoQueryValues = new Map();
  const custom = record.jsonData.customQueryParameters;
  if (typeof custom === 'string' && custom !== '') {
    for (const [k, v] of goParseQuery(custom)) {
      query.set(k, v);
    }
  }
  const form: GoQueryValues = new Map(Object.entries(params).map(([k, v]) => [k, [v]]));
  const body = method === 'POST' ? goEncodeQuery(form) : undefined;
  if (method === 'GET') {
    for (const [k, v] of form) {
      query.set(k, v);
    }
  }
  const rawQuery = goEncodeQuery(query);
  const path = joinUrlFragments(parsed.rawPath, endpoint) + (rawQuery === '' ? '' : `?${rawQuery}`);
  const headers = new GoHeader();
  headers.set('User-Agent', `Grafana/${GRAFANA_VERSION}`);
  if (body !== undefined) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    headers.set('Content-Length', String(Buffer.byteLength(body)));
  }
  applyTransportMiddlewares(record, target.secrets, headers);
  const goUrl = `${parsed.scheme}://${parsed.host}${path}`;
  const describe = (reason: string) => `${method === 'POST' ? 'Post' : 'Get'} ${JSON.stringify(goUrl)}: ${reason}`;
  if (parsed.scheme !== 'http' && parsed.scheme !== 'https') {
    return Promise.reject(new PromTransportError(describe(`unsupported protocol scheme "${parsed.scheme}"`), 502));
  }
  const { hostname, port } = new URL(`${parsed.scheme}://${parsed.host}`);
  const timeoutMs = queryTimeoutMs(record);
  return new Promise<PromAnswer>((resolve, reject) => {
    const send = parsed.scheme === 'https' ? httpsRequest : httpRequest;
    const req = send({
      method,
      hostname: hostname.replace(/^\[|\]$/g, ''),
      port: port === '' ? undefined : Number(port),
      path,
      headers: headers.toOutgoing(),
      agent: parsed.scheme === 'https' ? target.agents.https : target.agents.http,
      ...(parsed.scheme === 'https' ? { rejectUnauthorized: record.jsonData.tlsSkipVerify !== true } : {}),
      signal,
    });
    const timer = setTimeout(() => {
      // Grafana reports any failed exchange, a timeout included, as 502 Bad Gateway.
      req.destroy(new PromTransportError(describe('context deadline exceeded (Client.Timeout exceeded)'), 502));
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(new PromTransportError(describe(err.message), 502));
      });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 502, body: parseJson(text), text: text.slice(0, 1024) });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err instanceof PromTransportError ? err : new PromTransportError(describe(goNetError(err, parsed.host)), 502)
      );
    });
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `jsonData.queryTimeout` (a Grafana duration such as `60s`), else 60 s; an invalid value keeps the default. */
function queryTimeoutMs(record: DataSourceRecord): number {
  const value = record.jsonData.queryTimeout;
  if (typeof value !== 'string' || value === '') {
    return DEFAULT_QUERY_TIMEOUT_MS;
  }
  try {
    return parseIntervalMs(value);
  } catch {
    return DEFAULT_QUERY_TIMEOUT_MS;
  }
}

/** Node's socket errors in the words of Go's `net` package, which Grafana's messages carry. */
function goNetError(err: NodeJS.ErrnoException, host: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${host}: connect: connection refused`;
    case 'ENOTFOUND':
      return `dial tcp: lookup ${host.replace(/:\d+$/, '')}: no such host`;
    case 'ECONNRESET':
      return 'read: connection reset by peer';
    case 'ABORT_ERR':
      return 'context canceled';
    default:
      return err.message;
  }
}
