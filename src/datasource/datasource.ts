import {
  Observable,
  defer,
  forkJoin,
  lastValueFrom,
  map,
  of,
  catchError,
  shareReplay,
  switchMap,
  throwError,
} from 'rxjs';
import {
  DataSourceApi,
  rangeUtil,
  type AdHocVariableFilter,
  type CoreApp,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
  type TimeRange,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, type BackendSrv, type TemplateSrv } from '@grafana/runtime';

import { profileToDataFrame } from '../model/frame';
import { ConnectApi } from './api/connectApi';
import { detectFlavor } from './api/detect';
import { PyroscopeRequestError } from './api/errors';
import { OgApi } from './api/ogApi';
import { BackendSrvTransport, type HttpTransport } from './api/transport';
import { SERVICE_LABEL, type LabelScope, type ProfileTypeInfo, type PyroscopeApi, type TimeRangeMs } from './api/types';
import { DEFAULT_QUERY, effectiveOptions } from './query/defaults';
import { interpolateQuery, interpolateQueryLeniently } from './query/interpolate';
import { isGauge, seriesToFrames } from './query/seriesFrames';
import { profileFrameMeta, windowMeta } from './query/profileMeta';
import { spikeAnnotationFrame, spikeAnnotations, type SpikeAnnotationContext } from './query/spikeAnnotations';
import { effectiveSpikeRules } from './query/spikes';
import { annotationLinkVariables } from './query/linkVariables';
import { resolveWindows } from './query/window';
import { profileAnnotationSupport } from './annotations';
import { ProfileVariableSupport } from './variables';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';

/**
 * The Flamelens Pyroscope datasource: thin glue between Grafana's DataSourceApi and the flavor adapters in `api/`.
 * All requests go through Grafana's datasource proxy (`instanceSettings.url`), so credentials never reach the browser.
 */
export class ProfileDataSource extends DataSourceApi<ProfileQuery, ProfileDataSourceOptions> {
  readonly options: ReturnType<typeof effectiveOptions>;
  private readonly http: HttpTransport;
  private api$?: Observable<PyroscopeApi>;

  constructor(
    instanceSettings: DataSourceInstanceSettings<ProfileDataSourceOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv(),
    backendSrv: () => BackendSrv = getBackendSrv
  ) {
    super(instanceSettings);
    this.options = effectiveOptions(instanceSettings.jsonData);
    this.http = new BackendSrvTransport(backendSrv, instanceSettings.url ?? '', this.options.timeoutSec * 1000);
    this.variables = new ProfileVariableSupport(this);
    this.annotations = profileAnnotationSupport;
  }

  /** The adapter for this server, detected once per datasource instance (a failed detection is retried next time). */
  api(): Observable<PyroscopeApi> {
    if (this.options.flavor !== 'auto') {
      return of(this.options.flavor === 'og' ? new OgApi(this.http) : new ConnectApi(this.http));
    }
    if (!this.api$) {
      const detected$ = detectFlavor(this.http).pipe(
        map((d) => (d.flavor === 'og' ? new OgApi(this.http) : new ConnectApi(this.http))),
        shareReplay({ bufferSize: 1, refCount: false })
      );
      this.api$ = detected$.pipe(
        catchError((err: unknown) => {
          this.api$ = undefined;
          return throwError(() => err);
        })
      );
    }
    return this.api$;
  }

