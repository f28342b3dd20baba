import type { ServerResponse } from 'node:http';

import type { Profile } from '../../src/model/profile';
import { mergeDiff } from '../../src/model/transforms/diff';
import { ApiError, invalidArgument, sendApiError, sendJson } from './apiError';
import { parseAttime } from './attime';
import {
  effectiveMaxNodes,
  mergeRequest,
  selectSeries,
  seriesMatchingAny,
  validateRange,
  asInternal,
  type QueryContext,
} from './querier';
import { parseProfileTypeId, type ProfileTypeParts } from './profileTypeId';
import { rangeSeries } from './rangeSeries';
import type { HttpRequest } from './routeContext';
import { METRIC_NAME_LABEL, parsePromSelector, SelectorSyntaxError, type Matcher } from './selector';
import { grafanaTimeline, grafanaTimelineStepSec, type FlamebearerTimeline } from './timeline';
import { truncateProfile } from './truncate';
import { profileToLevels } from './wire/levels';

/**
 * Grafana Pyroscope's legacy GET routes (`pkg/querier/http.go`): `/pyroscope/render`,
 * `/pyroscope/render-diff` and `/pyroscope/label-values`, answering flamebearer JSON with plain numbers.
 */

/** A `query`/`leftQuery`/`rightQuery` parameter: `<profileTypeID>{selector}`. */
interface RenderQuery {
  type: ProfileTypeParts;
  /** The query's matchers without `__name__`. */
  selector: Matcher[];
  start: number;
  end: number;
  maxNodes: number | undefined;
}

function readQuery(
  ctx: QueryContext,
  q: URLSearchParams,
  names: { query: string; from: string; until: string }
): RenderQuery {
  const text = q.get(names.query) ?? '';
  if (text === '') {
    throw invalidArgument(`"${names.query}" is required`);
  }
  let matchers: Matcher[];
  try {
    matchers = parsePromSelector(text);
  } catch (e) {
    throw invalidArgument(
      `failed to parse "${names.query}": ${e instanceof SelectorSyntaxError ? e.message : String(e)}`
    );
  }
  // As `parseQuery` does: the last `__name__` matcher names the profile type (its operator is not looked at).
  const nameMatcher = matchers.filter((m) => m.name === METRIC_NAME_LABEL).at(-1);
  if (nameMatcher === undefined) {
    throw invalidArgument(`"${names.query}" must contain a profile-type selection`);
  }
  const type = parseProfileTypeId(nameMatcher.value);
  if (!type) {
    throw invalidArgument(`failed to parse "${names.query}"`);
  }
  const from = q.get(names.from);
  const until = q.get(names.until);
  // `max-nodes` first, then `maxNodes`; unparsable or 0 values are ignored.
  let maxNodes: number | undefined;
  for (const key of ['max-nodes', 'maxNodes']) {
    const v = q.get(key) ?? '';
    if (/^[+-]?\d+$/.test(v) && Number(v) !== 0) {
      maxNodes = Number(v);
    }
  }
  return {
    type,
    selector: matchers.filter((m) => m.name !== METRIC_NAME_LABEL),
    start: from ? parseAttime(from, ctx.nowMs) : ctx.nowMs,
    end: until ? parseAttime(until, ctx.nowMs) : ctx.nowMs,
    maxNodes,
  };
}

/** `ExportToFlamebearer`'s units and sample rate: CPU ns are "samples" at 1e9 Hz, counts are "objects". */
function flamebearerUnits(type: ProfileTypeParts): { units: string; sampleRate: number } {
  switch (type.sampleType) {
    case 'cpu':
      return { units: 'samples', sampleRate: 1_000_000_000 };
    case 'inuse_objects':
    case 'alloc_objects':
    case 'goroutine':
    case 'samples':
      return { units: 'objects', sampleRate: 100 };
    default:
      return { units: type.sampleUnit, sampleRate: 100 };
  }
}

function flamebearer(profile: Profile) {
  const { names, levels, maxSelf } = profileToLevels(profile);
  const total = profile.total[0] + (profile.right ? profile.right.total[0] : 0);
  return { names: [...names], levels, numTicks: total, maxSelf };
}

