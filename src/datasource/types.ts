import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** A profile query; field names follow Grafana's built-in Pyroscope datasource (DESIGN.md §3.1). */
export interface ProfileQuery extends DataQuery {
  queryType?: 'profile' | 'metrics' | 'both';
  profileTypeId?: string;
  labelSelector?: string;
  groupBy?: string[];
  maxNodes?: number;
}

/** Non-secret datasource settings. */
export interface ProfileDataSourceOptions extends DataSourceJsonData {}
