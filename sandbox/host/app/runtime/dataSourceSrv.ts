/**
 * The host's DataSourceSrv, following Grafana's `features/plugins/datasource_srv.ts`: settings from boot data
 * (`config.datasources`, keyed by name), looked up by uid, name or id; `${var}` refs resolved through the template
 * service (first value of a multi-value variable); instances created once per uid by loading the plugin and
 * `new plugin.DataSourceClass(instanceSettings)`; `reload()` refetches `/api/frontend/settings` and drops the
 * instances (the settings page calls it after a save).
 */
import {
  matchPluginId,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourcePluginMeta,
  type DataSourceRef,
  type ScopedVars,
} from '@grafana/data';
import type {
  DataSourceSrv,
  GetDataSourceListFilters,
  RuntimeDataSourceRegistration,
  TemplateSrv,
} from '@grafana/runtime';

import type { GenericDataSourcePlugin } from './plugins';

/** What the frontend settings say about datasources. */
export interface DataSourceSettingsSource {
  datasources: Record<string, DataSourceInstanceSettings>;
  defaultDatasource: string;
}

export interface DataSourceSrvDeps {
  templateSrv: Pick<TemplateSrv, 'replace' | 'getVariables'>;
  importPlugin: (meta: DataSourcePluginMeta) => Promise<GenericDataSourcePlugin>;
  /** Fetches fresh settings (GET /api/frontend/settings) for `reload()`. */
  fetchSettings: () => Promise<DataSourceSettingsSource>;
  /** Called with the new settings after a reload (the host updates `config`). */
  onReloaded?: (settings: DataSourceSettingsSource) => void;
}

