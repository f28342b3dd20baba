import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Go's `http.CanonicalHeaderKey`: `x-scope-orgid` → `X-Scope-Orgid`. */
export function canonicalHeaderKey(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => (part === '' ? part : part[0].toUpperCase() + part.slice(1)))
    .join('-');
}

/**
 * Request headers with Go's `http.Header` semantics (case-insensitive names, several values per name), so the proxy
 * can follow Grafana's Set/Add/Del steps literally.
 */
export class GoHeader {
  private readonly values = new Map<string, string[]>();

  /** Headers of an incoming Node request (Node joins repeated headers; `Cookie` lines with `; `). */
  static fromIncoming(headers: IncomingHttpHeaders): GoHeader {
    const header = new GoHeader();
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) {
        continue;
      }
      for (const item of Array.isArray(value) ? value : [value]) {
        header.add(name, item);
      }
    }
    return header;
  }

  get(name: string): string {
    return this.values.get(canonicalHeaderKey(name))?.[0] ?? '';
  }

  getAll(name: string): string[] {
    return [...(this.values.get(canonicalHeaderKey(name)) ?? [])];
  }

  has(name: string): boolean {
    return this.values.has(canonicalHeaderKey(name));
  }

  set(name: string, value: string): void {
    this.values.set(canonicalHeaderKey(name), [value]);
  }

  add(name: string, value: string): void {
    const key = canonicalHeaderKey(name);
    this.values.set(key, [...(this.values.get(key) ?? []), value]);
  }

  del(name: string): void {
    this.values.delete(canonicalHeaderKey(name));
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  /** For `http.request`: one entry per name, repeated values as an array (sent as separate lines). */
  toOutgoing(): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = {};
    for (const [name, values] of this.values) {
      out[name] = values.length === 1 ? values[0] : values;
    }
    return out;
  }
}

/** Hop-by-hop headers Go's ReverseProxy removes in both directions (RFC 9110 7.6.1). */
const HOP_BY_HOP = [
  'Connection',
  'Proxy-Connection',
  'Keep-Alive',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Te',
  'Trailer',
  'Transfer-Encoding',
  'Upgrade',
];

/** Go's `removeHopByHopHeaders`: the fixed list plus every header the `Connection` header names. */
export function removeHopByHopHeaders(header: GoHeader): void {
  for (const value of header.getAll('Connection')) {
    for (const name of value.split(',')) {
      const trimmed = name.trim();
      if (trimmed !== '') {
        header.del(trimmed);
      }
    }
  }
  for (const name of HOP_BY_HOP) {
    header.del(name);
  }
}

/** Go's `Request.Cookies()` for the `Cookie` header: `name=value` pairs (quotes around a value removed). */
export function parseCookies(header: GoHeader): Array<{ name: string; value: string }> {
  const cookies: Array<{ name: string; value: string }> = [];
  for (const line of header.getAll('Cookie')) {
    for (const part of line.split(';')) {
      const trimmed = part.trim();
      const eq = trimmed.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      const name = trimmed.slice(0, eq);
      let value = trimmed.slice(eq + 1);
      if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) {
        value = value.slice(1, -1);
      }
      if (/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
        cookies.push({ name, value });
      }
    }
  }
  return cookies;
}
