import { Observable, fromEvent, lastValueFrom, takeUntil } from 'rxjs';
import type { AdHocVariableFilter, ScopedVars, TimeRange } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import type { TimeRangeMs } from '../api/types';
import { toQueryError } from '../partial';
import type { ProfileQuery } from '../types';
import { interpolateQuery } from './interpolate';
import { resolveWindows, type QueryWindows } from './window';

/**
 * Requests made outside `query()` for one of its queries (a pprof download, a focused call site's subtree): the query
 * is read exactly as `query()` reads it, and the request is a promise the caller can abort.
 */

/** The request's context, as Grafana gives it to `query()`. */
export interface OneOffContext {
  /** The request's scoped variables (`DataQueryRequest.scopedVars`). */
  scopedVars?: ScopedVars;
  /** The request's ad-hoc filters (`DataQueryRequest.filters`). */
  filters?: AdHocVariableFilter[];
}

/** A query read as `query()` reads it: variables and ad-hoc filters interpolated, windows resolved. */
export interface ResolvedQuery {
  q: ProfileQuery;
  profileTypeId: string;
  labelSelector: string;
  windows: QueryWindows;
}

/** Reads `query` for `range`; throws when it has no profile type. */
export function resolveQuery(
  query: ProfileQuery,
  range: TimeRange | TimeRangeMs,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  context: OneOffContext
): ResolvedQuery {
  const q = interpolateQuery(query, templateSrv, context.scopedVars, context.filters ?? []);
  if (!q.profileTypeId) {
    throw new Error('Choose a profile type');
  }
  const dashboard = 'fromMs' in range ? range : { fromMs: range.from.valueOf(), toMs: range.to.valueOf() };
  return {
    q,
    profileTypeId: q.profileTypeId,
    labelSelector: q.labelSelector?.trim() || '{}',
    windows: resolveWindows(q, dashboard, templateSrv, context.scopedVars),
  };
}

/**
 * The last value of `answer$` as a promise. Aborting `signal` unsubscribes (the HTTP request is cancelled) and rejects
 * with `cancelled`; other errors are worded as the query's own, starting with `what`.
 */
export function untilAborted<T>(
  answer$: Observable<T>,
  refId: string,
  what: string,
  cancelled: string,
  signal?: AbortSignal
): Promise<T> {
  if (signal?.aborted) {
    return Promise.reject(new Error(cancelled));
  }
  const cancellable = signal ? answer$.pipe(takeUntil(fromEvent(signal, 'abort'))) : answer$;
  return lastValueFrom(cancellable).catch((err: unknown) => {
    if (signal?.aborted) {
      throw new Error(cancelled);
    }
    throw new Error(toQueryError(err, refId, what).message, { cause: err });
  });
}
