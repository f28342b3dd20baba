import { createBarStyler, type BarStyleInput, type BarStyler } from './barStyle';
import type { FlameIndex } from './flameIndex';
import { createBarRef, type BarRef, type LayoutOptions } from './bar';
import { layoutVisible } from './layout';
import { locateBar } from './locateBar';
import { createLabelFitter, type LabelFitter, type TextAlign } from './textFit';
import { canvasSizeDev, type FocusState, type Viewport } from './viewport';

/**
 * The part of CanvasRenderingContext2D the renderer uses. A real 2D context satisfies it; tests pass a recording
 * fake. Styles are `unknown` so a real context (whose styles may be gradients) is assignable.
 */
export interface CanvasContextLike {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textBaseline: string;
  textAlign: string;
  save(): void;
  restore(): void;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  /** Fills a path (browser canvases); when absent, bars are drawn one `fillRect` at a time. */
  fill?(path: Path2D): void;
}

/** True when the context can fill a Path2D (a browser canvas, not the recording fake of the tests). */
function supportsPathBatching(ctx: CanvasContextLike): boolean {
  return typeof Path2D !== 'undefined' && typeof ctx.fill === 'function';
}

/** Everything one paint depends on. */
export interface DrawInput extends BarStyleInput {
  index: FlameIndex;
  viewport: Viewport;
  focus: FocusState;
  /** CSS font of the labels, e.g. `12px Inter, sans-serif`. */
  font: string;
  /** Label placement inside bars (default left). */
  textAlign?: TextAlign;
  /** Space between a bar's edge and its label, css px (default 4). */
  labelPaddingPx?: number;
  /** Node under the mouse: outlined. -1 or omitted for none. */
  hoveredNode?: number;
  /** Label cache kept by the shell across redraws; used when its font matches `font`. */
  labelFitter?: LabelFitter;
  layout?: LayoutOptions;
}

/** What a paint drew (for tests and diagnostics). */
export interface DrawStats {
  /** Bars filled, merged ones included. */
  bars: number;
  mergedBars: number;
  labels: number;
  hoverOutlined: boolean;
}

/** Labels narrower than this (css px) are not attempted: not even an ellipsis and a letter fit. */
const MIN_LABEL_WIDTH_PX = 8;

/**
 * Clears the canvas and paints the visible bars, their labels and the hover outline. The context is scaled once
 * to the pixel ratio (`setTransform`), so everything after is in css px; its state is restored at the end.
 * Pure: all inputs are parameters (no globals, no DOM, no `window.devicePixelRatio`).
 */
export function drawFlameGraph(ctx: CanvasContextLike, input: DrawInput): DrawStats {
  const { viewport, profile } = input;
  const { widthDev, heightDev } = canvasSizeDev(viewport);
  const pr = viewport.pixelRatio;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, widthDev, heightDev);
  ctx.setTransform(pr, 0, 0, pr, 0, 0);
  ctx.font = input.font;
  const styler = createBarStyler(input);
  const stats: DrawStats = { bars: 0, mergedBars: 0, labels: 0, hoverOutlined: false };
  const hovered = input.hoveredNode ?? -1;
  const hoverBar = createBarRef();
  const labels = new LabelQueue();
  const padPx = input.labelPaddingPx ?? 4;
  let lastFill = '';
  // Where the context can fill paths (a browser canvas), bars are batched into one path per colour: one paint op
  // per colour instead of one per bar, which is what the rasteriser pays for.
  const batches = supportsPathBatching(ctx) ? new Map<string, Path2D>() : undefined;

  layoutVisible(
    input.index,
    profile,
    viewport,
    input.focus,
    (bar) => {
      const fill = styler.fill(bar.node, bar.mergedCount, bar.isFocusAncestor);
      const w = fillWidthPx(bar, pr);
      if (batches) {
        let path = batches.get(fill);
        if (!path) {
          path = new Path2D();
          batches.set(fill, path);
        }
        path.rect(bar.xPx, bar.yPx, w, rowFillHeight(bar.heightPx));
      } else {
        if (fill !== lastFill) {
          ctx.fillStyle = fill;
          lastFill = fill;
        }
        ctx.fillRect(bar.xPx, bar.yPx, w, rowFillHeight(bar.heightPx));
      }
      stats.bars++;
      if (bar.mergedCount > 1) {
        stats.mergedBars++;
        return;
      }
      if (w - 2 * padPx >= MIN_LABEL_WIDTH_PX) {
        labels.push(bar, w, styler.dimmed(bar.node, bar.mergedCount, bar.isFocusAncestor));
      }
      if (bar.node === hovered) {
        Object.assign(hoverBar, bar);
      }
    },
    input.layout
  );

  if (batches && ctx.fill) {
    for (const [fill, path] of batches) {
      ctx.fillStyle = fill;
      ctx.fill(path);
    }
  }

  const fitter = fitterFor(ctx, input);
  ctx.textBaseline = 'middle';
  const align = input.textAlign ?? 'left';
  ctx.textAlign = align;
  let lastText = '';
  for (let i = 0; i < labels.length; i++) {
    const widthPx = labels.widthPx[i];
    const text = fitter.fitName(profile.names, profile.nameId[labels.node[i]], widthPx - 2 * padPx);
    if (text === '') {
      continue;
    }
    const color = labels.dimmed[i] ? styler.colors.barTextDimmed : styler.colors.barText;
    if (color !== lastText) {
      ctx.fillStyle = color;
      lastText = color;
    }
    const x = align === 'left' ? labels.xPx[i] + padPx : labels.xPx[i] + widthPx - padPx;
    ctx.fillText(text, x, labels.yPx[i] + rowFillHeight(viewport.rowHeightPx) / 2);
    stats.labels++;
  }

  if (hoverBar.node >= 0) {
    outline(ctx, hoverBar, styler, pr);
    stats.hoverOutlined = true;
  }
  ctx.restore();
  return stats;
}

