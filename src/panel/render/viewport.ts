import type { FlameIndex } from './flameIndex';

/*
 * Coordinate spaces:
 * - value units: the profile's own (ns, bytes, samples), see FlameIndex.startValue;
 * - css px: what the shell and mouse events use, origin at the canvas' top-left corner;
 * - device px: css px × pixelRatio, the canvas' backing store. Bar edges are rounded in device px so that
 *   neighbours share an edge exactly and hit-testing can repeat the very same integer arithmetic.
 */

/** `flame`: root at the bottom, children above. `icicle`: root at the top, children below. */
export type Orientation = 'flame' | 'icicle';

/** The part of the flame graph the canvas shows. The canvas is always this size, never the whole graph. */
export interface Viewport {
  /** Canvas width in css px. */
  widthPx: number;
  /** Canvas height in css px. */
  heightPx: number;
  /**
   * Scroll offset in css px, measured from the root's edge: from the top in icicle orientation, from the bottom in
   * flame orientation (0 shows the root row). See `scrollTopFromNative` for a native scroll container.
   */
  scrollTopPx: number;
  /** Height of one row in css px. */
  rowHeightPx: number;
  /** Device pixels per css px (window.devicePixelRatio, passed in by the shell). */
  pixelRatio: number;
  orientation: Orientation;
}

/**
 * The focused node fills the width; its ancestors are drawn above/below it at full width, greyed, as context; nodes
 * outside its subtree at deeper levels are not drawn. `{ node: 0 }` is the unfocused view.
 */
export interface FocusState {
  node: number;
}

/** The unfocused view: the root fills the width. */
export const ROOT_FOCUS: FocusState = Object.freeze({ node: 0 });

/** Horizontal mapping of value units to device px for one focus and viewport. */
export interface XScale {
  /** Value mapped to device x 0 (the focused node's start). */
  originValue: number;
  /** Device px per value unit. */
  devPerValue: number;
  /** Canvas width in device px: the focused node spans `[0, widthDev)`. */
  widthDev: number;
  pixelRatio: number;
}

/** The focused node, or the root when the focus is outside the profile. */
export function focusNodeOf(index: FlameIndex, focus: FocusState): number {
  const node = focus.node;
  return Number.isInteger(node) && node >= 0 && node < index.nodeCount ? node : 0;
}

/** Canvas backing-store size in device px for a viewport (what the shell sets `canvas.width/height` to). */
export function canvasSizeDev(viewport: Viewport): { widthDev: number; heightDev: number } {
  return {
    widthDev: Math.max(0, Math.round(viewport.widthPx * viewport.pixelRatio)),
    heightDev: Math.max(0, Math.round(viewport.heightPx * viewport.pixelRatio)),
  };
}

/** The x mapping for a focus: the focused node's extent fills the canvas width. */
export function xScaleFor(index: FlameIndex, focusNode: number, viewport: Viewport): XScale {
  const widthDev = canvasSizeDev(viewport).widthDev;
  const originValue = index.nodeCount > 0 ? index.startValue[focusNode] : 0;
  const extent = index.nodeCount > 0 ? index.endValue[focusNode] - originValue : 0;
  return { originValue, devPerValue: extent > 0 ? widthDev / extent : 0, widthDev, pixelRatio: viewport.pixelRatio };
}

/**
 * Device x of a value, rounded to a whole device pixel. Monotone in `value`, so a child's rounded extent stays inside
 * its parent's and neighbours share their edge.
 */
export function valueToDevX(value: number, scale: XScale): number {
  return Math.round((value - scale.originValue) * scale.devPerValue);
}

/** Css x of a value, unrounded. */
export function valueToXPx(value: number, scale: XScale): number {
  return ((value - scale.originValue) * scale.devPerValue) / scale.pixelRatio;
}

/** Value at css x (inverse of `valueToXPx`). */
export function xPxToValue(xPx: number, scale: XScale): number {
  return scale.devPerValue > 0 ? scale.originValue + (xPx * scale.pixelRatio) / scale.devPerValue : scale.originValue;
}

