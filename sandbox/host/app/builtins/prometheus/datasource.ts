/**
 * The host's stand-in for Grafana's core Prometheus datasource, small and honest: range queries through the
 * datasource proxy (`<url>/api/v1/query_range`, GET, or a POST form when `jsonData.httpMethod` is POST), template
 * variables interpolated (with `$__interval`, `$__rate_interval`, `$__range`), Grafana's step rules, frames with
 * labels and legends, Prometheus errors as messages, `testDatasource` with `1+1`, and `label_values(...)` variable
 * queries. Not emulated: instant and exemplar queries, annotations, the query builder, recording rules, incremental
 * querying.
 */
import { Observable, catchError, forkJoin, map, of } from 'rxjs';
import {
  DataSourceApi,
  rangeUtil,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';

import { matrixToFrames, promErrorMessage } from './frames';
import { promStep, rateIntervalSec } from './step';
import type { PromOptions, PromQuery, PromRangeResponse } from './types';

/** Grafana's default scrape interval when the datasource does not set one. */
const DEFAULT_SCRAPE_INTERVAL = '15s';

export class PrometheusDatasource extends DataSourceApi<PromQuery, PromOptions> {
  private readonly url: string;
  private readonly scrapeSec: number;
  private readonly httpMethod: 'GET' | 'POST';

  constructor(instanceSettings: DataSourceInstanceSettings<PromOptions>) {
    super(instanceSettings);
    this.url = (instanceSettings.url ?? '').replace(/\/+$/, '');
    const scrape = instanceSettings.jsonData.timeInterval || DEFAULT_SCRAPE_INTERVAL;
    this.scrapeSec = rangeUtil.intervalToSeconds(scrape);
    // The query runner uses the datasource interval as the lower limit of `$__interval`, as in Grafana.
    this.interval = scrape;
    // Grafana's Prometheus frontend used GET unless the datasource says POST.
    this.httpMethod = instanceSettings.jsonData.httpMethod === 'POST' ? 'POST' : 'GET';
  }

  getDefaultQuery(): Partial<PromQuery> {
    return { expr: '', range: true };
  }

  filterQuery(query: PromQuery): boolean {
    return !query.hide && Boolean(query.expr?.trim());
  }

  query(request: DataQueryRequest<PromQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.filter((t) => this.filterQuery(t));
    if (targets.length === 0) {
      return of({ data: [] });
    }
    const runs = targets.map((target) =>
      this.rangeQuery(target, request).pipe(
        map((frames) => ({ frames, error: undefined as DataQueryError | undefined })),
        catchError((err: unknown) =>
          of({
            frames: [] as DataFrame[],
            error: { refId: target.refId, message: err instanceof Error ? err.message : String(err) },
          })
        )
      )
    );
    return forkJoin(runs).pipe(
      map((results) => {
        const errors = results.flatMap((r) => (r.error ? [r.error] : []));
        const data = results.flatMap((r) => r.frames);
        return errors.length > 0 ? { data, errors, error: errors[0] } : { data };
      })
    );
  }

  private rangeQuery(target: PromQuery, request: DataQueryRequest<PromQuery>): Observable<DataFrame[]> {
    const templateSrv = getTemplateSrv();
    const minStepSec = target.interval
      ? rangeUtil.intervalToSeconds(templateSrv.replace(target.interval, request.scopedVars))
      : this.scrapeSec;
    const step = promStep({
      fromMs: request.range.from.valueOf(),
      toMs: request.range.to.valueOf(),
      intervalMs: request.intervalMs,
      minStepSec,
      intervalFactor: target.intervalFactor,
    });
    const scopedVars: ScopedVars = {
      ...request.scopedVars,
      ...(step.stepSec * 1000 !== request.intervalMs
        ? {
            __interval: { text: `${step.stepSec}s`, value: `${step.stepSec}s` },
            __interval_ms: { text: String(step.stepSec * 1000), value: step.stepSec * 1000 },
          }
        : {}),
      __rate_interval: {
        text: `${rateIntervalSec(step.stepSec, this.scrapeSec)}s`,
        value: `${rateIntervalSec(step.stepSec, this.scrapeSec)}s`,
      },
    };
    const expr = templateSrv.replace(target.expr, scopedVars, interpolatePromValue);
    const params = { query: expr, start: step.startSec, end: step.endSec, step: step.stepSec };
    return this.call<PromRangeResponse>('query_range', params, `${request.requestId}_${target.refId}`).pipe(
      map((body) => {
        if (body?.status !== 'success' || typeof body.data !== 'object' || body.data === null) {
          throw new Error(`Prometheus query_range answered an unexpected body (status "${String(body?.status)}")`);
        }
        const frames = matrixToFrames(body.data.result, body.data.resultType, { ...target, expr });
        if (body.warnings?.length && frames[0]) {
          frames[0].meta = {
            ...frames[0].meta,
            notices: body.warnings.map((text) => ({ severity: 'warning' as const, text })),
          };
        }
        return frames;
      })
    );
  }

  /** A call to `<url>/api/v1/<endpoint>`; errors become messages naming the endpoint and Prometheus' words. */
  private call<T>(endpoint: string, params: Record<string, string | number>, requestId?: string): Observable<T> {
    const url = `${this.url}/api/v1/${endpoint}`;
    const options: BackendSrvRequest =
      this.httpMethod === 'POST'
        ? {
            url,
            method: 'POST',
            data: new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString(),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }
        : { url, method: 'GET', params };
    return getBackendSrv()
      .fetch<T>({ ...options, requestId, showErrorAlert: false, responseType: 'json' })
      .pipe(
        map((response: FetchResponse<T>) => response.data),
        catchError((err: unknown) => {
          throw new Error(promErrorMessage(err, endpoint), { cause: err });
        })
      );
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.call('query', { query: '1+1', time: Math.floor(Date.now() / 1000) }).subscribe({
          complete: resolve,
          error: reject,
        });
      });
      return { status: 'success', message: 'Successfully queried the Prometheus API.' };
    } catch (err) {
      return { status: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Variable queries: `label_values(label)` and `label_values(selector, label)`. */
  async metricFindQuery(query: string, options?: { scopedVars?: ScopedVars }): Promise<MetricFindValue[]> {
    const text = getTemplateSrv().replace(query, options?.scopedVars, interpolatePromValue).trim();
    const match = /^label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/.exec(text);
    if (!match) {
      throw new Error(`Unsupported Prometheus variable query "${text}": the sandbox supports label_values(...) only`);
    }
    const [, selector, label] = match;
    const params: Record<string, string | number> = selector ? { 'match[]': selector } : {};
    const values = await new Promise<string[]>((resolve, reject) => {
      this.call<{ data?: unknown }>(`label/${encodeURIComponent(label)}/values`, params).subscribe({
        next: (body) => resolve(Array.isArray(body?.data) ? body.data.map(String) : []),
        error: reject,
      });
    });
    return values.map((value) => ({ text: value, value }));
  }
}

/**
 * Grafana's Prometheus interpolation: a single value is escaped for a PromQL string; multi-value and All become a
 * regex alternation of values escaped for a regex inside a PromQL string.
 */
export function interpolatePromValue(value: unknown, variable: unknown): string {
  const v = variable as { multi?: boolean; includeAll?: boolean } | undefined;
  if (!v?.multi && !v?.includeAll && !Array.isArray(value)) {
    return String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  }
  // In a regex inside a PromQL string a special character needs `\\` before it (two characters).
  const escape = (s: string) => s.replace(/[\\$^*{}[\]'+?.()|]/g, (c) => `\\\\${c}`);
  const values = (Array.isArray(value) ? value : [value]).map((s) => escape(String(s)));
  return values.length === 1 ? values[0] : `(${values.join('|')})`;
}
