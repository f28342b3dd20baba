import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { CompareMode } from '../model/contract';

/** What a query returns: a flame graph, time series, or both; `spikes` is the annotation query (spike regions). */
export type ProfileQueryType = 'profile' | 'metrics' | 'both' | 'spikes';

/** A profile query; field names follow Grafana's built-in Pyroscope datasource. */
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
  /**
   * Dashboard variable holding a "focus moment", written as a reference (`$focus`): when it holds a time, the query
   * reads the window of `focusWindow` centred on it instead of the dashboard range. Unset: the dashboard range, always
   * (a query reads no variable it does not name, since Grafana re-runs it only for those; docs/variables.md).
   */
  focusVariable?: string;
  /** Width of the focus window, a Grafana duration (default `5m`). */
  focusWindow?: string;
  /**
   * Compare the flame graph with a baseline window (a diff frame; `custom` takes `compareFrom`/`compareTo`); may be a
   * template variable such as `$compare`.
   */
  compare?: CompareMode | string;
  /** Baseline start for `compare: 'custom'`: ms since the epoch, an ISO time or a Grafana time such as `now-1d`. */
  compareFrom?: string;
  /** Baseline end for `compare: 'custom'`. */
  compareTo?: string;
  /** Spike rules of the annotation query (queryType `spikes`); every field has a default. */
  spikes?: SpikeRules;
  /**
   * Frame filters for the flame graph, as a filter list (`preset:go;hide:re:^runtime\.;focus:exact:main.work`) or a
   * dashboard variable holding one (`$filters`, so a URL's `var-filters=` shares a filtered view). Not applied here:
   * written into the frame's meta for the panel, which applies them (docs/frame-filters.md).
   */
  frameFilters?: string;
}

/**
 * When a point of the profile-derived series is a spike (in the spirit of mosn/holmes): above `minValue` AND (above
 * (1 + `ratio`) x the mean of the previous `windowPoints` quiet points OR above `ceiling`). Values are in the
 * series' unit (CPU: cores).
 */
export interface SpikeRules {
  minValue?: number;
  ratio?: number;
  windowPoints?: number;
  /** Absolute ceiling: any point above it is a spike (when above `minValue`). Unset: no ceiling. */
  ceiling?: number;
  /** After a spike region ends, a new one starting within this Grafana duration is merged into it. */
  cooldown?: string;
  /**
   * Bucket width of the series the rules read (a Grafana duration, default `1m`, never below the query interval):
   * wide enough that agents' upload cadence (10–15 s) does not alias into false spikes.
   */
  step?: string;
}

/** What a template variable lists. */
export type VariableQueryKind = 'profileTypes' | 'services' | 'labelNames' | 'labelValues';

/** A template variable query; `labelSelector` scopes names and values (template variables allowed). */
export interface ProfileVariableQuery extends DataQuery {
  kind: VariableQueryKind;
  profileTypeId?: string;
  labelSelector?: string;
  labelName?: string;
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
