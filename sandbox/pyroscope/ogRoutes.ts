import type { ServerResponse } from 'node:http';

import { ApiError } from './apiError';
import { handleIngest } from './ingest';
import { FlameQLError, parseFlameQL } from './ogQuery';
import { OgError, ogRender, ogRenderDiff, type OgContext, type OgResult } from './ogRender';
import { ogApps, ogSpyName, ogTags } from './ogView';
import { OG_SAMPLE_RATE } from './profileTypes';
import type { HttpRequest, ServerState } from './routeContext';

/**
 * The pyroscope-io 0.37 routes: `/render`, `/render-diff`, `/labels`, `/label-values`,
 * `/api/apps`, `/healthz`, `/ingest`. Data routes answer 400 as text `invalid parameter: "..."`; `/api/*` answers
 * JSON `{"errors":[...]}`; unknown paths get the HTML index page with a 404. There are no Connect routes and no
 * `/ready`. Authentication is checked by the server before these run.
 */

/** True for the routes pyroscope-io serves without authentication. */
export function isOgPublicPath(path: string): boolean {
  return path === '/healthz';
}

export function handleOg(state: ServerState, req: HttpRequest, res: ServerResponse, tenants: readonly string[]): void {
  const ctx: OgContext = { store: state.store, tenants, nowMs: state.now() };
  try {
    switch (req.path) {
      case '/healthz':
        return text(res, 200, 'server is ready');
      case '/ingest':
        return ingest(state, req, res, tenants[0]);
      case '/render':
        if (getOnly(req, res)) {
          writeResult(res, ogRender(ctx, req.query));
        }
        return;
      case '/render-diff':
        if (getOnly(req, res)) {
          writeResult(res, ogRenderDiff(ctx, req.query));
        }
        return;
      case '/labels':
        return plainArray(res, labels(ctx, req.query));
      case '/label-values':
        return plainArray(res, labelValues(ctx, req.query));
      case '/api/apps':
        return json(res, 200, apps(ctx));
      default:
        if (req.path.startsWith('/api/')) {
          return json(res, 404, { errors: ['not found'] });
        }
        return notFoundPage(res);
    }
  } catch (e) {
    if (e instanceof OgError) {
      return text(res, 400, `invalid parameter: ${JSON.stringify(e.message)}\n`);
    }
    throw e;
  }
}

function ingest(state: ServerState, req: HttpRequest, res: ServerResponse, tenant: string): void {
  if (req.method !== 'POST') {
    return text(res, 405, 'invalid method\n');
  }
  if (req.bodyTooLarge) {
    return text(res, 413, 'request body too large\n');
  }
  try {
    handleIngest(
      { store: state.store, flavor: 'og', nowMs: state.now(), limits: state.limits },
      { query: req.query, contentType: req.headers['content-type'] ?? '', body: req.body, tenant }
    );
    res.writeHead(200);
    res.end();
  } catch (e) {
    if (e instanceof ApiError) {
      return text(res, e.status, `${e.message}\n`);
    }
    throw e;
  }
}

function getOnly(req: HttpRequest, res: ServerResponse): boolean {
  if (req.method === 'GET') {
    return true;
  }
  text(res, 405, 'invalid method\n');
  return false;
}

function writeResult(res: ServerResponse, result: OgResult): void {
  switch (result.kind) {
    case 'json':
      return json(res, 200, result.body);
    case 'empty':
      res.writeHead(200);
      res.end();
      return;
    case 'crash':
      res.writeHead(500);
      res.end();
      return;
    case 'unsupported':
      return text(res, 501, `${result.what} is not emulated by the Flamelens test server\n`);
    case 'file':
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename=${JSON.stringify(result.filename)}`,
      });
      res.end(typeof result.data === 'string' ? result.data : Buffer.from(result.data));
  }
}

/** The app of a `query` parameter (its matchers, `from` and `until` are ignored by the server). */
function queriedApp(q: URLSearchParams): string | undefined {
  const query = q.get('query') ?? '';
  if (query === '') {
    return undefined;
  }
  try {
    return parseFlameQL(query).appName;
  } catch (e) {
    throw new OgError(e instanceof FlameQLError ? e.message : String(e));
  }
}

function labels(ctx: OgContext, q: URLSearchParams): string[] {
  const app = queriedApp(q);
  const keys = new Set<string>();
  for (const [name, entry] of ogApps(ctx.store, ctx.tenants)) {
    if (app === undefined || app === name) {
      entry.series.forEach((s) => Object.keys(ogTags(s, name)).forEach((k) => keys.add(k)));
    }
  }
  return [...keys].sort();
}

function labelValues(ctx: OgContext, q: URLSearchParams): string[] {
  const label = q.get('label') ?? '';
  if (label === '') {
    throw new OgError('label parameter is required');
  }
  const app = queriedApp(q);
  const values = new Set<string>();
  for (const [name, entry] of ogApps(ctx.store, ctx.tenants)) {
    if (app === undefined || app === name) {
      for (const s of entry.series) {
        const tags = ogTags(s, name);
        if (label in tags) {
          values.add(tags[label]);
        }
      }
    }
  }
  return [...values].sort();
}

function apps(ctx: OgContext): unknown[] {
  return [...ogApps(ctx.store, ctx.tenants)].map(([name, { type, series }]) => {
    const spyName = ogSpyName(series);
    return {
      name,
      ...(spyName !== '' ? { spyName } : {}),
      // omitempty: only CPU-like apps have a sample rate.
      ...(type.ticks ? { sampleRate: OG_SAMPLE_RATE } : {}),
      units: type.units,
    };
  });
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** `/labels` and `/label-values` set no Content-Type; Go's sniffing then says text/plain. */
function plainArray(res: ServerResponse, values: string[]): void {
  text(res, 200, JSON.stringify(values));
}

const INDEX_PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Pyroscope</title>
  </head>
  <body>
    <div id="root"></div>
    <p>Flamelens test server emulating pyroscope-io 0.37: this path is not an API route.</p>
  </body>
</html>
`;

/** Unknown paths get the web app's index page with a 404, as pyroscope-io's NotFoundHandler does. */
function notFoundPage(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(INDEX_PAGE);
}
