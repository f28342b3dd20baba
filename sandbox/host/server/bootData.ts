import type { DashboardStore } from './dashboards';
import { appDto, buildInfo, panelDto, pluginMetaDto, type LoadedPlugin, type PluginCatalog } from './plugins';
import type { DataSourceStore } from './store';
import type { DataSourceRecord, HostLogger, JsonObject, JsonValue } from './types';

/** What boot data is built from. */
export interface BootDataSources {
  store: DataSourceStore;
  plugins: PluginCatalog;
  dashboards: DashboardStore;
  log?: HostLogger;
}

/**
 * A datasource as Grafana hands it to the frontend (`plugins.DataSourceDTO`, the `DataSourceInstanceSettings` of
 * @grafana/data): with access `proxy` the URL is the datasource proxy, never the upstream, and no secret is included.
 * (For `direct` access real Grafana also puts a ready `Authorization` value in `basicAuth`; the sandbox never sends
 * secrets to the browser, so it leaves it out.)
 */
export function instanceSettings(record: DataSourceRecord, plugin: LoadedPlugin): JsonObject {
  return {
    id: record.id,
    uid: record.uid,
    type: plugin.id,
    name: record.name,
    meta: pluginMetaDto(plugin),
    url: record.access === 'proxy' ? `/api/datasources/proxy/uid/${record.uid}` : record.url,
    isDefault: record.isDefault,
    access: record.access,
    preload: plugin.json.preload === true,
    module: plugin.module,
    jsonData: structuredClone(record.jsonData),
    readOnly: record.readOnly,
    ...(record.access === 'direct' && record.withCredentials ? { withCredentials: true } : {}),
  };
}

/** The name of Grafana's built-in datasource (its uid is `grafana`). */
export const GRAFANA_DATASOURCE_NAME = '-- Grafana --';

/**
 * `GET /api/frontend/settings` and boot data `settings` (Grafana's `FrontendSettingsDTO`): datasources by name,
 * panels and apps by id, build info, and the defaults of a local OSS instance for the flags @grafana/runtime reads.
 * `appUrl` is Grafana's `root_url` with its trailing slash; `appSubUrl` is its path without that slash (`/grafana`,
 * `''` at the root), as Grafana derives it. Datasource proxy URLs stay root-relative (`/api/datasources/proxy/...`)
 * as in Grafana: the frontend makes them relative to the page's `<base href>`, which carries the sub-path.
 */
