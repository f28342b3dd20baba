import type { Profile } from '../../src/model/profile';
import { ApiError, invalidArgument } from './apiError';
import { matchesLabels } from './labelMatch';
import { parseProfileTypeId, unitOfProfileType, type ProfileTypeParts } from './profileTypeId';
import { parsePromSelector, SelectorSyntaxError, type Matcher } from './selector';
import type { ServerLimits } from './options';
import { PROFILE_TYPE_LABEL, type Labels, type ProfileStore, type Series } from './store';
import { truncateProfile } from './truncate';

/**
 * The Grafana Pyroscope query semantics shared by the Connect API and the legacy `/pyroscope/*` routes: range
 * validation with the tenant limits, selectors (read by `selector.ts`, matched by `labelMatch.ts`), profile type
 * ids, merging with the `maxNodes` cut.
 */

export interface QueryContext {
  store: ProfileStore;
  tenants: readonly string[];
  nowMs: number;
  limits: ServerLimits;
  /**
   * Whether `SelectMergeStacktraces` answers `PROFILE_FORMAT_PPROF` (Grafana Pyroscope 2.2 and later). When false,
   * the server behaves as older ones: the format is an unknown enum name, which Connect's JSON reader discards, so
   * the answer is a flame graph.
   */
  pprofFormat?: boolean;
}

/** `max_flamegraph_nodes_default` and `max_flamegraph_nodes_max`. */
export const DEFAULT_MAX_NODES = 8192;
export const MAX_NODES_LIMIT = 1 << 20;

/** A validated `[start, end]` in ms; `empty` when the whole range is older than the lookback limit. */
export interface ValidRange {
  start: number;
  end: number;
  empty: boolean;
}

/** `ValidateRangeRequest`: both ends set, in order, lookback applied, length limited. */
export function validateRange(ctx: QueryContext, start: number, end: number): ValidRange {
  if (start === 0 || end === 0) {
    throw invalidArgument('missing time range in the query');
  }
  if (start > end) {
    throw invalidArgument('query start time is after end time');
  }
  const { maxQueryLookbackMs, maxQueryLengthMs } = ctx.limits;
  if (maxQueryLookbackMs > 0) {
    const minStart = ctx.nowMs - maxQueryLookbackMs;
    if (end < minStart) {
      return { start, end, empty: true };
    }
    start = Math.max(start, minStart);
  }
  if (maxQueryLengthMs > 0 && end - start > maxQueryLengthMs) {
    throw invalidArgument(
      `the query time range exceeds the limit (max_query_length, actual: ${goDuration(end - start)}, limit: ` +
        `${promDuration(maxQueryLengthMs)})`
    );
  }
  return { start, end, empty: false };
}

/** Parses a profile type id (5 or 6 parts) or throws 400. */
export function requireProfileType(id: string): ProfileTypeParts {
  const parts = parseProfileTypeId(id);
  if (!parts) {
    throw invalidArgument(
      `profile-type selection must be of the form <name>:<sample-type>:<sample-unit>:<period-type>:<period-unit>` +
        `(:delta), got(${id.split(':').length}): "${id}"`
    );
  }
  return parts;
}

/**
 * Where a selector came from, which sets Grafana Pyroscope's wording of a parse error: a request's `labelSelector`
 * (`buildLabelSelectorWithProfileType`), the `matchers` of `LabelNames`/`LabelValues`
 * (`buildLabelSelectorFromMatchers`), or those of `Series` (`parseMatchers`).
 */
export type SelectorSource = 'labelSelector' | 'labelMatchers' | 'seriesMatchers';

/** A selector text, or matchers already read (the legacy render routes read their `query` themselves). */
export type Selection = string | readonly Matcher[];

