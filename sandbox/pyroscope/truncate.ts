import { indexOf, type Profile } from '../../src/model/profile';

/**
 * The `maxNodes` cut of Pyroscope's flame graph writers (`pkg/model/flamegraph.go, NewFlameGraph`,
 * `flamegraph_diff.go`, and pyroscope-io's `tree/flamebearer.go`):
 * - when the tree (without its root) has more than `maxNodes` nodes, the cut-off is the `maxNodes`-th largest node
 *   total (for a diff, a node's value is the larger of its two totals);
 * - a child below the cut-off, or named `other`, is dropped with its subtree and its total is added to one `other`
 *   child of the same parent, written after the kept children, whose self equals its total.
 * The result also has a compact string table (only names that are used, in pre-order of first use, `total` first),
 * which is what the servers send.
 */

/** Name of the node collecting the cut nodes, as Pyroscope writes it. */
export const OTHER_NAME = 'other';

/** Applies the `maxNodes` cut; `maxNodes <= 0` keeps every node (but still compacts the string table). */
export function truncateProfile(profile: Profile, maxNodes: number): Profile {
  const n = profile.level.length;
  const right = profile.right;
  const value = (i: number) => (right ? Math.max(profile.total[i], right.total[i]) : profile.total[i]);
  const minValue = cutOff(n, value, maxNodes);
  const { subtreeEnd, parent } = indexOf(profile);
  const otherId = profile.names.indexOf(OTHER_NAME);

  // Pass 1: which nodes survive, and how much each survivor's `other` child gets.
  const kept = new Uint8Array(n);
  const otherL = new Float64Array(n);
  const otherR = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i === 0) {
      kept[0] = 1;
    } else if (kept[parent[i]]) {
      // Zero nodes (left by rounding, or absent from both sides of a diff) are dropped: no server writes them.
      if (value(i) >= minValue && value(i) > 0 && profile.nameId[i] !== otherId) {
        kept[i] = 1;
      } else {
        otherL[parent[i]] += profile.total[i];
        otherR[parent[i]] += right ? right.total[i] : 0;
      }
    }
  }
  let outCount = 0;
  for (let i = 0; i < n; i++) {
    if (kept[i]) {
      outCount += otherL[i] !== 0 || otherR[i] !== 0 ? 2 : 1;
    }
  }

  // Pass 2: write survivors in pre-order, closing each survivor with its `other` child.
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const intern = (name: string) => {
    let id = nameIds.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      nameIds.set(name, id);
    }
    return id;
  };
  const level = new Int32Array(outCount);
  const nameId = new Int32Array(outCount);
  const total = new Float64Array(outCount);
  const self = new Float64Array(outCount);
  const totalR = right ? new Float64Array(outCount) : undefined;
  const selfR = right ? new Float64Array(outCount) : undefined;
  let out = 0;
  const writeOther = (of: number) => {
    if (otherL[of] === 0 && otherR[of] === 0) {
      return;
    }
    level[out] = profile.level[of] + 1;
    nameId[out] = intern(OTHER_NAME);
    total[out] = self[out] = otherL[of];
    if (totalR && selfR) {
      totalR[out] = selfR[out] = otherR[of];
    }
    out++;
  };
  // Survivors whose subtree is still open, innermost last.
  const open: number[] = [];
  for (let i = 0; i < n; i = kept[i] ? i + 1 : subtreeEnd[i]) {
    while (open.length > 0 && subtreeEnd[open[open.length - 1]] <= i) {
      writeOther(open[open.length - 1]);
      open.length--;
    }
    if (!kept[i]) {
      continue;
    }
    level[out] = profile.level[i];
    nameId[out] = intern(profile.names[profile.nameId[i]]);
    total[out] = profile.total[i];
    self[out] = profile.self[i];
    if (right && totalR && selfR) {
      totalR[out] = right.total[i];
      selfR[out] = right.self[i];
    }
    out++;
    open.push(i);
  }
  for (let k = open.length - 1; k >= 0; k--) {
    writeOther(open[k]);
  }
  return {
    names,
    level,
    nameId,
    total,
    self,
    unit: profile.unit,
    ...(totalR && selfR ? { right: { total: totalR, self: selfR } } : {}),
  };
}

/** The `maxNodes`-th largest value among nodes 1..n-1, or 0 when there are at most `maxNodes` of them. */
function cutOff(n: number, value: (i: number) => number, maxNodes: number): number {
  if (maxNodes < 1 || n - 1 <= maxNodes) {
    return 0;
  }
  const values = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    values[i - 1] = value(i);
  }
  values.sort();
  return values[values.length - maxNodes];
}
