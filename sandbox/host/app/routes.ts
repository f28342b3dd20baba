/**
 * The host's pages by URL path (Grafana's paths for the same pages; Grafana's connections routes are
 * `ROUTES.DataSources`, `DataSourcesNew` and `DataSourcesEdit` of its `features/connections/constants.ts`).
 */

export type Route =
  | { page: 'home' }
  | { page: 'dashboard'; uid: string; editPanel?: number }
  | { page: 'app'; pluginId: string }
  | { page: 'datasources' }
  | { page: 'newDatasource' }
  | { page: 'datasource'; uid: string }
  | { page: 'sandboxPanel' }
  | { page: 'notFound'; path: string };

export function matchRoute(pathname: string, search: URLSearchParams): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') {
    return { page: 'home' };
  }
  if (path === '/sandbox/panel') {
    return { page: 'sandboxPanel' };
  }
  if (path === '/connections/datasources') {
    return { page: 'datasources' };
  }
  if (path === '/connections/datasources/new') {
    return { page: 'newDatasource' };
  }
  let m = /^\/connections\/datasources\/edit\/([^/]+)$/.exec(path);
  if (m) {
    return { page: 'datasource', uid: decodeURIComponent(m[1]) };
  }
  m = /^\/d\/([^/]+)(?:\/[^/]*)?$/.exec(path);
  if (m) {
    const editPanel = search.get('editPanel');
    const id = editPanel !== null && /^\d+$/.test(editPanel) ? Number(editPanel) : undefined;
    return { page: 'dashboard', uid: decodeURIComponent(m[1]), editPanel: id };
  }
  m = /^\/a\/([^/]+)(?:\/.*)?$/.exec(path);
  if (m) {
    return { page: 'app', pluginId: decodeURIComponent(m[1]) };
  }
  return { page: 'notFound', path: pathname };
}

/** A key naming the page shown (a change of key is a new page for `flamelensHost.ready`). */
export function routeKey(route: Route): string {
  switch (route.page) {
    case 'dashboard':
      return `dashboard:${route.uid}:${route.editPanel ?? ''}`;
    case 'app':
      return `app:${route.pluginId}`;
    case 'datasource':
      return `datasource:${route.uid}`;
    case 'notFound':
      return `notFound:${route.path}`;
    default:
      return route.page;
  }
}
