/**
 * `locationUtil` of @grafana/data as Grafana's boot sets it up (`locationUtil.initialize`): with the boot config, so
 * `assureBaseUrl` / `stripBaseFromUrl` know the sub-path (`appSubUrl`) plugins' links need, and with the current
 * dashboard's range and variables for `getTimeRangeUrlParams` / `getVariablesUrlParams`. Dashboards keep both in the
 * URL (scenes' URL sync), so the host reads them there.
 */
import { locationUtil, type GrafanaConfig, type UrlQueryMap } from '@grafana/data';
import { config, locationService } from '@grafana/runtime';

export function initLocationUtil(): void {
  locationUtil.initialize({
    // The runtime's boot config is what Grafana passes; this line's @grafana/data declares a few toggles its
    // @grafana/runtime lacks, none of which locationUtil reads (it reads appSubUrl and disableSanitizeHtml).
    config: config as unknown as GrafanaConfig,
    getTimeRangeForUrl: () => {
      const search = locationService.getSearch();
      return { from: search.get('from') ?? 'now-6h', to: search.get('to') ?? 'now' };
    },
    getVariablesUrlParams: () => {
      const params: UrlQueryMap = {};
      for (const [key, value] of Object.entries(locationService.getSearchObject())) {
        if (key.startsWith('var-')) {
          params[key] = value;
        }
      }
      return params;
    },
  });
}
