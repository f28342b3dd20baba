import { Observable, catchError, map, throwError, timeout, TimeoutError } from 'rxjs';
import { type BackendSrv, type FetchError, type FetchResponse } from '@grafana/runtime';

import { PyroscopeRequestError, hintForStatus } from './errors';
import { serverMessageOf } from './serverMessage';

/** One HTTP call to the Pyroscope server, relative to the datasource URL. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path below the server's base URL, without a leading slash: `querier.v1.QuerierService/LabelNames`. */
  path: string;
  params?: Record<string, string | number | string[]>;
  /** JSON body for POST. */
  body?: unknown;
  /** Grafana cancels an in-flight request when a newer one with the same id starts (stale results never land). */
  requestId?: string;
  /**
   * `bytes` for files (pprof downloads) and flame graph answers (decoded off the main thread when large): the body
   * comes back as `HttpResponse.bytes`. Default `text`.
   */
  bodyAs?: 'text' | 'bytes';
}

/** The raw answer: status and body text (we parse bodies ourselves to report bad ones precisely). */
export interface HttpResponse {
  status: number;
  /** The body as text; empty when the body was asked for as bytes. */
  text: string;
  /** The body's bytes, when asked for (`bodyAs: 'bytes'`). */
  bytes?: Uint8Array;
}

/** Sends requests to the server; unsubscribing cancels the request. */
export interface HttpTransport {
  request(req: HttpRequest): Observable<HttpResponse>;
}

/**
 * Transport through Grafana's backend service and datasource proxy: `baseUrl` is the datasource's proxy URL
 * (`/api/datasources/proxy/uid/<uid>`), so credentials in secureJsonData are added server-side by Grafana and never
 * reach the browser. Bodies come back as text, or as bytes when asked (`bodyAs`); non-2xx answers and network failures become `PyroscopeRequestError`s
 * with the status, the server's message and a hint.
 */
export class BackendSrvTransport implements HttpTransport {
  constructor(
    private readonly backendSrv: () => BackendSrv,
    private readonly baseUrl: string,
    private readonly timeoutMs: number
  ) {}

  request(req: HttpRequest): Observable<HttpResponse> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/${req.path}`;
    const binary = req.bodyAs === 'bytes';
    return this.backendSrv()
      .fetch<string | ArrayBuffer>({
        url,
        method: req.method,
        params: req.params,
        data: req.method === 'POST' ? (req.body ?? {}) : undefined,
        headers: req.method === 'POST' ? { 'Content-Type': 'application/json' } : undefined,
        responseType: binary ? 'arraybuffer' : 'text',
        ...(req.requestId ? { requestId: req.requestId } : {}),
        showErrorAlert: false,
        showSuccessAlert: false,
      })
      .pipe(
        timeout({ first: this.timeoutMs }),
        map((res: FetchResponse<string | ArrayBuffer>) =>
          binary
            ? { status: res.status, text: '', bytes: bytesOf(res.data) }
            : { status: res.status, text: typeof res.data === 'string' ? res.data : '' }
        ),
        catchError((err: unknown) => throwError(() => toRequestError(err, req.path, this.timeoutMs)))
      );
  }
}

/** Turns whatever the backend service threw into a `PyroscopeRequestError`. */
export function toRequestError(err: unknown, endpoint: string, timeoutMs: number): PyroscopeRequestError {
  if (err instanceof PyroscopeRequestError) {
    return err;
  }
  if (err instanceof TimeoutError) {
    return new PyroscopeRequestError(
      {
        status: 0,
        endpoint,
        problem: `No answer within ${Number((timeoutMs / 1000).toFixed(1))} s`,
        hint: 'Try a shorter time range, or raise the request timeout in the data source settings',
      },
      { cause: err }
    );
  }
  if (isFetchError(err)) {
    if (err.cancelled) {
      return new PyroscopeRequestError({ status: 0, endpoint, problem: 'The request was cancelled' }, { cause: err });
    }
    // A body asked for as bytes arrives as an ArrayBuffer: its error text is read as UTF-8.
    const data: unknown = isArrayBuffer(err.data) ? new TextDecoder().decode(err.data) : err.data;
    const serverMessage = serverMessageOf(data) ?? err.statusText;
    if (!err.status) {
      return new PyroscopeRequestError(
        {
          status: 0,
          endpoint,
          problem: 'Could not reach Grafana or the server',
          serverMessage,
          hint: 'Check the network',
        },
        { cause: err }
      );
    }
    const { problem, hint } = hintForStatus(err.status, serverMessage ?? '', headerOf(err, 'retry-after'));
    return new PyroscopeRequestError({ status: err.status, endpoint, problem, serverMessage, hint }, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new PyroscopeRequestError(
    { status: 0, endpoint, problem: 'The request failed', serverMessage: message },
    { cause: err }
  );
}

/**
 * A response header on a failed fetch. Grafana's FetchError type does not declare headers; when the backend service
 * passes them along (a `Headers` object or a plain record) they are read, else the message goes without.
 */
function headerOf(err: FetchError, name: string): string | undefined {
  const headers: unknown = (err as FetchError & { headers?: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) {
    return undefined;
  }
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number')) {
      return String(value);
    }
  }
  return undefined;
}

/** The bytes of a body fetched as `arraybuffer` (a typed array or text, from backend services that differ). */
function bytesOf(data: unknown): Uint8Array {
  if (isArrayBuffer(data)) {
    return new Uint8Array(data);
  }
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(0);
}

/** An ArrayBuffer, also one made in another realm (an iframe, a test environment), where `instanceof` fails. */
function isArrayBuffer(data: unknown): data is ArrayBuffer {
  return Object.prototype.toString.call(data) === '[object ArrayBuffer]';
}

function isFetchError(err: unknown): err is FetchError {
  return typeof err === 'object' && err !== null && 'status' in err && 'data' in err;
}
