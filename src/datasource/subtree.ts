import { Observable, defer, map, of, switchMap, throwError } from 'rxjs';
import type { DataFrame, TimeRange } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import type { ServerFlavor } from '../model/contract';
import { profileToDataFrame } from '../model/frame';
import { CALL_SITE_UNSUPPORTED } from './api/ogApi';
import type { PyroscopeApi, TimeRangeMs } from './api/types';
import { resolveQuery, untilAborted, type OneOffContext } from './query/oneOff';
import { profileFrameMeta, windowMeta } from './query/profileMeta';
import type { ProfileQuery } from './types';

/**
 * `fetchSubtree`: the exact subtree of one call site of a query's flame graph, for the panel's refine on focus
 * (`docs/refine-on-focus.md`).
 *
 * The query is read exactly as `query()` reads it — variables and ad-hoc filters interpolated with the same escaping,
 * the focus window and compare mode resolved from the same fields — and sent again with Grafana Pyroscope's
 * `stackTraceSelector.callSite`: `SelectMergeStacktraces`, or `Diff` with the selector on both sides for a compare
 * query. The answer is a flame graph frame like `query()`'s, holding only the stacks through the call site.
 *
 * Node budget: the query's own (its `maxNodes`, else the data source's default), the same one the flame graph was
 * cut with. The answer then costs no more than the flame graph the user already waited for, and the focused subtree,
 * which had only its share of the budget in the whole profile, gets all of it (less the call site's own frames).
 *
 * pyroscope-io has no stack selector: the answer is `{ supported: false, reason }`, without any request; the panel
 * says so instead of showing a profile that is not what was asked for.
 */

export interface FetchSubtreeOptions extends OneOffContext {
  /** Aborts the request (the HTTP request is cancelled) and rejects the promise. */
  signal?: AbortSignal;
}

/** What `fetchSubtree` answers. */
export type SubtreeAnswer =
  /** The call site's subtree: a flame graph frame (from the root, through the call site) and the budget used. */
  | { supported: true; frame: DataFrame; maxNodes: number; flavor: ServerFlavor }
  /** The server cannot select by call site (pyroscope-io): `reason` says so in the user's words. */
  | { supported: false; reason: string; flavor: ServerFlavor };

/** Message of the rejection when the signal aborts the request. */
export const SUBTREE_CANCELLED = 'The subtree request was cancelled';

export function fetchSubtree(
  api$: Observable<PyroscopeApi>,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  defaultMaxNodes: number,
  query: ProfileQuery,
  range: TimeRange | TimeRangeMs,
  callSite: readonly string[],
  options: FetchSubtreeOptions = {}
): Promise<SubtreeAnswer> {
  const answer$ = defer((): Observable<SubtreeAnswer> => {
    if (!Array.isArray(callSite) || callSite.length === 0 || callSite.some((f) => typeof f !== 'string')) {
      return throwError(() => new Error('A call site is a list of one or more frame names from the root'));
    }
    const { q, profileTypeId, labelSelector, windows } = resolveQuery(query, range, templateSrv, options);
    const maxNodes = q.maxNodes && q.maxNodes > 0 ? q.maxNodes : defaultMaxNodes;
    return api$.pipe(
      switchMap((api): Observable<SubtreeAnswer> => {
        if (api.flavor === 'og') {
          return of({ supported: false, reason: CALL_SITE_UNSUPPORTED, flavor: api.flavor });
        }
        // No requestId: Grafana cancels a request when another with the same id starts (the query's own rerun).
        const current = { profileTypeId, labelSelector, range: windows.profile, maxNodes, callSite };
        const profile$ = windows.baseline
          ? api.diff({ ...current, range: windows.baseline }, current)
          : api.flameGraph(current);
        return profile$.pipe(
          map((profile) => ({
            supported: true,
            maxNodes,
            flavor: api.flavor,
            frame: profileToDataFrame(profile, {
              refId: q.refId,
              name: windows.baseline ? 'flamegraph-diff' : 'flamegraph',
              custom: {
                ...profileFrameMeta(profile, {
                  profileTypeId,
                  labelSelector,
                  range: windows.profile,
                  maxNodes,
                  flavor: api.flavor,
                }),
                ...windowMeta(windows),
                callSite: [...callSite],
              },
            }),
          }))
        );
      })
    );
  });
  return untilAborted(answer$, query.refId, 'The subtree request', SUBTREE_CANCELLED, options.signal);
}
