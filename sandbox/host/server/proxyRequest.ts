import { GoHeader, parseCookies, removeHopByHopHeaders } from './goHeader';
import { GoTemplateError, renderGoTemplate, routeTemplateData, type RouteTemplateData } from './goTemplate';
import {
  cleanRelativePath,
  goEncodeQuery,
  goEscapedPath,
  goParseQuery,
  goPathUnescape,
  joinUrlFragments,
  validateDataSourceUrl,
  type GoUrl,
} from './goUrl';
import type { LoadedPlugin, PluginRoute } from './plugins';
import type { DataSourceRecord, JsonObject } from './types';

/** Grafana's login cookie, never forwarded to a datasource. */
const LOGIN_COOKIE = 'grafana_session';
/** Grafana's `[dataproxy] timeout` default, in seconds. */
const DEFAULT_TIMEOUT_SEC = 30;

/** The incoming request, as far as the proxy needs it. */
export interface ProxyInput {
  method: string;
  /** The proxy path as sent by the browser (escaped), after `/api/datasources/proxy/uid/<uid>/`. */
  proxyPath: string;
  /** Query string without `?` ('' when none). */
  rawQuery: string;
  headers: GoHeader;
  /** Client address (`req.socket.remoteAddress`). */
  remoteAddress: string | undefined;
  record: DataSourceRecord;
  secrets: Readonly<Record<string, string>>;
  plugin: LoadedPlugin;
  /** The emulated Grafana's version, for the `User-Agent` Grafana sends upstream. */
  grafanaVersion: string;
}

/** What to send upstream. */
export interface ProxyPlan {
  kind: 'forward';
  /** URL scheme; anything but http/https fails upstream like Go's transport ("unsupported protocol scheme"). */
  scheme: string;
  /** `host[:port]` (empty when the datasource URL has none: the request then fails like Go's transport does). */
  host: string;
  /** Escaped path plus `?query`. */
  path: string;
  headers: GoHeader;
  /** A route `body` template replaces the request body. */
  body?: string;
  timeoutMs: number;
  rejectUnauthorized: boolean;
  /** Problems Grafana would log (template errors, features the sandbox does not emulate). */
  warnings: string[];
}

/** A request Grafana answers itself, without contacting the datasource. */
export interface ProxyRefusal {
  kind: 'refuse';
  status: number;
  body: JsonObject;
}

/**
 * Decides what Grafana 12's datasource proxy (pkg/api/pluginproxy `DataSourceProxy`, pkg/util/proxyutil and the
 * datasource HTTP client middlewares) would send upstream for this request: target URL, path and query, the headers
 * it drops, rewrites and adds, plugin route matching with header/URL/query/body templates, basic auth and custom
 * headers. Pure: no I/O, so every rule is unit-testable.
 */
export function planProxyRequest(input: ProxyInput): ProxyPlan | ProxyRefusal {
  const { record } = input;
  const target = validateDataSourceUrl(record.type, record.url);
  if ('error' in target) {
    return refuse(400, `Invalid data source URL: ${JSON.stringify(record.url)}`);
  }
  const matched = matchRoute(input.plugin, input.method, input.proxyPath);
  if ('refusal' in matched) {
    return matched.refusal;
  }
  const warnings: string[] = [];
  const headers = input.headers;
  headers.del('Host'); // Go keeps the incoming Host out of the header map
  // proxyutil.wrapDirector: headers Grafana authenticated the browser with never reach the datasource.
  headers.del('Authorization');
  headers.del('X-Grafana-Device-Id');

  const url = { scheme: target.scheme, host: target.host, rawQuery: input.rawQuery } as MutableUrl;
  url.rawPath = joinUrlFragments(target.path, input.proxyPath);
  url.path = goPathUnescape(url.rawPath) ?? url.rawPath;

  if (record.basicAuth) {
    headers.set('Authorization', basicAuthHeader(record.basicAuthUser, input.secrets.basicAuthPassword ?? ''));
  }
  const dsAuthorization = headers.get('X-DS-Authorization');
  if (dsAuthorization !== '') {
    headers.del('X-DS-Authorization');
    headers.set('Authorization', dsAuthorization);
  }
  headers.del('X-Grafana-User'); // [dataproxy] send_user_header is off by default
  clearCookies(headers, keepCookieNames(record.jsonData));
  headers.set('User-Agent', `Grafana/${input.grafanaVersion}`);

  let body: string | undefined;
  if (matched.route) {
    const data = routeTemplateData(record.jsonData, input.secrets, record.url);
    body = applyRoute(matched.route, input.proxyPath, data, url, headers, warnings);
  }
  prepareProxyRequest(headers, input.remoteAddress);
  // httputil.ReverseProxy: hop-by-hop headers go, and the client address is appended to X-Forwarded-For (again).
  removeHopByHopHeaders(headers);
  appendForwardedFor(headers, input.remoteAddress);
  applyTransportMiddlewares(record, input.secrets, headers);

  return {
    kind: 'forward',
    scheme: url.scheme,
    host: url.host,
    path: (goEscapedPath(url.path, url.rawPath) || '/') + (url.rawQuery === '' ? '' : `?${url.rawQuery}`),
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: timeoutSeconds(record.jsonData) * 1000,
    rejectUnauthorized: record.jsonData.tlsSkipVerify !== true,
    warnings,
  };
}