/**
 * Repaints only what a hover change touches: the previously hovered bar (fill and label, which covers its old
 * outline) and the outline of `input.hoveredNode`. O(1) per call; use it when nothing but the hover changed since
 * the last full `drawFlameGraph` with the same input (any other change needs a full redraw). Returns true when
 * the canvas is up to date; false would ask the caller for a full redraw (reserved: this version always manages).
 */
export function redrawHover(ctx: CanvasContextLike, input: DrawInput, previousHoveredNode: number): boolean {
  const { viewport, profile } = input;
  const pr = viewport.pixelRatio;
  const styler = createBarStyler(input);
  const bar = createBarRef();
  ctx.save();
  ctx.setTransform(pr, 0, 0, pr, 0, 0);
  ctx.font = input.font;
  const hovered = input.hoveredNode ?? -1;
  if (previousHoveredNode >= 0 && previousHoveredNode !== hovered) {
    if (locateBar(input.index, profile, viewport, input.focus, previousHoveredNode, bar, input.layout)) {
      ctx.fillStyle = styler.fill(bar.node, 1, bar.isFocusAncestor);
      const w = fillWidthPx(bar, pr);
      const h = rowFillHeight(bar.heightPx);
      ctx.fillRect(bar.xPx, bar.yPx, w, h);
      const padPx = input.labelPaddingPx ?? 4;
      if (w - 2 * padPx >= MIN_LABEL_WIDTH_PX) {
        const text = fitterFor(ctx, input).fitName(profile.names, profile.nameId[bar.node], w - 2 * padPx);
        if (text !== '') {
          const align = input.textAlign ?? 'left';
          ctx.textBaseline = 'middle';
          ctx.textAlign = align;
          ctx.fillStyle = styler.dimmed(bar.node, 1, bar.isFocusAncestor)
            ? styler.colors.barTextDimmed
            : styler.colors.barText;
          ctx.fillText(text, align === 'left' ? bar.xPx + padPx : bar.xPx + w - padPx, bar.yPx + h / 2);
        }
      }
    }
  }
  if (hovered >= 0 && locateBar(input.index, profile, viewport, input.focus, hovered, bar, input.layout)) {
    outline(ctx, bar, styler, pr);
  }
  ctx.restore();
  return true;
}

/** Painted width of a bar: one device px of gap on the right once a bar is 3 device px wide. */
function fillWidthPx(bar: BarRef, pr: number): number {
  const widthDev = bar.x1Dev - bar.x0Dev;
  return (widthDev >= 3 ? widthDev - 1 : widthDev) / pr;
}

/** Painted height of a row: one css px of gap below once rows are 6 px tall. */
function rowFillHeight(rowHeightPx: number): number {
  return rowHeightPx >= 6 ? rowHeightPx - 1 : rowHeightPx;
}

/** Hover outline drawn inside the bar's fill, so repainting the fill erases it. */
function outline(ctx: CanvasContextLike, bar: BarRef, styler: BarStyler, pr: number): void {
  const w = fillWidthPx(bar, pr);
  const h = rowFillHeight(bar.heightPx);
  const lineWidthPx = w >= 6 && h >= 6 ? 2 : 1;
  if (w <= 2 * lineWidthPx || h <= 2 * lineWidthPx) {
    // Too small to hold an outline: a stroke of negative size would spill over the neighbours. Fill it instead.
    ctx.fillStyle = styler.colors.hoverOutline;
    ctx.fillRect(bar.xPx, bar.yPx, w, h);
    return;
  }
  ctx.strokeStyle = styler.colors.hoverOutline;
  ctx.lineWidth = lineWidthPx;
  ctx.strokeRect(bar.xPx + lineWidthPx / 2, bar.yPx + lineWidthPx / 2, w - lineWidthPx, h - lineWidthPx);
}

function fitterFor(ctx: CanvasContextLike, input: DrawInput): LabelFitter {
  if (input.labelFitter && input.labelFitter.font === input.font) {
    return input.labelFitter;
  }
  return createLabelFitter((text) => ctx.measureText(text).width, { font: input.font });
}

/** Labels waiting for the text pass, in growable typed arrays (no object per label). */
class LabelQueue {
  length = 0;
  node = new Int32Array(256);
  xPx = new Float64Array(256);
  yPx = new Float64Array(256);
  widthPx = new Float64Array(256);
  dimmed = new Uint8Array(256);

  push(bar: BarRef, widthPx: number, dimmed: boolean): void {
    if (this.length === this.node.length) {
      this.grow();
    }
    const i = this.length++;
    this.node[i] = bar.node;
    this.xPx[i] = bar.xPx;
    this.yPx[i] = bar.yPx;
    this.widthPx[i] = widthPx;
    this.dimmed[i] = dimmed ? 1 : 0;
  }

  private grow(): void {
    const size = this.node.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.node = grown(this.node, (n) => new Int32Array(n));
    this.xPx = grown(this.xPx, (n) => new Float64Array(n));
    this.yPx = grown(this.yPx, (n) => new Float64Array(n));
    this.widthPx = grown(this.widthPx, (n) => new Float64Array(n));
    this.dimmed = grown(this.dimmed, (n) => new Uint8Array(n));
  }
}
