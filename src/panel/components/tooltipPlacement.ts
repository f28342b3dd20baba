/*
 * Where the hover tooltip goes. It is positioned before it is measured (it follows the mouse on every move), so
 * instead of measuring it is bounded: at most `maxWidthPx` wide and half the viewport high, and opened towards the
 * side of the pointer with more room. Then it always fits in the viewport, whatever the name it shows.
 */

/** Gap between the pointer and the tooltip, css px. */
export const TOOLTIP_OFFSET_PX = 12;

/** Widest tooltip, css px. */
export const TOOLTIP_MAX_WIDTH_PX = 480;

/** Longest name shown in the tooltip, in UTF-16 units; longer names keep their start and end around `…`. */
export const TOOLTIP_MAX_NAME_CHARS = 600;

/** CSS position of the tooltip box (for `position: fixed`, in css px). */
export interface TooltipPlacement {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
  maxWidth: number;
  maxHeight: number;
}

/**
 * Places the tooltip next to the pointer (`xPx`, `yPx`, client css px) inside a viewport of `viewportWidthPx` by
 * `viewportHeightPx`: right of and below the pointer when there is room, else left of or above it.
 */
export function tooltipPlacement(
  xPx: number,
  yPx: number,
  viewportWidthPx: number,
  viewportHeightPx: number
): TooltipPlacement {
  const gap = TOOLTIP_OFFSET_PX;
  const roomRight = viewportWidthPx - xPx - 2 * gap;
  const roomLeft = xPx - 2 * gap;
  const roomBelow = viewportHeightPx - yPx - 2 * gap;
  const roomAbove = yPx - 2 * gap;
  const toRight = roomRight >= TOOLTIP_MAX_WIDTH_PX || roomRight >= roomLeft;
  const below = roomBelow >= roomAbove;
  return {
    ...(toRight ? { left: xPx + gap } : { right: viewportWidthPx - xPx + gap }),
    ...(below ? { top: yPx + gap } : { bottom: viewportHeightPx - yPx + gap }),
    maxWidth: Math.max(0, Math.min(TOOLTIP_MAX_WIDTH_PX, toRight ? roomRight : roomLeft)),
    maxHeight: Math.max(0, below ? roomBelow : roomAbove),
  };
}

/**
 * A name as the tooltip shows it: whole up to `maxChars`, else its start and end around `…` (both ends say
 * something: the package and the method), never splitting a surrogate pair.
 */
export function tooltipName(name: string, maxChars: number = TOOLTIP_MAX_NAME_CHARS): string {
  if (name.length <= maxChars) {
    return name;
  }
  const half = Math.floor((maxChars - 1) / 2);
  let headEnd = half;
  if (isHighSurrogate(name.charCodeAt(headEnd - 1))) {
    headEnd--;
  }
  let tailStart = name.length - half;
  if (isLowSurrogate(name.charCodeAt(tailStart))) {
    tailStart++;
  }
  return `${name.slice(0, headEnd)}…${name.slice(tailStart)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
