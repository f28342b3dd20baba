/**
 * Plugin loading as Grafana's plugin_loader does it: the module named by the plugin meta (`meta.module`) is
 * imported with SystemJS, or taken from the host's built-ins for core plugins (`core:plugin/prometheus`,
 * `core:plugin/timeseries`, `core:plugin/grafana`); the exported `plugin` gets its `meta` (apps are also `init`ed with
 * it). Each module is loaded once; loaded panel plugins are also kept by id for scenes' `getPanelPluginFromCache`.
 */
import {
  AppPlugin,
  DataSourcePlugin,
  PanelPlugin,
  type AppPluginMeta,
  type DataSourceApi,
  type DataSourcePluginMeta,
  type PanelPluginMeta,
  type PluginMeta,
} from '@grafana/data';
import { config } from '@grafana/runtime';

import { plugin as grafanaPlugin } from '../builtins/grafana/module';
import { plugin as prometheusPlugin } from '../builtins/prometheus/module';
import { plugin as timeSeriesPlugin } from '../builtins/timeseries/module';
import { importModule } from './systemjs';

/** A datasource plugin of any query and options types (what Grafana calls GenericDataSourcePlugin). */
export type GenericDataSourcePlugin = DataSourcePlugin<DataSourceApi<any, any>, any, any, any>;

type ModuleExports = Record<string, unknown>;

/** Core plugins the host provides itself, by the module id Grafana gives core plugins. */
const builtInModules: Record<string, ModuleExports> = {
  'core:plugin/grafana': { plugin: grafanaPlugin },
  'core:plugin/prometheus': { plugin: prometheusPlugin },
  'core:plugin/timeseries': { plugin: timeSeriesPlugin },
};

const modules = new Map<string, Promise<ModuleExports>>();

/** Imports a plugin module once: a built-in, or `System.import` of its URL. */
export function importPluginModule(path: string): Promise<ModuleExports> {
  let loaded = modules.get(path);
  if (!loaded) {
    const builtIn = builtInModules[path];
    loaded = builtIn ? Promise.resolve(builtIn) : importModule(moduleUrl(path));
    // A failed load is not cached: the next attempt tries again (the file may have been built meanwhile).
    loaded.catch(() => modules.delete(path));
    modules.set(path, loaded);
  }
  return loaded;
}

/**
 * Grafana's module paths are relative to the app root (`public/plugins/<id>/module.js`): its plugin loader puts the
 * sub-path (`appSubUrl`) and a slash before them, and leaves absolute paths and URLs as they are.
 */
export function moduleUrl(path: string, appSubUrl = config.appSubUrl ?? ''): string {
  return /^(\/|[a-z]+:)/i.test(path) ? path : `${appSubUrl}/${path}`;
}

/** Loads a datasource plugin from its meta and sets `plugin.meta`. */
export async function importDataSourcePlugin(meta: DataSourcePluginMeta): Promise<GenericDataSourcePlugin> {
  const exports = await importPluginModule(requireModule(meta));
  const plugin = exports.plugin;
  if (!(plugin instanceof DataSourcePlugin)) {
    throw new Error(`Plugin module ${meta.module} is missing a DataSourcePlugin export named "plugin"`);
  }
  plugin.meta = meta;
  return plugin as GenericDataSourcePlugin;
}

/** Loads the datasource plugin of a type (the meta comes from any configured datasource of that type). */
export function loadDataSourcePlugin(type: string): Promise<GenericDataSourcePlugin> {
  const settings = Object.values(config.datasources).find((ds) => ds.type === type || ds.meta.id === type);
  if (!settings) {
    return Promise.reject(new Error(`No data source of type "${type}" is configured, so its plugin cannot be loaded`));
  }
  return importDataSourcePlugin(settings.meta);
}

/** Loads a panel plugin by id (meta from boot data `panels`) and sets `plugin.meta`. */
export async function loadPanelPlugin(id: string): Promise<PanelPlugin> {
  const meta: PanelPluginMeta | undefined = config.panels[id];
  if (!meta) {
    throw new Error(`Panel plugin not found: ${id}`);
  }
  const exports = await importPluginModule(requireModule(meta));
  const plugin = exports.plugin;
  if (!(plugin instanceof PanelPlugin)) {
    throw new Error(`Plugin module ${meta.module} is missing a PanelPlugin export named "plugin"`);
  }
  plugin.meta = meta;
  panelPlugins.set(id, plugin);
  return plugin;
}

const panelPlugins = new Map<string, PanelPlugin>();

/** A panel plugin already loaded (scenes renders it at once instead of waiting for the import). */
export function getPanelPluginFromCache(id: string): PanelPlugin | undefined {
  return panelPlugins.get(id);
}

/** Loads an app plugin by id (meta from boot data `apps`), initialised with its meta as Grafana does. */
export async function loadAppPlugin(id: string): Promise<{ plugin: AppPlugin; meta: AppPluginMeta }> {
  const meta = appMeta(id);
  const exports = await importPluginModule(requireModule(meta));
  const exported = exports.plugin;
  if (exported !== undefined && !(exported instanceof AppPlugin)) {
    throw new Error(`Plugin module ${meta.module} exports a "plugin" that is not an AppPlugin`);
  }
  const plugin = exported ?? new AppPlugin();
  plugin.init(meta);
  plugin.meta = meta;
  plugin.setComponentsFromLegacyExports(exports);
  return { plugin, meta };
}

/** The meta of an app from boot data: Grafana's `apps` entries carry the module under `path`. */
export function appMeta(id: string): AppPluginMeta {
  const entry = (config.apps as Record<string, (Partial<AppPluginMeta> & { path?: string }) | undefined>)[id];
  if (!entry) {
    throw new Error(`App plugin not found: ${id}`);
  }
  const module = entry.module ?? entry.path;
  return {
    ...(entry as AppPluginMeta),
    id,
    module: module ?? '',
    baseUrl: entry.baseUrl ?? (module ? module.replace(/\/module\.js$/, '') : ''),
    enabled: entry.enabled ?? true,
    jsonData: entry.jsonData ?? {},
  };
}

function requireModule(meta: PluginMeta): string {
  if (!meta.module) {
    throw new Error(`Plugin ${meta.id} has no module in its meta`);
  }
  return meta.module;
}
