/**
 * The URL helpers of Grafana's Go code that decide what the datasource proxy sends upstream, rewritten so the sandbox
 * proxies byte for byte like Grafana: `util.JoinURLFragments`, `util.CleanRelativePath`, `url.Values.Encode` and
 * `url.URL.EscapedPath` (net/url).
 */

/** Grafana's `util.JoinURLFragments`: joins two URL paths with exactly one `/` between them. */
export function joinUrlFragments(a: string, b: string): string {
  if (b.length === 0) {
    return a;
  }
  const aSlash = a.endsWith('/');
  const bSlash = b.startsWith('/');
  if (aSlash && bSlash) {
    return a + b.slice(1);
  }
  if (!aSlash && !bSlash) {
    return `${a}/${b}`;
  }
  return a + b;
}

/**
 * Grafana's `util.CleanRelativePath`: `filepath.Rel("/", filepath.Clean("/" + path))` — `..` cannot climb above the
 * root, duplicate slashes and `.` disappear, and the empty path becomes `.`.
 */
export function cleanRelativePath(path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

const HEX = '0123456789ABCDEF';

function percentEncodeByte(byte: number): string {
  return `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

function isUnreserved(c: string): boolean {
  return /^[A-Za-z0-9\-_.~]$/.test(c);
}

/** Go's `url.QueryEscape`: unreserved characters stay, space becomes `+`, every other byte is `%XX`. */
export function goQueryEscape(value: string): string {
  let out = '';
  for (const char of value) {
    if (isUnreserved(char)) {
      out += char;
    } else if (char === ' ') {
      out += '+';
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        out += percentEncodeByte(byte);
      }
    }
  }
  return out;
}

/** Go's `url.PathEscape`-style escaping of a path (`shouldEscape` in `encodePath` mode). */
export function goPathEscape(path: string): string {
  let out = '';
  for (const char of path) {
    if (isUnreserved(char) || '$&+,/:;=@'.includes(char)) {
      out += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        out += percentEncodeByte(byte);
      }
    }
  }
  return out;
}

/** Go's `url.PathUnescape`; undefined for a malformed escape (Go returns an error). */
export function goPathUnescape(path: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) {
    return undefined;
  }
  const bytes: number[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '%') {
      bytes.push(parseInt(path.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const char = String.fromCodePoint(path.codePointAt(i) ?? 0);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Go's `URL.EscapedPath`: the raw path when it is a valid encoding of the decoded path, otherwise the decoded path
 * escaped again. This is why a plugin route that rewrites the decoded path with an escaped proxy path sends `%25`.
 */
export function goEscapedPath(path: string, rawPath: string): string {
  if (rawPath !== '' && goPathUnescape(rawPath) === path && !/[^A-Za-z0-9\-_.~$&+,/:;=@%!'()*[\]]/.test(rawPath)) {
    return rawPath;
  }
  return goPathEscape(path);
}

/** Go's `url.QueryUnescape`; undefined for a malformed escape. */
function goQueryUnescape(value: string): string | undefined {
  const unescaped = goPathUnescape(value.replace(/\+/g, ' '));
  return unescaped;
}

/** Query parameters in Go's `url.Values` shape: names in first-seen order, each with its values. */
export type GoQueryValues = Map<string, string[]>;

/**
 * Go's `url.ParseQuery` as `URL.Query()` uses it: pairs are split on `&`; a pair containing `;` or a malformed
 * escape is dropped (Go records an error and `Query()` ignores it); `a` alone means `a=`.
 */
export function goParseQuery(rawQuery: string): GoQueryValues {
  const values: GoQueryValues = new Map();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) {
      continue;
    }
    const eq = pair.indexOf('=');
    const key = goQueryUnescape(eq === -1 ? pair : pair.slice(0, eq));
    const value = goQueryUnescape(eq === -1 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) {
      continue;
    }
    const list = values.get(key) ?? [];
    list.push(value);
    values.set(key, list);
  }
  return values;
}

/** Go's `url.Values.Encode`: keys sorted (byte order), values in order, `QueryEscape`d, joined with `&`. */
export function goEncodeQuery(values: GoQueryValues): string {
  const keys = [...values.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs: string[] = [];
  for (const key of keys) {
    for (const value of values.get(key) ?? []) {
      pairs.push(`${goQueryEscape(key)}=${goQueryEscape(value)}`);
    }
  }
  return pairs.join('&');
}

/** A datasource URL split the way Go's `url.Parse` splits it (enough for the proxy). */
export interface GoUrl {
  scheme: string;
  /** `host[:port]`, possibly empty (`http://` parses in Go). */
  host: string;
  /** Decoded path. */
  path: string;
  /** The path as written (escaped). */
  rawPath: string;
}

/** Types for which Grafana refuses an empty URL (`requiredURL` in pkg/api/datasource). */
const URL_REQUIRED_TYPES = new Set([
  'graphite',
  'influxdb',
  'influxdb_08',
  'elasticsearch',
  'prometheus',
  'alertmanager',
  'jaeger',
  'loki',
  'opentsdb',
  'tempo',
  'zipkin',
  'mysql',
  'postgres',
  'grafana-postgresql-datasource',
  'mssql',
]);

/**
 * Grafana's `datasource.ValidateURL`: an empty URL is an error only for core types that need one; a URL without
 * `scheme://` gets `http://` prepended; then Go's `url.Parse` decides.
 *
 * @returns the parsed URL, or the reason it is invalid.
 */
export function validateDataSourceUrl(type: string, url: string): GoUrl | { error: string } {
  if (URL_REQUIRED_TYPES.has(type) && url.trim() === '') {
    return { error: 'empty URL string' };
  }
  const withScheme = /^[^:]*:\/\//.test(url) ? url : `http://${url}`;
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(withScheme);
  if (!match) {
    return { error: `parse ${JSON.stringify(withScheme)}: missing protocol scheme` };
  }
  const [, scheme, authority, rawPath] = match;
  const host = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-_~%!$&'()*+,;=]*)(:\d*)?$/.test(host)) {
    return { error: `parse ${JSON.stringify(withScheme)}: invalid character in host name` };
  }
  const path = goPathUnescape(rawPath);
  if (path === undefined) {
    return { error: `parse ${JSON.stringify(withScheme)}: invalid URL escape` };
  }
  return { scheme: scheme.toLowerCase(), host, path, rawPath };
}
