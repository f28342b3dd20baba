import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { corePlugins, GRAFANA_VERSION, panelSort } from './corePlugins';
import { isJsonObject, type JsonObject, type JsonValue } from './types';

/** Where Grafana serves the app's files: `public/plugins/<app id>/`, nested plugins in sub-folders. */
export const APP_ID = 'flamelens-profiles-app';
export const APP_BASE_URL = `public/plugins/${APP_ID}`;

export type PluginType = 'app' | 'datasource' | 'panel';

/** A plugin.json `routes` entry (the datasource proxy's part of it). */
export interface PluginRoute {
  path: string;
  method: string;
  url: string;
  reqRole: string;
  headers: Array<{ name: string; content: string }>;
  urlParams: Array<{ name: string; content: string }>;
  /** Raw JSON body template, if the route replaces the request body. */
  body?: JsonValue;
  /** Set when the route needs token authentication, which the sandbox does not emulate. */
  tokenAuth: boolean;
}

/** A plugin Grafana would have loaded: its plugin.json and where its files are served from. */
export interface LoadedPlugin {
  id: string;
  type: PluginType;
  name: string;
  /** plugin.json as Grafana exposes it (info.logos rewritten to served URLs). */
  json: JsonObject;
  baseUrl: string;
  module: string;
  signature: 'unsigned' | 'internal';
  routes: PluginRoute[];
  /** The app that includes it (its nested plugins), as Grafana's `IncludedInAppID`. */
  includedInAppId?: string;
}

/**
 * The plugins the sandbox host knows: the built app with its nested plugins (`<distDir>/plugin.json`,
 * `<distDir>/<folder>/plugin.json`, read on every call so a rebuild shows up without a restart) and the core plugins
 * it emulates (the built-in Grafana datasource, Prometheus, time series), which carry the version of the Grafana the
 * host emulates.
 */
export class PluginCatalog {
  constructor(
    private readonly distDir: string,
    /** The emulated Grafana's version (`13.2.3`). */
    readonly grafanaVersion: string = GRAFANA_VERSION
  ) {}

  /** All plugins; a broken plugin.json throws (the file is named). */
  all(): LoadedPlugin[] {
    const core = Object.values(corePlugins(this.grafanaVersion)).map(({ json, baseUrl }) =>
      toPlugin(json, baseUrl, 'internal')
    );
    return [...core, ...this.built()];
  }

  byId(id: string): LoadedPlugin | undefined {
    return this.all().find((plugin) => plugin.id === id);
  }

  ofType(type: PluginType): LoadedPlugin[] {
    return this.all().filter((plugin) => plugin.type === type);
  }

  private built(): LoadedPlugin[] {
    const plugins: LoadedPlugin[] = [];
    const appJson = join(this.distDir, 'plugin.json');
    if (existsSync(appJson)) {
      plugins.push(toPlugin(readPluginJson(appJson), APP_BASE_URL, 'unsigned'));
    }
    if (!existsSync(this.distDir)) {
      return plugins;
    }
    for (const folder of readdirSync(this.distDir).sort()) {
      const file = join(this.distDir, folder, 'plugin.json');
      if (statSync(join(this.distDir, folder)).isDirectory() && existsSync(file)) {
        plugins.push({
          ...toPlugin(readPluginJson(file), `${APP_BASE_URL}/${folder}`, 'unsigned'),
          includedInAppId: APP_ID,
        });
      }
    }
    return plugins;
  }
}

