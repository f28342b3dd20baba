import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** What a query returns: a flame graph, time series, or both. */
export type ProfileQueryType = 'profile' | 'metrics' | 'both';

/** A profile query; field names follow Grafana's built-in Pyroscope datasource (DESIGN.md §3.1). */
export interface ProfileQuery extends DataQuery {
  queryType?: ProfileQueryType;
  /** e.g. `process_cpu:cpu:nanoseconds:cpu:nanoseconds`. */
  profileTypeId?: string;
  /** Prometheus-style selector, e.g. `{service_name="api"}`. */
  labelSelector?: string;
  /** Label names to split the time series by. */
  groupBy?: string[];
  /** Most nodes in the flame graph; the server merges the rest into `other`. */
  maxNodes?: number;
}

/** Server flavor setting; `auto` detects it. */
export type FlavorSetting = 'auto' | 'grafana' | 'og';

/** How requests authenticate (applied by Grafana's data proxy, never in the browser). */
export type AuthMethod = 'none' | 'basic' | 'bearer';

/** Non-secret datasource settings (`jsonData`). Secrets live in `secureJsonData`. */
export interface ProfileDataSourceOptions extends DataSourceJsonData {
  flavor?: FlavorSetting;
  authMethod?: AuthMethod;
  /** Tenant sent as `X-Scope-OrgID` (by the plugin.json route). */
  tenantId?: string;
  /** Smallest series step, a Grafana duration such as `15s`. */
  minStep?: string;
  /** Default max nodes for queries that set none. */
  maxNodes?: number;
  /** Request timeout in seconds. */
  timeoutSec?: number;
  /** Grafana's custom header slot 1; `Authorization` when the bearer token method is chosen. */
  httpHeaderName1?: string;
}

/** Secret settings: only Grafana's backend reads them. */
export interface ProfileSecureJsonData {
  basicAuthPassword?: string;
  /** `Bearer <token>` as the value of the custom Authorization header. */
  httpHeaderValue1?: string;
}
