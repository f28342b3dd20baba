import { Observable, defer, switchMap } from 'rxjs';
import type { TimeRange } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import type { PyroscopeApi, TimeRangeMs } from './api/types';
import { resolveQuery, untilAborted, type OneOffContext } from './query/oneOff';
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

export interface DownloadProfileOptions extends OneOffContext {
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
    const { profileTypeId, labelSelector, windows } = resolveQuery(query, range, templateSrv, options);
    return api$.pipe(
      // No requestId: Grafana cancels a request when another with the same id starts (another panel's).
      switchMap((api) => api.pprof({ profileTypeId, labelSelector, range: windows.profile }))
    );
  });
  return untilAborted(file$, query.refId, 'The pprof download', 'The pprof download was cancelled', options.signal);
}
