import http from 'http';
import { Observable } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';

/**
 * Grafana's backend service `fetch` over Node's http, for integration tests that run the datasource against a real
 * server: URL params serialised like Grafana (arrays repeat the key), JSON bodies, `responseType: 'text'` kept as
 * text, `responseType: 'arraybuffer'` as an ArrayBuffer, non-2xx answers thrown as FetchError-shaped objects with the parsed body and the response headers, a
 * connection closed mid-body as a network error (status 0), and unsubscribing aborts the request. `baseUrl` replaces the datasource URL prefix (a test talks to the server without Grafana's proxy).
 */
export function nodeBackendSrv(options: { headers?: Record<string, string> } = {}): () => BackendSrv {
  const fetch = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable<FetchResponse<T>>((subscriber) => {
      const url = new URL(req.url);
      for (const [key, value] of Object.entries(req.params ?? {})) {
        for (const v of Array.isArray(value) ? value : [value]) {
          url.searchParams.append(key, String(v));
        }
      }
      const body = req.data === undefined ? undefined : JSON.stringify(req.data);
      const headers: Record<string, string> = { ...(options.headers ?? {}), ...(req.headers ?? {}) };
      if (body !== undefined) {
        headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
      }
      let finished = false;
      // A connection per request: a kept-alive socket the server closed after its idle timeout (5 s) would answer
      // the next request with ECONNRESET.
      const request = http.request(url, { method: req.method ?? 'GET', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          finished = true;
          const all = Buffer.concat(chunks);
          const text = all.toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            const data =
              req.responseType === 'arraybuffer'
                ? all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)
                : req.responseType === 'text'
                  ? text
                  : parseOrText(text);
            subscriber.next({
              status,
              data: data as T,
              ok: true,
              statusText: res.statusMessage ?? '',
            } as FetchResponse<T>);
            subscriber.complete();
          } else {
            subscriber.error({
              status,
              data: parseOrText(text),
              statusText: res.statusMessage ?? '',
              config: req,
              headers: res.headers,
            });
          }
        });
        // The server closed the connection mid-body: no 'end' comes, only this.
        res.on('error', (err) => {
          if (!finished) {
            finished = true;
            subscriber.error({ status: 0, data: { message: err.message }, statusText: err.message, config: req });
          }
        });
      });
      request.on('error', (err) => {
        if (!finished) {
          finished = true;
          subscriber.error({ status: 0, data: { message: err.message }, statusText: err.message, config: req });
        }
      });
      if (body !== undefined) {
        request.write(body);
      }
      request.end();
      return () => {
        if (!finished) {
          request.destroy();
        }
      };
    });
  return () => ({ fetch }) as unknown as BackendSrv;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