interface MutableUrl extends Omit<GoUrl, 'scheme'> {
  scheme: string;
  rawQuery: string;
}

function refuse(status: number, message: string): ProxyRefusal {
  return { kind: 'refuse', status, body: { message } };
}

/**
 * `DataSourceProxy.validateRequest`: the first route whose method matches (empty or `*` = any) and whose cleaned
 * path prefixes the cleaned proxy path. A route path that cleans to `.` (e.g. `""`) matches every request
 * (Grafana PR #116274, in 12.4). Without a matching route, Prometheus refuses writes.
 */
function matchRoute(
  plugin: LoadedPlugin,
  method: string,
  proxyPath: string
): { route?: PluginRoute } | { refusal: ProxyRefusal } {
  const requestPath = cleanRelativePath(proxyPath);
  for (const route of plugin.routes) {
    if (route.method !== '' && route.method !== '*' && route.method !== method) {
      continue;
    }
    const routePath = cleanRelativePath(route.path);
    if (routePath !== '.' && !requestPath.startsWith(routePath)) {
      continue;
    }
    // The sandbox user is an org admin: every reqRole is satisfied.
    return { route };
  }
  if (plugin.id === 'prometheus' && ['DELETE', 'PUT', 'POST'].includes(method)) {
    return { refusal: refuse(403, `non allow-listed ${method}s not allowed on proxied Prometheus datasource`) };
  }
  return { route: undefined };
}

