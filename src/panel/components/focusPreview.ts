import { drawFlameGraph, type DrawInput } from '../render/draw';
import type { FlameIndex } from '../render/flameIndex';
import {
  canvasSizeDev,
  contentHeightPx,
  scrollTopFromNative,
  type FocusState,
  type Viewport,
} from '../render/viewport';

/**
 * The zoomed view of the bar under the pointer, drawn in idle time on an offscreen canvas: a click on that bar then
 * shows it with one bitmap copy instead of a full paint, so the zoom appears in the next frame however large the
 * profile. Any difference between the input it was drawn from and the one the click paints (another hover, scroll,
 * search, size, theme...) makes it unusable, and the caller draws normally.
 *
 * The browser parts (requestIdleCallback, an offscreen canvas) are optional: without them nothing is prepared.
 */
export class FocusPreview {
  private canvas: HTMLCanvasElement | undefined;
  private drawn: DrawInput | undefined;
  private idle = 0;

  /** Prepares `input` (already focused on the hovered bar) when the main thread is idle; replaces any pending one. */
  prepare(input: DrawInput): void {
    this.cancel();
    if (typeof requestIdleCallback !== 'function' || typeof document === 'undefined') {
      return;
    }
    this.idle = requestIdleCallback(
      () => {
        this.idle = 0;
        const { widthDev, heightDev } = canvasSizeDev(input.viewport);
        this.canvas ??= document.createElement('canvas');
        if (this.canvas.width !== widthDev || this.canvas.height !== heightDev) {
          this.canvas.width = widthDev;
          this.canvas.height = heightDev;
        }
        const ctx = this.canvas.getContext('2d');
        if (ctx) {
          drawFlameGraph(ctx, input);
          this.drawn = input;
        }
      },
      { timeout: 500 }
    );
  }

  /** Copies the prepared view onto `ctx` when it was drawn from exactly `input`; false otherwise. */
  paint(ctx: CanvasRenderingContext2D, input: DrawInput): boolean {
    const canvas = this.canvas;
    if (!canvas || !this.drawn || !sameDrawInput(this.drawn, input)) {
      return false;
    }
    const { widthDev, heightDev } = canvasSizeDev(input.viewport);
    if (ctx.canvas.width !== widthDev || ctx.canvas.height !== heightDev) {
      return false;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(canvas, 0, 0);
    ctx.restore();
    return true;
  }

  cancel(): void {
    if (this.idle !== 0) {
      cancelIdleCallback(this.idle);
      this.idle = 0;
    }
    this.drawn = undefined;
  }

  /** Releases the offscreen bitmap. */
  dispose(): void {
    this.cancel();
    if (this.canvas) {
      this.canvas.width = 0;
      this.canvas.height = 0;
      this.canvas = undefined;
    }
  }
}

/**
 * Same paint: every field equal (by identity), the viewport and focus by value, since the shell builds new objects
 * for them on every render.
 */
export function sameDrawInput(a: DrawInput, b: DrawInput): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x: unknown = Reflect.get(a, key);
    const y: unknown = Reflect.get(b, key);
    if (key === 'viewport' || key === 'focus') {
      if (!sameFields(x, y)) {
        return false;
      }
    } else if (!Object.is(x, y)) {
      return false;
    }
  }
  return true;
}

function sameFields(x: unknown, y: unknown): boolean {
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
    return Object.is(x, y);
  }
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) {
    if (!Object.is(Reflect.get(x, key), Reflect.get(y, key))) {
      return false;
    }
  }
  return true;
}

/**
 * `input` focused on `node` instead, scrolled to the root edge as a new focus is (the view's own state follows later,
 * see focusAhead): the same content height and scroll position the shell computes once React renders it.
 */
export function withFocus<T extends { index: FlameIndex; viewport: Viewport; focus: FocusState }>(
  input: T,
  node: number
): T {
  const focus = { node };
  const vp = input.viewport;
  const total = Math.max(vp.heightPx, contentHeightPx(input.index, vp, focus));
  const native = vp.orientation === 'flame' ? Math.max(0, total - vp.heightPx) : 0;
  return { ...input, focus, viewport: { ...vp, scrollTopPx: scrollTopFromNative(native, total, vp) } };
}
