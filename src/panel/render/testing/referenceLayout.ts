import type { FlameIndex } from '../flameIndex';
import { minWidthDev, type LayoutOptions } from '../bar';
import {
  focusNodeOf,
  levelToYPx,
  valueToDevX,
  visibleLevels,
  xScaleFor,
  type FocusState,
  type Viewport,
} from '../viewport';

/** A laid-out bar as plain data, for comparisons in tests. */
export interface PlainBar {
  node: number;
  level: number;
  x0Dev: number;
  x1Dev: number;
  yPx: number;
  mergedCount: number;
  isFocusAncestor: boolean;
}

/**
 * The layout rules written the slow, obvious way: every node is considered, its ancestors are walked to decide
 * whether it shows, runs of narrow siblings are grouped per parent. Quadratic at worst; for small test profiles.
 */
export function referenceLayout(
  index: FlameIndex,
  viewport: Viewport,
  focus: FocusState,
  options: LayoutOptions = {}
): PlainBar[] {
  const bars: PlainBar[] = [];
  if (index.nodeCount === 0) {
    return bars;
  }
  const f = focusNodeOf(index, focus);
  const { first, last } = visibleLevels(viewport, index.subtreeMaxLevel[f]);
  const scale = xScaleFor(index, f, viewport);
  if (scale.widthDev <= 0) {
    return bars;
  }
  const minDev = minWidthDev(viewport, options);
  const x0 = (k: number) => valueToDevX(index.startValue[k], scale);
  const x1 = (k: number) => valueToDevX(index.endValue[k], scale);
  const wide = (k: number) => (index.endValue[k] - index.startValue[k]) * scale.devPerValue >= minDev;
  const bar = (node: number, a: number, b: number, mergedCount: number, isFocusAncestor: boolean): PlainBar => ({
    node,
    level: index.level[node],
    x0Dev: a,
    x1Dev: b,
    yPx: levelToYPx(index.level[node], viewport),
    mergedCount,
    isFocusAncestor,
  });
  const focusLevel = index.level[f];
  for (let a = index.parent[f]; a >= 0; a = index.parent[a]) {
    if (index.level[a] >= first && index.level[a] <= last) {
      bars.push(bar(a, 0, scale.widthDev, 1, true));
    }
  }
  if (focusLevel >= first && focusLevel <= last) {
    bars.push(bar(f, 0, scale.widthDev, 1, false));
  }
  // Every node of the subtree whose whole ancestor chain below the focus is wide.
  for (let p = f; p < index.subtreeEnd[f]; p++) {
    let shown = true;
    for (let a = p; a !== f; a = index.parent[a]) {
      shown = shown && wide(a);
    }
    const childLevel = index.level[p] + 1;
    if (!shown || childLevel < first || childLevel > last) {
      continue;
    }
    let run: number[] = [];
    const flush = () => {
      if (run.length > 0 && x1(run[run.length - 1]) > x0(run[0])) {
        bars.push(bar(run[0], x0(run[0]), x1(run[run.length - 1]), run.length, false));
      }
      run = [];
    };
    for (let c = p + 1; c < index.subtreeEnd[p]; c = index.subtreeEnd[c]) {
      if (wide(c)) {
        flush();
        bars.push(bar(c, x0(c), x1(c), 1, false));
      } else {
        run.push(c);
      }
    }
    flush();
  }
  return bars.sort((a, b) => a.level - b.level || a.x0Dev - b.x0Dev || a.x1Dev - b.x1Dev);
}
