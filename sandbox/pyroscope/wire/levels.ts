import { indexOf, type Profile } from '../../../src/model/profile';

/**
 * Pyroscope's flame graph level rows, as its servers write them (`pkg/model/flamegraph.go`, and the flamebearer of
 * pyroscope-io): one row per depth; per node, in row order, `[x delta, total, self, name index]`, or for a diff
 * `[left x delta, left total, left self, right x delta, right total, right self, name index]`. x is the node's
 * start, delta-encoded against the end of the previous node of the same row (per side for diffs); a node's children
 * start after its self, so self sits at the left of each span. Written for the test server from that layout, not
 * from the datasource's reader.
 */

/** Numbers per node: 4, or 7 for a diff. */
export const SINGLE_WIDTH = 4;
export const DIFF_WIDTH = 7;
/** Index of the name in a node, for single and diff rows. */
export const SINGLE_NAME_AT = 3;
export const DIFF_NAME_AT = 6;

export interface EncodedLevels {
  names: readonly string[];
  levels: number[][];
  /** Largest self value (either side for a diff). */
  maxSelf: number;
}

/** Encodes a profile into level rows, keeping node order. */
export function profileToLevels(profile: Profile): EncodedLevels {
  const n = profile.level.length;
  const right = profile.right;
  const { maxLevel } = indexOf(profile);
  const levels: number[][] = Array.from({ length: n > 0 ? maxLevel + 1 : 0 }, () => []);
  // Next free x for a child of the open node at each depth, and the end of the last node written per row.
  const nextL = new Float64Array(maxLevel + 2);
  const nextR = new Float64Array(maxLevel + 2);
  const endL = new Float64Array(maxLevel + 1);
  const endR = new Float64Array(maxLevel + 1);
  let maxSelf = 0;
  for (let i = 0; i < n; i++) {
    const d = profile.level[i];
    const name = profile.nameId[i];
    const xL = d === 0 ? 0 : nextL[d - 1];
    const totalL = profile.total[i];
    const selfL = profile.self[i];
    if (d > 0) {
      nextL[d - 1] += totalL;
    }
    nextL[d] = xL + selfL;
    maxSelf = Math.max(maxSelf, selfL);
    if (right) {
      const xR = d === 0 ? 0 : nextR[d - 1];
      const totalR = right.total[i];
      const selfR = right.self[i];
      if (d > 0) {
        nextR[d - 1] += totalR;
      }
      nextR[d] = xR + selfR;
      maxSelf = Math.max(maxSelf, selfR);
      levels[d].push(xL - endL[d], totalL, selfL, xR - endR[d], totalR, selfR, name);
      endR[d] = xR + totalR;
    } else {
      levels[d].push(xL - endL[d], totalL, selfL, name);
    }
    endL[d] = xL + totalL;
  }
  return { names: profile.names, levels, maxSelf };
}
