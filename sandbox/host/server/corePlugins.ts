import type { JsonObject } from './types';

/** The version of the root's @grafana packages (the 12.4 line), for code and tests that name no line. */
export const GRAFANA_VERSION = '12.4.10';

const GRAFANA_LABS = { name: 'Grafana Labs', url: 'https://grafana.com' };

/**
 * plugin.json of the core plugins the sandbox host provides itself (Grafana ships them in its frontend bundle:
 * `module` is `core:plugin/<id>` and the files live under `public/app/plugins/`), versioned like the Grafana they come
 * with. Only the fields the frontend reads.
 */
export function corePlugins(grafanaVersion: string): Record<string, { json: JsonObject; baseUrl: string }> {
  return {
    // The built-in "-- Grafana --" datasource: dashboards' "Annotations & Alerts" query runs on it.
    grafana: {
      baseUrl: 'public/app/plugins/datasource/grafana',
      json: {
        type: 'datasource',
        name: '-- Grafana --',
        id: 'grafana',
        builtIn: true,
        info: {
          author: GRAFANA_LABS,
          description: 'Built-in annotations and alert state history',
          links: [],
          logos: { small: 'public/img/icn-datasource.svg', large: 'public/img/icn-datasource.svg' },
          version: grafanaVersion,
          updated: '',
        },
        dependencies: { grafanaDependency: '', grafanaVersion: '*', plugins: [] },
        routes: [],
        metrics: true,
        annotations: true,
        backend: true,
      },
    },
    prometheus: {
      baseUrl: 'public/app/plugins/datasource/prometheus',
      json: {
        type: 'datasource',
        name: 'Prometheus',
        id: 'prometheus',
        category: 'tsdb',
        info: {
          author: GRAFANA_LABS,
          description: 'Open source time series database & alerting',
          links: [{ name: 'Learn more', url: 'https://prometheus.io/' }],
          logos: { small: 'img/prometheus_logo.svg', large: 'img/prometheus_logo.svg' },
          version: grafanaVersion,
          updated: '',
        },
        dependencies: { grafanaDependency: '', grafanaVersion: '*', plugins: [] },
        routes: [],
        metrics: true,
        alerting: true,
        annotations: true,
        backend: true,
        queryOptions: { minInterval: true },
      },
    },
    timeseries: {
      baseUrl: 'public/app/plugins/panel/timeseries',
      json: {
        type: 'panel',
        name: 'Time series',
        id: 'timeseries',
        info: {
          author: GRAFANA_LABS,
          description: 'Time based line, area and bar charts',
          logos: { small: 'img/icn-timeseries-panel.svg', large: 'img/icn-timeseries-panel.svg' },
          version: grafanaVersion,
          updated: '',
        },
        dependencies: { grafanaDependency: '', grafanaVersion: '*', plugins: [] },
      },
    },
  };
}

/** Grafana's `getPanelSort`: the built-in order of the panel picker (timeseries first, plugins last). */
export function panelSort(id: string): number {
  const order: Record<string, number> = { timeseries: 1, barchart: 2, stat: 3, gauge: 4, bargauge: 5, table: 6 };
  return order[id] ?? 100;
}
