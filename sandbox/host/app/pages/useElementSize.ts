import { useLayoutEffect, useState } from 'react';

/** A size in CSS pixels. */
export interface SizePx {
  widthPx: number;
  heightPx: number;
}

/**
 * The size of an element, kept current with a ResizeObserver. Pass the returned callback as the element's `ref`
 * (a callback, so an element that appears after the first render is measured too). Without a ResizeObserver
 * (jsdom) it is measured once; an element with no layout (0 × 0) reports `fallback`, so panels still get a size.
 */
export function useElementSize<T extends HTMLElement>(fallback: SizePx): [(el: T | null) => void, SizePx] {
  const [element, setElement] = useState<T | null>(null);
  const [size, setSize] = useState<SizePx>(fallback);
  const { widthPx: fallbackWidth, heightPx: fallbackHeight } = fallback;
  useLayoutEffect(() => {
    if (!element) {
      return;
    }
    const measure = () => {
      const rect = element.getBoundingClientRect();
      const widthPx = Math.floor(rect.width) || fallbackWidth;
      const heightPx = Math.floor(rect.height) || fallbackHeight;
      setSize((s) => (s.widthPx === widthPx && s.heightPx === heightPx ? s : { widthPx, heightPx }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, fallbackWidth, fallbackHeight]);
  return [setElement, size];
}
