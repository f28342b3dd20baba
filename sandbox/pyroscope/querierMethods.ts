import { mergeDiff } from '../../src/model/transforms/diff';
import { ApiError, invalidArgument } from './apiError';
import { filterByCallSite } from './callSite';
import { Fields } from './connectFields';
import {
  effectiveMaxNodes,
  mergeRequest,
  requireProfileType,
  selectSeries,
  seriesMatchingAny,
  validateRange,
  type MergeRequest,
  type QueryContext,
} from './querier';
import { parseProfileTypeId } from './profileTypeId';
import { mergedPprof } from './pprofAnswer';
import { rangeSeries } from './rangeSeries';
import { truncateProfile } from './truncate';
import { encodeConnectFlameGraph } from './wire/connectFlameGraph';

/**
 * `querier.v1.QuerierService` methods over Connect JSON. Each takes the decoded request and
 * returns the response message as protojson writes it: int64 as strings, enums as names, zero and empty fields left
 * out (so an empty answer is `{}`).
 */

export type ConnectMethod = (ctx: QueryContext, req: Fields) => unknown;

const PROFILE_FORMATS = [
  'PROFILE_FORMAT_UNSPECIFIED',
  'PROFILE_FORMAT_FLAMEGRAPH',
  'PROFILE_FORMAT_TREE',
  'PROFILE_FORMAT_DOT',
  'PROFILE_FORMAT_PPROF',
];
const AGGREGATIONS = ['TIME_SERIES_AGGREGATION_TYPE_SUM', 'TIME_SERIES_AGGREGATION_TYPE_AVERAGE'];
const HOUR_MS = 3600_000;

/** Drops empty fields, as protojson does. */
function omitEmpty(msg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(msg)) {
    if (v !== undefined && v !== '' && v !== 0 && v !== '0' && !(Array.isArray(v) && v.length === 0)) {
      out[k] = v;
    }
  }
  return out;
}

function profileTypes(ctx: QueryContext, req: Fields): unknown {
  let start = req.int64('start');
  let end = req.int64('end');
  if (start === 0 && end === 0) {
    // Clients such as Grafana's drilldown call it without a range: the server uses the last hour.
    end = ctx.nowMs;
    start = end - HOUR_MS;
  }
  const range = validateRange(ctx, start, end);
  const ids = new Set(seriesMatchingAny(ctx, [], range).map((s) => s.profileTypeId));
  const types = [...ids].sort().map((id) => {
    const p = parseProfileTypeId(id);
    return omitEmpty({
      ID: id,
      name: p?.name,
      sampleType: p?.sampleType,
      sampleUnit: p?.sampleUnit,
      periodType: p?.periodType,
      periodUnit: p?.periodUnit,
    });
  });
  return omitEmpty({ profileTypes: types });
}

function labelNames(ctx: QueryContext, req: Fields): unknown {
  const range = validateRange(ctx, req.int64('start'), req.int64('end'));
  const names = new Set<string>();
  for (const s of seriesMatchingAny(ctx, req.strings('matchers'), range)) {
    Object.keys(s.labels).forEach((n) => names.add(n));
  }
  return omitEmpty({ names: [...names].sort() });
}

function labelValues(ctx: QueryContext, req: Fields): unknown {
  const range = validateRange(ctx, req.int64('start'), req.int64('end'));
  const name = req.string('name');
  const values = new Set<string>();
  for (const s of seriesMatchingAny(ctx, req.strings('matchers'), range)) {
    if (name in s.labels) {
      values.add(s.labels[name]);
    }
  }
  return omitEmpty({ names: [...values].sort() });
}

function series(ctx: QueryContext, req: Fields): unknown {
  const range = validateRange(ctx, req.int64('start'), req.int64('end'));
  const wanted = req.strings('labelNames', 'label_names');
  const sets = new Map<string, Array<{ name: string; value: string }>>();
  for (const s of seriesMatchingAny(ctx, req.strings('matchers'), range, 'seriesMatchers')) {
    const names = (wanted.length > 0 ? wanted.filter((n) => n in s.labels) : Object.keys(s.labels)).sort();
    const labels = names.map((name) => ({ name, value: s.labels[name] }));
    sets.set(JSON.stringify(labels), labels);
  }
  const keys = [...sets.keys()].sort();
  return omitEmpty({ labelsSet: keys.map((k) => omitEmpty({ labels: sets.get(k) })) });
}

/** The common fields of a `SelectMergeStacktracesRequest` (and of a `SelectMergeProfileRequest`). */
export function readMergeRequest(req: Fields): MergeRequest & { maxNodes?: number; callSite: string[] } {
  const selector = req.message('stackTraceSelector', 'stack_trace_selector');
  const maxNodes = req.optionalInt64('maxNodes', 'max_nodes');
  return {
    profileTypeId: req.string('profileTypeID', 'profile_typeID'),
    labelSelector: req.string('labelSelector', 'label_selector'),
    start: req.int64('start'),
    end: req.int64('end'),
    ...(maxNodes !== undefined ? { maxNodes } : {}),
    callSite: (selector?.messages('callSite', 'call_site') ?? []).map((f) => f.string('name')),
  };
}

