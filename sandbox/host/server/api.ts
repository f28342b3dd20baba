import type { IncomingMessage, ServerResponse } from 'node:http';

import { frontendSettings, type BootDataSources } from './bootData';
import { validateDataSourceUrl } from './goUrl';
import { readJsonBody, sendApiError, sendJson } from './http';
import { pluginListItem, pluginSettingsDto, type LoadedPlugin } from './plugins';
import { ApiError, parseAddCommand, parseUpdateCommand } from './store';
import type { DataSourceRecord, JsonObject } from './types';

/** Grafana's `accessControl` metadata for an admin (the settings page reads it to enable Save and Delete). */
const ADMIN_DATASOURCE_ACCESS: JsonObject = {
  'datasources:read': true,
  'datasources:write': true,
  'datasources:delete': true,
  'datasources:query': true,
  'datasources.id:read': true,
  'datasources.permissions:read': true,
  'datasources.permissions:write': true,
};

/**
 * The subset of Grafana 12's HTTP API the sandbox serves (everything under `/api/` except the datasource proxy):
 * datasources (list, add, by uid/id/name, update by uid), frontend settings, dashboards by uid, search, the plugin list
 * and plugin settings. Anything else is `404 {"message":"Not found"}`, as in Grafana.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  sources: BootDataSources,
  appUrl: string
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = req.method ?? 'GET';
  try {
    const segments = url.pathname.split('/').slice(2).map(decodeSegment);
    const body = await route(method, segments, url.searchParams, req, sources, appUrl);
    if (body === undefined) {
      sendApiError(res, 404, 'Not found');
    } else {
      sendJson(res, 200, body);
    }
  } catch (error) {
    if (error instanceof ApiError) {
      sendApiError(res, error.status, error.message);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    sources.log?.(`api ${method} ${url.pathname} failed: ${message}`);
    sendApiError(res, 500, message);
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, `malformed URL escape in ${JSON.stringify(segment)}`);
  }
}

type Body = JsonObject | JsonObject[];

async function route(
  method: string,
  segments: string[],
  query: URLSearchParams,
  req: IncomingMessage,
  sources: BootDataSources,
  appUrl: string
): Promise<Body | undefined> {
  const [resource, a, b, c] = segments;
  const get = method === 'GET' || method === 'HEAD';
  if (resource === 'datasources') {
    return datasourceRoute(method, segments.slice(1), req, sources);
  }
  if (get && resource === 'frontend' && a === 'settings' && b === undefined) {
    return frontendSettings(sources, appUrl);
  }
  if (get && resource === 'dashboards' && a === 'uid' && b !== undefined && c === undefined) {
    return dashboardByUid(b, sources);
  }
  if (get && resource === 'search' && a === undefined) {
    return sources.dashboards.search({
      query: query.get('query') ?? undefined,
      tags: query.getAll('tag'),
      type: query.get('type') ?? undefined,
      dashboardUIDs: query
        .getAll('dashboardUIDs')
        .flatMap((uids) => uids.split(','))
        .filter((uid) => uid !== ''),
      limit: query.has('limit') ? Number(query.get('limit')) || undefined : undefined,
    });
  }
  if (get && resource === 'plugins' && a === undefined) {
    return pluginList(query, sources);
  }
  if (get && resource === 'plugins' && a !== undefined && b === 'settings' && c === undefined) {
    const plugin = sources.plugins.byId(a);
    if (!plugin) {
      throw new ApiError(404, 'Plugin not found, no installed plugin with that id');
    }
    return pluginSettingsDto(plugin);
  }
  return undefined;
}

async function datasourceRoute(
  method: string,
  rest: string[],
  req: IncomingMessage,
  sources: BootDataSources
): Promise<Body | undefined> {
  const { store } = sources;
  const [a, b, c] = rest;
  const get = method === 'GET' || method === 'HEAD';
  if (method === 'POST' && a === undefined) {
    const command = parseAddCommand(await readJsonBody(req));
    if ('error' in validateDataSourceUrl(command.type, command.url)) {
      throw new ApiError(400, 'Validation error, invalid URL');
    }
    const added = store.add(command);
    sources.log?.(`datasource ${added.uid} (${added.type}) added`);
    return {
      datasource: dataSourceDto(added, sources),
      id: added.id,
      message: 'Datasource added',
      name: added.name,
    };
  }
  if (get && a === undefined) {
    return store
      .list()
      .sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1))
      .map((record) => listItem(record, sources));
  }
  if (a === 'uid' && b !== undefined && c === undefined) {
    if (get) {
      return { ...dataSourceDto(found(store.byUid(b)), sources), accessControl: ADMIN_DATASOURCE_ACCESS };
    }
    if (method === 'PUT') {
      const command = parseUpdateCommand(await readJsonBody(req));
      if ('error' in validateDataSourceUrl(command.type, command.url)) {
        throw new ApiError(400, 'Validation error, invalid URL');
      }
      const updated = store.update(b, command);
      sources.log?.(`datasource ${updated.uid} updated to version ${updated.version}`);
      return {
        datasource: dataSourceDto(updated, sources),
        id: updated.id,
        message: 'Datasource updated',
        name: command.name,
      };
    }
    return undefined;
  }
  if (get && a === 'name' && b !== undefined && c === undefined) {
    return dataSourceDto(found(store.byName(b)), sources);
  }
  if (get && a !== undefined && b === undefined && a !== 'uid' && a !== 'name') {
    if (!/^[+-]?\d+$/.test(a)) {
      throw new ApiError(400, 'id is invalid');
    }
    return { ...dataSourceDto(found(store.byId(Number(a))), sources), accessControl: ADMIN_DATASOURCE_ACCESS };
  }
  return undefined;
}

/**
 * `GET /api/plugins` as Grafana's `GetPluginList` filters it: `type`, `enabled=1` (every sandbox plugin is enabled),
 * `core=0|1`, and `embedded=0`, which leaves out plugins an app includes (Grafana's catalog asks that way). The
 * built-in "-- Grafana --" datasource is not listed: Grafana offers it nowhere a plugin list is shown.
 */
