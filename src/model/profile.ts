import type { ValueUnit } from './units';

/**
 * The shared, columnar profile model.
 *
 * A profile is a call tree stored as a nested set: node `i` is the i-th node of a depth-first, pre-order walk,
 * `level[i]` is its depth (the root is node 0 at level 0) and its children are the following nodes one level
 * deeper, up to the next node whose level is not deeper than its own. Values are plain JS numbers in typed arrays
 * (int64 server values are exact up to 2^53). Names live once in a string table, nodes point at them by index.
 *
 * Invariants every decoder and transform keeps (checked by `checkProfile`):
 * - `level[0] === 0` and only node 0 has level 0; `level[i] <= level[i - 1] + 1`;
 * - `self[i] + Σ total[child] === total[i]` (on both sides for a diff);
 * - every value is finite and non-negative; every `nameId` indexes `names`.
 */
export interface Profile {
  /** String table; `nameId` values index it. */
  readonly names: readonly string[];
  /** Depth of each node; the root is 0. */
  readonly level: Int32Array;
  /** Node value including descendants (for a diff: the baseline / left side). */
  readonly total: Float64Array;
  /** Node value excluding descendants (for a diff: the baseline / left side). */
  readonly self: Float64Array;
  /** Index into `names` for each node. */
  readonly nameId: Int32Array;
  /** For a diff profile only: the compared (right) side, same shape. */
  readonly right?: ProfileSide;
  /** Unit of every value. */
  readonly unit: ValueUnit;
}

/** One side of a diff: totals and selves aligned with the profile's nodes. */
export interface ProfileSide {
  readonly total: Float64Array;
  readonly self: Float64Array;
}

/** Number of nodes in a profile. */
export function nodeCount(profile: Profile): number {
  return profile.level.length;
}

/** The display name of node `node`. */
export function nodeName(profile: Profile, node: number): string {
  return profile.names[profile.nameId[node]];
}

/** True when the profile carries a compared (right) side. */
export function isDiff(profile: Profile): profile is Profile & { right: ProfileSide } {
  return profile.right !== undefined;
}

/** Root total of the profile (left side for a diff), 0 for an empty profile. */
export function rootTotal(profile: Profile): number {
  return profile.total.length > 0 ? profile.total[0] : 0;
}

/** Derived indexes, built once per profile and cached (see `indexOf`). */
export interface ProfileIndex {
  /** Parent node of each node; -1 for the root. */
  readonly parent: Int32Array;
  /** One past the last node of each node's subtree: the subtree of `i` is `[i, subtreeEnd[i])`. */
  readonly subtreeEnd: Int32Array;
  /** Greatest level in the profile. */
  readonly maxLevel: number;
}

const indexCache = new WeakMap<Profile, ProfileIndex>();

/** Parent and subtree-end indexes of a profile, computed in one pass and cached per profile object. */
export function indexOf(profile: Profile): ProfileIndex {
  const cached = indexCache.get(profile);
  if (cached) {
    return cached;
  }
  const n = profile.level.length;
  const parent = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  // stack[d] is the open node at depth d on the current root-to-node path.
  const stack = new Int32Array(maxLevelOf(profile.level) + 2);
  let depth = -1;
  let maxLevel = 0;
  for (let i = 0; i < n; i++) {
    const lv = profile.level[i];
    // Close every open node at this depth or deeper: their subtrees end here.
    while (depth >= lv) {
      subtreeEnd[stack[depth]] = i;
      depth--;
    }
    parent[i] = depth >= 0 ? stack[depth] : -1;
    depth = lv;
    stack[depth] = i;
    if (lv > maxLevel) {
      maxLevel = lv;
    }
  }
  while (depth >= 0) {
    subtreeEnd[stack[depth]] = n;
    depth--;
  }
  const index = { parent, subtreeEnd, maxLevel };
  indexCache.set(profile, index);
  return index;
}

/**
 * Records indexes a reader built along the way (the frame reader gets them from its pass over the levels), so that
 * `indexOf` returns them instead of building its own. They must be exactly what `indexOf` would build.
 */
export function rememberIndex(profile: Profile, index: ProfileIndex): void {
  indexCache.set(profile, index);
}

function maxLevelOf(level: Int32Array): number {
  let max = 0;
  for (let i = 0; i < level.length; i++) {
    if (level[i] > max) {
      max = level[i];
    }
  }
  return max;
}

/** Path of node ids from the root to `node`, both included. */
export function pathTo(profile: Profile, node: number): number[] {
  const { parent } = indexOf(profile);
  const path: number[] = [];
  for (let i = node; i >= 0; i = parent[i]) {
    path.push(i);
  }
  return path.reverse();
}

/**
 * Checks the model invariants and returns a list of problems (empty when the profile is valid).
 * `relativeTolerance` absorbs float rounding in sums of large values.
 */
export function checkProfile(profile: Profile, relativeTolerance = 1e-9): string[] {
  const problems: string[] = [];
  const n = profile.level.length;
  const sides: Array<[string, ProfileSide]> = [['left', profile]];
  if (profile.right) {
    sides.push(['right', profile.right]);
  }
  if (profile.total.length !== n || profile.self.length !== n || profile.nameId.length !== n) {
    problems.push('columns have different lengths');
    return problems;
  }
  for (const [sideName, side] of sides) {
    if (side.total.length !== n || side.self.length !== n) {
      problems.push(`${sideName} side columns have different lengths`);
      return problems;
    }
  }
  if (n > 0 && profile.level[0] !== 0) {
    problems.push(`node 0 has level ${profile.level[0]}, expected 0`);
  }
  for (let i = 1; i < n && problems.length < 20; i++) {
    if (profile.level[i] < 1) {
      problems.push(`node ${i} has level ${profile.level[i]}: only the root may have level 0`);
    } else if (profile.level[i] > profile.level[i - 1] + 1) {
      problems.push(`node ${i} jumps from level ${profile.level[i - 1]} to ${profile.level[i]}`);
    }
    if (profile.nameId[i] < 0 || profile.nameId[i] >= profile.names.length) {
      problems.push(`node ${i} has name id ${profile.nameId[i]} outside the string table`);
    }
  }
  if (problems.length > 0) {
    return problems;
  }
  const { subtreeEnd } = indexOf(profile);
  for (const [sideName, side] of sides) {
    for (let i = 0; i < n && problems.length < 20; i++) {
      const total = side.total[i];
      const self = side.self[i];
      if (!Number.isFinite(total) || !Number.isFinite(self) || total < 0 || self < 0) {
        problems.push(`node ${i} (${sideName}) has total ${total} and self ${self}`);
        continue;
      }
      let sum = self;
      for (let c = i + 1; c < subtreeEnd[i]; c = subtreeEnd[c]) {
        sum += side.total[c];
      }
      if (Math.abs(sum - total) > relativeTolerance * Math.max(1, total)) {
        problems.push(`node ${i} (${sideName}): self ${self} + children ${sum - self} != total ${total}`);
      }
    }
  }
  return problems;
}
