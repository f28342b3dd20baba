import type { AdHocVariableFilter, DataFrame, DataQueryRequest, ScopedVars, TimeRange } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { dataFrameToProfile, isFlameGraphFrame } from '../model/frame';
import type { Profile } from '../model/profile';
import { findFrameDataSource, type DataSourceLookup } from './profileSource';

/**
 * Where the panel gets the exact subtree of a call site for refine on focus (`docs/refine-on-focus.md`): from the
 * datasource instance that answered the frame's query, found through Grafana's runtime exactly as the pprof download
 * finds it (`profileSource.ts`). Any datasource with a `fetchSubtree(query, range, callSite, options)` method
 * qualifies (Flamelens' own does; see its `subtree.ts`); for every other one there is no source and no refinement.
 */

/** What a subtree request gave: the refined profile (a tree from the root through the call site), or a refusal. */
export type SubtreeResult =
  | { kind: 'profile'; profile: Profile; maxNodes?: number }
  /** The server cannot select by call site (pyroscope-io): `reason` is the datasource's sentence. */
  | { kind: 'unsupported'; reason: string };

export interface SubtreeSource {
  fetch(callSite: readonly string[], signal: AbortSignal): Promise<SubtreeResult>;
}

/** What the panel needs of a datasource that can fetch a call site's subtree. */
export interface SubtreeDataSource {
  fetchSubtree(
    query: DataQuery,
    range: TimeRange,
    callSite: readonly string[],
    options?: { scopedVars?: ScopedVars; filters?: AdHocVariableFilter[]; signal?: AbortSignal }
  ): Promise<unknown>;
}

/** True for a datasource instance with a `fetchSubtree` method. */
export function canFetchSubtree(ds: unknown): ds is SubtreeDataSource {
  return typeof ds === 'object' && ds !== null && typeof (ds as Partial<SubtreeDataSource>).fetchSubtree === 'function';
}

/**
 * Reads the datasource's answer: `{ supported: true, frame }` with a flame graph frame, or
 * `{ supported: false, reason }`. Anything else is an Error saying what was wrong (a datasource of another version,
 * say), never a crash.
 */
export function readSubtreeAnswer(answer: unknown): SubtreeResult {
  const a = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  if (a.supported === false) {
    const reason = typeof a.reason === 'string' && a.reason ? a.reason : 'This server cannot fetch exact subtrees';
    return { kind: 'unsupported', reason };
  }
  const frame = a.frame as DataFrame | undefined;
  if (a.supported !== true || !frame || typeof frame !== 'object' || !isFlameGraphFrame(frame)) {
    throw new Error('The datasource answered the subtree request without a flame graph frame');
  }
  const maxNodes = typeof a.maxNodes === 'number' ? a.maxNodes : undefined;
  return { kind: 'profile', profile: dataFrameToProfile(frame), ...(maxNodes !== undefined ? { maxNodes } : {}) };
}

/** The subtree source of `frame`, or undefined when its datasource has no `fetchSubtree` (or cannot be loaded). */
export async function findSubtreeSource(
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined,
  dataSourceSrv: DataSourceLookup
): Promise<SubtreeSource | undefined> {
  const found = await findFrameDataSource(frame, request, dataSourceSrv);
  if (!found || !canFetchSubtree(found.ds)) {
    return undefined;
  }
  const { ds, target, request: req } = found;
  return {
    fetch: async (callSite, signal) =>
      readSubtreeAnswer(
        await ds.fetchSubtree(target, req.range, callSite, {
          scopedVars: req.scopedVars,
          ...(req.filters ? { filters: req.filters } : {}),
          signal,
        })
      ),
  };
}
