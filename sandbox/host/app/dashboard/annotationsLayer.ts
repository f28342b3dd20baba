/**
 * The annotation queries of one open dashboard (Grafana's dashboard annotation data layers): every enabled entry of
 * `annotations.list` runs over the dashboard range once the variables are resolved, and again when the range is
 * applied again (new range, refresh, auto-refresh) or when the variables it uses change its interpolated JSON — the
 * rule panels follow. A new run cancels the one in progress. The built-in "-- Grafana --" query of type
 * `dashboard` shows the alert rule annotations of the dashboard (annotationsAlerts.ts), nothing else: the sandbox
 * has no annotation store. Datasource queries go through the datasource's annotation support
 * (annotationsQuery.ts). Each query's events become one frame (`dataTopic: annotations`) in its own colour; a
 * failed query keeps an error message for the toggle bar, never throws.
 */
import { BehaviorSubject, catchError, from, map, of, switchMap, type Observable, type Subscription } from 'rxjs';
import {
  LoadingState,
  type AnnotationEvent,
  type AnnotationQuery,
  type DataFrame,
  type DataSourceApi,
  type DataSourceRef,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';
import { config, getBackendSrv, type DataSourceSrv, type TemplateSrv } from '@grafana/runtime';
import type { Dashboard } from '@grafana/schema';

import { alertRuleAnnotations } from './annotationsAlerts';
import { annotationEventsToFrame, postProcessAnnotationEvents } from './annotationsEvents';
import { executeAnnotationQuery } from './annotationsQuery';

/** What the toggle bar and the panels need to know about one annotation query. */
export interface AnnotationLayerState {
  /** Position in the dashboard's `annotations.list`. */
  index: number;
  name: string;
  enabled: boolean;
  /** `hide: true`: no toggle in the bar (the query still runs). */
  hidden: boolean;
  loading: boolean;
  error?: string;
  /** The events of the last run (absent before it, and while disabled). */
  frame?: DataFrame;
}

/** The part of the dashboard state the annotation queries follow. */
export interface AnnotationRunContext {
  variablesReady: boolean;
  timeRange: TimeRange;
  timeZone: TimeZone;
  /** Changes when the range is applied again: every query re-runs. */
  refreshKey: number;
  /** Changes with variable values: queries whose interpolated JSON changed re-run. */
  revision: number;
}

export interface DashboardAnnotationsDeps {
  dashboardUid: string;
  dataSourceSrv: Pick<DataSourceSrv, 'get'>;
  templateSrv: Pick<TemplateSrv, 'replace'>;
  /** Grafana's ruler API for the rules linked to the dashboard. */
  fetchRules: (dashboardUid: string) => Promise<unknown>;
  /** The theme's colour for a colour name (`red` → the theme's red). */
  getColorByName: (name: string) => string;
  /** At most one point per pixel: Grafana uses the window width. */
  maxDataPoints?: () => number;
}

interface Layer {
  query: AnnotationQuery;
  state: AnnotationLayerState;
  /** Range and interpolated query of the last run: the same key does not run again. */
  runKey?: string;
  subscription?: Subscription;
}

interface LayerResult {
  loading: boolean;
  events: AnnotationEvent[];
  errors: string[];
}

/** Grafana's ruler API: the alert rules (`dashboard_uid` filters them). */
export const RULER_RULES_URL = '/api/ruler/grafana/api/v1/rules';

/** Uids and types of Grafana's built-in annotation datasource. */
const GRAFANA_DATASOURCE = ['-- Grafana --', 'grafana'];

export class DashboardAnnotations {
  readonly state$: BehaviorSubject<AnnotationLayerState[]>;
  private readonly layers: Layer[];
  private context?: AnnotationRunContext;

  constructor(
    queries: AnnotationQuery[],
    private readonly deps: DashboardAnnotationsDeps
  ) {
    this.layers = queries.map((query, index) => ({
      query,
      state: {
        index,
        name: query.name ?? `Annotations ${index + 1}`,
        enabled: query.enable !== false,
        hidden: Boolean(query.hide),
        loading: false,
      },
    }));
    this.state$ = new BehaviorSubject(this.states());
  }

  /** Follows the dashboard: runs the enabled queries whose range or interpolated query changed. */
  update(context: AnnotationRunContext): void {
    this.context = context;
    if (!context.variablesReady) {
      return;
    }
    for (const layer of this.layers) {
      if (layer.state.enabled) {
        this.runIfChanged(layer, context);
      }
    }
  }

  /** The toggle of a query (Grafana's `enable`): on runs it now, off removes its events. */
  setEnabled(index: number, enabled: boolean): void {
    const layer = this.layers[index];
    if (!layer) {
      throw new Error(`Annotation query ${index} is not on this dashboard`);
    }
    layer.subscription?.unsubscribe();
    layer.runKey = undefined;
    layer.state = { ...layer.state, enabled, loading: false, error: undefined, frame: undefined };
    this.publish();
    if (enabled && this.context?.variablesReady) {
      this.runIfChanged(layer, this.context);
    }
  }

  dispose(): void {
    this.layers.forEach((layer) => layer.subscription?.unsubscribe());
    this.state$.complete();
  }

  private runIfChanged(layer: Layer, context: AnnotationRunContext): void {
    const key = `${context.refreshKey}|${context.timeZone}|${this.deps.templateSrv.replace(JSON.stringify(layer.query))}`;
    if (key === layer.runKey) {
      return;
    }
    layer.runKey = key;
    layer.subscription?.unsubscribe();
    layer.state = { ...layer.state, loading: true };
    this.publish();
    layer.subscription = this.run(layer.query, context).subscribe((result) => {
      const events = postProcessAnnotationEvents(layer.query, result.events, this.deps.getColorByName);
      layer.state = {
        ...layer.state,
        loading: result.loading,
        error: result.errors.length > 0 ? `${layer.state.name}: ${result.errors.join('; ')}` : undefined,
        frame: annotationEventsToFrame(events),
      };
      this.publish();
    });
  }

  private run(query: AnnotationQuery, context: AnnotationRunContext): Observable<LayerResult> {
    if (isGrafanaBuiltIn(query)) {
      const type = (query.target as { type?: string } | undefined)?.type ?? 'dashboard';
      if (type !== 'dashboard') {
        return of({ loading: false, events: [], errors: [] });
      }
      const ctx = { dashboardUid: this.deps.dashboardUid, range: context.timeRange, timeZone: context.timeZone };
      const deps = {
        fetchRules: this.deps.fetchRules,
        getDataSource: (uid: string) => this.deps.dataSourceSrv.get({ uid }),
      };
      return from(alertRuleAnnotations(ctx, deps)).pipe(map((r) => ({ loading: false, ...r })));
    }
    return from(this.deps.dataSourceSrv.get(query.datasource as DataSourceRef | undefined)).pipe(
      switchMap((ds: DataSourceApi) =>
        executeAnnotationQuery(ds, query, {
          range: context.timeRange,
          timeZone: context.timeZone,
          dashboardUid: this.deps.dashboardUid,
          maxDataPoints: this.deps.maxDataPoints?.() ?? 1000,
        })
      ),
      map((r) => ({
        loading: r.state === LoadingState.Loading,
        events: r.events,
        errors: (r.errors ?? []).map((e) => e.message ?? 'query failed'),
      })),
      catchError((err: unknown) =>
        of({ loading: false, events: [], errors: [err instanceof Error ? err.message : String(err)] })
      )
    );
  }

  private states(): AnnotationLayerState[] {
    return this.layers.map((l) => l.state);
  }

  private publish(): void {
    if (!this.state$.closed) {
      this.state$.next(this.states());
    }
  }
}

/** True for the built-in "Annotations & Alerts" query and other queries of the "-- Grafana --" datasource. */
export function isGrafanaBuiltIn(query: AnnotationQuery): boolean {
  const ds = query.datasource as DataSourceRef | string | null | undefined;
  const uid = typeof ds === 'string' ? ds : ds?.uid;
  return (
    query.builtIn === 1 || GRAFANA_DATASOURCE.includes(uid ?? '') || (typeof ds === 'object' && ds?.type === 'grafana')
  );
}

/** The frames of the enabled queries that have results, in dashboard order. */
export function annotationFrames(states: AnnotationLayerState[]): DataFrame[] {
  return states.flatMap((s) => (s.enabled && s.frame && s.frame.length > 0 ? [s.frame] : []));
}

/** The annotation queries of a dashboard with the host's services: Grafana's ruler API, the theme, the window. */
export function createDashboardAnnotations(
  dashboard: Dashboard,
  deps: Pick<DashboardAnnotationsDeps, 'dataSourceSrv' | 'templateSrv'>
): DashboardAnnotations {
  return new DashboardAnnotations((dashboard.annotations?.list ?? []) as AnnotationQuery[], {
    ...deps,
    dashboardUid: dashboard.uid ?? '',
    fetchRules: (uid) =>
      getBackendSrv().get(RULER_RULES_URL, { dashboard_uid: uid }, undefined, { showErrorAlert: false }),
    getColorByName: (name) => config.theme2.visualization.getColorByName(name),
    maxDataPoints: () => window.innerWidth || document.documentElement.clientWidth || 1000,
  });
}
