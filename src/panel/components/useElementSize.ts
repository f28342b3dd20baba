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
 *
 * Nothing is measured while React commits: the observer's first report comes in the browser's next rendering step,
 * after its own layout, so mounting costs no forced layout and no second render before the first paint (the caller
 * shows an estimate until then; a panel's first paint of a 100k-node profile waited ~5–10 ms for both).
 */
export function useElementSize<T extends HTMLElement>(): [(el: T | null) => void, ElementSize] {
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0 });
  const latest = useRef(size);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = undefined;
    if (!el || typeof ResizeObserver === 'undefined') {
      return;
    }
    const update = (entry: ResizeObserverEntry) => {
      const box = entry.borderBoxSize?.[0];
      // The border box, as getBoundingClientRect gives it (older engines report only the content rect).
      const width = box ? box.inlineSize : entry.target.getBoundingClientRect().width;
      const height = box ? box.blockSize : entry.target.getBoundingClientRect().height;
      const next = { width: Math.ceil(width), height: Math.ceil(height) };
      if (next.width !== latest.current.width || next.height !== latest.current.height) {
        latest.current = next;
        setSize(next);
      }
    };
    const ro = new ResizeObserver((entries) => entries.forEach(update));
    ro.observe(el);
    observer.current = ro;
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, size];
}