/** Parses a label selector (`{a="b"}`, optionally `metric{...}`) into matchers, or throws 400. */
export function requireMatchers(selector: string, source: SelectorSource = 'labelSelector'): Matcher[] {
  try {
    return parsePromSelector(selector);
  } catch (e) {
    if (!(e instanceof SelectorSyntaxError)) {
      throw e;
    }
    const quoted = JSON.stringify(selector);
    switch (source) {
      case 'labelSelector':
        throw invalidArgument(`parsing label selector ${quoted}: ${e.message}`);
      case 'labelMatchers':
        throw invalidArgument(`parsing label selector: failed to parse label selector ${quoted}: ${e.message}`);
      case 'seriesMatchers':
        throw invalidArgument(`failed to parse label selector ${quoted}: ${e.message}`);
    }
  }
}

/** Series of a profile type matching a selection, in the context's tenants. */
export function selectSeries(ctx: QueryContext, profileTypeId: string, selection: Selection): Series[] {
  const matchers = typeof selection === 'string' ? requireMatchers(selection) : selection;
  return ctx.store.select(
    ctx.tenants,
    (labels) => labels[PROFILE_TYPE_LABEL] === profileTypeId && matchesLabels(matchers, labels)
  );
}

/** Series matching any of `selectors` (none means all) with profiles in the range. */
export function seriesMatchingAny(
  ctx: QueryContext,
  selectors: readonly string[],
  range: ValidRange,
  source: SelectorSource = 'labelMatchers'
): Series[] {
  if (range.empty) {
    return [];
  }
  const sets = selectors.map((s) => requireMatchers(s, source));
  const match = (labels: Labels) => sets.length === 0 || sets.some((m) => matchesLabels(m, labels));
  return ctx.store.select(ctx.tenants, match).filter((s) => s.hasProfilesIn(range.start, range.end));
}

/** `ValidateMaxNodes`: missing or 0 is the default, negative or above the limit is an error. */
export function effectiveMaxNodes(requested: number | undefined): number {
  if (requested === undefined || requested === 0) {
    return DEFAULT_MAX_NODES;
  }
  if (requested > MAX_NODES_LIMIT) {
    throw invalidArgument(`max flamegraph nodes limit ${requested} is greater than allowed ${MAX_NODES_LIMIT}`);
  }
  if (requested < 0) {
    throw invalidArgument(`max flamegraph nodes limit must be set (max allowed ${MAX_NODES_LIMIT})`);
  }
  return requested;
}

/** One side of a flame graph query, already validated. */
export interface MergeRequest {
  profileTypeId: string;
  labelSelector: Selection;
  start: number;
  end: number;
}

/** Validates and merges a `SelectMergeStacktraces`-style request (without the `maxNodes` cut). */
export function mergeRequest(ctx: QueryContext, req: MergeRequest): Profile {
  const range = validateRange(ctx, req.start, req.end);
  requireProfileType(req.profileTypeId);
  const series = selectSeries(ctx, req.profileTypeId, req.labelSelector);
  const unit = unitOfProfileType(req.profileTypeId);
  if (range.empty) {
    return ctx.store.merge([], 0, 0, unit).profile;
  }
  return ctx.store.merge(series, range.start, range.end, unit).profile;
}

/** `mergeRequest` plus the `maxNodes` cut. */
export function mergeAndTruncate(ctx: QueryContext, req: MergeRequest, maxNodes: number | undefined): Profile {
  const limit = effectiveMaxNodes(maxNodes);
  return truncateProfile(mergeRequest(ctx, req), limit);
}

/** Rethrows anything that is not an `ApiError` as a 500 `internal`, keeping the cause's message. */
export function asInternal(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('internal', e instanceof Error ? e.message : String(e));
}

/** Go's `time.Duration` text for whole milliseconds, e.g. `48h0m0s`, `1m30.5s`. */
export function goDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h > 0) {
    return `${h}h${m}m${s}s`;
  }
  return m > 0 ? `${m}m${s}s` : ms < 1000 ? `${ms}ms` : `${s}s`;
}

/** Prometheus `model.Duration` text, e.g. `1d`, `7d`, `1h30m`. */
function promDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [7 * 86400_000, 'w'],
    [86400_000, 'd'],
    [3600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
    [1, 'ms'],
  ];
  let rest = ms;
  let out = '';
  for (const [size, unit] of units) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out || '0s';
}
