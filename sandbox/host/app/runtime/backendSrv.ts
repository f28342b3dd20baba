/**
 * The host's BackendSrv, following Grafana's `app/core/services/backend_srv.ts`: `fetch` returns an Observable of
 * FetchResponse and errors as FetchError; unsubscribing aborts the HTTP request; a request whose `requestId` is sent
 * again is cancelled (it errors with `cancelled: true`, status -1); local URLs get the org header and lose their
 * leading slash (they resolve against `<base href="/">`); error bodies are normalised to `data.message`; alerts go
 * to appEvents for local, non-query calls. Not emulated: the fetch queue's concurrency limit, login ping and token
 * rotation on 401, the query inspector stream.
 */
import { Observable, Subject, catchError, filter, lastValueFrom, map, takeUntil, throwError, throwIfEmpty } from 'rxjs';
import { AppEvents, DataQueryErrorType, type BusEventWithPayload, type EventBus } from '@grafana/data';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

import { initFromOptions, parseResponseBody, urlWithParams, type FetchLike, type ResponseLike } from './fetchOptions';

const CANCEL_ALL_REQUESTS_REQUEST_ID = 'cancel_all_requests_request_id';
const HTTP_REQUEST_CANCELED = -1;

/** What the service needs from its surroundings. */
export interface BackendSrvDeps {
  fetch: FetchLike;
  /** Sent as `X-Grafana-Org-Id` on local requests. */
  orgId?: number;
  /** Where success and error alerts go (Grafana shows them as toasts). */
  appEvents?: Pick<EventBus, 'publish'>;
}

export class HostBackendSrv implements BackendSrv {
  private readonly inFlightRequests = new Subject<string>();

