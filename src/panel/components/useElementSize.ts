import { useCallback, useEffect, useRef, useState } from 'react';

/** An element's border-box size in css px, rounded up; 0×0 until it is measured (and in jsdom, which has no layout). */
export interface ElementSize {
  width: number;
  height: number;
}

/**
 * Follows the size of the element given to the returned callback ref, with a ResizeObserver: what a layout that
 * depends on wrapped or ellipsized content (toolbar rows, header parts, table columns) needs to know. Re-renders only
 * when the rounded size changes.
 */
export function useElementSize<T extends HTMLElement>(): [(el: T | null) => void, ElementSize] {
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0 });
  const [element, setElement] = useState<T | null>(null);
  const ref = useCallback((el: T | null) => setElement(el), []);
  const latest = useRef(size);
  useEffect(() => {
    latest.current = size;
  });
  useEffect(() => {
    if (!element) {
      return;
    }
    const update = () => {
      const box = element.getBoundingClientRect();
      const next = { width: Math.ceil(box.width), height: Math.ceil(box.height) };
      if (next.width !== latest.current.width || next.height !== latest.current.height) {
        latest.current = next;
        setSize(next);
      }
    };
    update();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [ref, size];
}
