/**
 * One open dashboard: its time range, refresh interval and variables, all kept in the URL as Grafana keeps them
 * (`from`, `to`, `timezone`, `refresh`, `var-*`). User actions write the URL; a single location listener applies the
 * URL to the state, so back/forward and links behave like any change. Panels read the state through
 * `state$` (one consistent value: range, variables and whether they are ready).
 */
import { BehaviorSubject, type Subscription } from 'rxjs';
import { rangeUtil, type AbsoluteTimeRange, type RawTimeRange, type TimeRange, type TimeZone } from '@grafana/data';
import { config, locationService, type DataSourceSrv } from '@grafana/runtime';
import type { Dashboard } from '@grafana/schema';

import type { HostTemplateSrv } from '../runtime/templateSrv';
import { createDashboardAnnotations, type DashboardAnnotations } from './annotationsLayer';
import { subscribeDashboard, type DashboardEntry } from './store';
import {
  DEFAULT_RAW_RANGE,
  absoluteRaw,
  rawTimeRangeFromSearch,
  shifted,
  toTimeRange,
  urlTimeParams,
  zoomedOut,
} from './timeRange';
import { DashboardVariables } from './variables/DashboardVariables';
import type { VariableState } from './variables/state';

export interface SessionState {
  dashboard: Dashboard;
  meta: Record<string, unknown>;
  timeRange: TimeRange;
  timeZone: TimeZone;
  /** Auto-refresh interval (`5s`...), '' when off. */
  refresh: string;
  variables: VariableState[];
  variablesReady: boolean;
  /** Changes whenever variables change: panels re-check whether their interpolated queries changed. */
  revision: number;
  /** Changes when the range is applied again (new range, refresh button, auto-refresh): every panel re-runs. */
  refreshKey: number;
}

export interface DashboardSessionDeps {
  templateSrv: HostTemplateSrv;
  dataSourceSrv: Pick<DataSourceSrv, 'get' | 'getList'>;
}

export class DashboardSession {
  readonly state$: BehaviorSubject<SessionState>;
  readonly variables: DashboardVariables;
  /** The dashboard's annotation queries; they follow this session's state. */
  readonly annotations: DashboardAnnotations;
  private readonly uid: string;
  private subscriptions: Subscription[] = [];
  private unsubscribeStore?: () => void;
  private refreshTimer?: ReturnType<typeof setInterval>;
  private urlTime = { from: '', to: '' };

  constructor(
    entry: DashboardEntry,
    private readonly deps: DashboardSessionDeps
  ) {
    const { dashboard } = entry;
    this.uid = dashboard.uid ?? '';
    const search = locationService.getSearch();
    const timeZone = search.get('timezone') ?? dashboard.timezone ?? config.bootData.user?.timezone ?? 'browser';
    const raw = rawTimeRangeFromSearch(search, dashboard.time ?? DEFAULT_RAW_RANGE);
    this.urlTime = urlTimeParams(raw);
    const timeRange = toTimeRange(raw, timeZone);
    deps.templateSrv.updateTimeRange(timeRange);
    deps.templateSrv.setDashboard({ uid: this.uid, title: dashboard.title ?? '' }, timeZone);
    this.variables = new DashboardVariables(dashboard.templating?.list ?? [], search, {
      dashboardUid: this.uid,
      templateSrv: deps.templateSrv,
      dataSourceSrv: deps.dataSourceSrv,
      getRange: () => this.state$.value.timeRange,
      timeZone,
    });
    this.state$ = new BehaviorSubject<SessionState>({
      dashboard,
      meta: entry.meta,
      timeRange,
      timeZone,
      refresh: search.get('refresh') ?? dashboard.refresh ?? '',
      variables: this.variables.getStates(),
      variablesReady: false,
      revision: 0,
      refreshKey: 0,
    });
    this.annotations = createDashboardAnnotations(dashboard, deps);
  }

