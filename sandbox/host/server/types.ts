/** JSON as it travels through the sandbox host's API (datasource jsonData, dashboards, plugin.json). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Where the host writes its log lines (the demo passes `console.log`; tests usually pass nothing). */
export type HostLogger = (line: string) => void;

/** Grafana's two datasource access modes: `proxy` (server) goes through the datasource proxy, `direct` (browser). */
export type DataSourceAccess = 'proxy' | 'direct';

/**
 * One datasource as Grafana stores it (a row of its `data_source` table), without the secure values: the store keeps
 * `secureJsonData` apart so that nothing that serialises a record can leak a secret.
 */
export interface DataSourceRecord {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  type: string;
  access: DataSourceAccess;
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: JsonObject;
  version: number;
  readOnly: boolean;
}

/** A datasource read from provisioning: the record without its id (assigned by the store) plus its secrets. */
export interface ProvisionedDataSource {
  record: Omit<DataSourceRecord, 'id'>;
  secureJsonData: Record<string, string>;
}

/** A dashboard JSON file from `provisioning/dashboards/`. */
export interface ProvisionedDashboard {
  /** File name, e.g. `flamelens-demo.json` (dashboards are ordered by it). */
  fileName: string;
  uid: string;
  title: string;
  tags: string[];
  /** The dashboard model as written in the file. */
  dashboard: JsonObject;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
