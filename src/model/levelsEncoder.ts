import { DIFF, DIFF_STRIDE, SINGLE, SINGLE_STRIDE } from './flamegraphLevels';
import { indexOf, type Profile } from './profile';

/** Level rows as Pyroscope writes them: delta-encoded x, self at the left of each span, children after it. */
export interface EncodedLevels {
  names: readonly string[];
  /** One row per depth: 4 numbers per node, or 7 for a diff profile. */
  levels: number[][];
  /** Largest self value (either side for a diff). */
  maxSelf: number;
}

/**
 * Encodes a profile into Pyroscope's level rows (the inverse of `levelsToProfile`), keeping node order.
 * For a diff, left and right x are each delta-encoded against their own side, as `FlameGraphDiff` does.
 */
export function profileToLevels(profile: Profile): EncodedLevels {
  const n = profile.level.length;
  const right = profile.right;
  const stride = right ? DIFF_STRIDE : SINGLE_STRIDE;
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
    const xL = d === 0 ? 0 : nextL[d - 1];
    const tL = profile.total[i];
    if (d > 0) {
      nextL[d - 1] += tL;
    }
    nextL[d] = xL + profile.self[i];
    maxSelf = Math.max(maxSelf, profile.self[i]);
    const row = levels[d];
    if (right) {
      const xR = d === 0 ? 0 : nextR[d - 1];
      const tR = right.total[i];
      if (d > 0) {
        nextR[d - 1] += tR;
      }
      nextR[d] = xR + right.self[i];
      maxSelf = Math.max(maxSelf, right.self[i]);
      const node = new Array<number>(DIFF_STRIDE);
      node[DIFF.LEFT_X] = xL - endL[d];
      node[DIFF.LEFT_TOTAL] = tL;
      node[DIFF.LEFT_SELF] = profile.self[i];
      node[DIFF.RIGHT_X] = xR - endR[d];
      node[DIFF.RIGHT_TOTAL] = tR;
      node[DIFF.RIGHT_SELF] = right.self[i];
      node[DIFF.NAME] = profile.nameId[i];
      endR[d] = xR + tR;
      for (const v of node) {
        row.push(v);
      }
    } else {
      row.push(0, 0, 0, 0);
      const base = row.length - stride;
      row[base + SINGLE.X] = xL - endL[d];
      row[base + SINGLE.TOTAL] = tL;
      row[base + SINGLE.SELF] = profile.self[i];
      row[base + SINGLE.NAME] = profile.nameId[i];
    }
    endL[d] = xL + tL;
  }
  return { names: profile.names, levels, maxSelf };
}