/** Interpolation that keeps the first value of a multi-value variable (a panel queries one datasource). */
function firstValue(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export class HostDataSourceSrv implements DataSourceSrv {
  private instances = new Map<string, Promise<DataSourceApi>>();
  private byName: Record<string, DataSourceInstanceSettings> = {};
  private byUid: Record<string, DataSourceInstanceSettings> = {};
  private byId: Record<string, DataSourceInstanceSettings> = {};
  private defaultName = '';

  constructor(
    private readonly deps: DataSourceSrvDeps,
    settings: DataSourceSettingsSource
  ) {
    this.init(settings);
  }

  init({ datasources, defaultDatasource }: DataSourceSettingsSource): void {
    this.instances = new Map();
    this.byName = { ...datasources };
    this.byUid = {};
    this.byId = {};
    this.defaultName = defaultDatasource;
    for (const settings of Object.values(datasources)) {
      this.byUid[settings.uid || settings.name] = settings;
      this.byId[String(settings.id)] = settings;
    }
  }

  getInstanceSettings(
    ref?: DataSourceRef | string | null,
    scopedVars?: ScopedVars
  ): DataSourceInstanceSettings | undefined {
    const nameOrUid = typeof ref === 'string' ? ref : ref?.uid;
    if (nameOrUid === 'default' || nameOrUid === null || nameOrUid === undefined) {
      if (ref && typeof ref === 'object' && ref.type) {
        // A ref with only a type: the default of that type, else the first one.
        const ofType = this.getList({ type: ref.type, all: true });
        return ofType.find((s) => s.isDefault) ?? ofType[0];
      }
      return this.defaultSettings();
    }
    if (nameOrUid.startsWith('$')) {
      const interpolated = this.deps.templateSrv.replace(nameOrUid, scopedVars, firstValue);
      const settings = interpolated === 'default' ? this.defaultSettings() : this.lookup(interpolated);
      if (!settings) {
        return undefined;
      }
      // Keep the variable as name and uid, as Grafana does, and point at the real datasource in rawRef.
      return {
        ...settings,
        isDefault: false,
        name: nameOrUid,
        uid: nameOrUid,
        rawRef: { type: settings.type, uid: settings.uid },
      };
    }
    return this.lookup(nameOrUid);
  }

  get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    let settings: DataSourceInstanceSettings | undefined;
    const nameOrUid = typeof ref === 'string' ? ref : ref?.uid;
    if (nameOrUid && nameOrUid.startsWith('$')) {
      const interpolated = this.deps.templateSrv.replace(nameOrUid, scopedVars, firstValue);
      settings = interpolated === 'default' ? this.defaultSettings() : this.lookup(interpolated);
      if (!settings) {
        return Promise.reject(
          new Error(`Data source ${nameOrUid} was not found (the variable is "${interpolated || 'empty'}")`)
        );
      }
    } else {
      settings = this.getInstanceSettings(ref, scopedVars);
    }
    if (!settings) {
      const what = nameOrUid ?? (typeof ref === 'object' && ref?.type ? `of type ${ref.type}` : 'default');
      return Promise.reject(new Error(`Data source ${what} was not found`));
    }
    return this.instanceFor(settings);
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    const list = Object.values(this.byName).filter((x) => {
      if (x.meta.id === 'grafana' || x.meta.id === 'mixed' || x.meta.id === 'dashboard') {
        return false;
      }
      if (filters.metrics && !x.meta.metrics) {
        return false;
      }
      if (filters.tracing && !x.meta.tracing) {
        return false;
      }
      if (filters.logs && x.meta.category !== 'logging' && !x.meta.logs) {
        return false;
      }
      if (filters.annotations && !x.meta.annotations) {
        return false;
      }
      if (filters.alerting && !x.meta.alerting) {
        return false;
      }
      if (filters.pluginId && !matchPluginId(filters.pluginId, x.meta)) {
        return false;
      }
      if (filters.filter && !filters.filter(x)) {
        return false;
      }
      if (filters.type && (Array.isArray(filters.type) ? !filters.type.includes(x.type) : filters.type !== x.type)) {
        return false;
      }
      const queryable = x.meta.metrics || x.meta.annotations || x.meta.tracing || x.meta.logs || x.meta.alerting;
      return Boolean(filters.all || queryable);
    });
    if (filters.variables) {
      for (const variable of this.deps.templateSrv.getVariables()) {
        if (variable.type !== 'datasource') {
          continue;
        }
        const current = firstValue(variable.current.value);
        const settings = current === 'default' ? this.defaultSettings() : this.lookup(String(current ?? ''));
        if (settings) {
          const key = `\${${variable.name}}`;
          list.push({ ...settings, isDefault: false, name: key, uid: key });
        }
      }
    }
    return list.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  }

  async reload(): Promise<void> {
    const settings = await this.deps.fetchSettings();
    this.deps.onReloaded?.(settings);
    this.init(settings);
  }

  registerRuntimeDataSource(entry: RuntimeDataSourceRegistration): void {
    const ds = entry.dataSource;
    if (this.byUid[ds.uid]) {
      throw new Error(`A data source with uid ${ds.uid} is already registered`);
    }
    const settings = ds.instanceSettings;
    this.byUid[ds.uid] = settings;
    this.byName[settings.name] = settings;
    this.instances.set(ds.uid, Promise.resolve(ds));
  }

  private defaultSettings(): DataSourceInstanceSettings | undefined {
    return this.byUid[this.defaultName] ?? this.byName[this.defaultName];
  }

  private lookup(nameOrUid: string): DataSourceInstanceSettings | undefined {
    return this.byUid[nameOrUid] ?? this.byName[nameOrUid] ?? this.byId[nameOrUid];
  }

  private instanceFor(settings: DataSourceInstanceSettings): Promise<DataSourceApi> {
    const uid = settings.rawRef?.uid ?? settings.uid;
    let instance = this.instances.get(uid);
    if (!instance) {
      const real = this.byUid[uid] ?? settings;
      instance = this.createInstance(real);
      this.instances.set(uid, instance);
      // A failed load is forgotten so that a later query tries again.
      instance.catch(() => {
        if (this.instances.get(uid) === instance) {
          this.instances.delete(uid);
        }
      });
    }
    return instance;
  }

  private async createInstance(settings: DataSourceInstanceSettings): Promise<DataSourceApi> {
    let plugin: GenericDataSourcePlugin;
    try {
      plugin = await this.deps.importPlugin(settings.meta);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`Data source ${settings.name} (${settings.type}): its plugin failed to load: ${reason}`, {
        cause: err,
      });
    }
    const instance = new plugin.DataSourceClass(settings);
    instance.components = plugin.components;
    return instance;
  }
}
