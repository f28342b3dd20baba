/*
 * Labels only where they fit. A function name is most readable by its end (`…pkg.(*T).Method`), so a label that
 * does not fit keeps the longest suffix that fits behind an ellipsis; when not even `minChars` characters fit, no
 * label is drawn. Widths come from an injected `measureText` (the canvas' own, in the shell), so this runs in Node.
 */

import { displayText } from './displayText';

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
 * (found near the length the name's mean glyph width predicts, then by halving: usually 4 measurements, at most
 * O(log length)), or `''`.
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
  const fullWidth = measureText(text);
  if (fullWidth <= availableWidthPx) {
    return text;
  }
  const minChars = Math.max(1, options.minChars ?? DEFAULT_MIN_CHARS);
  if (text.length <= minChars) {
    return '';
  }
  let lo = minChars;
  // No glyph worth showing is under half a px wide, so a longer suffix cannot fit: this bounds the strings measured
  // (a hostile 100 KB name would otherwise be measured, and cached, at 50 KB, 25 KB... for every bar width).
  let hi = Math.min(text.length - 1, Math.max(lo, Math.ceil(2 * availableWidthPx)));
  if (measureText(ELLIPSIS + suffix(text, lo)) > availableWidthPx) {
    return '';
  }
  // Invariant: a suffix of length lo fits; none longer than hi does.
  const fits = (length: number) => measureText(ELLIPSIS + suffix(text, length)) <= availableWidthPx;
  const tryLength = (length: number) => {
    if (fits(length)) {
      lo = length;
    } else {
      hi = length - 1;
    }
  };
  if (lo < hi) {
    // A name's glyphs are mostly of one width, so the whole name's mean width per character predicts the length that
    // fits to within one or two (one character's room is left for the ellipsis). Trying that length and its
    // neighbour first ends most searches after two measurements; otherwise the range left is searched in halves.
    // Any answer is the one the plain halving search gives: only the order of the measurements changes.
    const guess = Math.min(hi, Math.max(lo, Math.floor((availableWidthPx * text.length) / fullWidth) - 1));
    if (guess > lo) {
      tryLength(guess);
    }
    if (lo < hi) {
      tryLength(lo === guess ? lo + 1 : hi);
    }
  }
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

/**
 * The last `length` UTF-16 units of `text`, or fewer: never starting inside a surrogate pair, nor on a mark that
 * joins the previous character (combining marks, zero-width joiner, variation selectors), which would otherwise be
 * drawn on the ellipsis.
 */
function suffix(text: string, length: number): string {
  let cut = text.length - length;
  while (cut < text.length - 1 && continuesPrevious(text.charCodeAt(cut))) {
    cut++;
  }
  return text.slice(cut);
}

function continuesPrevious(code: number): boolean {
  return (
    (code >= 0xdc00 && code <= 0xdfff) || // low surrogate
    (code >= 0x0300 && code <= 0x036f) || // combining diacritical marks
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f) ||
    (code >= 0xfe00 && code <= 0xfe0f) || // variation selectors
    code === 0x200d // zero-width joiner
  );
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
  // What is drawn for each name id (displayText), computed once per name.
  let shownNames: Array<string | undefined> = [];
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
      shownNames = new Array<string | undefined>(names.length);
      fitted.clear();
    }
    let text = shownNames[nameId];
    if (text === undefined) {
      text = displayText(names[nameId] ?? '');
      shownNames[nameId] = text;
    }
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
