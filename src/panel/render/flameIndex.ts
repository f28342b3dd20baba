import { indexOf, type Profile } from '../../model/profile';
import { runSteps, type Steps } from '../../model/steps';

/**
 * Geometry of a profile in value units, independent of any viewport: where each bar starts and ends on the x axis
 * and which nodes share a row. Built once per profile (cached) in linear time with no recursion, so layout and
 * hit-testing only do arithmetic and binary searches on typed arrays.
 *
 * Layout rule (the one Grafana's flame graph uses): the root starts at 0; the children of a node are laid out left
 * to right from the node's start in nested-set order; the node's self value is the free space at its right end.
 * For a diff both sides share one shape: a node is `total + right.total` wide.
 */
export interface FlameIndex {
  /** The profile this index describes (the cache key). */
  readonly profile: Profile;
  /** Number of nodes. */
  readonly nodeCount: number;
  /** Greatest level in the profile (0 for an empty profile). */
  readonly maxLevel: number;
  /** Depth of each node (the profile's own column). */
  readonly level: Int32Array;
  /** Parent of each node, -1 for the root (from the model's cached `indexOf`). */
  readonly parent: Int32Array;
  /** One past the last node of each node's subtree (from `indexOf`). */
  readonly subtreeEnd: Int32Array;
  /** Left edge of each node in value units. */
  readonly startValue: Float64Array;
  /**
   * Right edge of each node in value units: `startValue + widthValue`, clamped into the parent's extent so that
   * float rounding can never make a child stick out of its parent (layout relies on children being no wider than
   * their parent after rounding to pixels). For integer values below 2^53 the clamp never changes anything.
   */
  readonly endValue: Float64Array;
  /** Width of each node in value units: `total`, or `total + right.total` for a diff (the profile's array when not a diff). */
  readonly widthValue: Float64Array;
  /**
   * Node ids of each level in x order (views into one buffer); ids ascend too, since both follow pre-order, and so
   * do their `startValue`s: binary searches by x read `startValue[levelNodes[level][j]]` (no copy of the starts in
   * row order, which would cost 8 bytes a node).
   */
  readonly levelNodes: readonly Int32Array[];
  /** Index of each node inside `levelNodes[level[node]]`: finds a node's row neighbours and first child in O(1). */
  readonly positionInLevel: Int32Array;
  /** Greatest level inside each node's subtree: the content height when that node is focused. */
  readonly subtreeMaxLevel: Int32Array;
}

const cache = new WeakMap<Profile, FlameIndex>();

/** The flame index of `profile`, built on first use and cached per profile object. */
export function buildFlameIndex(profile: Profile): FlameIndex {
  return runSteps(buildFlameIndexSteps(profile));
}

/** `buildFlameIndex` in steps (the model's parent index, the geometry, the subtree depths), for a caller that yields. */
export function* buildFlameIndexSteps(profile: Profile): Steps<FlameIndex> {
  const cached = cache.get(profile);
  if (cached) {
    return cached;
  }
  const index = yield* build(profile);
  cache.set(profile, index);
  return index;
}

/** Nodes laid out per step: about 10–20 ms of work, so a million-node profile takes a few short tasks. */
export const NODES_PER_STEP = 250_000;

// The passes are plain functions called from the generator, so their loops are optimised like any hot loop: a loop
// inside a running generator may stay unoptimised until the generator is called again (no on-stack replacement).
function* build(profile: Profile): Steps<FlameIndex> {
  const { parent, subtreeEnd, maxLevel } = indexOf(profile);
  yield;
  const level = profile.level;
  const n = level.length;
  const widthValue = combinedWidth(profile);
  const pass = newLayoutPass(level, n > 0 ? maxLevel + 1 : 0);
  for (let from = 0; from < n; from += NODES_PER_STEP) {
    yield;
    layoutRange(pass, parent, widthValue, from, Math.min(n, from + NODES_PER_STEP));
  }
  yield;
  const { startValue, endValue, positionInLevel, levelNodes } = pass;
  return {
    profile,
    nodeCount: n,
    maxLevel: n > 0 ? maxLevel : 0,
    level,
    parent,
    subtreeEnd,
    widthValue,
    startValue,
    endValue,
    levelNodes,
    positionInLevel,
    subtreeMaxLevel: subtreeDepths(level, parent),
  };
}

