import { useEffect, useRef, useState } from 'react';

import { cachedLookup, cachedValue, errorMessage, type Lookup } from './lookups';

/** Wait this long after the inputs last changed before asking the server (typing a selector changes them often). */
export const LOOKUP_DEBOUNCE_MS = 300;

export interface LookupState<T> {
  data?: T;
  loading: boolean;
  error?: string;
}

interface Answer<T> {
  key: string;
  data?: T;
  error?: string;
}

/**
 * Loads `lookup` when its key changes: debounced, cached per key, and only the answer for the current key is shown
 * (an answer for a key that is no longer current is dropped, so a slow response never replaces a newer one).
 */
export function useLookup<T>(lookup: Lookup<T>): LookupState<T> {
  const { key } = lookup;
  // The key names everything the load depends on; the ref only saves restarting the effect for a new closure.
  const loadRef = useRef(lookup.load);
  useEffect(() => {
    loadRef.current = lookup.load;
  });
  const [answer, setAnswer] = useState<Answer<T> | undefined>(undefined);

  useEffect(() => {
    if (key === undefined) {
      return;
    }
    let current = true;
    // A cached answer renders at once (below); the zero-delay pass only re-renders if it settled meanwhile.
    const delay = cachedValue(key) ? 0 : LOOKUP_DEBOUNCE_MS;
    const timer = setTimeout(() => {
      cachedLookup(key, () => loadRef.current()).then(
        (data) => current && setAnswer({ key, data }),
        (err: unknown) => current && setAnswer({ key, error: errorMessage(err) })
      );
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  if (key === undefined) {
    return { loading: false };
  }
  const cached = cachedValue<T>(key);
  if (cached) {
    return { data: cached.value, loading: false };
  }
  if (answer?.key === key) {
    return { data: answer.data, error: answer.error, loading: false };
  }
  return { loading: true };
}
