/**
 * Coordinate spaces of the timeline strip: time in ms since the epoch, and x in CSS px from the strip's left edge.
 * `fromMs` maps to 0 and `toMs` to `widthPx`.
 */
export interface TimeScale {
  fromMs: number;
  toMs: number;
  widthPx: number;
}

/** x of a time; outside the domain it lies outside `[0, widthPx]`. */
export function timeToPx(scale: TimeScale, timeMs: number): number {
  const spanMs = scale.toMs - scale.fromMs;
  return spanMs > 0 ? ((timeMs - scale.fromMs) / spanMs) * scale.widthPx : 0;
}

/** Time at x, with x clamped to the strip (a drag may leave it). */
export function pxToTime(scale: TimeScale, px: number): number {
  const clamped = Math.min(Math.max(px, 0), scale.widthPx);
  return scale.widthPx > 0 ? scale.fromMs + (clamped / scale.widthPx) * (scale.toMs - scale.fromMs) : scale.fromMs;
}

/** Drags shorter than this are clicks, not selections. */
export const MIN_BRUSH_PX = 3;

/**
 * The range selected by dragging from `startPx` to `endPx` (either direction), clamped to the strip and rounded to
 * whole ms; undefined for a drag shorter than `minPx`.
 */
export function brushRange(
  scale: TimeScale,
  startPx: number,
  endPx: number,
  minPx: number = MIN_BRUSH_PX
): { fromMs: number; toMs: number } | undefined {
  const left = Math.min(Math.max(Math.min(startPx, endPx), 0), scale.widthPx);
  const right = Math.min(Math.max(Math.max(startPx, endPx), 0), scale.widthPx);
  if (right - left < minPx) {
    return undefined;
  }
  return { fromMs: Math.round(pxToTime(scale, left)), toMs: Math.round(pxToTime(scale, right)) };
}

/** Index of the point nearest to `timeMs` in sorted times (binary search); -1 when there are none. */
export function nearestIndex(timesMs: ArrayLike<number>, timeMs: number): number {
  const n = timesMs.length;
  if (n === 0) {
    return -1;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timesMs[mid] < timeMs) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // lo is the first point at or after timeMs; its predecessor may be nearer.
  return lo > 0 && timeMs - timesMs[lo - 1] <= timesMs[lo] - timeMs ? lo - 1 : lo;
}

/**
 * SVG path of the area under the series, scaled so the largest value touches the top. Points that fall on the same
 * pixel column keep their maximum, so a long series costs at most one vertex per pixel. Empty for no points.
 */
export function sparklinePath(
  scale: TimeScale,
  timesMs: ArrayLike<number>,
  values: ArrayLike<number>,
  heightPx: number
): string {
  const n = Math.min(timesMs.length, values.length);
  if (n === 0) {
    return '';
  }
  // Only finite values scale the strip: one Infinity (or a non-number from a hand-built frame) flattened the rest.
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] > max && Number.isFinite(values[i])) {
      max = values[i];
    }
  }
  const y = (v: number) => (max > 0 ? heightPx - (Math.max(v, 0) / max) * heightPx : heightPx);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    // A point without a usable time has no place on the strip (and NaN in the path makes the browser drop it all).
    if (!Number.isFinite(timesMs[i])) {
      continue;
    }
    const x = Math.round(timeToPx(scale, timesMs[i]) * 10) / 10;
    const v = Number.isFinite(values[i]) ? values[i] : 0;
    if (xs.length > 0 && Math.round(xs[xs.length - 1]) === Math.round(x)) {
      ys[ys.length - 1] = Math.min(ys[ys.length - 1], y(v));
    } else {
      xs.push(x);
      ys.push(y(v));
    }
  }
  if (xs.length === 0) {
    return '';
  }
  const fmt = (v: number) => String(Math.round(v * 10) / 10);
  const line = xs.map((x, i) => `L${fmt(x)},${fmt(ys[i])}`).join('');
  return `M${fmt(xs[0])},${fmt(heightPx)}${line}L${fmt(xs[xs.length - 1])},${fmt(heightPx)}Z`;
}