/** The geometry being built, node range by node range (`layoutRange`), in pre-order. */
interface LayoutPass {
  level: Int32Array;
  startValue: Float64Array;
  endValue: Float64Array;
  positionInLevel: Int32Array;
  /** Node ids of each row in x order: views into one buffer, filled as the pass goes. */
  levelNodes: Int32Array[];
  nodesBuffer: Int32Array;
  levelOffset: Int32Array;
  /** Next free slot of each row in `nodesBuffer`. */
  fill: Int32Array;
  /** cursor[d]: where the next node at depth d starts; a node resets the cursor of the depth below to its start. */
  cursor: Float64Array;
}

/** Counts the rows' sizes and allocates the geometry; `layoutRange` then fills it. */
function newLayoutPass(level: Int32Array, levelCount: number): LayoutPass {
  const n = level.length;
  // Counting pass: where each level's slice of the shared buffer begins.
  const levelOffset = new Int32Array(levelCount + 1);
  for (let i = 0; i < n; i++) {
    levelOffset[level[i] + 1]++;
  }
  for (let l = 0; l < levelCount; l++) {
    levelOffset[l + 1] += levelOffset[l];
  }
  const nodesBuffer = new Int32Array(n);
  const levelNodes: Int32Array[] = new Array(levelCount);
  for (let l = 0; l < levelCount; l++) {
    levelNodes[l] = nodesBuffer.subarray(levelOffset[l], levelOffset[l + 1]);
  }
  return {
    level,
    startValue: new Float64Array(n),
    endValue: new Float64Array(n),
    positionInLevel: new Int32Array(n),
    levelNodes,
    nodesBuffer,
    levelOffset,
    fill: levelOffset.slice(0, Math.max(levelCount, 1)),
    cursor: new Float64Array(levelCount + 1),
  };
}

/** Lays out nodes `[from, to)`; every node before `from` must be laid out already. */
function layoutRange(pass: LayoutPass, parent: Int32Array, widthValue: Float64Array, from: number, to: number): void {
  const { level, startValue, endValue, positionInLevel, nodesBuffer, levelOffset, fill, cursor } = pass;
  for (let i = from; i < to; i++) {
    const d = level[i];
    let start = 0;
    let end = widthValue[i];
    if (d > 0) {
      const parentEnd = endValue[parent[i]];
      start = Math.min(cursor[d], parentEnd);
      end = Math.min(start + widthValue[i], parentEnd);
      cursor[d] += widthValue[i];
    }
    startValue[i] = start;
    endValue[i] = end;
    cursor[d + 1] = start;
    const slot = fill[d]++;
    nodesBuffer[slot] = i;
    positionInLevel[i] = slot - levelOffset[d];
  }
}

/** Greatest level inside each node's subtree. */
function subtreeDepths(level: Int32Array, parent: Int32Array): Int32Array {
  // Children come after their parent in pre-order, so one backward pass pushes each subtree's depth up.
  const subtreeMaxLevel = Int32Array.from(level);
  for (let i = level.length - 1; i > 0; i--) {
    const p = parent[i];
    if (subtreeMaxLevel[i] > subtreeMaxLevel[p]) {
      subtreeMaxLevel[p] = subtreeMaxLevel[i];
    }
  }
  return subtreeMaxLevel;
}

/** Both sides of a diff share one shape, so each bar is as wide as the sum of its two totals. */
function combinedWidth(profile: Profile): Float64Array {
  const right = profile.right;
  if (!right) {
    return profile.total;
  }
  const width = new Float64Array(profile.total.length);
  for (let i = 0; i < width.length; i++) {
    width[i] = profile.total[i] + right.total[i];
  }
  return width;
}

/**
 * First position in `ids` (ascending) at or after `from` whose value is `>= target`. Gallops from `from` so that
 * short skips cost O(1) and long ones O(log distance).
 */
export function gallopLowerBound(ids: Int32Array, from: number, target: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < ids.length && ids[hi] < target) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  if (hi > ids.length) {
    hi = ids.length;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
