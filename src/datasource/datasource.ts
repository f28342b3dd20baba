import { Observable, of } from 'rxjs';
import {
  DataSourceApi,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type TestDataSourceResponse,
} from '@grafana/data';

import type { ProfileDataSourceOptions, ProfileQuery } from './types';

const NOT_YET = 'Flamelens Pyroscope cannot run queries in this build yet: server queries are being implemented.';

/**
 * The Flamelens Pyroscope datasource. This build only registers the plugin; server adapters and queries are the
 * next piece of work, so every call answers with a clear message instead of failing silently.
 */
export class ProfileDataSource extends DataSourceApi<ProfileQuery, ProfileDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<ProfileDataSourceOptions>) {
    super(instanceSettings);
  }

  query(_request: DataQueryRequest<ProfileQuery>): Observable<DataQueryResponse> {
    return of({ data: [], errors: [{ message: NOT_YET }] });
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    return { status: 'error', message: NOT_YET };
  }
}
