import type { DataQuery, DataSourceJsonData } from '@grafana/data';

/** A Prometheus query as Grafana's Prometheus datasource stores it (the fields this adapter reads). */
export interface PromQuery extends DataQuery {
  expr: string;
  /** `{{label}}` template of the series name; `__auto` or empty means `metric{labels}`. */
  legendFormat?: string;
  /** Minimum step ("Min step"), e.g. `30s`; template variables allowed. */
  interval?: string;
  intervalFactor?: number;
  range?: boolean;
  instant?: boolean;
}

/** The datasource settings this adapter reads. */
export interface PromOptions extends DataSourceJsonData {
  /** Scrape interval of the server, the lower bound of the step (Grafana's "Scrape interval"). */
  timeInterval?: string;
  httpMethod?: 'GET' | 'POST';
}

/** One series of a `matrix` result. */
export interface PromMatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** The success body of `/api/v1/query_range` (only the matrix result type is used). */
export interface PromRangeResponse {
  status: 'success';
  data: { resultType: string; result: unknown };
  warnings?: string[];
}
