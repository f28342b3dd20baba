/** Ids of the nested plugins the app's overview links to; they must match their plugin.json files. */
export const DATASOURCE_ID = 'flamelens-pyroscope-datasource';
export const PANEL_ID = 'flamelens-flamegraph-panel';