function pluginList(query: URLSearchParams, sources: BootDataSources): JsonObject[] {
  const type = query.get('type');
  const core = query.get('core');
  return sources.plugins
    .all()
    .filter((plugin) => plugin.json.builtIn !== true)
    .filter((plugin) => !type || plugin.type === type)
    .filter((plugin) => core !== '0' || plugin.signature !== 'internal')
    .filter((plugin) => core !== '1' || plugin.signature === 'internal')
    .filter((plugin) => query.get('embedded') !== '0' || plugin.includedInAppId === undefined)
    .map(pluginListItem);
}

function found(record: DataSourceRecord | undefined): DataSourceRecord {
  if (!record) {
    throw new ApiError(404, 'Data source not found');
  }
  return record;
}

function pluginOf(record: DataSourceRecord, sources: BootDataSources): LoadedPlugin | undefined {
  const plugin = sources.plugins.byId(record.type);
  return plugin?.type === 'datasource' ? plugin : undefined;
}

function logoOf(plugin: LoadedPlugin | undefined): string {
  const info = plugin?.json.info;
  const logos = info && typeof info === 'object' && !Array.isArray(info) ? info.logos : undefined;
  const small = logos && typeof logos === 'object' && !Array.isArray(logos) ? logos.small : undefined;
  return typeof small === 'string' ? small : 'public/img/icn-datasource.svg';
}

/** Grafana's `DataSourceListItemDTO` (`GET /api/datasources`). */
function listItem(record: DataSourceRecord, sources: BootDataSources): JsonObject {
  const plugin = pluginOf(record, sources);
  return {
    id: record.id,
    uid: record.uid,
    orgId: record.orgId,
    name: record.name,
    type: plugin?.id ?? record.type,
    typeName: plugin?.name ?? record.type,
    typeLogoUrl: logoOf(plugin),
    access: record.access,
    url: record.url,
    user: record.user,
    database: record.database,
    basicAuth: record.basicAuth,
    isDefault: record.isDefault,
    jsonData: structuredClone(record.jsonData),
    readOnly: record.readOnly,
  };
}

/** Grafana's `dtos.DataSource` (`GET /api/datasources/uid/:uid`): the list item and more; secrets only as `secureJsonFields`. */
function dataSourceDto(record: DataSourceRecord, sources: BootDataSources): JsonObject {
  return {
    ...listItem(record, sources),
    basicAuthUser: record.basicAuthUser,
    withCredentials: record.withCredentials,
    secureJsonFields: sources.store.secureJsonFields(record.id),
    version: record.version,
  };
}

/** `GET /api/dashboards/uid/:uid`: the dashboard with Grafana's `DashboardMeta` for a provisioned, read-only file. */
function dashboardByUid(uid: string, sources: BootDataSources): JsonObject {
  const stored = sources.dashboards.byUid(uid);
  if (!stored) {
    throw new ApiError(404, 'Dashboard not found');
  }
  const version = typeof stored.dashboard.version === 'number' ? stored.dashboard.version : 1;
  return {
    dashboard: stored.dashboard,
    meta: {
      type: 'db',
      canSave: false,
      canEdit: true,
      canAdmin: false,
      canStar: false,
      canDelete: false,
      slug: stored.slug,
      url: stored.url,
      expires: '0001-01-01T00:00:00Z',
      created: '0001-01-01T00:00:00Z',
      updated: '0001-01-01T00:00:00Z',
      updatedBy: 'admin',
      createdBy: 'admin',
      version,
      hasAcl: false,
      isFolder: false,
      folderId: 0,
      folderUid: '',
      folderTitle: 'General',
      folderUrl: '',
      provisioned: true,
      provisionedExternalId: stored.fileName,
      annotationsPermissions: {
        dashboard: { canAdd: true, canEdit: true, canDelete: true },
        organization: { canAdd: true, canEdit: true, canDelete: true },
      },
      publicDashboardEnabled: false,
    },
  };
}
