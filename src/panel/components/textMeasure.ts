/**
 * Text width measurement for label fitting: one offscreen 2D context per font, shared by every flame graph and
 * table on the page. A new context resolves its font again on its first `measureText` (several milliseconds, seen
 * as the slowest part of a first paint's twelve labels), and a dashboard mounts many panels; the widths themselves
 * are still cached per fitter (`createLabelFitter`), not here.
 */
const contexts = new Map<string, CanvasRenderingContext2D | null>();

/** Fonts a page uses are few (the theme's sizes); past this many something is generating fonts, so start over. */
const MAX_FONTS = 16;

/** A `measureText` for `font`, or undefined where there is no 2D canvas (jsdom, a browser refusing canvases). */
export function textMeasurer(font: string): ((text: string) => number) | undefined {
  let ctx = contexts.get(font);
  if (ctx === undefined) {
    if (contexts.size >= MAX_FONTS) {
      contexts.clear();
    }
    ctx = typeof document !== 'undefined' ? safeContext() : null;
    if (ctx) {
      ctx.font = font;
    }
    contexts.set(font, ctx);
  }
  const measuring = ctx;
  return measuring ? (text) => measuring.measureText(text).width : undefined;
}

function safeContext(): CanvasRenderingContext2D | null {
  try {
    return document.createElement('canvas').getContext('2d');
  } catch {
    // jsdom without the canvas package logs "not implemented" and may throw; there is nothing to measure with.
    return null;
  }
}
