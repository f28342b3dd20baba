import { catchError, map, of, type Observable } from 'rxjs';
import {
  DataTopic,
  LoadingState,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type PanelData,
  type ScopedVars,
} from '@grafana/data';
import {
  locationService,
  setDataSourceSrv,
  setRunRequest,
  setTemplateSrv,
  type DataSourceSrv,
  type TemplateSrv,
} from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { sceneGraph, UrlSyncManager, type SceneObject } from '@grafana/scenes';

import type { ProfileDataSource } from '../datasource';

/**
 * A small emulation of the Grafana core services a dashboard runs on, wired the way core wires them for scenes
 * dashboards, so that tests can drive the real `@grafana/scenes` objects with our real datasource. It mirrors core's
 * behaviour, not its code:
 * - the template service hands interpolation to scenes: on the scene object a request carries in
 *   `scopedVars.__sceneObject` (the query runner or annotation layer that made it), otherwise on the active
 *   dashboard, which is what core does for callers that pass no scene object;
 * - `runRequest` calls the datasource's `query()` and turns each response into PanelData (annotation frames apart,
 *   errors as an error state), as core's runRequest does for the query runners;
 * - the datasource service knows the one datasource under test, by uid.
 */
export interface GrafanaCore {
  templateSrv: TemplateSrv;
  /** Every request the datasource was asked to run, in order. */
  requests: Array<DataQueryRequest<DataQuery>>;
}

/** Installs the emulated services; `dashboard` gives the scene used when a caller passes no scene object. */
export function installGrafanaCore(
  settings: DataSourceInstanceSettings,
  getDatasource: () => ProfileDataSource,
  dashboard: () => SceneObject
): GrafanaCore {
  const requests: Array<DataQueryRequest<DataQuery>> = [];
  const templateSrv = sceneTemplateSrv(dashboard);
  setTemplateSrv(templateSrv);
  setDataSourceSrv(singleDataSourceSrv(settings, getDatasource));
  setRunRequest((ds: DataSourceApi, request: DataQueryRequest<DataQuery>): Observable<PanelData> => {
    requests.push(request);
    // Our datasource answers with an Observable; core also accepts a Promise, which no test here needs.
    return panelData(ds.query(request) as Observable<DataQueryResponse>, request);
  });
  return { templateSrv, requests };
}

/** The template service: scenes interpolation on the requesting scene object, as core's does. */
export function sceneTemplateSrv(dashboard: () => SceneObject): TemplateSrv {
  const sceneOf = (scopedVars?: ScopedVars): SceneObject => {
    const wrapped: unknown = scopedVars?.__sceneObject?.value;
    // Scenes wraps the object so that it never gets serialised; valueOf() unwraps either form it uses.
    const unwrapped: unknown = wrapped && typeof wrapped === 'object' ? wrapped.valueOf() : undefined;
    return (unwrapped as SceneObject | undefined) ?? dashboard();
  };
  return {
    replace: (target?: string, scopedVars?: ScopedVars, format?: string | Function) =>
      sceneGraph.interpolate(sceneOf(scopedVars), target, scopedVars, format as never),
    getVariables: () => sceneGraph.getVariables(dashboard()).state.variables as never,
    containsTemplate: (target?: string) => Boolean(target && /\$\w|\$\{|\[\[/.test(target)),
    updateTimeRange: () => undefined,
  } as unknown as TemplateSrv;
}

function singleDataSourceSrv(
  settings: DataSourceInstanceSettings,
  getDatasource: () => ProfileDataSource
): DataSourceSrv {
  return {
    get: async () => getDatasource(),
    getInstanceSettings: () => settings,
    getList: () => [settings],
    reload: async () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv;
}

function panelData(responses: Observable<DataQueryResponse>, request: DataQueryRequest<DataQuery>) {
  return responses.pipe(
    map((response): PanelData => {
      const frames = response.data ?? [];
      const errors = response.errors;
      return {
        state: errors?.length ? LoadingState.Error : (response.state ?? LoadingState.Done),
        series: frames.filter((f) => f.meta?.dataTopic !== DataTopic.Annotations),
        annotations: frames.filter((f) => f.meta?.dataTopic === DataTopic.Annotations),
        ...(errors ? { errors } : {}),
        timeRange: request.range,
        request,
      };
    }),
    catchError((err: unknown) =>
      of<PanelData>({
        state: LoadingState.Error,
        series: [],
        errors: [{ message: err instanceof Error ? err.message : String(err) }],
        timeRange: request.range,
        request,
      })
    )
  );
}

/**
 * Keeps a scene in sync with the URL the way a dashboard page does: scenes' UrlSyncManager reads the URL into the
 * scene on start and on every navigation (the page's `useUrlSync` hook calls it on each location change; here a
 * history listener does). Returns a function that stops it.
 */
export function syncWithUrl(scene: SceneObject): () => void {
  const manager = new UrlSyncManager();
  manager.initSync(scene);
  const stop = locationService.getHistory().listen(() => manager.handleNewLocation(locationService.getLocation()));
  return () => {
    stop();
    manager.cleanUp(scene);
  };
}