function readPluginJson(file: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read plugin metadata ${file}: ${reason}`);
  }
  if (!isJsonObject(parsed) || typeof parsed.id !== 'string' || typeof parsed.type !== 'string') {
    throw new Error(`plugin metadata ${file} needs an "id" and a "type"`);
  }
  return parsed;
}

function toPlugin(json: JsonObject, baseUrl: string, signature: LoadedPlugin['signature']): LoadedPlugin {
  const id = String(json.id);
  const type = String(json.type) as PluginType;
  const module = signature === 'internal' ? `core:plugin/${id}` : `${baseUrl}/module.js`;
  const rest: JsonObject = Object.fromEntries(Object.entries(json).filter(([key]) => key !== '$schema'));
  const info = isJsonObject(json.info) ? json.info : {};
  const logos = isJsonObject(info.logos) ? info.logos : {};
  const served = (path: JsonValue | undefined): string =>
    typeof path !== 'string' || path === ''
      ? `public/img/icn-${type}.svg`
      : /^https?:\/\//.test(path)
        ? path
        : `${baseUrl}/${path}`;
  return {
    id,
    type,
    name: String(json.name ?? id),
    json: { ...rest, info: { ...info, logos: { small: served(logos.small), large: served(logos.large) } } },
    baseUrl,
    module,
    signature,
    routes: Array.isArray(json.routes) ? json.routes.filter(isJsonObject).map(toRoute) : [],
  };
}

function toRoute(route: JsonObject): PluginRoute {
  const pairs = (value: JsonValue | undefined): Array<{ name: string; content: string }> =>
    Array.isArray(value)
      ? value
          .filter(isJsonObject)
          .map((item) => ({ name: String(item.name ?? ''), content: String(item.content ?? '') }))
      : [];
  return {
    path: typeof route.path === 'string' ? route.path : '',
    method: typeof route.method === 'string' ? route.method : '',
    url: typeof route.url === 'string' ? route.url : '',
    reqRole: typeof route.reqRole === 'string' ? route.reqRole : '',
    headers: pairs(route.headers),
    urlParams: pairs(route.urlParams),
    ...(route.body !== undefined ? { body: route.body } : {}),
    tokenAuth: route.tokenAuth !== undefined || route.jwtTokenAuth !== undefined,
  };
}

const NO_EXTENSIONS: JsonObject = {
  addedLinks: [],
  addedComponents: [],
  addedFunctions: [],
  exposedComponents: [],
  extensionPoints: [],
};

const JSON_DATA_DEFAULTS: JsonObject = {
  alerting: false,
  annotations: false,
  backend: false,
  builtIn: false,
  explore: false,
  hideFromList: false,
  logs: false,
  metrics: false,
  mixed: false,
  preload: false,
  skipDataQuery: false,
  state: '',
  streaming: false,
  tracing: false,
};

/** Grafana's `PluginMetaDTO` (the `meta` of a datasource in boot data). */
export function pluginMetaDto(plugin: LoadedPlugin): JsonObject {
  return {
    ...JSON_DATA_DEFAULTS,
    ...plugin.json,
    signature: plugin.signature,
    module: plugin.module,
    baseUrl: plugin.baseUrl,
    angular: { detected: false, hideDeprecation: false },
    multiValueFilterOperators: false,
    loadingStrategy: 'fetch',
    extensions: NO_EXTENSIONS,
  };
}

/** Grafana's `PanelDTO` (boot data `settings.panels`). */
export function panelDto(plugin: LoadedPlugin): JsonObject {
  return {
    id: plugin.id,
    name: plugin.name,
    info: plugin.json.info ?? {},
    hideFromList: plugin.json.hideFromList === true,
    sort: panelSort(plugin.id),
    skipDataQuery: plugin.json.skipDataQuery === true,
    state: typeof plugin.json.state === 'string' ? plugin.json.state : '',
    baseUrl: plugin.baseUrl,
    signature: plugin.signature,
    module: plugin.module,
    angular: { detected: false, hideDeprecation: false },
    loadingStrategy: 'fetch',
  };
}

/** Grafana's `AppDTO` (boot data `settings.apps`). */
export function appDto(plugin: LoadedPlugin): JsonObject {
  const info = isJsonObject(plugin.json.info) ? plugin.json.info : {};
  return {
    id: plugin.id,
    path: plugin.module,
    version: typeof info.version === 'string' ? info.version : '',
    preload: plugin.json.preload === true,
    angular: { detected: false, hideDeprecation: false },
    loadingStrategy: 'fetch',
    extensions: NO_EXTENSIONS,
    dependencies: plugin.json.dependencies ?? {},
  };
}

/** Grafana's `PluginListItem` (`GET /api/plugins`); plugins are enabled in the sandbox. */
export function pluginListItem(plugin: LoadedPlugin): JsonObject {
  return {
    name: plugin.name,
    type: plugin.type,
    id: plugin.id,
    enabled: true,
    pinned: plugin.type === 'app',
    info: plugin.json.info ?? {},
    dependencies: plugin.json.dependencies ?? {},
    latestVersion: '',
    hasUpdate: false,
    defaultNavUrl: plugin.type === 'app' ? `/plugins/${plugin.id}/` : '',
    category: typeof plugin.json.category === 'string' ? plugin.json.category : '',
    state: typeof plugin.json.state === 'string' ? plugin.json.state : '',
    signature: plugin.signature,
    signatureType: '',
    signatureOrg: '',
    accessControl: {},
    angularDetected: false,
  };
}

/** Grafana's `PluginSetting` DTO (`GET /api/plugins/:id/settings`); plugins are enabled in the sandbox. */
export function pluginSettingsDto(plugin: LoadedPlugin): JsonObject {
  return {
    name: plugin.name,
    type: plugin.type,
    id: plugin.id,
    enabled: true,
    pinned: plugin.type === 'app',
    autoEnabled: plugin.json.autoEnabled === true,
    module: plugin.module,
    baseUrl: plugin.baseUrl,
    info: plugin.json.info ?? {},
    includes: plugin.json.includes ?? null,
    dependencies: plugin.json.dependencies ?? {},
    jsonData: {},
    secureJsonFields: {},
    defaultNavUrl: plugin.type === 'app' ? `/plugins/${plugin.id}/` : '',
    latestVersion: '',
    hasUpdate: false,
    state: typeof plugin.json.state === 'string' ? plugin.json.state : '',
    signature: plugin.signature,
    signatureType: '',
    signatureOrg: '',
    angularDetected: false,
    loadingStrategy: 'fetch',
    extensions: NO_EXTENSIONS,
  };
}

/** Build information as Grafana `version` reports it in boot data. */
export function buildInfo(version: string): JsonObject {
  return {
    hideVersion: false,
    version,
    versionString: `Grafana v${version} (sandbox)`,
    commit: 'sandbox',
    commitShort: 'sandbox',
    buildstamp: 0,
    edition: 'Open Source',
    latestVersion: '',
    hasUpdate: false,
    env: 'production',
  };
}
