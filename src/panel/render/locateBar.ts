import type { Profile } from '../../model/profile';
import { isWideNode, minWidthDev, setBar, type BarRef, type LayoutOptions } from './bar';
import type { FlameIndex } from './flameIndex';
import {
  focusNodeOf,
  valueToDevX,
  visibleLevels,
  xScaleFor,
  type FocusState,
  type Viewport,
  type XScale,
} from './viewport';

/**
 * Fills `out` with the bar of `node` when `layoutVisible` would visit that node on its own (not merged, in a
 * visible row) and returns true; returns false otherwise. O(1) apart from walking up to an ancestor row: used to
 * repaint one bar (hover) and by `hitTest`.
 */
export function locateBar(
  index: FlameIndex,
  profile: Profile,
  viewport: Viewport,
  focus: FocusState,
  node: number,
  out: BarRef,
  options: LayoutOptions = {}
): boolean {
  if (!(Number.isInteger(node) && node >= 0 && node < index.nodeCount)) {
    return false;
  }
  const f = focusNodeOf(index, focus);
  const level = index.level[node];
  const { first, last } = visibleLevels(viewport, index.subtreeMaxLevel[f]);
  const scale = xScaleFor(index, f, viewport);
  if (level < first || level > last || scale.widthDev <= 0) {
    return false;
  }
  const focusLevel = index.level[f];
  if (level <= focusLevel) {
    // The focus, or one of its ancestors (whose subtree contains the focus): full width.
    const isFocusOrAncestor = node <= f && f < index.subtreeEnd[node];
    if (!isFocusOrAncestor) {
      return false;
    }
    setBar(out, viewport, node, level, 0, scale.widthDev);
    out.isFocusAncestor = node !== f;
    return true;
  }
  if (node <= f || node >= index.subtreeEnd[f]) {
    return false;
  }
  const minDev = minWidthDev(viewport, options);
  const p = index.parent[node];
  if (p !== f && !isWideNode(index, scale, p, minDev)) {
    return false;
  }
  const x0 = valueToDevX(index.startValue[node], scale);
  const x1 = valueToDevX(index.endValue[node], scale);
  if (!isWideNode(index, scale, node, minDev)) {
    if (x1 <= x0 || hasNarrowSiblingNeighbour(index, scale, node, p, minDev)) {
      return false;
    }
  }
  setBar(out, viewport, node, level, x0, x1);
  return true;
}

/** A narrow node with a narrow sibling right next to it in its row is part of a merged run. */
function hasNarrowSiblingNeighbour(index: FlameIndex, scale: XScale, node: number, p: number, minDev: number): boolean {
  const row = index.levelNodes[index.level[node]];
  const j = index.positionInLevel[node];
  const before = j > 0 ? row[j - 1] : -1;
  const after = j + 1 < row.length ? row[j + 1] : -1;
  return (
    (before >= 0 && index.parent[before] === p && !isWideNode(index, scale, before, minDev)) ||
    (after >= 0 && index.parent[after] === p && !isWideNode(index, scale, after, minDev))
  );
}
