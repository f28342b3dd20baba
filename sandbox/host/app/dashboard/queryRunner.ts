/**
 * Runs a panel's queries like Grafana's PanelQueryRunner: one DataQueryRequest per run (request id, interval from
 * `rangeUtil.calculateInterval(range, maxDataPoints, minInterval)`, `$__interval` and `$__interval_ms` in the scoped
 * variables, hidden queries left out, targets pointed at the panel datasource), the datasource from the panel's ref
 * (a `${var}` or the default one included). A new run unsubscribes the previous one, which cancels its requests, so
 * a stale answer never replaces a newer one. Results are PanelData: Loading (keeping the previous series), then Done
 * or Error with the errors.
 */
import { cloneDeep } from 'lodash';
import { ReplaySubject, type Observable, type Subscription } from 'rxjs';
import {
  CoreApp,
  LoadingState,
  preProcessPanelData,
  rangeUtil,
  type DataQuery,
  type DataQueryRequest,
  type DataSourceRef,
  type PanelData,
  type ScopedVars,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';
import {
  getBackendSrv,
  getDataSourceSrv,
  getTemplateSrv,
  toDataQueryError,
  type DataSourceSrv,
  type TemplateSrv,
} from '@grafana/runtime';

import { runRequest, type RequestCanceler } from './runRequest';

export interface QueryRunnerOptions {
  datasource: DataSourceRef | string | null | undefined;
  queries: DataQuery[];
  panelId?: number;
  dashboardUID?: string;
  timezone: TimeZone;
  timeRange: TimeRange;
  maxDataPoints: number;
  /** The panel's min interval (`interval` in the panel JSON), template variables allowed. */
  minInterval?: string | null;
  scopedVars?: ScopedVars;
  app?: CoreApp;
}

export interface QueryRunnerDeps {
  dataSourceSrv: () => Pick<DataSourceSrv, 'get'>;
  templateSrv: () => Pick<TemplateSrv, 'replace'>;
  canceler?: () => RequestCanceler | undefined;
}

let counter = 100;

/** Grafana's request ids: Q100, Q101... */
export function nextRequestId(): string {
  return `Q${counter++}`;
}

const defaultDeps: QueryRunnerDeps = {
  dataSourceSrv: getDataSourceSrv,
  templateSrv: getTemplateSrv,
  canceler: () => {
    // Grafana's BackendSrv can cancel by request id; the public interface does not list it.
    const backendSrv = getBackendSrv() as Partial<RequestCanceler> | undefined;
    return typeof backendSrv?.resolveCancelerIfExists === 'function' ? (backendSrv as RequestCanceler) : undefined;
  },
};

export class PanelQueryRunner {
  private readonly subject = new ReplaySubject<PanelData>(1);
  private subscription?: Subscription;
  private lastResult?: PanelData;
  private lastRequest?: DataQueryRequest;
  private runId = 0;

  constructor(private readonly deps: QueryRunnerDeps = defaultDeps) {}

  /** Every PanelData of every run, the last one replayed to new subscribers. */
  getData(): Observable<PanelData> {
    return this.subject.asObservable();
  }

  getLastRequest(): DataQueryRequest | undefined {
    return this.lastRequest;
  }

  async run(options: QueryRunnerOptions): Promise<void> {
    const runId = ++this.runId;
    // Stop the previous run now: its answers must not arrive after this run started.
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    const { timeRange } = options;
    const request: DataQueryRequest = {
      app: options.app ?? CoreApp.Dashboard,
      requestId: nextRequestId(),
      timezone: options.timezone,
      panelId: options.panelId,
      dashboardUID: options.dashboardUID,
      range: timeRange,
      rangeRaw: timeRange.raw,
      interval: '',
      intervalMs: 0,
      targets: cloneDeep(options.queries.filter((q) => !q.hide)),
      maxDataPoints: options.maxDataPoints,
      scopedVars: options.scopedVars ?? {},
      startTime: Date.now(),
    };
    this.emit({
      state: LoadingState.Loading,
      series: this.lastResult?.series ?? [],
      annotations: this.lastResult?.annotations,
      timeRange,
      request,
    });
    try {
      const ds = await this.deps.dataSourceSrv().get(options.datasource ?? null, request.scopedVars);
      if (runId !== this.runId) {
        return;
      }
      const ref = ds.getRef();
      // Queries without a datasource, or with another one (a changed `${ds}` variable), go to the panel's.
      request.targets = request.targets.map((q) =>
        !q.datasource || (q.datasource.uid !== ref.uid && !ds.meta?.mixed) ? { ...q, datasource: ref } : q
      );
      const lowerLimit = options.minInterval
        ? this.deps.templateSrv().replace(options.minInterval, request.scopedVars)
        : ds.interval;
      const norm = rangeUtil.calculateInterval(timeRange, options.maxDataPoints, lowerLimit ?? undefined);
      request.scopedVars = {
        ...request.scopedVars,
        __interval: { text: norm.interval, value: norm.interval },
        __interval_ms: { text: String(norm.intervalMs), value: norm.intervalMs },
      };
      request.interval = norm.interval;
      request.intervalMs = norm.intervalMs;
      this.lastRequest = request;
      this.subscription = runRequest(ds, request, this.deps.canceler?.()).subscribe({
        next: (data) => this.emit(data),
      });
    } catch (err) {
      if (runId === this.runId) {
        const error = toDataQueryError(err);
        this.emit({ state: LoadingState.Error, series: [], error, errors: [error], timeRange, request });
      }
    }
  }

  /** Stops the run in progress; a Loading result becomes Done with what it had. */
  cancelQuery(): void {
    this.runId++;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (this.lastResult?.state === LoadingState.Loading) {
      this.emit({ ...this.lastResult, state: LoadingState.Done });
    }
  }

  destroy(): void {
    this.runId++;
    this.subscription?.unsubscribe();
    this.subject.complete();
  }

  private emit(data: PanelData): void {
    this.lastResult = preProcessPanelData(data, this.lastResult);
    this.subject.next(this.lastResult);
  }
}
