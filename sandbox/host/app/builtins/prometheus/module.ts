/**
 * The host's built-in `prometheus` datasource (module id `core:plugin/prometheus`): Grafana's own Prometheus
 * frontend, `@grafana/prometheus` of the Grafana line the host runs, put together as Grafana's core plugin module
 * does — its `PrometheusDatasource` (a `DataSourceWithBackend`: queries go to `/api/ds/query`, the editor's lookups
 * to `/api/datasources/uid/<uid>/resources/...`, both answered by `server/dsQuery.ts`), its query editor (builder and
 * Monaco code editor), its cheat sheet, and the package's own settings page.
 *
 * Grafana's core wrapper adds an Azure/SigV4-aware settings page and an errors-and-notices inspector, which need
 * packages Grafana does not publish with the datasource (`@grafana/aws-sdk`, `@grafana/azure-sdk`); the package's
 * `ConfigEditor` is the one the external Prometheus-flavoured plugins use.
 */
import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor, PromCheatSheet, PromQueryEditorByApp, PrometheusDatasource } from '@grafana/prometheus';

import { setMonacoWorkers } from './monacoWorkers';

// Before any editor exists: the code editor's workers are created with its first model.
setMonacoWorkers(window as unknown as Parameters<typeof setMonacoWorkers>[0]);

export const plugin = new DataSourcePlugin(PrometheusDatasource)
  .setQueryEditor(PromQueryEditorByApp)
  .setConfigEditor(ConfigEditor)
  .setQueryEditorHelp(PromCheatSheet);
