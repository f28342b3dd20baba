import { Observable, defer, forkJoin, lastValueFrom, map, of, catchError, switchMap, throwError } from 'rxjs';
import {
  DataSourceApi,
  locationUtil,
  rangeUtil,
  type AdHocVariableFilter,
  type CoreApp,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
  type TimeRange,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, locationService, type BackendSrv, type TemplateSrv } from '@grafana/runtime';

import { profileToDataFrame } from '../model/frame';
import { browserDecoder } from './api/decode/browserDecoder';
import { plainColumnsOf } from './api/decode/plainColumns';
import { FlavorResolver } from './api/flavor';
import { BackendSrvTransport, type HttpTransport } from './api/transport';
import { SERVICE_LABEL, type LabelScope, type ProfileTypeInfo, type PyroscopeApi, type TimeRangeMs } from './api/types';
import { DEFAULT_QUERY, effectiveOptions } from './query/defaults';
import { interpolateQuery, interpolateQueryLeniently } from './query/interpolate';
import { isGauge, seriesToFrames } from './query/seriesFrames';
import { filterMeta, profileFrameMeta, windowMeta } from './query/profileMeta';
import {
  spikeAnnotationFrame,
  spikeAnnotations,
  wideStep,
  type SpikeAnnotationContext,
} from './query/spikeAnnotations';
import { effectiveSpikeRules } from './query/spikes';
import { annotationLinkVariables } from './query/linkVariables';
import { resolveWindows } from './query/window';
import { profileAnnotationSupport } from './annotations';
import type { EditorDataSource } from './editorDataSource';
import { downloadProfile, type DownloadProfileOptions } from './download';
import { fetchSubtree, type FetchSubtreeOptions, type SubtreeAnswer } from './subtree';
import { ProfileVariableSupport } from './variables';
import {
  failedTarget,
  settleParts,
  skippedPointNotices,
  withNotices,
  type QueryPart,
  type TargetResult,
} from './partial';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';

/**
 * The Flamelens Pyroscope datasource: thin glue between Grafana's DataSourceApi and the flavor adapters in `api/`.
 * All requests go through Grafana's datasource proxy (`instanceSettings.url`), so credentials never reach the browser.
 */
