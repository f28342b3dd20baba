import type { Profile } from '../../src/model/profile';
import { toFolded } from '../../src/model/transforms/folded';
import { mergeDiff } from '../../src/model/transforms/diff';
import { parseAttime } from './attime';
import { FlameQLError, ogMatches, parseFlameQL, type OgQuery } from './ogQuery';
import { ogApps, ogMerge, ogScale, ogSpyName, ogTags } from './ogView';
import { profileToPprof } from './pprofExport';
import { OG_SAMPLE_RATE, type OgType } from './profileTypes';
import type { ProfileStore, Series } from './store';
import { addToOgTimeline, ogTimelineGrid, type FlamebearerTimeline } from './timeline';
import { truncateProfile } from './truncate';
import { profileToLevels } from './wire/levels';

/**
 * `GET /render` and `GET /render-diff` of pyroscope-io 0.37 (`pkg/server/render.go`,
 * `render_diff.go`). Results are plain values for `ogRoutes.ts` to write: a JSON body, a file, an empty 200,
 * or an `OgError` (400 `invalid parameter: "..."`).
 */

/** A 400 written as `invalid parameter: "<message>"`. */
export class OgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OgError';
  }
}

export type OgResult =
  | { kind: 'json'; body: unknown }
  | { kind: 'file'; filename: string; data: Uint8Array | string }
  | { kind: 'empty' }
  | { kind: 'crash' }
  | { kind: 'unsupported'; what: string };

export interface OgContext {
  store: ProfileStore;
  tenants: readonly string[];
  nowMs: number;
}

const DEFAULT_MAX_NODES = 8192;
const FORMATS = new Set(['json', 'pprof', 'collapsed', 'html', '']);

/** One resolved query: its app type, its matching series, and the merged OG-unit profile. */
interface Loaded {
  type: OgType | undefined;
  series: Series[];
  profile: Profile;
  profiles: number;
}

const NO_TYPE: OgType = { suffix: '', units: '', ticks: false, average: false };

function load(ctx: OgContext, query: OgQuery, startMs: number, endMs: number): Loaded {
  const app = ogApps(ctx.store, ctx.tenants).get(query.appName);
  const series = app ? app.series.filter((s) => ogMatches(query.matchers, ogTags(s, query.appName))) : [];
  const { profile, profiles } = ogMerge(ctx.store, series, app?.type ?? NO_TYPE, startMs, endMs);
  return { type: app?.type, series: profiles > 0 ? series : [], profile, profiles };
}

function maxNodesParam(q: URLSearchParams, names: readonly string[]): number {
  let maxNodes = DEFAULT_MAX_NODES;
  for (const name of names) {
    const v = q.get(name) ?? '';
    if (/^[+-]?\d+$/.test(v) && Number(v) !== 0) {
      maxNodes = Number(v);
    }
  }
  return maxNodes;
}

function metadata(loaded: Loaded, name: string, format: 'single' | 'double') {
  const hasData = loaded.profiles > 0 && loaded.type !== undefined;
  return {
    format,
    spyName: hasData ? ogSpyName(loaded.series) : '',
    sampleRate: hasData && loaded.type?.ticks ? OG_SAMPLE_RATE : 0,
    units: hasData ? (loaded.type?.units ?? '') : '',
    name,
  };
}

