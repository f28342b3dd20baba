/*
 * Labels only where they fit. A function name is most readable by its end (`…pkg.(*T).Method`), so a label that
 * does not fit keeps the longest suffix that fits behind an ellipsis; when not even `minChars` characters fit, no
 * label is drawn. Widths come from an injected `measureText` (the canvas' own, in the shell), so this runs in Node.
 */

/** The ellipsis put in front of a truncated label. */
export const ELLIPSIS = '…';

/** Horizontal placement of labels inside their bar. */
export type TextAlign = 'left' | 'right';

/** Options of `fitLabel`. */
export interface FitOptions {
  /** Fewest characters of the name worth showing after the ellipsis (default 3). */
  minChars?: number;
}

/** Default `FitOptions.minChars`. */
export const DEFAULT_MIN_CHARS = 3;

/**
 * The label to draw for `text` in `availableWidthPx`: the text itself, or `…` + the longest suffix that fits
 * (binary search on the suffix length: O(log length) measurements), or `''`.
 */
export function fitLabel(
  text: string,
  availableWidthPx: number,
  measureText: (text: string) => number,
  options: FitOptions = {}
): string {
  if (!(availableWidthPx > 0) || text === '') {
    return '';
  }
  if (measureText(text) <= availableWidthPx) {
    return text;
  }
  const minChars = Math.max(1, options.minChars ?? DEFAULT_MIN_CHARS);
  if (text.length <= minChars) {
    return '';
  }
  let lo = minChars;
  let hi = text.length - 1;
  if (measureText(ELLIPSIS + suffix(text, lo)) > availableWidthPx) {
    return '';
  }
  // Invariant: a suffix of length lo fits; none longer than hi does.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (measureText(ELLIPSIS + suffix(text, mid)) <= availableWidthPx) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return ELLIPSIS + suffix(text, lo);
}

/** The last `length` UTF-16 units of `text`, never starting inside a surrogate pair. */
function suffix(text: string, length: number): string {
  let cut = text.length - length;
  const code = text.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) {
    cut++;
  }
  return text.slice(cut);
}

/** Cached label fitting for one font: what the draw loop uses. */
export interface LabelFitter {
  /** The CSS font the widths were measured in (a new font needs a new fitter). */
  readonly font: string;
  /** Width of `text` in css px, cached per string. */
  measure(text: string): number;
  /**
   * Label for `names[nameId]` in `availableWidthPx`, cached per (name id, whole-px width bucket). The result is
   * computed for the bucket's lower bound, so it always fits. A new string table resets the per-id caches.
   */
  fitName(names: readonly string[], nameId: number, availableWidthPx: number): string;
}

/** Options of `createLabelFitter`. */
export interface LabelFitterOptions extends FitOptions {
  font: string;
  /** Entries kept per cache before it is emptied (default 50,000): bounds memory across zooms and profiles. */
  maxEntries?: number;
}

/** Widths beyond this many px are not bucketed (such bars nearly always show the full name). */
const MAX_BUCKET = 4096;

/**
 * A label fitter measuring with `measureText` (for a canvas: `(t) => ctx.measureText(t).width` with `ctx.font` set
 * to `options.font`). Keep one per font in the shell so the caches survive redraws.
 */
export function createLabelFitter(measureText: (text: string) => number, options: LabelFitterOptions): LabelFitter {
  const maxEntries = options.maxEntries ?? 50_000;
  const widths = new Map<string, number>();
  const fitted = new Map<number, string>();
  let fullWidths = new Float64Array(0);
  let currentNames: readonly string[] | undefined;

  const measure = (text: string): number => {
    let width = widths.get(text);
    if (width === undefined) {
      if (widths.size >= maxEntries) {
        widths.clear();
      }
      width = measureText(text);
      widths.set(text, width);
    }
    return width;
  };

  const fitName = (names: readonly string[], nameId: number, availableWidthPx: number): string => {
    if (names !== currentNames) {
      currentNames = names;
      fullWidths = new Float64Array(names.length).fill(-1);
      fitted.clear();
    }
    const text = names[nameId] ?? '';
    let full = fullWidths[nameId];
    if (full < 0) {
      full = measure(text);
      fullWidths[nameId] = full;
    }
    if (full <= availableWidthPx) {
      return text;
    }
    const bucket = Math.floor(availableWidthPx);
    if (bucket <= 0) {
      return '';
    }
    if (bucket >= MAX_BUCKET) {
      return fitLabel(text, bucket, measure, options);
    }
    const key = nameId * MAX_BUCKET + bucket;
    let label = fitted.get(key);
    if (label === undefined) {
      if (fitted.size >= maxEntries) {
        fitted.clear();
      }
      label = fitLabel(text, bucket, measure, options);
      fitted.set(key, label);
    }
    return label;
  };

  return { font: options.font, measure, fitName };
}
