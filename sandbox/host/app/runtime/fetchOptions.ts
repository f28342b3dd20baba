/**
 * How Grafana's BackendSrv turns a BackendSrvRequest into a `fetch` call and a Response back into data (Grafana's
 * `app/core/utils/fetch.ts`, rewritten): query parameters, default headers, the body encoding and the response
 * parsing by `responseType` or content type.
 */
import type { BackendSrvRequest } from '@grafana/runtime';

/** The subset of a fetch Response the host reads (so tests can hand in plain objects). */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  readonly type: ResponseType;
  readonly redirected: boolean;
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  blob(): Promise<Blob>;
}

/** A fetch function (the browser's in the app; a fake in tests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<ResponseLike>;

/** URL with its query string: undefined and empty values are left out; arrays repeat the key. */
export function urlWithParams(options: BackendSrvRequest): string {
  const params: string[] = [];
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value === undefined || value === null || (typeof value === 'string' && value.length === 0)) {
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        continue;
      }
      for (const item of value) {
        params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
      }
      continue;
    }
    params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  if (params.length === 0) {
    return options.url;
  }
  return `${options.url}${options.url.includes('?') ? '&' : '?'}${params.join('&')}`;
}

/** The fetch init: method, headers with Grafana's defaults, body and credentials. */
export function initFromOptions(options: BackendSrvRequest, signal: AbortSignal): RequestInit {
  const headers = headersFromOptions(options);
  return {
    method: options.method ?? 'GET',
    headers,
    body: bodyFromOptions(options, isJsonContentType(headers['content-type'])),
    credentials: options.credentials ?? (options.withCredentials ? 'include' : 'same-origin'),
    signal,
  };
}

function headersFromOptions(options: BackendSrvRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    // Header names are case-insensitive; keep one spelling so defaults below see what the caller set.
    headers[key.toLowerCase()] = sanitizeHeader(String(value));
  }
  headers.accept ??= 'application/json, text/plain, */*';
  const method = (options.method ?? 'GET').toLowerCase();
  // Grafana defaults POST/PUT/PATCH bodies to JSON; a FormData body carries its own multipart content type.
  if ((method === 'post' || method === 'put' || method === 'patch') && !isBinaryBody(options.data)) {
    headers['content-type'] ??= 'application/json';
  }
  return headers;
}

/** Header values must be ISO-8859-1: anything else is URI-encoded, as Grafana does. */
function sanitizeHeader(value: string): string {
  return /[^\u0000-\u00ff]/.test(value) ? encodeURI(value) : value;
}

function isBinaryBody(data: unknown): boolean {
  return (
    (typeof Blob !== 'undefined' && data instanceof Blob) ||
    (typeof FormData !== 'undefined' && data instanceof FormData) ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data) ||
    (typeof URLSearchParams !== 'undefined' && data instanceof URLSearchParams)
  );
}

function bodyFromOptions(options: BackendSrvRequest, isJson: boolean): BodyInit | undefined {
  const data: unknown = options.data;
  if (data === undefined || data === null || data === '') {
    return undefined;
  }
  if (typeof data === 'string' || isBinaryBody(data)) {
    return data as BodyInit;
  }
  if (isJson) {
    return JSON.stringify(data);
  }
  return new URLSearchParams(data as Record<string, string>);
}

function isJsonContentType(contentType: string | undefined): boolean {
  const type = contentType?.toLowerCase();
  return type === 'application/json' || type === 'application/merge-patch+json';
}

/** Reads the body as the request asked, else as JSON when the server says JSON, else text parsed as JSON if it is. */
export async function parseResponseBody(response: ResponseLike, responseType: BackendSrvRequest['responseType']) {
  const type =
    responseType ?? (response.headers.get('content-type')?.includes('application/json') ? 'json' : undefined);
  switch (type) {
    case 'arraybuffer':
      return response.arrayBuffer();
    case 'blob':
      return response.blob();
    case 'text':
      return response.text();
    case 'json': {
      // Some APIs declare JSON and send nothing: Grafana returns an empty object then.
      if (response.headers.get('content-length') === '0') {
        return {};
      }
      const text = await response.text();
      return text === '' ? {} : JSON.parse(text);
    }
    default: {
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
  }
}
