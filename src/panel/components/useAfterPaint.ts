import { useEffect, useState } from 'react';

/**
 * `value`, but updated only after the browser has painted the frame in which it changed. React's deferred values
 * may still render before that paint when the frame has time left; this hook waits for the next animation frame
 * and then a task, so an urgent change (the canvas following a focus click) reaches the screen first.
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    };
  }, [value, shown]);
  return shown;
}
