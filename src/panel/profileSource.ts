import type { AdHocVariableFilter, DataFrame, DataQueryRequest, ScopedVars, TimeRange } from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';

import { readFrameMeta } from '../model/contract';
import { parseProfileTypeId } from '../model/profileType';
import { safeFilePart } from './components/export';

/**
 * Where the panel gets the pprof file of what a frame shows: from the datasource instance that answered the frame's
 * query, found through Grafana's runtime (`getDataSourceSrv().get(ref)`), never by importing datasource code. Any
 * datasource with a `downloadProfile(query, range, options)` method qualifies (Flamelens' own does; see its
 * `download.ts`); for every other one — Grafana's Pyroscope datasource, TestData, a frame without a query — there is
 * no source and the panel offers no pprof download.
 */

/** The gzipped pprof of what the frame shows, and the name to save it under. */
export interface ProfileSource {
  loadPprof(signal?: AbortSignal): Promise<Uint8Array>;
  fileName: string;
}

/** What the panel needs of a datasource that can write pprof files. */
export interface PprofDataSource {
  downloadProfile(
    query: DataQuery,
    range: TimeRange,
    options?: { scopedVars?: ScopedVars; filters?: AdHocVariableFilter[]; signal?: AbortSignal }
  ): Promise<Uint8Array>;
}

/** True for a datasource instance with a `downloadProfile` method. */
export function canDownloadProfile(ds: unknown): ds is PprofDataSource {
  return (
    typeof ds === 'object' && ds !== null && typeof (ds as Partial<PprofDataSource>).downloadProfile === 'function'
  );
}

/**
 * The one method of Grafana's `DataSourceSrv` used here, spelled out rather than picked from the interface: Grafana's
 * compatibility check would otherwise flag every change to the rest of `DataSourceSrv` (13.2 changed `reload`'s
 * return type), though none of it is called.
 */
export interface DataSourceLookup {
  get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<unknown>;
}

/**
 * The profile source of `frame`: its query is the request target with the frame's refId; the datasource is that
 * target's `datasource` ref, else the request's (Grafana's query runners may set one; it is not in the type). The
 * time range is the request's: the datasource works out the focus window from the query as `query()` does.
 * Undefined when the frame has no query or its datasource cannot write pprof (or cannot be loaded).
 */
export async function findProfileSource(
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined,
  dataSourceSrv: DataSourceLookup
): Promise<ProfileSource | undefined> {
  const found = await findFrameDataSource(frame, request, dataSourceSrv);
  if (!frame || !found || !canDownloadProfile(found.ds)) {
    return undefined;
  }
  const { ds, target } = found;
  const range = found.request.range;
  return {
    fileName: pprofFileName(frame.meta?.custom, range),
    loadPprof: (signal) =>
      ds.downloadProfile(target, range, {
        scopedVars: found.request.scopedVars,
        ...(found.request.filters ? { filters: found.request.filters } : {}),
        ...(signal ? { signal } : {}),
      }),
  };
}

/** The query that made a frame, the request it was part of, and that query's datasource instance. */
export interface FrameDataSource {
  ds: unknown;
  target: DataQuery;
  request: DataQueryRequest;
}

/**
 * The datasource instance of `frame`'s query (see `findProfileSource`), loaded through Grafana's runtime; undefined
 * when the frame has no query in the request, the query names no datasource, or it cannot be loaded.
 */
export async function findFrameDataSource(
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined,
  dataSourceSrv: DataSourceLookup
): Promise<FrameDataSource | undefined> {
  const target = request?.targets.find((t) => t.refId === frame?.refId);
  if (!frame || !request || !target) {
    return undefined;
  }
  const ref: DataSourceRef | string | null | undefined =
    target.datasource ?? (request as DataQueryRequest & { datasource?: DataSourceRef }).datasource;
  if (!ref) {
    return undefined;
  }
  try {
    return { ds: await dataSourceSrv.get(ref, request.scopedVars), target, request };
  } catch {
    return undefined;
  }
}

/**
 * `<service>_<profile type>_<from>_<to>.pb.gz`, e.g. `ad-server_process_cpu-cpu_20240501-015500_20240501-025500.pb.gz`:
 * the service from the frame's selector (`service_name="…"`, else `profile`), the profile type's name and sample type,
 * and the window the frame shows (its metadata, else the request's range) in UTC. Parts are made file-name safe as
 * the other exports' names are (`exportBaseName`).
 */
export function pprofFileName(meta: unknown, range: TimeRange): string {
  const view = readFrameMeta(meta);
  const service = (view.labelSelector && /service_name\s*=\s*"([^"]*)"/.exec(view.labelSelector)?.[1]) || 'profile';
  const type = view.profileTypeId ? parseProfileTypeId(view.profileTypeId) : undefined;
  const typePart = type ? `${type.name}-${type.sampleType}` : 'profile';
  const fromMs = view.fromMs ?? range.from.valueOf();
  const toMs = view.toMs ?? range.to.valueOf();
  const parts = [service, typePart, compactUtc(fromMs), compactUtc(toMs)].map((p) => safeFilePart(p) || 'x');
  return `${parts.join('_')}.pb.gz`;
}

/** 2024-05-01T01:55:00.000Z → 20240501-015500 (an invalid time → `unknown`). */
function compactUtc(ms: number): string {
  // Date covers ±8.64e15 ms; beyond it toISOString throws.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    return 'unknown';
  }
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}
