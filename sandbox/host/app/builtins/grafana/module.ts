import { DataSourcePlugin } from '@grafana/data';

import { GrafanaDatasource, type GrafanaAnnotationTarget } from './GrafanaDatasource';

/** The host's built-in `grafana` datasource plugin (module id `core:plugin/grafana`), "-- Grafana --" in dashboards. */
export const plugin = new DataSourcePlugin<GrafanaDatasource, GrafanaAnnotationTarget>(GrafanaDatasource);