  constructor(private readonly deps: BackendSrvDeps) {}

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      // Announce the id first: an older request with the same id is cancelled, this one is not (its takeUntil
      // subscribes after the announcement).
      if (options.requestId) {
        this.inFlightRequests.next(options.requestId);
      }
      const config = this.parseRequestOptions({ ...options });
      return this.fromFetch<T>(config)
        .pipe(
          map((response) => {
            if (!response.ok) {
              const error: FetchError = {
                status: response.status,
                statusText: response.statusText,
                data: response.data,
                config,
              };
              throw error;
            }
            this.showSuccessAlert(response);
            return response;
          }),
          catchError((err: unknown) => throwError(() => this.processRequestError(config, err))),
          takeUntil(
            this.inFlightRequests.pipe(
              filter((id) => id === CANCEL_ALL_REQUESTS_REQUEST_ID || (!!config.requestId && id === config.requestId))
            )
          ),
          // A request stopped by takeUntil completes without a value: report it as Grafana's cancellation error.
          throwIfEmpty(() => cancelledError(config))
        )
        .subscribe(subscriber);
    });
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return lastValueFrom(this.fetch<T>(options).pipe(map((response) => response.data)));
  }

  async datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T = unknown>(url: string, params?: unknown, requestId?: string, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({
      ...options,
      method: 'GET',
      url,
      params: params as BackendSrvRequest['params'],
      requestId,
    });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, method: 'DELETE', url, data });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, method: 'POST', url, data });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, method: 'PATCH', url, data });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, method: 'PUT', url, data });
  }

  /** Streams the response body chunk by chunk (each FetchResponse carries the next chunk in `data`). */
  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    const config = this.parseRequestOptions({ ...options });
    return new Observable((subscriber) => {
      const controller = new AbortController();
      this.deps
        .fetch(urlWithParams(config), initFromOptions(config, controller.signal))
        .then(async (response) => {
          const reader = response.body?.getReader();
          const base = responseFields(response, config);
          if (!reader) {
            subscriber.next({ ...base, data: undefined });
            subscriber.complete();
            return;
          }
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) {
              break;
            }
            subscriber.next({ ...base, data: chunk.value });
          }
          subscriber.complete();
        })
        .catch((err: unknown) => {
          if (!controller.signal.aborted) {
            subscriber.error(this.processRequestError(config, err));
          }
        });
      return () => controller.abort();
    });
  }

  /** Cancels the in-flight requests started with this id (Grafana calls it when a query is unsubscribed). */
  resolveCancelerIfExists(requestId: string): void {
    this.inFlightRequests.next(requestId);
  }

  cancelAllInFlightRequests(): void {
    this.inFlightRequests.next(CANCEL_ALL_REQUESTS_REQUEST_ID);
  }

  private parseRequestOptions(options: BackendSrvRequest): BackendSrvRequest {
    options.retry = options.retry ?? 0;
    if (isLocalUrl(options.url)) {
      const headers: Record<string, unknown> = { ...options.headers };
      if (this.deps.orgId) {
        headers['X-Grafana-Org-Id'] = this.deps.orgId;
      }
      // Grafana keeps the user's own Authorization for itself and forwards the caller's as X-DS-Authorization.
      if (headers.Authorization) {
        headers['X-DS-Authorization'] = headers.Authorization;
        delete headers.Authorization;
      }
      options.headers = headers;
      if (options.url.startsWith('/')) {
        options.url = options.url.substring(1);
      }
    }
    return options;
  }

  private fromFetch<T>(config: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      const outer = config.abortSignal;
      const onOuterAbort = () => controller.abort();
      outer?.addEventListener('abort', onOuterAbort);
      let done = false;
      this.deps
        .fetch(urlWithParams(config), initFromOptions(config, controller.signal))
        .then(async (response) => {
          // Error bodies are read leniently (text, JSON when it parses) so a failure keeps the server's words.
          const data = response.ok
            ? await parseResponseBody(response, config.responseType)
            : await parseResponseBody(response, config.responseType === 'text' ? 'text' : undefined);
          done = true;
          subscriber.next({ ...responseFields(response, config), data: data as T });
          subscriber.complete();
        })
        .catch((err: unknown) => {
          done = true;
          if (!subscriber.closed) {
            subscriber.error(err);
          }
        });
      return () => {
        outer?.removeEventListener('abort', onOuterAbort);
        if (!done) {
          controller.abort();
        }
      };
    });
  }

  /** Makes `data` an object with a `message` (Grafana's processRequestError) and schedules the error alert. */
  private processRequestError(config: BackendSrvRequest, err: unknown): unknown {
    if (typeof err !== 'object' || err === null) {
      return err;
    }
    const error = err as FetchError & { data?: unknown };
    if (error.data === undefined || error.data === null) {
      error.data = { message: 'Unexpected error' };
    }
    if (typeof error.data === 'string') {
      error.data = { message: error.data, error: error.statusText, response: error.data };
    }
    const data = error.data as { message?: unknown; error?: unknown };
    if (!data.message && typeof data.error === 'string') {
      data.message = data.error;
    }
    if (!('config' in error)) {
      (error as { config?: BackendSrvRequest }).config = config;
    }
    if (data.message) {
      // Callers get 50 ms to mark the error handled, as in Grafana.
      setTimeout(() => {
        if (!error.isHandled) {
          this.showErrorAlert(config, error, String(data.message));
        }
      }, 50);
    }
    return error;
  }

  private showSuccessAlert<T>(response: FetchResponse<T>): void {
    const { config } = response;
    if (config.showSuccessAlert === false) {
      return;
    }
    if (
      config.showSuccessAlert === undefined &&
      (config.method === 'GET' || config.method === undefined || isDataQuery(config.url) || !isLocalUrl(config.url))
    ) {
      return;
    }
    const message = (response.data as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string' && message) {
      this.publish(AppEvents.alertSuccess, [message]);
    }
  }

  private showErrorAlert(config: BackendSrvRequest, err: FetchError, message: string): void {
    if (config.showErrorAlert === false) {
      return;
    }
    if (config.showErrorAlert === undefined && (isDataQuery(config.url) || !isLocalUrl(config.url))) {
      return;
    }
    let title = message === 'Unexpected error' && err.message ? err.message : message;
    let description = '';
    if (title.length > 80) {
      description = title;
      title = 'Error';
    }
    if (err.status === 422) {
      description = message;
      title = 'Validation failed';
    }
    this.publish(err.status < 500 ? AppEvents.alertWarning : AppEvents.alertError, [title, description]);
  }

  private publish(event: { name: string }, payload: unknown[]): void {
    this.deps.appEvents?.publish({ type: event.name, payload } as BusEventWithPayload<unknown[]>);
  }
}

function responseFields(response: ResponseLike, config: BackendSrvRequest) {
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    url: response.url,
    type: response.type,
    redirected: response.redirected,
    config,
  };
}

function cancelledError(config: BackendSrvRequest) {
  return {
    type: DataQueryErrorType.Cancelled,
    cancelled: true,
    data: null,
    status: HTTP_REQUEST_CANCELED,
    statusText: 'Request was aborted',
    config,
  };
}

/** A URL to this host (not `http(s)://...`). */
export function isLocalUrl(url: string): boolean {
  return !/^http/.test(url);
}

/** Datasource queries: errors from these are shown in panels, not as toasts. */
export function isDataQuery(url: string): boolean {
  return url.includes('api/datasources/proxy') || url.includes('api/tsdb/query') || url.includes('api/ds/query');
}
