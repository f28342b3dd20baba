import { Observable } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';

/** A recorded answer: status and body text. */
export interface FakeAnswer {
  status?: number;
  body: string;
  /** Response headers (kept on errors too, e.g. Retry-After). */
  headers?: Record<string, string>;
  /** A binary body, sent as an ArrayBuffer (as Grafana's `responseType: 'arraybuffer'` gives it) instead of `body`. */
  bytes?: Uint8Array;
}

/** What the fake saw: path below the datasource URL, params and JSON body. */
export interface FakeCall {
  method: string;
  path: string;
  params?: BackendSrvRequest['params'];
  body?: unknown;
  /** Grafana's cancellation key, as the datasource passed it. */
  requestId?: string;
  cancelled: boolean;
}

/**
 * A unit-test stand-in for Grafana's backend service: answers by path, errors like Grafana's (a FetchError with
 * status and the parsed body), records calls and whether they were cancelled by unsubscribing.
 */
export function fakeBackend(
  baseUrl: string,
  answer: (call: FakeCall) => FakeAnswer | 'hang'
): { backendSrv: () => BackendSrv; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fetch = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable<FetchResponse<T>>((subscriber) => {
      const call: FakeCall = {
        method: options.method ?? 'GET',
        path: options.url.slice(baseUrl.length + 1),
        params: options.params,
        body: options.data,
        requestId: options.requestId,
        cancelled: false,
      };
      calls.push(call);
      const a = answer(call);
      let done = false;
      if (a !== 'hang') {
        const status = a.status ?? 200;
        const timer = setTimeout(() => {
          done = true;
          if (status >= 200 && status < 300) {
            const data = a.bytes ? a.bytes.slice().buffer : a.body;
            subscriber.next({ status, data: data as T, ok: true } as FetchResponse<T>);
            subscriber.complete();
          } else {
            let data: unknown = a.body;
            try {
              data = JSON.parse(a.body);
            } catch {
              // Grafana keeps non-JSON error bodies as text.
            }
            subscriber.error({ status, data, statusText: `status ${status}`, config: options, headers: a.headers });
          }
        }, 0);
        return () => {
          clearTimeout(timer);
          call.cancelled = !done;
        };
      }
      return () => {
        call.cancelled = true;
      };
    });
  return { backendSrv: () => ({ fetch }) as unknown as BackendSrv, calls };
}
