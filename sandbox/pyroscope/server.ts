import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApiError, sendApiError, sendJson, sendText } from './apiError';
import { hasValidCredentials, NO_ORG_ID, requestTenants, type AuthConfig } from './auth';
import { handleConnect, isConnectPath } from './connectRoutes';
import { handleIngest } from './ingest';
import { handleOg, isOgPublicPath } from './ogRoutes';
import { DEFAULT_LIMITS, type PyroscopeServerOptions } from './options';
import { asInternal } from './querier';
import { handleRender, isRenderPath } from './renderRoutes';
import type { HttpRequest, ServerState } from './routeContext';
import { seedDemoData } from './seed';
import { DEFAULT_TENANT, ProfileStore } from './store';

export type { PyroscopeServerOptions } from './options';

/** A running test server. */
export interface PyroscopeServer {
  /** Base URL, e.g. `http://127.0.0.1:40404`. */
  url: string;
  port: number;
  store: ProfileStore;
  close(): Promise<void>;
}

/**
 * Starts the Pyroscope-compatible test server on 127.0.0.1 (see README.md). Tests pass `port: 0` (the default) and
 * read `url`; the demo runs it through main.ts.
 */
export async function startPyroscopeServer(options: PyroscopeServerOptions = {}): Promise<PyroscopeServer> {
  const now = options.now ?? Date.now;
  const store =
    options.store ??
    new ProfileStore({
      ...(options.maxProfiles !== undefined ? { maxProfiles: options.maxProfiles } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    });
  const auth: AuthConfig = {
    multitenancy: options.multitenancy ?? false,
    ...(options.basicAuth !== undefined ? { basicAuth: options.basicAuth } : {}),
    ...(options.bearerToken !== undefined ? { bearerToken: options.bearerToken } : {}),
  };
  const state: ServerState = {
    store,
    flavor: options.flavor ?? 'grafana',
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    auth,
    now,
    pprofFormat: options.pprofFormat ?? true,
  };
  if (options.seed) {
    const hours = typeof options.seed === 'object' ? options.seed.hours : undefined;
    seedDemoData(store, { nowMs: now(), ...(hours !== undefined ? { hours } : {}) });
  }
  const server = createServer((req, res) => {
    const started = performance.now();
    if (options.log) {
      const log = options.log;
      res.on('finish', () => {
        const ms = (performance.now() - started).toFixed(1);
        log(`${new Date().toISOString()} ${req.method} ${req.url} ${res.statusCode} ${ms}ms`);
      });
    }
    readRequest(req, state.limits.maxBodyBytes)
      .then((request) => route(state, request, res))
      .catch((e: unknown) => {
        if (!res.headersSent) {
          sendApiError(res, asInternal(e));
        } else {
          res.destroy();
        }
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; close them so `close` does not wait for their idle timeout.
        server.closeAllConnections();
      }),
  };
}

/** Reads the whole body, keeping at most `maxBytes` (a larger body is drained and flagged, not kept). */
function readRequest(req: IncomingMessage, maxBytes: number): Promise<HttpRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('error', reject);
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = tooLarge ? new Uint8Array(0) : new Uint8Array(Buffer.concat(chunks));
      resolve({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        bodyTooLarge: tooLarge,
      });
    });
  });
}

function route(state: ServerState, req: HttpRequest, res: ServerResponse): void {
  if (state.flavor === 'og') {
    routeOg(state, req, res);
  } else {
    routeGrafana(state, req, res);
  }
}

const BUILD_INFO = {
  status: 'success',
  data: {
    version: '2.2.1',
    revision: 'flamelens-test-server',
    branch: 'HEAD',
    buildUser: '',
    buildDate: '',
    goVersion: 'n/a (Node.js emulation)',
  },
};

function routeGrafana(state: ServerState, req: HttpRequest, res: ServerResponse): void {
  // Health and version routes skip authentication and tenancy, as on the real server.
  if (req.path === '/ready') {
    return sendText(res, 200, 'ready\n');
  }
  if (req.path === '/api/v1/status/buildinfo') {
    return sendJson(res, 200, BUILD_INFO);
  }
  const known =
    isConnectPath(req.path) || isRenderPath(req.path) || req.path === '/ingest' || req.path === '/pyroscope/ingest';
  if (!known) {
    return sendText(res, 404, '404 page not found\n');
  }
  if (!hasValidCredentials(req.headers, state.auth)) {
    if (state.auth.basicAuth !== undefined) {
      res.setHeader('WWW-Authenticate', 'Basic realm="pyroscope"');
    }
    return sendApiError(res, new ApiError('unauthenticated', 'invalid or missing credentials'));
  }
  if (isConnectPath(req.path)) {
    return handleConnect(state, req, res);
  }
  const tenants = requestTenants(req.headers, state.auth.multitenancy);
  if (!tenants) {
    return sendApiError(res, new ApiError('unauthenticated', NO_ORG_ID));
  }
  if (isRenderPath(req.path)) {
    return handleRender({ store: state.store, tenants, nowMs: state.now(), limits: state.limits }, req, res);
  }
  ingestGrafana(state, req, res, tenants);
}

function ingestGrafana(state: ServerState, req: HttpRequest, res: ServerResponse, tenants: string[]): void {
  if (req.method !== 'POST') {
    return sendText(res, 405, 'Method Not Allowed\n');
  }
  if (tenants.length !== 1) {
    return sendApiError(res, ApiError.withStatus(400, 'multiple org IDs present'));
  }
  if (req.bodyTooLarge) {
    return sendApiError(res, ApiError.withStatus(413, 'request body too large: http: request body too large'));
  }
  try {
    handleIngest(
      { store: state.store, flavor: 'grafana', nowMs: state.now(), limits: state.limits },
      { query: req.query, contentType: req.headers['content-type'] ?? '', body: req.body, tenant: tenants[0] }
    );
    res.writeHead(200);
    res.end();
  } catch (e) {
    sendApiError(res, asInternal(e));
  }
}

function routeOg(state: ServerState, req: HttpRequest, res: ServerResponse): void {
  if (!isOgPublicPath(req.path) && !hasValidCredentials(req.headers, state.auth)) {
    return sendJson(res, 401, { errors: ['invalid credentials'] }, false);
  }
  // pyroscope-io has no tenants; with --multitenancy the header still separates data, but is not required.
  const tenants = requestTenants(req.headers, state.auth.multitenancy) ?? [DEFAULT_TENANT];
  handleOg(state, req, res, tenants);
}
