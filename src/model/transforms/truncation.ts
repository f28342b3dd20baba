import { indexOf, nodeCount, type Profile } from '../profile';

/**
 * What a server cut to honour its node limit. Grafana Pyroscope (`maxNodes`) and pyroscope-io (`max-nodes`) both
 * fold the smallest nodes of a truncated tree into children named `other` (one per parent that lost children), so
 * the value that is no longer broken down by function is the sum of those nodes' totals.
 */

/** Name the servers give the node that holds everything cut by the node limit. */
export const TRUNCATED_NODE_NAME = 'other';

/** Value merged into `other` nodes, per side; shares are of each side's root total (0 for an empty side). */
export interface MergedIntoOther {
  value: number;
  share: number;
  /** For a diff: the compared (right) side. */
  right?: { value: number; share: number };
}

/**
 * Sums the totals of the `other` nodes (not counting an `other` below another one twice). Undefined when the
 * profile has none, i.e. it was not truncated. Linear in the profile's nodes.
 */
export function mergedIntoOther(profile: Profile): MergedIntoOther | undefined {
  const otherId = profile.names.indexOf(TRUNCATED_NODE_NAME);
  if (otherId < 0) {
    return undefined;
  }
  const n = nodeCount(profile);
  const { subtreeEnd } = indexOf(profile);
  let left = 0;
  let right = 0;
  let found = false;
  for (let i = 1; i < n;) {
    if (profile.nameId[i] === otherId) {
      found = true;
      left += profile.total[i];
      right += profile.right ? profile.right.total[i] : 0;
      i = subtreeEnd[i];
    } else {
      i++;
    }
  }
  if (!found) {
    return undefined;
  }
  const share = (value: number, total: number) => (total > 0 ? value / total : 0);
  const result: MergedIntoOther = { value: left, share: share(left, profile.total[0]) };
  if (profile.right) {
    result.right = { value: right, share: share(right, profile.right.total[0]) };
  }
  return result;
}
