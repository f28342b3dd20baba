import { Observable, catchError, map, of, switchMap, throwError } from 'rxjs';

import { PyroscopeRequestError } from './errors';
import type { HttpTransport } from './transport';
import type { ServerFlavor } from './types';

/** The detected flavor and, when credentials were refused, the error to show. */
export interface Detection {
  flavor: ServerFlavor;
  authError?: PyroscopeRequestError;
}

/**
 * Tells Grafana Pyroscope from pyroscope-io 0.37 (pyroscope-og-api.md §6): each answers its own label-values
 * route with a JSON array and the other's with 404 (pyroscope-io's 404 is an HTML page). A 401 still tells the
 * flavor by its body shape (Connect `{code:"unauthenticated"}` vs `{"errors":[...]}`). Unauthenticated health
 * routes break ties. Anything else is "not a Pyroscope server", with what was seen.
 */
export function detectFlavor(http: HttpTransport): Observable<Detection> {
  const probe = (path: string, params: Record<string, string>) =>
    http.request({ method: 'GET', path, params }).pipe(
      map(({ text }) => ({ ok: isJsonArray(text), error: undefined as PyroscopeRequestError | undefined })),
      catchError((err: unknown) => {
        if (err instanceof PyroscopeRequestError) {
          return of({ ok: false, error: err });
        }
        return throwError(() => err);
      })
    );
  return probe('pyroscope/label-values', { label: '__name__' }).pipe(
    switchMap((grafana) => {
      if (grafana.ok) {
        return of<Detection>({ flavor: 'grafana' });
      }
      if (grafana.error && isUnreachable(grafana.error)) {
        // Nothing answered (the proxy's 502/504, a network error): say so, not "not a Pyroscope server".
        return throwError(() => grafana.error);
      }
      if (grafana.error && isAuthError(grafana.error) && grafana.error.serverMessage?.startsWith('unauthenticated')) {
        return of<Detection>({ flavor: 'grafana', authError: grafana.error });
      }
      return probe('label-values', { label: '__name__' }).pipe(
        switchMap((og) => {
          if (og.ok) {
            return of<Detection>({ flavor: 'og' });
          }
          if (og.error && isAuthError(og.error)) {
            return of<Detection>({
              flavor: og.error.serverMessage?.startsWith('unauthenticated') ? 'grafana' : 'og',
              authError: og.error,
            });
          }
          return tieBreak(http, grafana.error ?? og.error);
        })
      );
    })
  );
}

function tieBreak(http: HttpTransport, seen: PyroscopeRequestError | undefined): Observable<Detection> {
  const text = (path: string) =>
    http.request({ method: 'GET', path }).pipe(
      map((r) => r.text.trim()),
      catchError(() => of(''))
    );
  return text('healthz').pipe(
    switchMap((healthz) => {
      if (healthz === 'server is ready') {
        return of<Detection>({ flavor: 'og' });
      }
      return text('ready').pipe(
        map((ready) => {
          if (ready === 'ready') {
            return { flavor: 'grafana' as const };
          }
          throw new PyroscopeRequestError(
            {
              status: seen?.status ?? 0,
              endpoint: 'pyroscope/label-values',
              problem: 'This URL does not answer like a Pyroscope server',
              serverMessage: seen?.serverMessage,
              hint: 'Check the URL: it must point at Grafana Pyroscope or pyroscope-io (for example http://pyroscope:4040), not at a UI behind a proxy',
            },
            { cause: seen }
          );
        })
      );
    })
  );
}

/** The gateway statuses Grafana's data proxy answers with when the server does not (502, 503, 504), or no answer. */
function isUnreachable(err: PyroscopeRequestError): boolean {
  return err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504;
}

function isAuthError(err: PyroscopeRequestError): boolean {
  return err.status === 401 || err.status === 403;
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
