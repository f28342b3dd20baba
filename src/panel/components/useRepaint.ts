import { useLayoutEffect, useRef, type MutableRefObject } from 'react';

/** What the canvas shows: the focus it was painted with, and the inputs of the last repaint check. */
export interface PaintedState {
  focus: number;
  deps: readonly unknown[];
}

/**
 * Repaints (in a layout effect, so before the browser paints the frame React is rendering) when any of `deps`
 * changed or the canvas shows another focus than the one to show: `aheadRef` (a click drawn before the view's
 * state followed) or else `focusNode`. The view's focus catching up with the focus already drawn ahead repaints
 * nothing. `paintNow` must record the focus it painted in `paintedRef.current.focus`.
 */
export function useRepaint(
  paintNow: () => void,
  paintedRef: MutableRefObject<PaintedState>,
  aheadRef: MutableRefObject<number | undefined>,
  focusNode: number,
  deps: readonly unknown[]
): void {
  const renderedFocus = useRef(focusNode);
  useLayoutEffect(() => {
    // The view's focus moved (to the one drawn ahead, or elsewhere: breadcrumb, reset): it is the focus again.
    if (renderedFocus.current !== focusNode) {
      renderedFocus.current = focusNode;
      aheadRef.current = undefined;
    }
    const before = paintedRef.current;
    paintedRef.current = { focus: before.focus, deps };
    const unchanged = deps.length === before.deps.length && deps.every((d, i) => Object.is(d, before.deps[i]));
    if (!unchanged || before.focus !== (aheadRef.current ?? focusNode)) {
      paintNow();
    }
    // deps is the dependency list, spread.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paintNow, focusNode, ...deps]);
}
