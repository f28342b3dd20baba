/**
 * Runs a query variable's query on its datasource the three ways Grafana does, by the datasource's variable
 * support: custom (`variables.query(request)`), standard (`variables.toDataQuery` then `query`), or the legacy
 * `metricFindQuery(query, options)`. Results (frames or MetricFindValues) come back as MetricFindValues.
 */
import { Observable, from, map, mergeMap } from 'rxjs';
import {
  CoreApp,
  VariableSupportType,
  type DataFrame,
  type DataQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type MetricFindValue,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';
import { frameToMetricFindValue } from '@grafana/runtime';
import type { VariableModel } from '@grafana/schema';

let counter = 0;

export interface VariableQueryContext {
  range: TimeRange;
  timeZone: TimeZone;
  dashboardUid: string;
}

/** The query variable's values from its datasource. */
export function runVariableQuery(
  ds: DataSourceApi,
  variable: VariableModel,
  ctx: VariableQueryContext
): Observable<MetricFindValue[]> {
  const request: DataQueryRequest<DataQuery> = {
    app: CoreApp.Dashboard,
    requestId: `variable-${variable.name}-${counter++}`,
    timezone: ctx.timeZone,
    range: ctx.range,
    rangeRaw: ctx.range.raw,
    interval: '',
    intervalMs: 0,
    targets: [],
    scopedVars: {},
    startTime: Date.now(),
    dashboardUID: ctx.dashboardUid,
  };
  const query = variable.query ?? '';
  const support = ds.variables;
  const type = support?.getType();
  if (support && type === VariableSupportType.Custom && 'query' in support && typeof support.query === 'function') {
    const target = asDataQuery(query, variable.name);
    return (support.query({ ...request, targets: [target] }) as Observable<DataQueryResponse>).pipe(
      map((response) => toValues(response))
    );
  }
  if (support && type === VariableSupportType.Standard && 'toDataQuery' in support) {
    const target = support.toDataQuery(asDataQuery(query, variable.name) as unknown as DataQuery & { query: string });
    const run =
      'query' in support && typeof support.query === 'function'
        ? support.query({ ...request, targets: [target] })
        : ds.query({ ...request, targets: [target] });
    return from(run as Observable<DataQueryResponse>).pipe(map((response) => toValues(response)));
  }
  const metricFindQuery = ds.metricFindQuery?.bind(ds);
  if (metricFindQuery) {
    return from(Promise.resolve()).pipe(
      mergeMap(() => metricFindQuery(query, { range: ctx.range, variable, scopedVars: {} }))
    );
  }
  return from(
    Promise.reject(new Error(`Data source ${ds.name} (${ds.type}) does not support template variable queries`))
  );
}

function asDataQuery(query: unknown, name: string): DataQuery & Record<string, unknown> {
  if (typeof query === 'string') {
    return { refId: `variable-${name}`, query };
  }
  const q = (query ?? {}) as Record<string, unknown>;
  return { ...q, refId: typeof q.refId === 'string' ? q.refId : `variable-${name}` };
}

function toValues(response: DataQueryResponse): MetricFindValue[] {
  if (response.error || response.errors?.length) {
    const error = response.error ?? response.errors?.[0];
    throw new Error(error?.message ?? 'The variable query failed');
  }
  const data: unknown[] = response.data ?? [];
  return data.flatMap((item): MetricFindValue[] => {
    if (isFrame(item)) {
      return frameToMetricFindValue(item);
    }
    if (typeof item === 'object' && item !== null && ('text' in item || 'value' in item)) {
      return [item as MetricFindValue];
    }
    return [];
  });
}

function isFrame(item: unknown): item is DataFrame {
  return typeof item === 'object' && item !== null && Array.isArray((item as DataFrame).fields);
}
