import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

import { panBy, wheelFactor, zoomAt, type ViewTransform } from '../graph/viewTransform';

/** The hovered (or keyboard-focused) node and where to show its tooltip, client css px. */
export interface GraphHover {
  index: number;
  x: number;
  y: number;
}

/** A press that moves less than this (css px) is a click, not a drag. */
const CLICK_SLOP_PX = 4;

function nodeIndexOf(target: EventTarget | null): number | undefined {
  const el = target instanceof Element ? target.closest('[data-node]') : null;
  const value = el?.getAttribute('data-node');
  return value === null || value === undefined ? undefined : Number(value);
}

/**
 * The call graph's interaction, on its SVG element by delegation (nodes carry `data-node`):
 * - drag anywhere pans; the wheel zooms about the pointer; `zoomBy` zooms about the centre (buttons, + and − keys);
 * - hovering a node, or focusing it with Tab, shows its tooltip;
 * - a click on a node (a press that did not drag), or Enter / Space on a focused node, calls `onActivate` with its
 *   name id.
 */
export function useGraphPointer(
  svgRef: RefObject<SVGSVGElement | null>,
  setTransform: (update: (t: ViewTransform) => ViewTransform) => void,
  nameIdOf: (index: number) => number | undefined,
  onActivate: (nameId: number) => void,
  widthPx: number,
  heightPx: number
): { hover: GraphHover | undefined; zoomBy: (factor: number) => void } {
  const [hover, setHover] = useState<GraphHover | undefined>(undefined);
  const drag = useRef<{ x: number; y: number; moved: boolean } | undefined>(undefined);
  const latest = useRef({ nameIdOf, onActivate });
  useEffect(() => {
    latest.current = { nameIdOf, onActivate };
  });

  const zoomBy = useCallback(
    (factor: number) => setTransform((t) => zoomAt(t, factor, widthPx / 2, heightPx / 2)),
    [setTransform, widthPx, heightPx]
  );

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) {
      return;
    }
    const activate = (index: number | undefined) => {
      const nameId = index === undefined ? undefined : latest.current.nameIdOf(index);
      if (nameId !== undefined) {
        latest.current.onActivate(nameId);
      }
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      setTransform((t) => zoomAt(t, wheelFactor(e.deltaY), e.clientX - box.left, e.clientY - box.top));
    };
    const onMove = (e: PointerEvent) => {
      const d = drag.current;
      if (!d) {
        return;
      }
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.hypot(dx, dy) < CLICK_SLOP_PX) {
        return;
      }
      d.moved = true;
      d.x = e.clientX;
      d.y = e.clientY;
      setHover(undefined);
      setTransform((t) => panBy(t, dx, dy));
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      // The click that follows this release reads `moved`; the next press starts afresh.
      setTimeout(() => (drag.current = undefined), 0);
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) {
        return;
      }
      drag.current = { x: e.clientX, y: e.clientY, moved: false };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
    };
    const onClick = (e: MouseEvent) => {
      if (drag.current?.moved) {
        return;
      }
      activate(nodeIndexOf(e.target));
    };
    const onHover = (e: MouseEvent) => {
      if (drag.current?.moved) {
        return;
      }
      const index = nodeIndexOf(e.target);
      setHover(index === undefined ? undefined : { index, x: e.clientX, y: e.clientY });
    };
    const onLeave = () => setHover(undefined);
    const onFocus = (e: FocusEvent) => {
      const index = nodeIndexOf(e.target);
      if (index !== undefined && e.target instanceof Element) {
        const box = e.target.getBoundingClientRect();
        setHover({ index, x: box.right, y: box.bottom });
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        const index = nodeIndexOf(e.target);
        if (index !== undefined) {
          e.preventDefault();
          activate(index);
        }
      } else if (e.key === '+' || e.key === '=') {
        setTransform((t) => zoomAt(t, 1.25, svg.clientWidth / 2, svg.clientHeight / 2));
      } else if (e.key === '-') {
        setTransform((t) => zoomAt(t, 0.8, svg.clientWidth / 2, svg.clientHeight / 2));
      }
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    svg.addEventListener('pointerdown', onDown);
    svg.addEventListener('click', onClick);
    svg.addEventListener('mousemove', onHover);
    svg.addEventListener('mouseleave', onLeave);
    svg.addEventListener('focusin', onFocus);
    svg.addEventListener('focusout', onLeave);
    svg.addEventListener('keydown', onKey);
    return () => {
      svg.removeEventListener('wheel', onWheel);
      svg.removeEventListener('pointerdown', onDown);
      svg.removeEventListener('click', onClick);
      svg.removeEventListener('mousemove', onHover);
      svg.removeEventListener('mouseleave', onLeave);
      svg.removeEventListener('focusin', onFocus);
      svg.removeEventListener('focusout', onLeave);
      svg.removeEventListener('keydown', onKey);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
  }, [svgRef, setTransform]);

  return { hover, zoomBy };
}
