import fs from 'fs';
import path from 'path';
import type { DataQueryRequest, DataQueryResponse, DataSourceInstanceSettings } from '@grafana/data';
import type { BackendSrv, TemplateSrv } from '@grafana/runtime';
import type { Observable } from 'rxjs';

import type { ProfileDataSourceOptions, ProfileQuery } from '../../src/datasource/types';
import { loadAmd } from './amd';
import { noVariables } from './datasource';
import { nodeBackendSrv } from './nodeBackendSrv';

/** What the suite uses of the built datasource class (its constructor takes the backend service as Grafana's would). */
export interface BuiltDatasource {
  query(request: DataQueryRequest<ProfileQuery>): Observable<DataQueryResponse>;
}

type BuiltClass = new (
  settings: DataSourceInstanceSettings<ProfileDataSourceOptions>,
  templateSrv: TemplateSrv,
  backendSrv: () => BackendSrv
) => BuiltDatasource;

export const BUILT_MODULE = path.join(__dirname, '..', '..', 'dist', 'datasource', 'module.js');

let builtClass: BuiltClass | undefined;

/**
 * The datasource from the built bundle `dist/datasource/module.js` (what Grafana loads), pointed straight at `url`
 * with Grafana's fetch contract over Node's http and `templateSrv` as Grafana's template service. Throws when the bundle is missing: `npm test` builds it first.
 */
export function builtDatasourceFor(
  url: string,
  jsonData: ProfileDataSourceOptions,
  templateSrv: TemplateSrv = noVariables
): BuiltDatasource {
  if (!builtClass) {
    if (!fs.existsSync(BUILT_MODULE)) {
      throw new Error('dist/datasource/module.js is missing: run `npm run build` first (npm test does it)');
    }
    const plugin = loadAmd(BUILT_MODULE).plugin as { DataSourceClass?: unknown } | undefined;
    if (typeof plugin?.DataSourceClass !== 'function') {
      throw new Error('dist/datasource/module.js does not export a datasource plugin');
    }
    builtClass = plugin.DataSourceClass as BuiltClass;
  }
  const settings = { uid: 'faults', name: 'faults', url, jsonData, meta: {} };
  return new builtClass(
    settings as unknown as DataSourceInstanceSettings<ProfileDataSourceOptions>,
    templateSrv,
    nodeBackendSrv()
  );
}