/** Device column under css x: the integer pixel a mouse position falls in. */
export function xPxToDevColumn(xPx: number, pixelRatio: number): number {
  return Math.floor(xPx * pixelRatio);
}

/** Rows per float rounding error tolerated at a row's edge. */
const EDGE_EPSILON = 1e-9;

/** Css y of the top edge of row `level`. */
export function levelToYPx(level: number, viewport: Viewport): number {
  const fromRootEdgePx = level * viewport.rowHeightPx - viewport.scrollTopPx;
  return viewport.orientation === 'icicle' ? fromRootEdgePx : viewport.heightPx - viewport.rowHeightPx - fromRootEdgePx;
}

/** Row under css y (may be negative or past the deepest level: callers check the range). */
export function yPxToLevel(yPx: number, viewport: Viewport): number {
  const fromRootEdgePx = viewport.orientation === 'icicle' ? yPx : viewport.heightPx - yPx;
  const position = (fromRootEdgePx + viewport.scrollTopPx) / viewport.rowHeightPx;
  // Icicle rows are [top, top + h): floor. Flame rows measured from the bottom are (bottom - h, bottom]: ceil - 1.
  // The epsilon keeps a row's own top edge in the row despite float noise from the scroll offset.
  return viewport.orientation === 'icicle'
    ? Math.floor(position + EDGE_EPSILON)
    : Math.ceil(position - EDGE_EPSILON) - 1;
}

/** First and last level whose row intersects the canvas, clamped to `[0, maxLevel]` (first > last when none). */
export function visibleLevels(viewport: Viewport, maxLevel: number): { first: number; last: number } {
  const rowHeightPx = viewport.rowHeightPx;
  if (!(rowHeightPx > 0) || !(viewport.heightPx > 0)) {
    return { first: 0, last: -1 };
  }
  // Row l spans [l·h - s, (l+1)·h - s) from the root edge; it shows when that meets [0, heightPx). A sliver thinner
  // than EDGE_EPSILON rows (float noise from the scroll offset) does not count: `yPxToLevel` never returns that row.
  const first = Math.max(0, Math.floor(viewport.scrollTopPx / rowHeightPx + EDGE_EPSILON));
  const last = Math.min(
    maxLevel,
    Math.ceil((viewport.scrollTopPx + viewport.heightPx) / rowHeightPx - EDGE_EPSILON) - 1
  );
  return { first, last };
}

/** Height in css px of everything that can be drawn for this focus (ancestors included). */
export function contentHeightPx(index: FlameIndex, viewport: Viewport, focus: FocusState): number {
  if (index.nodeCount === 0) {
    return 0;
  }
  return (index.subtreeMaxLevel[focusNodeOf(index, focus)] + 1) * viewport.rowHeightPx;
}

/** Largest useful `scrollTopPx` (0 when everything fits). */
export function maxScrollTopPx(index: FlameIndex, viewport: Viewport, focus: FocusState): number {
  return Math.max(0, contentHeightPx(index, viewport, focus) - viewport.heightPx);
}

/** `scrollTopPx` that puts row `level` in the middle of the canvas (clamped at the root edge). */
export function scrollTopToCenterLevel(level: number, viewport: Viewport): number {
  return Math.max(0, (level + 0.5) * viewport.rowHeightPx - viewport.heightPx / 2);
}

/**
 * Converts a native scroll container's `scrollTop` (0 = top of the content) to `Viewport.scrollTopPx`: unchanged
 * for icicle, mirrored for flame (where the root sits at the bottom of the content). The same call converts
 * `scrollTopPx` back to a native `scrollTop`.
 */
export function scrollTopFromNative(nativeScrollTopPx: number, contentHeightPx: number, viewport: Viewport): number {
  if (viewport.orientation === 'icicle') {
    return Math.max(0, nativeScrollTopPx);
  }
  return Math.max(0, contentHeightPx - viewport.heightPx - nativeScrollTopPx);
}

/** Height of one flame graph row in css px, as the panel draws it. */
export const DEFAULT_ROW_HEIGHT_PX = 22;