/** Grafana's `ApplyRoute`; returns the replacement body when the route has one. */
function applyRoute(
  route: PluginRoute,
  proxyPath: string,
  data: RouteTemplateData,
  url: MutableUrl,
  headers: GoHeader,
  warnings: string[]
): string | undefined {
  const rest = proxyPath.startsWith(route.path) ? proxyPath.slice(route.path.length) : proxyPath;
  const render = (template: string, what: string): string | undefined => {
    try {
      return renderGoTemplate(template, data);
    } catch (error) {
      if (error instanceof GoTemplateError) {
        warnings.push(`${what}: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  };
  if (route.url !== '') {
    const rendered = render(route.url, 'Error interpolating proxy url');
    if (rendered === undefined) {
      return undefined; // Grafana stops applying the route here
    }
    const parsed = parseRouteUrl(rendered);
    if (!parsed) {
      warnings.push(`Error parsing plugin route url ${JSON.stringify(rendered)}`);
      return undefined;
    }
    url.scheme = parsed.scheme;
    url.host = parsed.host;
    // Go sets only the decoded path here and keeps the earlier raw path; goEscapedPath sorts out which one is sent.
    url.path = joinUrlFragments(parsed.path, rest);
  }
  addQueryString(route, url, render);
  for (const header of route.headers) {
    const value = render(header.content, `Failed to render plugin headers (${header.name})`);
    if (value === undefined) {
      break;
    }
    headers.set(header.name, value);
  }
  let body: string | undefined;
  if (route.body !== undefined) {
    body = render(JSON.stringify(route.body), 'Failed to set plugin route body content');
  }
  if (route.tokenAuth) {
    warnings.push('plugin route token authentication (tokenAuth/jwtTokenAuth) is not emulated by the sandbox');
  }
  return body;
}

/** `url.Parse` of a rendered route URL; an empty string parses to an empty URL, as in Go. */
function parseRouteUrl(text: string): { scheme: string; host: string; path: string } | undefined {
  if (text === '') {
    return { scheme: '', host: '', path: '' };
  }
  const match = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)/.exec(text);
  if (!match || /\s/.test(match[2] ?? '')) {
    return undefined;
  }
  const path = goPathUnescape(match[3]);
  return path === undefined ? undefined : { scheme: (match[1] ?? '').toLowerCase(), host: match[2] ?? '', path };
}

/** Grafana's `addQueryString`: adds the route's urlParams and re-encodes the query (keys sorted, Go escaping). */
function addQueryString(
  route: PluginRoute,
  url: MutableUrl,
  render: (template: string, what: string) => string | undefined
): void {
  const values = goParseQuery(url.rawQuery);
  for (const param of route.urlParams) {
    const name = render(param.name, 'Failed to render plugin URL query string');
    const content = name === undefined ? undefined : render(param.content, 'Failed to render plugin URL query string');
    if (name === undefined || content === undefined) {
      return; // Grafana returns before re-encoding
    }
    values.set(name, [...(values.get(name) ?? []), content]);
  }
  url.rawQuery = goEncodeQuery(values);
}

function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function keepCookieNames(jsonData: JsonObject): string[] {
  const keep = jsonData.keepCookies;
  return Array.isArray(keep) ? keep.filter((name): name is string => typeof name === 'string') : [];
}

/** proxyutil.ClearCookieHeader: only cookies listed in jsonData.keepCookies survive (`x[]` = prefix, `[]` = all). */
function clearCookies(headers: GoHeader, keep: string[]): void {
  const kept = new Map<string, string>();
  for (const cookie of parseCookies(headers)) {
    const wanted = keep.some((pattern) =>
      pattern === '[]'
        ? true
        : pattern.endsWith('[]')
          ? cookie.name.startsWith(pattern.slice(0, -2))
          : cookie.name === pattern
    );
    if (wanted && cookie.name !== LOGIN_COOKIE) {
      kept.set(cookie.name, cookie.value);
    }
  }
  headers.del('Cookie');
  const names = [...kept.keys()].sort();
  if (names.length > 0) {
    headers.set('Cookie', names.map((name) => `${name}=${kept.get(name)}`).join('; '));
  }
}

/** proxyutil.PrepareProxyRequest. */
function prepareProxyRequest(headers: GoHeader, remoteAddress: string | undefined): void {
  headers.set('X-Grafana-Referer', headers.get('Referer'));
  headers.del('Origin');
  headers.del('Referer');
  headers.del('X-Forwarded-Host');
  headers.del('X-Forwarded-Port');
  headers.del('X-Forwarded-Proto');
  appendForwardedFor(headers, remoteAddress);
}

function appendForwardedFor(headers: GoHeader, remoteAddress: string | undefined): void {
  if (!remoteAddress) {
    return;
  }
  const client = remoteAddress.replace(/^::ffff:/, '');
  const prior = headers.getAll('X-Forwarded-For');
  headers.set('X-Forwarded-For', prior.length > 0 ? `${prior.join(', ')}, ${client}` : client);
}

/**
 * The datasource HTTP client's middlewares, which run after the proxy's director: basic auth (from `basicAuth`, or
 * from `user` + secure `password`), then the custom headers `jsonData.httpHeaderNameN` / secure `httpHeaderValueN`
 * for N = 1, 2... up to the first missing name (a `Host` custom header sets the Host).
 */
export function applyTransportMiddlewares(
  record: DataSourceRecord,
  secrets: Readonly<Record<string, string>>,
  headers: GoHeader
): void {
  if (record.basicAuth) {
    headers.set('Authorization', basicAuthHeader(record.basicAuthUser, secrets.basicAuthPassword ?? ''));
  } else if (record.user !== '') {
    headers.set('Authorization', basicAuthHeader(record.user, secrets.password ?? ''));
  }
  const custom = new GoHeader();
  for (let n = 1; ; n++) {
    const name = record.jsonData[`httpHeaderName${n}`];
    if (typeof name !== 'string' || name === '') {
      break;
    }
    const value = secrets[`httpHeaderValue${n}`];
    if (value !== undefined) {
      custom.add(name, value);
    }
  }
  for (const name of custom.names()) {
    headers.del(name);
    for (const value of custom.getAll(name)) {
      headers.add(name, value);
    }
  }
}

/** The datasource's `jsonData.timeout` in seconds (number or numeric string), else Grafana's 30 s. */
function timeoutSeconds(jsonData: JsonObject): number {
  const raw = jsonData.timeout;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : NaN;
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SEC;
}
