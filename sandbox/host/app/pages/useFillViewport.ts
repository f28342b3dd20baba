import { useLayoutEffect, useState } from 'react';

/**
 * A style that makes an element fill the viewport below its top edge (under the host's top bar, whatever its
 * height), so the editor's panes scroll inside it instead of the page. Pass the callback as the element's `ref`.
 */
export function useFillViewport<T extends HTMLElement>(): [(el: T | null) => void, { height: string }] {
  const [element, setElement] = useState<T | null>(null);
  const [topPx, setTopPx] = useState(0);
  useLayoutEffect(() => {
    if (!element) {
      return;
    }
    const measure = () => setTopPx(Math.max(0, Math.round(element.getBoundingClientRect().top + window.scrollY)));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [element]);
  return [setElement, { height: `calc(100vh - ${topPx}px)` }];
}
