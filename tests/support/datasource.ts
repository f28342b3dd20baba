import { dateTime, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { ProfileDataSource } from '../../src/datasource/datasource';
import type { ProfileDataSourceOptions, ProfileQuery } from '../../src/datasource/types';
import { templateSrvWith } from '../../src/datasource/testing/templateSrv';
import { nodeBackendSrv } from './nodeBackendSrv';

/** A template service with no variables. */
export const noVariables = { replace: (s: string) => s } as unknown as TemplateSrv;

/**
 * The datasource pointed straight at a server URL (no Grafana proxy), with Grafana's fetch contract over Node's
 * http. `headers` stand for what Grafana's proxy would add (e.g. the tenant from the plugin.json route).
 */
export function datasourceFor(
  url: string,
  jsonData: ProfileDataSourceOptions = {},
  headers: Record<string, string> = {},
  templateSrv: TemplateSrv = noVariables
): ProfileDataSource {
  const settings = {
    uid: 'it',
    name: 'it',
    url,
    jsonData,
    meta: {},
  } as unknown as DataSourceInstanceSettings<ProfileDataSourceOptions>;
  return new ProfileDataSource(settings, templateSrv, nodeBackendSrv({ headers }));
}

/** A query request over [fromMs, toMs] as Grafana builds it for a panel. */
export function queryRequest(targets: ProfileQuery[], fromMs: number, toMs: number): DataQueryRequest<ProfileQuery> {
  return {
    targets,
    range: { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: dateTime(fromMs), to: dateTime(toMs) } },
    intervalMs: 15_000,
    scopedVars: {},
    requestId: 'it',
  } as unknown as DataQueryRequest<ProfileQuery>;
}

/** A template service with dashboard variables (`$name`, `${name}`); unknown ones stay as written, as in Grafana. */
export const withVariables = templateSrvWith;
