import type { Profile } from '../../model/profile';
import { createBarRef, isWideNode, minWidthDev, setBar, type BarRef, type LayoutOptions } from './bar';
import { gallopLowerBound, type FlameIndex } from './flameIndex';
import { focusNodeOf, valueToDevX, visibleLevels, xScaleFor, type FocusState, type Viewport } from './viewport';

/*
 * Layout rules (shared with hitTest and locateBar, which repeat them exactly):
 * - rows: only levels whose row meets the canvas; ancestors of the focused node take their row at full width,
 *   greyed; the focused node fills the width; below it only its subtree is laid out;
 * - x: bar edges are rounded to whole device pixels (`valueToDevX`), so neighbours share an edge and never overlap;
 * - a node is "wide" when its exact width is at least `minWidthDev` device px (never less than 1); wide nodes are
 *   visited one by one;
 * - consecutive narrow siblings (same parent, adjacent in the row) form a run: a run of two or more is visited once
 *   as a grey "many small frames" bar (`mergedCount` = run length, `node` = first node of the run); a run of one is
 *   visited as that node (`mergedCount` 1); runs that round to zero device px are not visited;
 * - children of narrow nodes are never visited: a node shows only when its parent is the focus or wide. Widths never
 *   grow from parent to child (FlameIndex clamps ends), so "parent wide" implies "every ancestor wide".
 */

/**
 * Walks the bars visible in the viewport, row by row from the root side, left to right within a row, and hands
 * each to `visit` (the same mutable `BarRef` every time: no allocation per bar). Returns the number of visits.
 *
 * Cost: the first visible row below the focus is entered with a binary search to the focused subtree and skips
 * whole subtrees of narrow nodes; later rows only look at the children of the previous row's wide bars (at most one
 * wide bar per device px), so hidden detail under narrow bars is never touched.
 */
