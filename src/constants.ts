/** Plugin ids of the package; they must match the plugin.json files. */
export const APP_ID = 'flamelens-profiles-app';
export const DATASOURCE_ID = 'flamelens-pyroscope-datasource';
export const PANEL_ID = 'flamelens-flamegraph-panel';
