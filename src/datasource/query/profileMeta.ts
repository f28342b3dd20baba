import { nodeCount, type Profile } from '../../model/profile';
import type { ServerFlavor, TimeRangeMs } from '../api/types';
import type { CompareMode } from '../types';
import type { QueryWindows } from './window';

/** Name Pyroscope gives the node that holds everything cut by max nodes. */
export const TRUNCATED_NODE_NAME = 'other';

/** `meta.custom` of a flame graph frame: what it shows, so the panel can say so and build links. */
export type ProfileFrameMeta = {
  profileTypeId: string;
  labelSelector: string;
  fromMs: number;
  toMs: number;
  maxNodes: number;
  flavor: ServerFlavor;
  /** True when the server merged nodes into `other`: raising max nodes shows more. */
  truncated: boolean;
  nodeCount: number;
} & WindowMeta;

/**
 * How the window was chosen (all optional): the focus moment when a focus variable set it, the dashboard range it
 * replaced, and for a diff the compare mode and the baseline window (`fromMs`/`toMs` stay the compared window).
 */
export type WindowMeta = {
  focusVariable?: string;
  focusMs?: number;
  focusWindowMs?: number;
  dashboardFromMs?: number;
  dashboardToMs?: number;
  compare?: CompareMode;
  baselineFromMs?: number;
  baselineToMs?: number;
};

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