function selectMergeStacktraces(ctx: QueryContext, req: Fields): unknown {
  const pprofFormat = ctx.pprofFormat ?? true;
  // Servers before 2.2 do not know the pprof (and 2.0 the dot) format: Connect's JSON reader discards an unknown
  // enum name, so the request is read as a flame graph request.
  const asked = req.enumValue('format', 'format', PROFILE_FORMATS);
  const format = !pprofFormat && asked === 4 ? 0 : asked;
  if (format === 4) {
    return { pprof: { profile: mergedPprof(ctx, readMergeRequest(req)) } };
  }
  if (format > 1) {
    throw new ApiError(
      'unimplemented',
      `the Flamelens test server does not write ${PROFILE_FORMATS[format] ?? format} answers`
    );
  }
  const r = readMergeRequest(req);
  const maxNodes = effectiveMaxNodes(r.maxNodes);
  const merged = filterByCallSite(mergeRequest(ctx, r), r.callSite);
  return encodeConnectFlameGraph(truncateProfile(merged, maxNodes));
}

function selectSeriesMethod(ctx: QueryContext, req: Fields): unknown {
  const r = readMergeRequest(req);
  const range = validateRange(ctx, r.start, r.end);
  if (range.empty) {
    return {};
  }
  requireProfileType(r.profileTypeId);
  const step = req.double('step');
  if (step < 0.001) {
    throw invalidArgument('step must be >= 1ms');
  }
  if (r.callSite.length > 0) {
    throw new ApiError('unimplemented', 'the Flamelens test server does not filter series by stackTraceSelector');
  }
  const result = rangeSeries(ctx.store, selectSeries(ctx, r.profileTypeId, r.labelSelector), {
    start: range.start,
    end: range.end,
    stepMs: Math.floor(step * 1000),
    groupBy: req.strings('groupBy', 'group_by'),
    average: req.enumValue('aggregation', 'aggregation', AGGREGATIONS) === 1,
    limit: req.int64('limit'),
  });
  return omitEmpty({
    series: result.map((s) =>
      omitEmpty({
        labels: s.labels,
        points: s.points.map((p) => omitEmpty({ value: p.value, timestamp: String(p.timestamp) })),
      })
    ),
  });
}

function diff(ctx: QueryContext, req: Fields): unknown {
  try {
    const left = readMergeRequest(req.message('left') ?? Fields.of({}, 'left.'));
    const right = readMergeRequest(req.message('right') ?? Fields.of({}, 'right.'));
    // The server uses the larger maxNodes of the two sides and reports every failure as invalid_argument.
    const maxNodes = effectiveMaxNodes(Math.max(left.maxNodes ?? 0, right.maxNodes ?? 0));
    // Each side is its own SelectMergeStacktraces request, stackTraceSelector included (the real query frontend
    // runs both through the same tree query), so a call site filters the two sides before they are compared.
    const merged = mergeDiff(
      filterByCallSite(mergeRequest(ctx, left), left.callSite),
      filterByCallSite(mergeRequest(ctx, right), right.callSite)
    );
    return encodeConnectFlameGraph(truncateProfile(merged, maxNodes));
  } catch (e) {
    throw invalidArgument(e instanceof Error ? e.message : String(e));
  }
}

function getProfileStats(ctx: QueryContext): unknown {
  if (ctx.tenants.length > 1) {
    throw invalidArgument('GetProfileStats does not support multiple tenants');
  }
  let oldest = Infinity;
  let newest = -Infinity;
  for (const s of ctx.store.allSeries(ctx.tenants)) {
    if (s.times.length > 0) {
      oldest = Math.min(oldest, s.times[0]);
      newest = Math.max(newest, s.times[s.times.length - 1]);
    }
  }
  if (oldest === Infinity) {
    return {};
  }
  return { dataIngested: true, oldestProfileTime: String(oldest), newestProfileTime: String(newest) };
}

/** Methods by name; anything else under the service path answers `unimplemented`. */
export const QUERIER_METHODS: Readonly<Record<string, ConnectMethod>> = {
  ProfileTypes: profileTypes,
  LabelNames: labelNames,
  LabelValues: labelValues,
  Series: series,
  SelectMergeStacktraces: selectMergeStacktraces,
  SelectMergeProfile: (ctx, req) => mergedPprof(ctx, readMergeRequest(req)),
  SelectSeries: selectSeriesMethod,
  Diff: diff,
  GetProfileStats: getProfileStats,
  // The v2 frontend answers AnalyzeQuery with an empty message (`query_stubs.go`).
  AnalyzeQuery: () => ({}),
};
