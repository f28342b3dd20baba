/**
 * The host's "-- Grafana --" datasource (Grafana's built-in `grafana` datasource, uid `grafana`), for the one thing
 * dashboards ask of it here: the built-in "Annotations & Alerts" query. In Grafana that query reads the annotation
 * store, where the alert scheduler records each state change of the rules linked to the dashboard; the sandbox has no
 * store and no scheduler, so a query of type `dashboard` evaluates the linked rules over the requested range instead
 * (annotationsAlerts.ts) and answers their firing periods. Everything else about annotations (scenes'
 * AnnotationsDataLayer, field mapping, per-panel filtering) is Grafana's own code. Other query types answer nothing.
 */
import { Observable, from, map } from 'rxjs';
import {
  DataSourceApi,
  DataTopic,
  arrayToDataFrame,
  type AnnotationQuery,
  type DataQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
} from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';

import { alertRuleAnnotations, type AlertAnnotationDeps } from './annotationsAlerts';

/** Grafana's annotation query of this datasource (its `GrafanaQuery` for annotations). */
export interface GrafanaAnnotationTarget extends DataQuery {
  /** `dashboard`: this dashboard's annotations and alerts; `tags`: by tags (not stored here). */
  type?: 'dashboard' | 'tags';
  limit?: number;
  tags?: string[];
  matchAny?: boolean;
}

/** Grafana's ruler API: the alert rules (`dashboard_uid` filters them). */
export const RULER_RULES_URL = '/api/ruler/grafana/api/v1/rules';

/** The defaults Grafana gives the built-in annotation query. */
const DEFAULT_TARGET: GrafanaAnnotationTarget = {
  refId: 'Anno',
  type: 'dashboard',
  limit: 100,
  tags: [],
  matchAny: false,
};

const defaultDeps: AlertAnnotationDeps = {
  fetchRules: (dashboardUid) =>
    getBackendSrv().get(RULER_RULES_URL, { dashboard_uid: dashboardUid }, undefined, { showErrorAlert: false }),
  getDataSource: (uid) => getDataSourceSrv().get({ uid }),
};

export class GrafanaDatasource extends DataSourceApi<GrafanaAnnotationTarget> {
  /** Annotation support: the saved query's `target` (or the defaults) is what runs. */
  annotations = {
    prepareAnnotation: (json: AnnotationQuery<GrafanaAnnotationTarget>): AnnotationQuery<GrafanaAnnotationTarget> => ({
      ...json,
      target: { ...DEFAULT_TARGET, ...json.target },
    }),
    prepareQuery: (anno: AnnotationQuery<GrafanaAnnotationTarget>): GrafanaAnnotationTarget | undefined => anno.target,
  };

  constructor(
    instanceSettings: DataSourceInstanceSettings,
    private readonly deps: AlertAnnotationDeps = defaultDeps
  ) {
    super(instanceSettings);
  }

  query(request: DataQueryRequest<GrafanaAnnotationTarget>): Observable<DataQueryResponse> {
    const dashboardUid = request.dashboardUID;
    const wanted = request.targets.filter((t) => (t.type ?? 'dashboard') === 'dashboard');
    if (!dashboardUid || wanted.length === 0) {
      return from([{ data: [] }]);
    }
    const ctx = { dashboardUid, range: request.range, timeZone: request.timezone };
    return from(alertRuleAnnotations(ctx, this.deps)).pipe(
      map((result): DataQueryResponse => {
        const frame = arrayToDataFrame(result.events);
        frame.refId = wanted[0].refId;
        frame.meta = { dataTopic: DataTopic.Annotations };
        const errors = result.errors.map((message) => ({ refId: wanted[0].refId, message }));
        return errors.length > 0 ? { data: [frame], errors } : { data: [frame] };
      })
    );
  }

  async testDatasource(): Promise<{ status: string; message: string }> {
    return { status: 'success', message: 'The built-in Grafana datasource needs no settings.' };
  }
}
