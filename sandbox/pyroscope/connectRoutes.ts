import type { ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';

import { ApiError, invalidArgument, sendApiError, sendJson } from './apiError';
import { NO_ORG_ID, requestTenants } from './auth';
import { Fields } from './connectFields';
import { checkIngestionWindow } from './ingest';
import { ingestPprof, usableTimeNanos } from './pprofIngest';
import { sanitizeLabelName } from './profileTypes';
import { asInternal, type QueryContext } from './querier';
import { QUERIER_METHODS } from './querierMethods';
import { header, type HttpRequest, type ServerState } from './routeContext';
import { StoreFullError } from './store';
import { UploadDecodeError } from './uploadError';

/**
 * Connect unary over HTTP: the protocol rules are checked in connect-go's order — method
 * (GET → 405 with `Allow: POST`), content type (anything but JSON → 415 with `Accept-Post`), `Connect-Protocol-Version`
 * (must be 1 when sent), body (empty → `invalid_argument`) — then the tenant, then the method.
 * `application/proto` bodies are not emulated (there is no protobuf schema here), so they get the 415 too.
 */

const QUERIER_PREFIX = '/querier.v1.QuerierService/';
const PUSH_PATH = '/push.v1.PusherService/Push';

/** Every procedure of the querier service (`api/querier/v1/querier.proto`); others are 404 like any unknown path. */
const QUERIER_PROCEDURES = new Set([
  'ProfileTypes',
  'LabelValues',
  'LabelNames',
  'Series',
  'SelectMergeStacktraces',
  'SelectMergeSpanProfile',
  'SelectMergeProfile',
  'SelectSeries',
  'SelectHeatmap',
  'Diff',
  'GetProfileStats',
  'AnalyzeQuery',
]);

/** True for a path this module serves. */
export function isConnectPath(path: string): boolean {
  return (
    (path.startsWith(QUERIER_PREFIX) && QUERIER_PROCEDURES.has(path.slice(QUERIER_PREFIX.length))) || path === PUSH_PATH
  );
}

export function handleConnect(state: ServerState, req: HttpRequest, res: ServerResponse): void {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' });
    res.end();
    return;
  }
  const contentType = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json') {
    res.writeHead(415, { 'Accept-Post': 'application/json' });
    res.end();
    return;
  }
  try {
    const version = header(req, 'connect-protocol-version');
    if (version !== undefined && version !== '1') {
      throw invalidArgument(`connect-protocol-version must be "1": got "${version}"`);
    }
    if (req.bodyTooLarge) {
      throw new ApiError(
        'resource_exhausted',
        `message size is larger than configured max ${state.limits.maxBodyBytes}`
      );
    }
    const body = decodeBody(req);
    const fields = Fields.parse(body);
    const tenants = requestTenants(req.headers, state.auth.multitenancy);
    if (!tenants) {
      throw new ApiError('unauthenticated', NO_ORG_ID);
    }
    const ctx: QueryContext = {
      store: state.store,
      tenants,
      nowMs: state.now(),
      limits: state.limits,
      pprofFormat: state.pprofFormat,
    };
    const response = req.path === PUSH_PATH ? push(ctx, fields) : callQuerier(req.path, ctx, fields);
    sendJson(res, 200, response, false);
  } catch (e) {
    sendApiError(res, asInternal(e));
  }
}

function decodeBody(req: HttpRequest): Uint8Array {
  const encoding = (header(req, 'content-encoding') ?? 'identity').toLowerCase();
  if (encoding === 'identity') {
    return req.body;
  }
  if (encoding !== 'gzip') {
    throw new ApiError('unimplemented', `unknown compression "${encoding}": supported encodings are gzip`);
  }
  try {
    return gunzipSync(req.body);
  } catch (e) {
    throw invalidArgument(`decompress message: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function callQuerier(path: string, ctx: QueryContext, fields: Fields): unknown {
  const name = path.slice(QUERIER_PREFIX.length);
  const method = Object.prototype.hasOwnProperty.call(QUERIER_METHODS, name) ? QUERIER_METHODS[name] : undefined;
  if (!method) {
    throw new ApiError(
      'unimplemented',
      `querier.v1.QuerierService.${name} is not implemented by the Flamelens test server`
    );
  }
  return method(ctx, fields);
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** `PusherService.Push`: raw pprof samples per labelled series. */
function push(ctx: QueryContext, req: Fields): unknown {
  if (ctx.tenants.length !== 1) {
    throw invalidArgument('multiple org IDs present');
  }
  const tenant = ctx.tenants[0];
  for (const series of req.messages('series')) {
    const labels: Record<string, string> = {};
    for (const pair of series.messages('labels')) {
      const raw = pair.string('name');
      const name = raw.startsWith('__') ? raw : sanitizeLabelName(raw);
      if (name === undefined) {
        throw invalidArgument(`invalid labels with error: invalid label name '${raw}'`);
      }
      labels[name] = pair.string('value');
    }
    if (!METRIC_NAME.test(labels.__name__ ?? '')) {
      throw invalidArgument(`invalid labels '${JSON.stringify(labels)}' with error: invalid metric name`);
    }
    if (!labels.service_name) {
      throw invalidArgument(`invalid labels '${JSON.stringify(labels)}' with error: service name is not provided`);
    }
    for (const sample of series.messages('samples')) {
      const bytes = sample.bytes('rawProfile', 'raw_profile');
      try {
        ingestPprof(ctx.store, {
          tenant,
          labels,
          bytes,
          timeMs: (ns) => (usableTimeNanos(ns) ? Math.floor(ns / 1e6) : ctx.nowMs),
          checkTime: (t, l) =>
            checkIngestionWindow(t, l, ctx.nowMs, ctx.limits.rejectOlderThanMs, ctx.limits.rejectNewerThanMs),
        });
      } catch (e) {
        if (e instanceof StoreFullError) {
          throw new ApiError('resource_exhausted', e.message);
        }
        if (e instanceof UploadDecodeError) {
          throw invalidArgument(e.message);
        }
        throw e instanceof ApiError ? new ApiError('invalid_argument', e.message) : e;
      }
    }
  }
  return {};
}
