import { Observable, defer, lastValueFrom, map, switchMap, takeUntil, fromEvent, throwError } from 'rxjs';
import type { AdHocVariableFilter, ScopedVars, TimeRange } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { decodePprof } from '../model/pprof';
import { PyroscopeRequestError } from './api/errors';
import type { PyroscopeApi, TimeRangeMs } from './api/types';
import { toQueryError } from './partial';
import { interpolateQuery } from './query/interpolate';
import { resolveWindows } from './query/window';
import type { ProfileQuery } from './types';

/**
 * `downloadProfile`: the profile a query's flame graph shows, as a gzipped pprof file.
 *
 * The query is read exactly as `query()` reads it — template variables and ad-hoc filters interpolated with the
 * same escaping, the focus window and compare mode resolved from the same fields — so the file holds what the flame
 * graph shows, except that it is never truncated to `maxNodes` (the flame graph folds its smallest nodes into
 * `other`, the file keeps every stack). For a compare query the file is the profile of the compared window (the
 * focus window, or the dashboard range without one): the side the flame graph's colours describe; the baseline
 * is not in it, and the two are never mixed.
 *
 * Grafana Pyroscope: `SelectMergeStacktraces` with `PROFILE_FORMAT_PPROF` (2.2 and later), else `SelectMergeProfile`;
 * the file has the server's functions, locations and lines. pyroscope-io: `/render?format=pprof`, function names
 * only (see `ConnectApi.pprof`, `OgApi.pprof`). Errors are worded as the query's own errors are.
 */

export interface DownloadProfileOptions {
  /** The request's scoped variables (`DataQueryRequest.scopedVars`). */
  scopedVars?: ScopedVars;
  /** The request's ad-hoc filters (`DataQueryRequest.filters`). */
  filters?: AdHocVariableFilter[];
  /** Aborts the download (the HTTP request is cancelled). */
  signal?: AbortSignal;
}

export function downloadProfile(
  api$: Observable<PyroscopeApi>,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  query: ProfileQuery,
  range: TimeRange | TimeRangeMs,
  options: DownloadProfileOptions = {}
): Promise<Uint8Array> {
  const file$ = defer(() => {
    const q = interpolateQuery(query, templateSrv, options.scopedVars, options.filters ?? []);
    if (!q.profileTypeId) {
      return throwError(() => new Error('Choose a profile type'));
    }
    const profileTypeId = q.profileTypeId;
    const labelSelector = q.labelSelector?.trim() || '{}';
    const dashboard = 'fromMs' in range ? range : { fromMs: range.from.valueOf(), toMs: range.to.valueOf() };
    const windows = resolveWindows(q, dashboard, templateSrv, options.scopedVars);
    return api$.pipe(
      switchMap((api) =>
        api
          .pprof({ profileTypeId, labelSelector, range: windows.profile, requestId: `download_${q.refId}` })
          .pipe(map((bytes) => checkHasSamples(bytes, api.flavor === 'og' ? 'render' : 'SelectMergeProfile')))
      )
    );
  });
  const signal = options.signal;
  const cancellable = signal ? file$.pipe(takeUntil(fromEvent(signal, 'abort'))) : file$;
  return lastValueFrom(cancellable).catch((err: unknown) => {
    if (signal?.aborted) {
      throw new Error('The pprof download was cancelled');
    }
    throw new Error(toQueryError(err, query.refId, 'The pprof download').message, { cause: err });
  });
}

/** A file whose samples add up to nothing is refused with a clear message (pyroscope-io writes one for no data). */
function checkHasSamples(bytes: Uint8Array, endpoint: string): Uint8Array {
  let decoded;
  try {
    decoded = decodePprof(bytes);
  } catch (err) {
    throw new PyroscopeRequestError(
      { status: 0, endpoint, problem: `The server's pprof file could not be read: ${(err as Error).message}` },
      { cause: err }
    );
  }
  if (decoded.profile.total[0] === 0) {
    throw new PyroscopeRequestError({
      status: 0,
      endpoint,
      problem: 'No profile to download: the server has no samples for this query in this time range',
    });
  }
  return bytes;
}
