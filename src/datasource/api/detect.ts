import { Observable, catchError, map, of, switchMap, throwError } from 'rxjs';

import { PyroscopeRequestError } from './errors';
import type { HttpTransport } from './transport';
import type { ServerFlavor } from '../../model/contract';

/** The flavor a server positively identified itself as. */
export interface Detection {
  flavor: ServerFlavor;
}

/**
 * Tells Grafana Pyroscope from pyroscope-io 0.37: each answers its own label-values
 * route with a JSON array and the other's with 404 (pyroscope-io's 404 is an HTML page). Unauthenticated health
 * routes break ties. Only such a positive answer identifies a flavor: a refused or failed probe (a proxy's plain
 * 401, an HTML 403, a 5xx) throws its error, so nothing is decided from a transient failure and the caller may
 * cache every result this emits. Anything else is "not a Pyroscope server", with what was seen.
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
      if (grafana.error && !isMissingRoute(grafana.error)) {
        // Nothing answered (a 502/504, a network error), or something refused or failed (a proxy's plain 401, an HTML
        // 403, a 429, a 5xx): none of these says which server is behind. Report it; the next query probes again.
        return throwError(() => grafana.error);
      }
      return probe('label-values', { label: '__name__' }).pipe(
        switchMap((og) => {
          if (og.ok) {
            return of<Detection>({ flavor: 'og' });
          }
          if (og.error && !isMissingRoute(og.error)) {
            return throwError(() => og.error);
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

/** The other flavor's route: each server answers the other's label-values route with 404 (or 405). */
function isMissingRoute(err: PyroscopeRequestError): boolean {
  return err.status === 404 || err.status === 405;
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
