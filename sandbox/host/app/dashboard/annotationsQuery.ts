/**
 * Runs one datasource annotation query as Grafana's dashboards do (`executeAnnotationQuery`): the datasource's
 * `annotations` support over Grafana's standard one — `getDefaultQuery()` under the stored JSON,
 * `prepareAnnotation(json)`, `prepareQuery(anno)` (undefined skips the query quietly), then one request
 * (`app: dashboard`, request id `AQ…`, the dashboard range, `$__interval` for at most one point per pixel of the
 * window, `__annotation` in the scoped variables, target refId `Anno`), then `processEvents` or the standard
 * frame → event mapping. A datasource with only the legacy `annotationQuery` is asked through it.
 */
import { Observable, from, map, mergeMap, of } from 'rxjs';
import {
  CoreApp,
  LoadingState,
  rangeUtil,
  type AnnotationEvent,
  type AnnotationQuery,
  type AnnotationSupport,
  type DataFrame,
  type DataQuery,
  type DataQueryRequest,
  type DataSourceApi,
  type DataQueryError,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';

import { annotationEventsFromFrames } from './annotationsEvents';
import { runRequest } from './runRequest';

/** What one run produced: events, and the errors of the request if any. */
export interface AnnotationQueryResult {
  state: LoadingState;
  events: AnnotationEvent[];
  errors?: DataQueryError[];
}

export interface AnnotationQueryContext {
  range: TimeRange;
  timeZone: TimeZone;
  dashboardUid: string;
  /** At most one point per pixel (Grafana uses the window width). */
  maxDataPoints: number;
}

let counter = 100;

/** The datasources Grafana still asks through `annotationQuery` when they define it. */
const LEGACY_RUNNER_TYPES = ['prometheus', 'loki', 'elasticsearch', 'grafana-opensearch-datasource'];

const standardSupport: Required<Pick<AnnotationSupport, 'prepareAnnotation' | 'prepareQuery' | 'processEvents'>> = {
  prepareAnnotation: (json: unknown) => {
    const anno = json as AnnotationQuery & { query?: unknown };
    if (typeof anno?.query === 'string') {
      // Old stored form: a bare query string.
      const { query, ...rest } = anno;
      return { ...rest, target: { refId: 'Anno', query }, mappings: {} } as AnnotationQuery;
    }
    return anno;
  },
  prepareQuery: (anno: AnnotationQuery) => anno.target,
  processEvents: (anno: AnnotationQuery, data: DataFrame[]) => of(annotationEventsFromFrames(data, anno.mappings)),
};

export function executeAnnotationQuery(
  ds: DataSourceApi,
  query: AnnotationQuery,
  ctx: AnnotationQueryContext
): Observable<AnnotationQueryResult> {
  if (ds.annotationQuery && (!ds.annotations || LEGACY_RUNNER_TYPES.includes(ds.type))) {
    const request = { range: ctx.range, rangeRaw: ctx.range.raw, annotation: query, dashboard: {} };
    return from(ds.annotationQuery(request)).pipe(map((events) => ({ state: LoadingState.Done, events })));
  }
  const support = { ...standardSupport, ...(ds.annotations as AnnotationSupport | undefined) };
  const annotation = support.prepareAnnotation({ ...support.getDefaultQuery?.(), ...query }) as AnnotationQuery;
  const prepared = annotation ? support.prepareQuery(annotation) : undefined;
  if (!annotation || !prepared) {
    return of({ state: LoadingState.Done, events: [] });
  }
  const interval = rangeUtil.calculateInterval(ctx.range, ctx.maxDataPoints, ds.interval ?? undefined);
  const request: DataQueryRequest<DataQuery> = {
    app: CoreApp.Dashboard,
    requestId: `AQ${counter++}`,
    startTime: Date.now(),
    timezone: ctx.timeZone,
    range: ctx.range,
    rangeRaw: ctx.range.raw,
    interval: interval.interval,
    intervalMs: interval.intervalMs,
    maxDataPoints: ctx.maxDataPoints,
    dashboardUID: ctx.dashboardUid,
    scopedVars: {
      __interval: { text: interval.interval, value: interval.interval },
      __interval_ms: { text: String(interval.intervalMs), value: interval.intervalMs },
      __annotation: { text: annotation.name, value: annotation },
    },
    targets: [{ ...prepared, refId: 'Anno' }],
  };
  return runRequest(ds, request).pipe(
    mergeMap((panelData) => {
      const errors = panelData.errors ?? (panelData.error ? [panelData.error] : undefined);
      // Datasources that set the annotations topic land in `annotations`, the others in `series`.
      const data = panelData.series.length ? panelData.series : (panelData.annotations ?? []);
      if (data.length === 0) {
        return of({ state: panelData.state, events: [], errors });
      }
      return support
        .processEvents(annotation, data)
        .pipe(map((events) => ({ state: panelData.state, events: events ?? [], errors })));
    })
  );
}
