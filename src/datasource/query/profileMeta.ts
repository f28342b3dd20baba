import { nodeCount, type Profile } from '../../model/profile';
import type { ServerFlavor, TimeRangeMs } from '../api/types';

/** Name Pyroscope gives the node that holds everything cut by max nodes. */
export const TRUNCATED_NODE_NAME = 'other';

/** `meta.custom` of a flame graph frame (DESIGN.md §3.2): what it shows, so the panel can say so and build links. */
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
};

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