  /** Writes the defaults into the URL, starts listening to it and resolves the variables. */
  start(): void {
    const search = locationService.getSearch();
    const missing: Record<string, string> = {};
    if (!search.get('from') || !search.get('to')) {
      Object.assign(missing, this.urlTime);
    }
    if (!search.has('refresh') && this.state$.value.refresh) {
      missing.refresh = this.state$.value.refresh;
    }
    if (Object.keys(missing).length > 0) {
      locationService.partial(missing, true);
    }
    this.subscriptions.push(
      this.variables.snapshot$.subscribe((snapshot) =>
        this.update({ variables: snapshot.states, variablesReady: snapshot.ready, revision: this.nextRevision() })
      ),
      locationService.getLocationObservable().subscribe(() => this.applyUrl()),
      this.state$.subscribe((state) => this.annotations.update(state))
    );
    this.unsubscribeStore = subscribeDashboard(this.uid, (entry) => this.update({ dashboard: entry.dashboard }));
    this.startRefreshTimer(this.state$.value.refresh);
    void this.variables.start();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
    this.subscriptions = [];
    this.unsubscribeStore?.();
    this.stopRefreshTimer();
    this.variables.dispose();
    this.annotations.dispose();
    this.state$.complete();
  }

  /** A new range (from the picker, a drag on a graph, zoom or shift): a new history entry. */
  setTimeRange(range: RawTimeRange | AbsoluteTimeRange): void {
    const raw = typeof range.from === 'number' ? absoluteRaw(range as AbsoluteTimeRange) : (range as RawTimeRange);
    locationService.partial(urlTimeParams(raw), false);
  }

  zoomOut(): void {
    this.setTimeRange(zoomedOut(this.state$.value.timeRange));
  }

  shift(direction: -1 | 1): void {
    this.setTimeRange(shifted(this.state$.value.timeRange, direction));
  }

  setTimeZone(timeZone: TimeZone): void {
    locationService.partial({ timezone: timeZone }, true);
  }

  /** Auto-refresh interval ('' = off), kept in the URL as Grafana does. */
  setRefresh(interval: string): void {
    locationService.partial({ refresh: interval || null }, true);
  }

  /** The refresh button: relative ranges move to now, time-dependent variables and every panel re-run. */
  refresh(): void {
    const { dashboard } = this.state$.value;
    const raw = rawTimeRangeFromSearch(locationService.getSearch(), dashboard.time ?? DEFAULT_RAW_RANGE);
    this.applyTimeRange(raw);
  }

  private applyUrl(): void {
    const { pathname } = locationService.getLocation();
    const base = `/d/${encodeURIComponent(this.uid)}`;
    if (pathname !== base && !pathname.startsWith(`${base}/`)) {
      return;
    }
    const search = locationService.getSearch();
    const { dashboard, timeZone } = this.state$.value;
    const nextZone = search.get('timezone') ?? timeZone;
    if (nextZone !== timeZone) {
      this.update({ timeZone: nextZone });
    }
    const raw = rawTimeRangeFromSearch(search, dashboard.time ?? DEFAULT_RAW_RANGE);
    const urlTime = urlTimeParams(raw);
    if (urlTime.from !== this.urlTime.from || urlTime.to !== this.urlTime.to || nextZone !== timeZone) {
      this.urlTime = urlTime;
      this.applyTimeRange(raw);
    }
    const refresh = search.get('refresh') ?? '';
    if (refresh !== this.state$.value.refresh) {
      this.update({ refresh });
      this.startRefreshTimer(refresh);
    }
    void this.variables.applyUrl(search);
  }

  private applyTimeRange(raw: RawTimeRange): void {
    const timeRange = toTimeRange(raw, this.state$.value.timeZone);
    this.deps.templateSrv.updateTimeRange(timeRange);
    this.update({ timeRange, refreshKey: this.state$.value.refreshKey + 1 });
    void this.variables.onTimeRangeChanged();
  }

  private startRefreshTimer(interval: string): void {
    this.stopRefreshTimer();
    if (!interval || !rangeUtil.isValidTimeSpan(interval)) {
      return;
    }
    const minMs = config.minRefreshInterval ? rangeUtil.intervalToMs(config.minRefreshInterval) : 0;
    const everyMs = Math.max(rangeUtil.intervalToMs(interval), minMs);
    this.refreshTimer = setInterval(() => this.refresh(), everyMs);
  }

  private stopRefreshTimer(): void {
    if (this.refreshTimer !== undefined) {
      clearInterval(this.refreshTimer);
      this.refreshTimer = undefined;
    }
  }

  private nextRevision(): number {
    return this.state$.value ? this.state$.value.revision + 1 : 0;
  }

  private update(patch: Partial<SessionState>): void {
    if (!this.state$.closed) {
      this.state$.next({ ...this.state$.value, ...patch });
    }
  }
}
