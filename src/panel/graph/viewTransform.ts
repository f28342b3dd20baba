/*
 * Pan and zoom of the call graph: the drawing (graph px) is shown at scale `k` with its origin at (`x`, `y`) in the
 * viewport (css px), i.e. SVG `translate(x, y) scale(k)`. Pure arithmetic, tested without a DOM.
 */

/** Where the drawing sits in the viewport. */
export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

/** Smallest and largest scale. */
export const MIN_SCALE = 0.02;
export const MAX_SCALE = 8;
/** Zoom factor of one button press (and of a wheel notch of 100 px). */
export const ZOOM_STEP = 1.25;
/** Gap between the drawing and the viewport's edges when fitted, css px. */
const FIT_PAD_PX = 8;

/** The SVG `transform` attribute of a view transform. */
export function transformAttribute(t: ViewTransform): string {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return `translate(${r(t.x)},${r(t.y)}) scale(${r(t.k)})`;
}

function clampScale(k: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));
}

/**
 * The transform that shows the whole drawing (`width` × `height`) centred in the viewport, never enlarged beyond
 * 1 (a small graph is drawn at its own size, not blown up).
 */
export function fitTransform(width: number, height: number, viewWidth: number, viewHeight: number): ViewTransform {
  const roomW = Math.max(1, viewWidth - 2 * FIT_PAD_PX);
  const roomH = Math.max(1, viewHeight - 2 * FIT_PAD_PX);
  const k = width > 0 && height > 0 ? clampScale(Math.min(1, roomW / width, roomH / height)) : 1;
  return { x: (viewWidth - width * k) / 2, y: Math.max(FIT_PAD_PX, (viewHeight - height * k) / 2), k };
}

/** Scales by `factor` keeping the drawing's point under (`px`, `py`) (viewport css px) where it is. */
export function zoomAt(t: ViewTransform, factor: number, px: number, py: number): ViewTransform {
  const k = clampScale(t.k * factor);
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}

/** Moves the drawing by (`dx`, `dy`) css px. */
export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...t, x: t.x + dx, y: t.y + dy };
}

/** Zoom factor of a wheel event's vertical delta (css px; positive scrolls down, which zooms out). */
export function wheelFactor(deltaY: number): number {
  const bounded = Math.max(-300, Math.min(300, deltaY));
  return Math.pow(ZOOM_STEP, -bounded / 100);
}
