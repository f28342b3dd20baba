// The one @grafana/runtime internal the host calls, as Grafana core does (esbuildPlugins.mjs `runtimePluginPage`
// resolves this file of the line's package; the published package exports it only from its internal entry).
declare module '@grafana/runtime/dist/esm/components/PluginPage.mjs' {
  import type { PluginPageType } from '@grafana/runtime';

  export function setPluginPage(component: PluginPageType): void;
}
