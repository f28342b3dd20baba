/**
 * Grafana served from a sub-path (`root_url = http://host/grafana/` with `serve_from_sub_path = true`). Grafana takes
 * the sub-path from the path of `root_url`, without its trailing slash (`/grafana`), and calls it `appSubUrl`. Every
 * URL it serves then starts with it: pages, the API and the datasource proxy, plugin files. Its router strips the
 * sub-path before matching routes, and a request whose path does not start with it is answered with a 301 to the same
 * path under `root_url` (Grafana's `SubPathRedirect` middleware), so nothing but that redirect lives at the root.
 */

/**
 * The sub-path in Grafana's form: one leading slash, no trailing slash, `''` for none (`grafana/` → `/grafana`).
 *
 * @throws Error for a sub-path that is not a plain URL path (a query, a fragment, `..`, a scheme or host).
 */
export function normalizeSubPath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') {
    return '';
  }
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(trimmed) || trimmed.split('/').some((s) => /^\.+$/.test(s))) {
    throw new Error(`the sub-path must be a plain URL path such as /grafana, got "${raw}"`);
  }
  return `/${trimmed}`;
}

/** Where a request goes on a server with a sub-path. */
export type SubPathRoute =
  /** Under the sub-path: `url` is the request's URL without it (`/` for the sub-path itself), as Grafana routes it. */
  | { kind: 'inside'; url: string }
  /** Outside it: Grafana's 301 to the same path and query under `root_url`. */
  | { kind: 'redirect'; location: string };

/**
 * Routes a request URL (path and query, as `req.url`) on a server whose `appSubUrl` is `subPath` and whose root URL is
 * `appUrl` (with its trailing slash). Without a sub-path every URL is inside.
 */
export function routeSubPath(url: string, subPath: string, appUrl: string): SubPathRoute {
  if (subPath === '') {
    return { kind: 'inside', url };
  }
  const rest = url.slice(subPath.length);
  if (url.startsWith(subPath) && (rest === '' || rest.startsWith('/') || rest.startsWith('?'))) {
    return { kind: 'inside', url: rest.startsWith('/') ? rest : `/${rest}` };
  }
  return { kind: 'redirect', location: `${appUrl}${url.replace(/^\/+/, '')}` };
}
