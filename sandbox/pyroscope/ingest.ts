import type { Profile } from '../../src/model/profile';
import { ApiError } from './apiError';
import { parseAttime } from './attime';
import { parseFolded } from './folded';
import { LabelSetError, parseLabelSet, type ParsedLabelSet } from './labelSet';
import { MultipartError, multipartBoundary, parseMultipart } from './multipart';
import type { Flavor, ServerLimits } from './options';
import { ingestPprof, usableTimeNanos } from './pprofIngest';
import { sanitizeLabelName, suffixType, type SampleTypeConfig } from './profileTypes';
import { PROFILE_TYPE_LABEL, StoreFullError, type ProfileStore } from './store';
import { UploadDecodeError } from './uploadError';

/**
 * `POST /ingest`: what the Go, Node and older agents upload.
 * The body is pprof when `format=pprof` or multipart, folded stacks otherwise; other formats (jfr, trie, tree,
 * lines, speedscope) are not emulated and answer 422. Errors are `ApiError`s with the status the real server uses:
 * 400 bad metadata, 422 unreadable profile, 429 store full (413 is decided while reading the body).
 */

export interface IngestRequest {
  query: URLSearchParams;
  contentType: string;
  body: Uint8Array;
  tenant: string;
}

export interface IngestContext {
  store: ProfileStore;
  flavor: Flavor;
  nowMs: number;
  limits: ServerLimits;
}

interface Metadata {
  labelSet: ParsedLabelSet;
  fromMs: number;
  sampleRate: number;
  spyName: string;
}

const UNSUPPORTED_FORMATS = new Set(['trie', 'tree', 'lines', 'jfr', 'speedscope']);

/** Handles one upload; returns normally for a 200 with an empty body. */
export function handleIngest(ctx: IngestContext, req: IngestRequest): void {
  const md = readMetadata(req.query, ctx.nowMs);
  const format = req.query.get('format') ?? '';
  const unsupported = UNSUPPORTED_FORMATS.has(format)
    ? format
    : /^binary\/octet-stream\+(trie|tree)/.exec(req.contentType)?.[1];
  try {
    if (unsupported) {
      throw ApiError.withStatus(422, `the Flamelens test server does not support format=${unsupported}`);
    }
    if (format === 'pprof') {
      ingestPprofUpload(ctx, req, md, req.body, undefined);
    } else if (multipartBoundary(req.contentType) !== undefined) {
      ingestMultipart(ctx, req, md);
    } else {
      ingestFolded(ctx, req, md);
    }
  } catch (e) {
    throw asApiError(e);
  }
}

function readMetadata(q: URLSearchParams, nowMs: number): Metadata {
  let labelSet: ParsedLabelSet;
  try {
    labelSet = parseLabelSet(q.get('name') ?? '');
  } catch (e) {
    throw ApiError.withStatus(400, `name: ${e instanceof LabelSetError ? e.message : String(e)}`);
  }
  const from = q.get('from');
  const rate = q.get('sampleRate') ?? '';
  // The server logs a bad or negative rate and falls back to the default of 100.
  const sampleRate = /^\+?\d+$/.test(rate) ? Number(rate) : 100;
  return {
    labelSet,
    fromMs: from ? parseAttime(from, nowMs) : nowMs,
    sampleRate,
    spyName: q.get('spyName') || 'unknown',
  };
}

function ingestMultipart(ctx: IngestContext, req: IngestRequest, md: Metadata): void {
  const parts = parseMultipart(req.body, req.contentType);
  const part = (name: string) => parts.find((p) => p.name === name);
  if (ctx.flavor === 'grafana' && part('prev_profile')) {
    throw ApiError.withStatus(
      422,
      'failed to parse pprof /ingest multipart form unsupported client version. ' +
        'Please update github.com/grafana/pyroscope-go to the latest version'
    );
  }
  const profile = part('profile');
  if (!profile || profile.data.length === 0) {
    // The server treats a form without a profile as an empty upload: nothing stored, 200.
    return;
  }
  const config = part('sample_type_config');
  ingestPprofUpload(ctx, req, md, profile.data, config ? readSampleTypeConfig(config.data) : undefined);
}

function ingestPprofUpload(
  ctx: IngestContext,
  req: IngestRequest,
  md: Metadata,
  bytes: Uint8Array,
  config: Record<string, SampleTypeConfig> | undefined
): void {
  const labels: Record<string, string> = { __delta__: 'false', pyroscope_spy: md.spyName };
  if (!md.labelSet.tags.service_name) {
    labels.service_name = md.labelSet.name;
  }
  Object.assign(labels, sanitizeTags(md.labelSet.tags));
  const { rejectOlderThanMs, rejectNewerThanMs } = ctx.limits;
  ingestPprof(ctx.store, {
    tenant: req.tenant,
    labels,
    bytes,
    ...(config ? { sampleTypeConfig: config } : {}),
    // Grafana Pyroscope stamps a pprof with its own time_nanos (the request's `from` only when that is unset);
    // pyroscope-io uses `from`.
    timeMs: (timeNanos) =>
      ctx.flavor === 'grafana' && usableTimeNanos(timeNanos) ? Math.floor(timeNanos / 1e6) : md.fromMs,
    ...(ctx.flavor === 'grafana'
      ? {
          checkTime: (t: number, l: Record<string, string>) =>
            checkIngestionWindow(t, l, ctx.nowMs, rejectOlderThanMs, rejectNewerThanMs),
        }
      : {}),
  });
}