export function frontendSettings(sources: BootDataSources, appUrl: string): JsonObject {
  const plugins = sources.plugins.all();
  const datasources: Record<string, JsonValue> = {};
  let defaultDatasource = GRAFANA_DATASOURCE_NAME;
  for (const record of sources.store.list()) {
    const plugin = plugins.find((candidate) => candidate.type === 'datasource' && candidate.id === record.type);
    if (!plugin) {
      sources.log?.(`boot data: no plugin for datasource ${record.name} of type ${record.type}; left out`);
      continue;
    }
    datasources[record.name] = instanceSettings(record, plugin);
    if (record.isDefault) {
      defaultDatasource = record.name;
    }
  }
  // Grafana always lists its built-in datasource, under its name and uid `grafana` (dashboards refer to either).
  const grafana = plugins.find((candidate) => candidate.type === 'datasource' && candidate.id === 'grafana');
  if (grafana) {
    datasources[GRAFANA_DATASOURCE_NAME] = {
      id: -1,
      uid: 'grafana',
      type: 'grafana',
      name: GRAFANA_DATASOURCE_NAME,
      meta: pluginMetaDto(grafana),
      isDefault: defaultDatasource === GRAFANA_DATASOURCE_NAME,
      access: 'proxy',
      preload: false,
      jsonData: {},
      readOnly: true,
    };
  }
  const byId = (type: LoadedPlugin['type'], dto: (plugin: LoadedPlugin) => JsonObject): JsonObject =>
    Object.fromEntries(plugins.filter((plugin) => plugin.type === type).map((plugin) => [plugin.id, dto(plugin)]));
  return {
    defaultDatasource,
    datasources,
    minRefreshInterval: '5s',
    panels: byId('panel', panelDto),
    apps: byId('app', appDto),
    appUrl,
    appSubUrl: new URL(appUrl).pathname.replace(/\/+$/, ''),
    allowOrgCreate: false,
    authProxyEnabled: false,
    ldapEnabled: false,
    jwtHeaderName: '',
    jwtUrlLogin: false,
    // No Grafana Live websocket in the sandbox.
    liveEnabled: false,
    autoAssignOrg: true,
    verifyEmailEnabled: false,
    sigV4AuthEnabled: false,
    azureAuthEnabled: false,
    rbacEnabled: true,
    exploreEnabled: true,
    helpEnabled: true,
    profileEnabled: true,
    newsFeedEnabled: false,
    queryHistoryEnabled: false,
    feedbackLinksEnabled: false,
    disableLoginForm: false,
    disableUserSignUp: true,
    viewersCanEdit: false,
    disableSanitizeHtml: false,
    trustedTypesDefaultPolicyEnabled: false,
    cspReportOnlyEnabled: false,
    enableFrontendSandboxForPlugins: [],
    exploreDefaultTimeOffset: '1h',
    exploreHideLogsDownload: false,
    auth: { disableLogin: false, basicAuthStrongPasswordPolicy: false, passwordlessEnabled: false },
    buildInfo: buildInfo(sources.plugins.grafanaVersion),
    licenseInfo: { expiry: 0, stateInfo: '', licenseUrl: '', edition: 'Open Source', enabledFeatures: {} },
    featureToggles: {},
    anonymousEnabled: false,
    rendererAvailable: false,
    rendererVersion: '',
    http2Enabled: false,
    pluginCatalogURL: 'https://grafana.com/grafana/plugins/',
    pluginAdminEnabled: false,
    pluginAdminExternalManageEnabled: false,
    pluginCatalogHiddenPlugins: [],
    expressionsEnabled: false,
    awsAllowedAuthProviders: [],
    awsAssumeRoleEnabled: false,
    supportBundlesEnabled: false,
    snapshotEnabled: false,
    secureSocksDSProxyEnabled: false,
    publicDashboardsEnabled: false,
    publicDashboardAccessToken: '',
    unifiedAlertingEnabled: false,
    unifiedAlerting: { minInterval: '10s' },
    caching: { enabled: false },
    recordedQueries: { enabled: false },
    reporting: { enabled: false },
    analytics: { enabled: false },
    oauth: {},
    samlEnabled: false,
    samlName: '',
    sharedWithMeFolderUID: 'sharedwithme',
    rootFolderUID: 'general',
    localFileSystemAvailable: false,
    namespace: 'default',
    sqlConnectionLimits: { maxOpenConns: 100, maxIdleConns: 100, connMaxLifetime: 14400 },
  };
}

/** The signed-in user of the sandbox (Grafana's `CurrentUser` DTO for the admin of org 1). */
export const SANDBOX_USER: JsonObject = {
  isSignedIn: true,
  id: 1,
  uid: 'admin',
  login: 'admin',
  email: 'admin@localhost',
  name: 'admin',
  lightTheme: false,
  orgCount: 1,
  orgId: 1,
  orgName: 'Main Org.',
  orgRole: 'Admin',
  isGrafanaAdmin: true,
  gravatarUrl: '',
  timezone: 'browser',
  weekStart: 'browser',
  theme: 'dark',
  language: 'en-US',
  locale: 'en-US',
  regionalFormat: 'en-US',
  helpFlags1: 0,
  hasEditPermissionInFolders: true,
  authenticatedBy: 'password',
  analytics: { identifier: 'admin@localhost' },
  fiscalYearStartMonth: 0,
  permissions: {},
};

/** `window.grafanaBootData`: settings, user, nav tree, plus `sandbox.homeDashboardUid` for the host app. */
export function bootData(sources: BootDataSources, appUrl: string): JsonObject {
  return {
    settings: frontendSettings(sources, appUrl),
    user: SANDBOX_USER,
    navTree: [],
    assets: { dark: '', light: '' },
    sandbox: { homeDashboardUid: sources.dashboards.homeUid() },
  };
}

/** JSON that is safe inside an inline `<script>`: no `<`, `>`, `&` or line separators that could end or break it. */
export function scriptSafeJson(value: JsonValue): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Inserts `<script>window.grafanaBootData = ...</script>` right after the opening `<head>` tag, before any other
 * script can read it.
 *
 * @throws Error when the page has no `<head>` tag.
 */
export function injectBootData(html: string, data: JsonObject): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) {
    throw new Error('sandbox/host/index.html has no <head> tag to put window.grafanaBootData after');
  }
  const at = head.index + head[0].length;
  const script = `<script>window.grafanaBootData = ${scriptSafeJson(data)};</script>`;
  return html.slice(0, at) + script + html.slice(at);
}