function flamebearer(profile: Profile, maxNodes: number) {
  // -1 means no limit; the cut also drops zero nodes left by rounding.
  const cut = truncateProfile(profile, maxNodes < 0 ? 0 : maxNodes);
  const { names, levels, maxSelf } = profileToLevels(cut);
  const numTicks = cut.total[0] + (cut.right ? cut.right.total[0] : 0);
  return { names: [...names], levels, numTicks, maxSelf };
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function ogRender(ctx: OgContext, q: URLSearchParams): OgResult {
  const text = q.get('query') ?? '';
  const format = q.get('format') ?? '';
  if (text === '') {
    if ((q.get('name') ?? '') === '') {
      throw new OgError(`'query' or 'name' parameter is required`);
    }
    // The legacy `name` parameter leaves the query unset, and the JSON writer dereferences it: the server panics
    // and the client sees a 500 without a body. Other formats are not emulated for `name`: use `query`.
    return format === 'json'
      ? { kind: 'crash' }
      : format === ''
        ? { kind: 'empty' }
        : { kind: 'unsupported', what: 'the name parameter' };
  }
  let query: OgQuery;
  try {
    query = parseFlameQL(text);
  } catch (e) {
    throw new OgError(`query: ${e instanceof FlameQLError ? e.message : String(e)}`);
  }
  if (!FORMATS.has(format)) {
    throw new OgError('unknown format');
  }
  const maxNodes = maxNodesParam(q, ['max-nodes', 'maxNodes']);
  const from = parseAttime(q.get('from') ?? '', ctx.nowMs);
  const until = parseAttime(q.get('until') ?? '', ctx.nowMs);
  const grid = ogTimelineGrid(from, until);
  // pyroscope-io reads whole 10 s segments, from the one `from` falls in up to `until`.
  const loaded = load(ctx, query, grid.startMs, until - 1);
  const name = `${query.appName} ${rfc3339(from)}`;
  switch (format) {
    case '':
      // The handler's switch has no case for an empty format: nothing is written, so the answer is an empty 200.
      return { kind: 'empty' };
    case 'html':
      return { kind: 'unsupported', what: 'format=html' };
    case 'collapsed':
      return { kind: 'file', filename: `${name}.collapsed.txt`, data: toFolded(loaded.profile) };
    case 'pprof':
      return {
        kind: 'file',
        filename: `${name}.pprof`,
        // pyroscope-io's `Tree.Pprof`: its trees hold function names only, so the file has no files or lines; the
        // sample type has no name and the unit of the app (`samples` for CPU, at the app's sample rate).
        data: profileToPprof(loaded.profile, {
          sampleType: { type: '', unit: loaded.type?.units ?? '' },
          timeNanos: from * 1e6,
        }),
      };
  }
  const groupBy = q.get('groupBy') ?? '';
  const groups: Record<string, FlamebearerTimeline> = {};
  for (const s of loaded.series) {
    const key = groupBy !== '' && groupBy in s.labels ? s.labels[groupBy] : '*';
    const group = { ...grid, timeline: (groups[key] ??= ogTimelineGrid(from, until).timeline) };
    const factor = loaded.type ? ogScale(s, loaded.type) : 1;
    ctx.store.forEachTotal(s, grid.startMs, until - 1, (t, total) => {
      addToOgTimeline(grid, t, total * factor);
      addToOgTimeline(group, t, total * factor);
    });
  }
  return {
    kind: 'json',
    body: {
      version: 1,
      flamebearer: flamebearer(loaded.profile, maxNodes),
      timeline: grid.timeline,
      groups,
      heatmap: null,
      metadata: {
        ...metadata(loaded, name, 'single'),
        appName: query.appName,
        startTime: Math.floor(from / 1000),
        endTime: Math.floor(until / 1000),
        query: query.text,
        maxNodes,
      },
      annotations: [],
    },
  };
}

export function ogRenderDiff(ctx: OgContext, q: URLSearchParams): OgResult {
  const side = (prefix: 'left' | 'right') => {
    let query: OgQuery;
    try {
      query = parseFlameQL(q.get(`${prefix}Query`) ?? '');
    } catch (e) {
      const why = e instanceof FlameQLError ? e.message : String(e);
      throw new OgError(`"Could not parse '${prefix}' side": "Error parsing query": ${why}`);
    }
    const from = parseAttime(q.get(`${prefix}From`) ?? '', ctx.nowMs);
    const until = parseAttime(q.get(`${prefix}Until`) ?? '', ctx.nowMs);
    return { query, from, until, loaded: load(ctx, query, Math.floor(from / 10_000) * 10_000, until - 1) };
  };
  const left = side('left');
  const right = side('right');
  // Only `max-nodes` is read here.
  const maxNodes = maxNodesParam(q, ['max-nodes']);
  const format = q.get('format') ?? '';
  if (!FORMATS.has(format)) {
    throw new OgError('unknown format');
  }
  const lm = metadata(left.loaded, 'diff', 'double');
  const rm = metadata(right.loaded, 'diff', 'double');
  if (lm.units !== rm.units && lm.units !== '' && rm.units !== '') {
    throw new OgError(`left units (${lm.units}) does not match right units (${rm.units})`);
  }
  if (lm.sampleRate !== rm.sampleRate && lm.sampleRate !== 0 && rm.sampleRate !== 0) {
    throw new OgError(`left sample rate (${lm.sampleRate}) does not match right sample rate (${rm.sampleRate})`);
  }
  if (format === 'html') {
    return { kind: 'unsupported', what: 'format=html' };
  }
  const fb = flamebearer(mergeDiff(left.loaded.profile, right.loaded.profile), maxNodes);
  const leftTicks = left.loaded.profile.total[0];
  const rightTicks = right.loaded.profile.total[0];
  const leftApp = left.query.appName;
  const rightApp = right.query.appName;
  return {
    kind: 'json',
    body: {
      version: 1,
      flamebearer: fb,
      timeline: null,
      groups: null,
      heatmap: null,
      ...(leftTicks !== 0 ? { leftTicks } : {}),
      ...(rightTicks !== 0 ? { rightTicks } : {}),
      metadata: {
        // The non-empty side's metadata wins (the left one when both have data).
        ...(left.loaded.profiles > 0 || right.loaded.profiles === 0 ? lm : rm),
        // Sic: the server writes both names only when they are equal.
        appName: leftApp === rightApp ? `diff_${leftApp}_${rightApp}` : `diff_${leftApp}`,
        startTime: Math.floor(Math.min(left.from, right.from) / 1000),
        // Sic: the server compares right with right, so the end is always the left one.
        endTime: Math.floor(left.until / 1000),
        query: '',
        maxNodes: 0,
      },
    },
  };
}