function render(ctx: QueryContext, q: URLSearchParams): unknown {
  const r = readQuery(ctx, q, { query: 'query', from: 'from', until: 'until' });
  if (q.get('format') === 'dot') {
    throw new ApiError('unimplemented', 'format=dot is not emulated by the Flamelens test server');
  }
  const req = { profileTypeId: r.type.id, labelSelector: r.selector, start: r.start, end: r.end };
  const maxNodes = effectiveMaxNodes(r.maxNodes);
  const profile = truncateProfile(mergeRequest(ctx, req), maxNodes);
  const groupBy = q.getAll('groupBy');
  const stepSec = grafanaTimelineStepSec(r.start, r.end);
  const range = validateRange(ctx, r.start, r.end);
  const series = range.empty
    ? []
    : rangeSeries(ctx.store, selectSeries(ctx, r.type.id, r.selector), {
        start: range.start,
        end: range.end,
        stepMs: stepSec * 1000,
        groupBy,
        average: q.get('aggregation') === 'avg',
      });
  let groups: Record<string, FlamebearerTimeline> | null = null;
  if (groupBy.length > 0) {
    groups = {};
    for (const s of series) {
      // Only the first groupBy label keys the groups.
      const key = s.labels.find((l) => l.name === groupBy[0])?.value ?? '*';
      groups[key] = grafanaTimeline(s.points, r.start, r.end, stepSec);
    }
  }
  return {
    version: 1,
    flamebearer: flamebearer(profile),
    metadata: { format: 'single', spyName: '', ...flamebearerUnits(r.type), name: r.type.sampleType },
    // With several series (groupBy) the main timeline stays empty, as on the server.
    timeline: grafanaTimeline(series.length === 1 ? series[0].points : [], r.start, r.end, stepSec),
    groups,
    heatmap: null,
  };
}

function renderDiff(ctx: QueryContext, q: URLSearchParams): unknown {
  const left = readQuery(ctx, q, { query: 'leftQuery', from: 'leftFrom', until: 'leftUntil' });
  const right = readQuery(ctx, q, { query: 'rightQuery', from: 'rightFrom', until: 'rightUntil' });
  if (left.type.id !== right.type.id) {
    throw invalidArgument('profile types must match');
  }
  const side = (r: RenderQuery) => ({
    profileTypeId: r.type.id,
    labelSelector: r.selector,
    start: r.start,
    end: r.end,
  });
  let profile: Profile;
  try {
    const maxNodes = effectiveMaxNodes(Math.max(left.maxNodes ?? 0, right.maxNodes ?? 0));
    profile = truncateProfile(mergeDiff(mergeRequest(ctx, side(left)), mergeRequest(ctx, side(right))), maxNodes);
  } catch (e) {
    throw invalidArgument(e instanceof Error ? e.message : String(e));
  }
  const leftTicks = profile.total[0];
  const rightTicks = profile.right ? profile.right.total[0] : 0;
  return {
    version: 1,
    flamebearer: flamebearer(profile),
    metadata: { format: 'double', spyName: '', ...flamebearerUnits(left.type), name: left.type.sampleType },
    timeline: null,
    groups: null,
    heatmap: null,
    ...(leftTicks !== 0 ? { leftTicks } : {}),
    ...(rightTicks !== 0 ? { rightTicks } : {}),
  };
}

function labelValues(ctx: QueryContext, q: URLSearchParams): unknown {
  const label = q.get('label') ?? '';
  if (label === '') {
    throw invalidArgument('label parameter is required');
  }
  if (label !== '__name__') {
    // The handler calls LabelValues with neither the name nor a time range, which the v2 read path rejects:
    // a real bug of the server, reproduced so clients do not come to rely on this route.
    throw invalidArgument('missing time range in the query');
  }
  const range = validateRange(ctx, ctx.nowMs - 3600_000, ctx.nowMs);
  const ids = [...new Set(seriesMatchingAny(ctx, [], range).map((s) => s.profileTypeId))].sort();
  // Go encodes the nil slice of an empty answer as `null`.
  return ids.length > 0 ? ids : null;
}

const ROUTES: Readonly<Record<string, (ctx: QueryContext, q: URLSearchParams) => unknown>> = {
  '/pyroscope/render': render,
  '/pyroscope/render-diff': renderDiff,
  '/pyroscope/label-values': labelValues,
};

export function isRenderPath(path: string): boolean {
  return Object.prototype.hasOwnProperty.call(ROUTES, path);
}

/** Serves a legacy route for an authenticated request with its tenants resolved. */
export function handleRender(ctx: QueryContext, req: HttpRequest, res: ServerResponse): void {
  if (req.method !== 'GET') {
    res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method Not Allowed\n');
    return;
  }
  try {
    sendJson(res, 200, ROUTES[req.path](ctx, req.query));
  } catch (e) {
    sendApiError(res, asInternal(e));
  }
}
