import { Observable, catchError, forkJoin, map, of } from 'rxjs';
import type { DataFrame, DataQueryError, QueryResultMetaNotice } from '@grafana/data';

import { PyroscopeRequestError } from './api/errors';
import type { ProfileSeries } from './api/types';

/** One query's frames, and what failed while the rest succeeded. */
export interface TargetResult {
  frames: DataFrame[];
  errors: DataQueryError[];
}

/** One independent part of a query (the flame graph, the series), named for the message when it fails. */
export interface QueryPart {
  what: string;
  frames: Observable<DataFrame[]>;
}

/**
 * Runs a query's parts side by side and keeps what succeeded (a partial failure keeps what succeeded
 * and says what failed). A failed part becomes an error with the query's refId, and a warning notice on the frames
 * that did come back, so the panel shows both. When every part fails, each failure is reported (none is dropped).
 */
export function settleParts(parts: QueryPart[], refId: string): Observable<TargetResult> {
  const settled = parts.map((part) =>
    part.frames.pipe(
      map((frames) => ({ part, frames, error: undefined as unknown })),
      catchError((error: unknown) => of({ part, frames: [] as DataFrame[], error }))
    )
  );
  return forkJoin(settled).pipe(
    map((results) => {
      const failed = results.filter((r) => r.error !== undefined);
      if (failed.length === 1 && results.length === 1) {
        // A query of one part: its failure is the query's, in its own words.
        throw failed[0].error;
      }
      const errors = failed.map((r) => toQueryError(r.error, refId, r.part.what));
      const notices: QueryResultMetaNotice[] = errors.map((e) => ({ severity: 'error', text: e.message ?? '' }));
      const frames = results.flatMap((r) => r.frames).map((f) => withNotices(f, notices));
      return { frames, errors };
    })
  );
}

/** A query that failed as a whole. */
export function failedTarget(err: unknown, refId: string): Observable<TargetResult> {
  return of({ frames: [], errors: [toQueryError(err, refId)] });
}

/** A frame with more notices (kept with any it has). */
export function withNotices(frame: DataFrame, notices: QueryResultMetaNotice[]): DataFrame {
  if (notices.length === 0) {
    return frame;
  }
  return { ...frame, meta: { ...frame.meta, notices: [...(frame.meta?.notices ?? []), ...notices] } };
}

/** A warning for each series that had points no number could be made of: they are not drawn, and the user is told. */
export function skippedPointNotices(series: ProfileSeries[]): QueryResultMetaNotice[] {
  const skipped = series.reduce((n, s) => n + (s.skippedPoints ?? 0), 0);
  if (skipped === 0) {
    return [];
  }
  return [
    {
      severity: 'warning',
      text: `${skipped} point${skipped === 1 ? ' was' : 's were'} not a number (NaN or Infinity) and ${skipped === 1 ? 'is' : 'are'} not shown`,
    },
  ];
}

/** Any failure as a DataQueryError with the HTTP status and the full message; `what` names the failed part. */
export function toQueryError(err: unknown, refId: string, what?: string): DataQueryError {
  const prefix = what ? `${what} failed: ` : '';
  if (err instanceof PyroscopeRequestError) {
    return { refId, message: `${prefix}${err.message}`, ...(err.status ? { status: err.status } : {}) };
  }
  return { refId, message: `${prefix}${err instanceof Error ? err.message : String(err)}` };
}
