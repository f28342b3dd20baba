import type { ProfileFrameMeta, ServerFlavor, WindowMeta } from '../../model/contract';
import { nodeCount, type Profile } from '../../model/profile';
import type { TimeRangeMs } from '../api/types';
import type { QueryWindows } from './window';

/*
 * The writing side of the frame contract: `meta.custom` of the flame graph frames this datasource sends
 * (`ProfileFrameMeta` in model/contract.ts says what each key means and who reads it).
 */

/** Name Pyroscope gives the node that holds everything cut by max nodes. */
export const TRUNCATED_NODE_NAME = 'other';

/** The window part of a frame's meta. */
export function windowMeta(w: QueryWindows): WindowMeta {
  const meta: WindowMeta = {};
  if (w.focus) {
    meta.focusVariable = w.focus.variable;
    meta.focusMs = w.focus.atMs;
    meta.focusWindowMs = w.focus.windowMs;
    meta.dashboardFromMs = w.dashboard.fromMs;
    meta.dashboardToMs = w.dashboard.toMs;
  }
  if (w.baseline) {
    meta.compare = w.compare;
    meta.baselineFromMs = w.baseline.fromMs;
    meta.baselineToMs = w.baseline.toMs;
  }
  return meta;
}

/** Builds the frame meta for a decoded profile. */
export function profileFrameMeta(
  profile: Profile,
  q: { profileTypeId: string; labelSelector: string; range: TimeRangeMs; maxNodes: number; flavor: ServerFlavor }
): ProfileFrameMeta {
  const otherId = profile.names.indexOf(TRUNCATED_NODE_NAME);
  const truncated = otherId >= 0 && profile.nameId.includes(otherId);
  return {
    profileTypeId: q.profileTypeId,
    labelSelector: q.labelSelector,
    fromMs: q.range.fromMs,
    toMs: q.range.toMs,
    maxNodes: q.maxNodes,
    flavor: q.flavor,
    truncated,
    nodeCount: nodeCount(profile),
  };
}