export function layoutVisible(
  index: FlameIndex,
  profile: Profile,
  viewport: Viewport,
  focus: FocusState,
  visit: (bar: BarRef) => void,
  options: LayoutOptions = {}
): number {
  if (index.nodeCount === 0) {
    return 0;
  }
  const f = focusNodeOf(index, focus);
  const { first, last } = visibleLevels(viewport, index.subtreeMaxLevel[f]);
  const scale = xScaleFor(index, f, viewport);
  const widthDev = scale.widthDev;
  if (first > last || widthDev <= 0) {
    return 0;
  }
  const { parent, subtreeEnd, startValue, endValue, levelNodes, positionInLevel } = index;
  const minDev = minWidthDev(viewport, options);
  const focusLevel = index.level[f];
  const bar = createBarRef();
  let visits = 0;
  const emit = (node: number, level: number, x0: number, x1: number, mergedCount: number, ancestor: boolean) => {
    setBar(bar, viewport, node, level, x0, x1);
    bar.mergedCount = mergedCount;
    bar.isFocusAncestor = ancestor;
    visits++;
    visit(bar);
  };

  // Ancestor rows: one full-width bar each, found by walking up from the focus.
  const lastAncestorLevel = Math.min(last, focusLevel - 1);
  if (first <= lastAncestorLevel) {
    const ancestors = new Int32Array(lastAncestorLevel - first + 1);
    let a = f;
    for (let l = focusLevel; l > lastAncestorLevel; l--) {
      a = parent[a];
    }
    for (let l = lastAncestorLevel; l >= first; l--) {
      ancestors[l - first] = a;
      a = parent[a];
    }
    for (let l = first; l <= lastAncestorLevel; l++) {
      emit(ancestors[l - first], l, 0, widthDev, 1, true);
    }
  }
  if (first <= focusLevel && focusLevel <= last) {
    emit(f, focusLevel, 0, widthDev, 1, false);
  }
  if (last <= focusLevel) {
    return visits;
  }

  // Wide nodes of the previous row (their children are the candidates of this row) and of this row.
  let parents = new Int32Array(widthDev + 2);
  let parentCount = 0;
  let wide = new Int32Array(widthDev + 2);
  let wideCount = 0;
  // The open run of narrow siblings.
  let runFirst = -1;
  let runParent = -1;
  let runCount = 0;
  let runX0 = 0;
  let runX1 = 0;

  const flush = (level: number) => {
    if (runCount > 0 && runX1 > runX0) {
      emit(runFirst, level, runX0, runX1, runCount, false);
    }
    runCount = 0;
  };
  // Narrow siblings this close after a narrow node's end are narrow too (they fit in half the threshold), except
  // possibly the last one, which may reach past it: they join the run in one gallop instead of one by one.
  const skipValue = (0.5 * minDev) / scale.devPerValue;
  /** Handles `row[j]`, a child of the shown node `p`, and returns the next position of the row to look at. */
  const takeAt = (row: Int32Array, j: number, p: number, endId: number, level: number) => {
    const k = row[j];
    const x0 = valueToDevX(startValue[k], scale);
    const x1 = valueToDevX(endValue[k], scale);
    if ((endValue[k] - startValue[k]) * scale.devPerValue >= minDev) {
      flush(level);
      emit(k, level, x0, x1, 1, false);
      wide[wideCount++] = k;
      return j + 1;
    }
    if (runCount > 0 && runParent === p) {
      runCount++;
      runX1 = x1;
    } else {
      flush(level);
      runFirst = k;
      runParent = p;
      runCount = 1;
      runX0 = x0;
      runX1 = x1;
    }
    const t = gallopSiblings(row, startValue, j + 1, endId, endValue[k] + skipValue);
    if (t - 1 <= j) {
      return j + 1;
    }
    const lastNarrow = isWideNode(index, scale, row[t - 1], minDev) ? t - 2 : t - 1;
    if (lastNarrow > j) {
      runCount += lastNarrow - j;
      runX1 = valueToDevX(endValue[row[lastNarrow]], scale);
    }
    return lastNarrow + 1;
  };
  const nextRow = () => {
    const t = parents;
    parents = wide;
    parentCount = wideCount;
    wide = t;
    wideCount = 0;
  };

  let level = focusLevel + 1;
  if (first <= level) {
    parents[0] = f;
    parentCount = 1;
  } else {
    // Entering below the top of the subtree: binary search to the focused subtree's nodes in this row, skipping
    // every subtree hanging under a narrow node in one jump.
    level = first;
    const row = levelNodes[level];
    const endId = subtreeEnd[f];
    let j = gallopLowerBound(row, 0, f + 1);
    while (j < row.length && row[j] < endId) {
      const k = row[j];
      const p = parent[k];
      if (p !== f && !isWideNode(index, scale, p, minDev)) {
        let top = p;
        while (parent[top] !== f && !isWideNode(index, scale, parent[top], minDev)) {
          top = parent[top];
        }
        j = gallopLowerBound(row, j + 1, subtreeEnd[top]);
        continue;
      }
      j = takeAt(row, j, p, subtreeEnd[p], level);
    }
    flush(level);
    nextRow();
    level++;
  }

  for (; level <= last && parentCount > 0; level++) {
    const row = levelNodes[level];
    for (let i = 0; i < parentCount; i++) {
      const p = parents[i];
      const endId = subtreeEnd[p];
      // In pre-order a node's first child is the next node; its siblings follow it in the row.
      if (p + 1 >= endId) {
        continue;
      }
      let j = positionInLevel[p + 1];
      while (j < row.length && row[j] < endId) {
        j = takeAt(row, j, p, endId, level);
      }
    }
    flush(level);
    nextRow();
  }
  return visits;
}

/**
 * First position at or after `from` that is not a sibling starting before `limitValue` (`startValue` is by node
 * id): siblings are the entries with id below `endId` (one parent's children are contiguous in the row). Gallops, so a short skip costs O(1).
 */
function gallopSiblings(
  row: Int32Array,
  startValue: Float64Array,
  from: number,
  endId: number,
  limitValue: number
): number {
  // inside(j) = j < row.length && row[j] < endId && startValue[row[j]] < limitValue, written out: no closure per call.
  const n = row.length;
  if (!(from < n && row[from] < endId && startValue[row[from]] < limitValue)) {
    return from;
  }
  let lo = from + 1;
  let step = 1;
  let hi = from + 1;
  while (hi < n && row[hi] < endId && startValue[row[hi]] < limitValue) {
    lo = hi + 1;
    step *= 2;
    hi = from + step;
  }
  // inside(lo - 1) holds and inside(hi) does not: binary search in between.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mid < n && row[mid] < endId && startValue[row[mid]] < limitValue) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
