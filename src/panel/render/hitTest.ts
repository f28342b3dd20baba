import type { Profile } from '../../model/profile';
import { gallopLowerBound, type FlameIndex } from './flameIndex';
import { createBarRef, type BarRef, type LayoutOptions } from './bar';
import { locateBar } from './locateBar';
import {
  focusNodeOf,
  valueToDevX,
  xPxToDevColumn,
  xScaleFor,
  yPxToLevel,
  type FocusState,
  type Viewport,
} from './viewport';

/** Options of `hitTest`. */
export interface HitTestOptions extends LayoutOptions {
  /** Filled with the hit bar's geometry (for tooltips and hover outlines) when a node is hit. */
  bar?: BarRef;
}

/**
 * The node drawn under css point (xPx, yPx), or -1. Agrees exactly with `layoutVisible` for the same viewport,
 * focus and options: the row comes from y, then a binary search over that row's starts (in device px, rounded the
 * same way) finds the one node whose bar covers the pixel column; `locateBar` then applies the layout's rules.
 *
 * Merged "many small frames" bars hit nothing (-1): they stand for many nodes, so there is no single node to show a
 * tooltip for or to focus on click. Empty space (self space, below leaves, off the canvas) is -1 too.
 * Cost: O(log row size) plus a walk up the focus path for ancestor rows; no tree walk and no allocation when
 * `options.bar` is given.
 */
export function hitTest(
  index: FlameIndex,
  profile: Profile,
  viewport: Viewport,
  focus: FocusState,
  xPx: number,
  yPx: number,
  options: HitTestOptions = {}
): number {
  if (index.nodeCount === 0 || !(yPx >= 0 && yPx < viewport.heightPx) || !(xPx >= 0)) {
    return -1;
  }
  const f = focusNodeOf(index, focus);
  const level = yPxToLevel(yPx, viewport);
  if (level < 0 || level > index.subtreeMaxLevel[f]) {
    return -1;
  }
  const scale = xScaleFor(index, f, viewport);
  const column = xPxToDevColumn(xPx, viewport.pixelRatio);
  if (column < 0 || column >= scale.widthDev) {
    return -1;
  }
  const focusLevel = index.level[f];
  let node = f;
  if (level < focusLevel) {
    for (let l = focusLevel; l > level; l--) {
      node = index.parent[node];
    }
  } else if (level > focusLevel) {
    node = nodeCoveringColumn(index, f, level, column, scale);
    if (node < 0) {
      return -1;
    }
  }
  const bar = options.bar ?? createBarRef();
  return locateBar(index, profile, viewport, focus, node, bar, options) ? node : -1;
}

/** The node of the focused subtree in row `level` whose rounded extent contains `column`, or -1. */
function nodeCoveringColumn(
  index: FlameIndex,
  f: number,
  level: number,
  column: number,
  scale: ReturnType<typeof xScaleFor>
): number {
  const row = index.levelNodes[level];
  // The focused subtree is a contiguous id range, hence a contiguous slice of the row.
  const lo = gallopLowerBound(row, 0, f + 1);
  const hi = gallopLowerBound(row, lo, index.subtreeEnd[f]);
  // Last entry whose rounded start is at or left of the column (rounded starts ascend along the row).
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (valueToDevX(index.startValue[row[mid]], scale) <= column) {
      a = mid + 1;
    } else {
      b = mid;
    }
  }
  if (a === lo) {
    return -1;
  }
  const node = row[a - 1];
  return column < valueToDevX(index.endValue[node], scale) ? node : -1;
}