export class ProfileDataSource
  extends DataSourceApi<ProfileQuery, ProfileDataSourceOptions>
  implements EditorDataSource
{
  readonly options: ReturnType<typeof effectiveOptions>;
  private readonly http: HttpTransport;
  private readonly flavor: FlavorResolver;

  constructor(
    instanceSettings: DataSourceInstanceSettings<ProfileDataSourceOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv(),
    backendSrv: () => BackendSrv = getBackendSrv
  ) {
    super(instanceSettings);
    this.options = effectiveOptions(instanceSettings.jsonData);
    this.http = new BackendSrvTransport(backendSrv, instanceSettings.url ?? '', this.options.timeoutSec * 1000);
    this.flavor = new FlavorResolver(this.http, this.options.flavor, browserDecoder());
    this.variables = new ProfileVariableSupport(this);
    this.annotations = profileAnnotationSupport;
  }

  /** The adapter for this server (see FlavorResolver: only a positive identification is kept). */
  api(): Observable<PyroscopeApi> {
    return this.flavor.api();
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
      ).pipe(catchError((err: unknown) => failedTarget(err, target.refId)))
    );
    return forkJoin(runs).pipe(
      map((results) => {
        const errors = results.flatMap((r) => r.errors);
        return { data: results.flatMap((r) => r.frames), ...(errors.length > 0 ? { errors, error: errors[0] } : {}) };
      })
    );
  }

  /** Runs one interpolated query; `written` is the query as saved, for what must know its variable references. */
  private runTarget(
    q: ProfileQuery,
    request: DataQueryRequest<ProfileQuery>,
    written: ProfileQuery
  ): Observable<TargetResult> {
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
      return this.runSpikes(q, { profileTypeId, labelSelector, dashboard, stepSec }, request, written).pipe(
        map((frames) => ({ frames, errors: [] }))
      );
    }
    // Throws a QueryWindowError (shown as the query's error) for a focus or compare value it cannot read.
    const windows = resolveWindows(q, dashboard, this.templateSrv, request.scopedVars);
    const range = windows.profile;
    return this.api().pipe(
      switchMap((api) => {
        const parts: QueryPart[] = [];
        // One cancellation key per query and part: a newer run of this query cancels this one's calls in Grafana.
        const requestId = (part: string) => `${request.requestId}_${q.refId}_${part}`;
        if (queryType === 'profile' || queryType === 'both') {
          const current = { profileTypeId, labelSelector, range, maxNodes, requestId: requestId('profile') };
          const profile$ = windows.baseline
            ? api.diff({ ...current, range: windows.baseline }, current)
            : api.flameGraph(current);
          parts.push({
            what: windows.baseline ? 'The comparison flame graph' : 'The flame graph',
            frames: profile$.pipe(
              // Large profiles' columns are copied to the frame in slices (no long task: docs/decode-worker.md).
              switchMap((profile) => plainColumnsOf(profile).pipe(map((plainColumns) => ({ profile, plainColumns })))),
              map(({ profile, plainColumns }) => [
                profileToDataFrame(profile, {
                  refId: q.refId,
                  name: windows.baseline ? 'flamegraph-diff' : 'flamegraph',
                  custom: {
                    ...profileFrameMeta(profile, { profileTypeId, labelSelector, range, maxNodes, flavor: api.flavor }),
                    ...windowMeta(windows),
                    ...filterMeta(written.frameFilters, q.frameFilters),
                  },
                  plainColumns,
                }),
              ])
            ),
          });
        }
        if (queryType === 'metrics' || queryType === 'both') {
          // A metrics-only query is a plain metrics panel: it keeps the dashboard range; with a flame graph
          // (`both`) the series shows the same window as the graph.
          const seriesRange = queryType === 'both' ? range : dashboard;
          const aggregation = isGauge(profileTypeId) ? 'average' : 'sum';
          parts.push({
            what: 'The time series',
            frames: api
              .series({
                profileTypeId,
                labelSelector,
                range: seriesRange,
                stepSec,
                groupBy: q.groupBy ?? [],
                aggregation,
                requestId: requestId('series'),
              })
              .pipe(
                map((series) => {
                  const notices = skippedPointNotices(series);
                  return seriesToFrames(series, { refId: q.refId, profileTypeId, labelSelector, ...seriesRange }).map(
                    (f) => withNotices(f, notices)
                  );
                })
              ),
          });
        }
        return settleParts(parts, q.refId);
      })
    );
  }

  /**
   * The annotation query: spikes of the profile-derived series over the dashboard range, as region annotations. The
   * series is read in the query's own step (at least the datasource's min step) from a little before the range: the
   * rules' baseline (`windowPoints` buckets of the rules' step) and cool-down need the history, so that a spike near
   * the range's start gets the same baseline, and so the same region, whatever the range starts at.
   */
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
    const ctx: SpikeAnnotationContext = {
      refId: q.refId,
      profileTypeId: p.profileTypeId,
      labelSelector: p.labelSelector,
      dashboard: p.dashboard,
      // The page running the annotation query is the dashboard; its path gets Grafana's sub-path back.
      dashboardPath: locationUtil.assureBaseUrl(locationService.getLocation().pathname),
      ...annotationLinkVariables(written, this.templateSrv, request.scopedVars),
    };
    const aggregation = isGauge(p.profileTypeId) ? 'average' : 'sum';
    const wideMs = wideStep(p.stepSec * 1000, rules.stepMs);
    const historyMs = Math.ceil(((rules.windowPoints + 1) * wideMs + rules.cooldownMs) / wideMs) * wideMs;
    const fromMs = Math.floor(p.dashboard.fromMs / wideMs) * wideMs - historyMs;
    return this.api().pipe(
      switchMap((api) =>
        api
          .series({
            profileTypeId: p.profileTypeId,
            labelSelector: p.labelSelector,
            range: { fromMs, toMs: p.dashboard.toMs },
            stepSec: p.stepSec,
            // One series per service, so each annotation names its service.
            groupBy: [SERVICE_LABEL],
            aggregation,
            requestId: `${request.requestId}_${q.refId}_spikes`,
          })
          .pipe(
            map((series) => {
              const frame = spikeAnnotationFrame(spikeAnnotations(series, rules, ctx), q.refId);
              return [withNotices(frame, skippedPointNotices(series))];
            })
          )
      )
    );
  }

  /**
   * The profile `query` selects in `range`, as a gzipped pprof file (`go tool pprof` reads it): the same profile
   * `query()` shows as a flame graph — variables, ad-hoc filters (`options.filters`), focus window and compare read
   * the same way — but never truncated. For a compare query, the compared window's profile. Rejects with an Error
   * worded as the query's errors are. See `download.ts`.
   */
  downloadProfile(
    query: ProfileQuery,
    range: TimeRange | TimeRangeMs,
    options?: DownloadProfileOptions
  ): Promise<Uint8Array> {
    return downloadProfile(this.api(), this.templateSrv, query, range, options);
  }

  /**
   * The exact subtree of `callSite` (frame names from the root) in the flame graph `query` shows for `range`: the
   * panel's refine on focus. Grafana Pyroscope only (`stackTraceSelector.callSite`); pyroscope-io answers
   * `{ supported: false }`. See `subtree.ts`.
   */
  fetchSubtree(
    query: ProfileQuery,
    range: TimeRange | TimeRangeMs,
    callSite: readonly string[],
    options?: FetchSubtreeOptions
  ): Promise<SubtreeAnswer> {
    return fetchSubtree(this.api(), this.templateSrv, this.options.maxNodes, query, range, callSite, options);
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
