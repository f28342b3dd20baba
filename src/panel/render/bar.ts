import type { FlameIndex } from './flameIndex';
import { levelToYPx, type Viewport, type XScale } from './viewport';

/** One bar handed to `visit`. The same object is reused for every bar: copy what you keep. */
export interface BarRef {
  /** Node id; for a merged bar, the first node of the run. */
  node: number;
  level: number;
  /** Left edge in css px (a whole number of device px). */
  xPx: number;
  /** Top edge in css px. */
  yPx: number;
  /** Width in css px (a whole number of device px, at least one). */
  widthPx: number;
  /** Row height in css px. */
  heightPx: number;
  /** 1 for a single node; > 1 for a merged "many small frames" bar. */
  mergedCount: number;
  /** True for the greyed full-width ancestors of the focused node. */
  isFocusAncestor: boolean;
  /** Left edge in device px. */
  x0Dev: number;
  /** Right edge (exclusive) in device px. */
  x1Dev: number;
}

/** Layout tuning. */
export interface LayoutOptions {
  /** Bars narrower than this (css px) are merged or, for a lone one, drawn without children. Default 1. */
  minWidthPx?: number;
}

/** Default `LayoutOptions.minWidthPx`. */
export const DEFAULT_MIN_WIDTH_PX = 1;

/** A fresh, zeroed `BarRef` (for callers of `locateBar`). */
export function createBarRef(): BarRef {
  return {
    node: -1,
    level: 0,
    xPx: 0,
    yPx: 0,
    widthPx: 0,
    heightPx: 0,
    mergedCount: 0,
    isFocusAncestor: false,
    x0Dev: 0,
    x1Dev: 0,
  };
}

/** The narrow/wide threshold in device px (at least 1, so every wide bar covers at least one whole pixel). */
export function minWidthDev(viewport: Viewport, options: LayoutOptions = {}): number {
  const minWidthPx = options.minWidthPx ?? DEFAULT_MIN_WIDTH_PX;
  return Math.max(1, minWidthPx * viewport.pixelRatio);
}

/**
 * True when the node's exact (unrounded) width reaches `minDev` device px. Deciding on the exact width keeps a
 * 0.3 px frame narrow even when rounding happens to give it a whole pixel, and makes the test monotone: a child is
 * never wider than its parent. Exact width >= 1 device px also means the rounded width is at least 1.
 */
export function isWideNode(index: FlameIndex, scale: XScale, node: number, minDev: number): boolean {
  return (index.endValue[node] - index.startValue[node]) * scale.devPerValue >= minDev;
}

/** Fills a bar for one node or run: css px from the device edges, y from the row. */
export function setBar(bar: BarRef, viewport: Viewport, node: number, level: number, x0: number, x1: number): void {
  const pr = viewport.pixelRatio;
  bar.node = node;
  bar.level = level;
  bar.x0Dev = x0;
  bar.x1Dev = x1;
  bar.xPx = x0 / pr;
  bar.widthPx = (x1 - x0) / pr;
  bar.yPx = levelToYPx(level, viewport);
  bar.heightPx = viewport.rowHeightPx;
  bar.mergedCount = 1;
  bar.isFocusAncestor = false;
}
