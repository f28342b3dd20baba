/**
 * The runtime services Grafana sets before any plugin loads (`setBackendSrv`, `setTemplateSrv`,
 * `setDataSourceSrv`, `setAppEvents`, `setEchoSrv`), the option editor registries, built from boot data.
 * `setUpRuntime()` runs once, when the host bundle starts.
 */
import { EventBusSrv, type DataSourceInstanceSettings } from '@grafana/data';
import {
  config,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setEchoSrv,
  setTemplateSrv,
  type EchoSrv,
} from '@grafana/runtime';

import { registerOptionEditors } from '../editors/optionEditors';
import { HostBackendSrv } from './backendSrv';
import { HostDataSourceSrv, type DataSourceSettingsSource } from './dataSourceSrv';
import { importDataSourcePlugin } from './plugins';
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
  const user = config.bootData.user;
  if (user) {
    templateSrv.setUser({ id: user.id, login: user.login, email: user.email }, { id: user.orgId, name: user.orgName });
  }
  registerOptionEditors();
  registerStandardFieldConfigs();
  done = true;
}