function ingestFolded(ctx: IngestContext, req: IngestRequest, md: Metadata): void {
  const split = suffixType(md.labelSet.name);
  if ('error' in split) {
    throw ApiError.withStatus(400, `pyroscopeIngesterAdapter failed to convert metadata: ${split.error}`);
  }
  const { app, type } = split;
  let profile = parseFolded(new TextDecoder().decode(req.body), 'count');
  if (profile.total[0] === 0) {
    return;
  }
  let sampleType = type.sampleType;
  let sampleUnit = type.sampleUnit;
  let period = '::';
  if (type.sampled && md.sampleRate > 0) {
    // Each sample becomes one sampling period of time (integer ns, as the server computes it).
    const periodNs = Math.floor(1e9 / md.sampleRate);
    profile = scaleSelf(profile, periodNs);
    sampleType = type.metric === 'wall' ? 'wall' : 'cpu';
    sampleUnit = 'nanoseconds';
    period = ':cpu:nanoseconds';
  }
  const tags = sanitizeTags(md.labelSet.tags);
  const labels: Record<string, string> = {
    __name__: type.metric,
    __delta__: 'false',
    pyroscope_spy: md.spyName,
    ...tags,
  };
  if (!tags.service_name) {
    labels.service_name = app;
  } else if (!tags.app_name) {
    labels.app_name = app;
  }
  labels.__service_name__ = labels.service_name;
  labels.__type__ = sampleType;
  labels.__unit__ = sampleUnit;
  if (period !== '::') {
    labels.__period_type__ = 'cpu';
    labels.__period_unit__ = 'nanoseconds';
  }
  labels[PROFILE_TYPE_LABEL] = `${type.metric}:${sampleType}:${sampleUnit}${period}`;
  if (ctx.flavor === 'grafana') {
    checkIngestionWindow(md.fromMs, labels, ctx.nowMs, ctx.limits.rejectOlderThanMs, ctx.limits.rejectNewerThanMs);
  }
  ctx.store.append(req.tenant, labels, md.fromMs, profile);
}

/** Request tags as series labels: private `__x__` names dropped (but `__session_id__`), dots sanitized. */
function sanitizeTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (k.startsWith('__') && k !== '__session_id__') {
      continue;
    }
    const name = sanitizeLabelName(k);
    if (name === undefined) {
      throw ApiError.withStatus(422, `invalid labels with error: invalid label name '${k}'`);
    }
    out[name] = v;
  }
  return out;
}

/** `reject_older_than` / `reject_newer_than` (0 turns a side off). */
export function checkIngestionWindow(
  timeMs: number,
  labels: Record<string, string>,
  nowMs: number,
  olderMs: number,
  newerMs: number
): void {
  const from = olderMs > 0 ? nowMs - olderMs : undefined;
  const to = newerMs > 0 ? nowMs + newerMs : undefined;
  if ((from === undefined || timeMs > from) && (to === undefined || timeMs < to)) {
    return;
  }
  const window = [from !== undefined ? `starts at ${iso(from)}` : '', to !== undefined ? `ends at ${iso(to)}` : '']
    .filter(Boolean)
    .join(' and ');
  const shown = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(', ');
  throw ApiError.withStatus(
    422,
    `profile with labels '{${shown}}' is outside of ingestion window (profile timestamp: ${iso(timeMs)}, ` +
      `the ingestion window ${window})`
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function readSampleTypeConfig(data: Uint8Array): Record<string, SampleTypeConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(data));
  } catch (e) {
    throw ApiError.withStatus(422, `failed to parse pprof /ingest multipart form ${String(e)}`);
  }
  const out: Record<string, SampleTypeConfig> = {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw ApiError.withStatus(422, 'failed to parse pprof /ingest multipart form: sample_type_config is not an object');
  }
  for (const [type, raw] of Object.entries(parsed)) {
    if (typeof raw !== 'object' || raw === null) {
      continue;
    }
    const entry = new Map<string, unknown>(Object.entries(raw));
    const str = (k: string) => {
      const v = entry.get(k);
      return typeof v === 'string' ? v : undefined;
    };
    const displayName = str('display-name');
    const units = str('units');
    const aggregation = str('aggregation');
    out[type] = {
      ...(displayName !== undefined ? { displayName } : {}),
      ...(units !== undefined ? { units } : {}),
      ...(aggregation !== undefined ? { aggregation } : {}),
    };
  }
  return out;
}

/** A copy of `profile` whose self values are multiplied by `factor` (the store reads only self values). */
function scaleSelf(profile: Profile, factor: number): Profile {
  return { ...profile, self: profile.self.map((v) => v * factor) };
}

function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) {
    return e;
  }
  if (e instanceof StoreFullError) {
    return new ApiError('resource_exhausted', e.message);
  }
  if (e instanceof UploadDecodeError && e.format === 'folded') {
    return ApiError.withStatus(422, `failed to parse the folded profile: ${e.message}`);
  }
  if (e instanceof UploadDecodeError || e instanceof MultipartError) {
    return ApiError.withStatus(422, `parsing IngestInput-pprof failed ${e.message}`);
  }
  throw e;
}
