import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

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

/**
 * `schedule(value)` calls the latest `callback` with `value` in a task after the next frame is painted (an animation
 * frame, then a task); a new call replaces one still waiting, `cancel()` drops it, and so does unmounting.
 */
export function useCallAfterPaint<T>(callback: (value: T) => void): { schedule(value: T): void; cancel(): void } {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  const pending = useRef<{ frame: number; timer: ReturnType<typeof setTimeout> | undefined }>({
    frame: 0,
    timer: undefined,
  });
  return useMemo(() => {
    const cancel = () => {
      cancelAnimationFrame(pending.current.frame);
      clearTimeout(pending.current.timer);
    };
    const schedule = (value: T) => {
      cancel();
      pending.current.frame = requestAnimationFrame(() => {
        pending.current.timer = setTimeout(() => latest.current(value), 0);
      });
    };
    return { schedule, cancel };
  }, []);
}
