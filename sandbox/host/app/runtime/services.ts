/**
 * The runtime services Grafana sets before any plugin or scene loads (`setBackendSrv`, `setTemplateSrv`,
 * `setDataSourceSrv`, `setAppEvents`, `setEchoSrv`, `setPluginPage`, and for @grafana/scenes `setRunRequest` and
 * `setPluginImportUtils`), the option editor registries and the `${__dashboard}` macro, built from boot data.
 * `setUpRuntime()` runs once, when the host bundle starts.
 */
import { EventBusSrv, type DataSourceInstanceSettings } from '@grafana/data';
import {
  config,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setEchoSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
  type EchoSrv,
} from '@grafana/runtime';
import { setPluginPage } from '@grafana/runtime/dist/esm/components/PluginPage.mjs';

import { registerDashboardMacro } from '../dashboard/DashboardMacro';
import { runRequest } from '../dashboard/runRequest';
import { registerOptionEditors } from '../editors/optionEditors';
import { HostPluginPage } from '../views/HostPluginPage';
import { HostBackendSrv } from './backendSrv';
import { HostDataSourceSrv, type DataSourceSettingsSource } from './dataSourceSrv';
import { getPanelPluginFromCache, importDataSourcePlugin, loadPanelPlugin } from './plugins';
import { registerStandardFieldConfigs } from './standardFieldConfigs';
import { HostTemplateSrv } from './templateSrv';

/** Grafana's app-wide event bus (alerts, toasts). */
export const appEvents = new EventBusSrv();

export const templateSrv = new HostTemplateSrv();

export const backendSrv = new HostBackendSrv({
  fetch: (url, init) => window.fetch(url, init),
  orgId: config.bootData.user?.orgId,
  appEvents,
});

export const dataSourceSrv = new HostDataSourceSrv(
  {
    templateSrv,
    importPlugin: importDataSourcePlugin,
    fetchSettings: () => backendSrv.get<DataSourceSettingsSource>('/api/frontend/settings'),
    onReloaded: (settings) => {
      // Grafana updates its config too, so code reading config.datasources sees the saved datasource.
      config.datasources = settings.datasources as Record<string, DataSourceInstanceSettings>;
      config.defaultDatasource = settings.defaultDatasource;
    },
  },
  { datasources: config.datasources, defaultDatasource: config.defaultDatasource }
);

/** Analytics are not collected in the sandbox; plugins that report interactions still find a service. */
const echoSrv: EchoSrv = {
  flush: () => undefined,
  addBackend: () => undefined,
  addEvent: () => undefined,
};

let done = false;

/** Sets the runtime services and registers the option editors and standard field options. Idempotent. */
export function setUpRuntime(): void {
  if (done) {
    return;
  }
  setAppEvents(appEvents);
  setEchoSrv(echoSrv);
  setBackendSrv(backendSrv);
  setTemplateSrv(templateSrv);
  setDataSourceSrv(dataSourceSrv);
  // App pages that use PluginPage get Grafana's page frame (its padding), as core's setPluginPage gives them.
  setPluginPage(HostPluginPage);
  // Scenes runs every panel and annotation query through this, as Grafana core's runRequest; cancellation of the
  // network requests goes through the backend service.
  setRunRequest((datasource, request, queryFunction) => runRequest(datasource, request, backendSrv, queryFunction));
  // VizPanel loads its panel plugin through these (plugin_loader in Grafana).
  setPluginImportUtils({ importPanelPlugin: loadPanelPlugin, getPanelPluginFromCache });
  registerDashboardMacro();
  registerOptionEditors();
  registerStandardFieldConfigs();
  done = true;
}