  getDefaultQuery(_app: CoreApp): Partial<ProfileQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: ProfileQuery): boolean {
    return !query.hide && Boolean(query.profileTypeId);
  }

  query(request: DataQueryRequest<ProfileQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide);
    if (targets.length === 0) {
      return of({ data: [] });
    }
    const filters = request.filters ?? [];
    const runs = targets.map((target) =>
      defer(() =>
        this.runTarget(interpolateQuery(target, this.templateSrv, request.scopedVars, filters), request, target)
      ).pipe(
        map((data) => ({ data, error: undefined as DataQueryError | undefined })),
        catchError((err: unknown) => of({ data: [] as DataFrame[], error: toQueryError(err, target.refId) }))
      )
    );
    return forkJoin(runs).pipe(
      map((results) => {
        const errors = results.flatMap((r) => (r.error ? [r.error] : []));
        return { data: results.flatMap((r) => r.data), ...(errors.length > 0 ? { errors, error: errors[0] } : {}) };
      })
    );
  }

  /** Runs one interpolated query; `written` is the query as saved, for what must know its variable references. */
  private runTarget(
    q: ProfileQuery,
    request: DataQueryRequest<ProfileQuery>,
    written: ProfileQuery
  ): Observable<DataFrame[]> {
    if (!q.profileTypeId) {
      return throwError(() => new Error('Choose a profile type'));
    }
    const profileTypeId = q.profileTypeId;
    const labelSelector = q.labelSelector?.trim() || '{}';
    const dashboard = toRangeMs(request.range);
    const maxNodes = q.maxNodes && q.maxNodes > 0 ? q.maxNodes : this.options.maxNodes;
    const queryType = q.queryType ?? 'both';
    const minStepSec = safeSeconds(this.options.minStep, 15);
    const stepSec = Math.max((request.intervalMs ?? 0) / 1000, minStepSec);
    if (queryType === 'spikes') {
      return this.runSpikes(q, { profileTypeId, labelSelector, dashboard, stepSec }, request, written);
    }
    // Throws a QueryWindowError (shown as the query's error) for a focus or compare value it cannot read.
    const windows = resolveWindows(q, dashboard, this.templateSrv, request.scopedVars);
    const range = windows.profile;
    return this.api().pipe(
      switchMap((api) => {
        const parts: Array<Observable<DataFrame[]>> = [];
        if (queryType === 'profile' || queryType === 'both') {
          const current = { profileTypeId, labelSelector, range, maxNodes };
          const profile$ = windows.baseline
            ? api.diff({ ...current, range: windows.baseline }, current)
            : api.flameGraph(current);
          parts.push(
            profile$.pipe(
              map((profile) => [
                profileToDataFrame(profile, {
                  refId: q.refId,
                  name: windows.baseline ? 'flamegraph-diff' : 'flamegraph',
                  custom: {
                    ...profileFrameMeta(profile, { profileTypeId, labelSelector, range, maxNodes, flavor: api.flavor }),
                    ...windowMeta(windows),
                  },
                }),
              ])
            )
          );
        }
        if (queryType === 'metrics' || queryType === 'both') {
          // A metrics-only query is a plain metrics panel: it keeps the dashboard range; with a flame graph
          // (`both`) the series shows the same window as the graph.
          const seriesRange = queryType === 'both' ? range : dashboard;
          const aggregation = isGauge(profileTypeId) ? 'average' : 'sum';
          parts.push(
            api
              .series({
                profileTypeId,
                labelSelector,
                range: seriesRange,
                stepSec,
                groupBy: q.groupBy ?? [],
                aggregation,
              })
              .pipe(
                map((series) =>
                  seriesToFrames(series, { refId: q.refId, profileTypeId, labelSelector, ...seriesRange })
                )
              )
          );
        }
        return forkJoin(parts).pipe(map((frames) => frames.flat()));
      })
    );
  }

  /** The annotation query: spikes of the profile-derived series over the dashboard range, as region annotations. */
  private runSpikes(
    q: ProfileQuery,
    p: { profileTypeId: string; labelSelector: string; dashboard: TimeRangeMs; stepSec: number },
    request: DataQueryRequest<ProfileQuery>,
    written: ProfileQuery
  ): Observable<DataFrame[]> {
    const rules = effectiveSpikeRules(q.spikes, (d) => rangeUtil.intervalToMs(d));
    if ('error' in rules) {
      return throwError(() => new Error(rules.error));
    }
    const ctx: Omit<SpikeAnnotationContext, 'pointAt'> = {
      refId: q.refId,
      profileTypeId: p.profileTypeId,
      labelSelector: p.labelSelector,
      dashboard: p.dashboard,
      ...annotationLinkVariables(written, this.templateSrv, request.scopedVars),
    };
    const aggregation = isGauge(p.profileTypeId) ? 'average' : 'sum';
    return this.api().pipe(
      switchMap((api) =>
        api
          .series({
            profileTypeId: p.profileTypeId,
            labelSelector: p.labelSelector,
            range: p.dashboard,
            stepSec: Math.max(p.stepSec, rules.stepMs / 1000),
            // One series per service, so each annotation names its service.
            groupBy: [SERVICE_LABEL],
            aggregation,
          })
          .pipe(
            map((series) => {
              const pointAt = api.flavor === 'og' ? 'start' : 'end';
              return [spikeAnnotationFrame(spikeAnnotations(series, rules, { ...ctx, pointAt }), q.refId)];
            })
          )
      )
    );
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    const range = { fromMs: Date.now() - 3600_000, toMs: Date.now() };
    try {
      const api = await lastValueFrom(this.api());
      const types = await lastValueFrom(api.profileTypes(range));
      const services = await lastValueFrom(api.labelValues(SERVICE_LABEL, { range }));
      const flavor = api.flavor === 'og' ? 'pyroscope-io (0.37 API)' : 'Grafana Pyroscope';
      return {
        status: 'success',
        message: `Connected to ${flavor}: ${count(types.length, 'profile type')} and ${count(services.length, 'service')} in the last hour.`,
      };
    } catch (err) {
      return { status: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Profile types the server knows in `range` (for the editor). */
  getProfileTypes(range: TimeRange | TimeRangeMs): Promise<ProfileTypeInfo[]> {
    return lastValueFrom(this.api().pipe(switchMap((api) => api.profileTypes(toRangeMs(range)))));
  }

  /** Label names in scope (for the editor and ad-hoc filters); template variables in the selector are interpolated. */
  getLabelNames(scope: LabelScope): Promise<string[]> {
    return lastValueFrom(this.api().pipe(switchMap((api) => api.labelNames(this.interpolateScope(scope)))));
  }

  /** Label values in scope (for the editor and ad-hoc filters). */
  getLabelValues(name: string, scope: LabelScope): Promise<string[]> {
    return lastValueFrom(this.api().pipe(switchMap((api) => api.labelValues(name, this.interpolateScope(scope)))));
  }

  async getTagKeys(options?: { timeRange?: TimeRange; filters?: AdHocVariableFilter[] }): Promise<MetricFindValue[]> {
    const names = await this.getLabelNames({ range: toRangeMs(options?.timeRange) });
    return names.map((text) => ({ text }));
  }

  async getTagValues(options: { key: string; timeRange?: TimeRange }): Promise<MetricFindValue[]> {
    const values = await this.getLabelValues(options.key, { range: toRangeMs(options.timeRange) });
    return values.map((text) => ({ text }));
  }

  interpolateVariablesInQueries(
    queries: ProfileQuery[],
    scopedVars: ScopedVars,
    filters?: AdHocVariableFilter[]
  ): ProfileQuery[] {
    return queries.map((q) => interpolateQueryLeniently(q, this.templateSrv, scopedVars, filters));
  }

  private interpolateScope(scope: LabelScope): LabelScope {
    const q = interpolateQuery(
      { refId: 'scope', profileTypeId: scope.profileTypeId, labelSelector: scope.labelSelector },
      this.templateSrv
    );
    return { ...scope, profileTypeId: q.profileTypeId, labelSelector: q.labelSelector };
  }
}

/** A Grafana time range (or none: the last hour) in epoch milliseconds. */
export function toRangeMs(range: TimeRange | TimeRangeMs | undefined): TimeRangeMs {
  if (!range) {
    const now = Date.now();
    return { fromMs: now - 3600_000, toMs: now };
  }
  if ('fromMs' in range) {
    return range;
  }
  return { fromMs: range.from.valueOf(), toMs: range.to.valueOf() };
}

function safeSeconds(duration: string, fallback: number): number {
  try {
    const s = rangeUtil.intervalToSeconds(duration);
    return s > 0 ? s : fallback;
  } catch {
    return fallback;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Any failure as a DataQueryError with the HTTP status and the full message. */
export function toQueryError(err: unknown, refId: string): DataQueryError {
  if (err instanceof PyroscopeRequestError) {
    return { refId, message: err.message, ...(err.status ? { status: err.status } : {}) };
  }
  return { refId, message: err instanceof Error ? err.message : String(err) };
}
