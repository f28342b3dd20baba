import { useEffect, useState } from 'react';
import type { TimeRange } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { timeRangeFromUrl } from '../dashboard/timeRange';

/** The part of the URL the time range depends on. */
function rangeKey(): string {
  const search = locationService.getSearch();
  return `${search.get('from')}|${search.get('to')}|${search.get('timezone')}`;
}

/**
 * The URL's time range (`from`, `to`), re-read when they change (the preview's time selection, back/forward) and when
 * `context` changes (e.g. once the dashboard, whose default range applies without `from`/`to`, has loaded). The same
 * object otherwise, so queries do not re-run on unrelated URL changes.
 */
export function useUrlTimeRange(context = ''): TimeRange {
  const [state, setState] = useState(() => ({ key: rangeKey(), context, range: timeRangeFromUrl() }));
  useEffect(() => {
    const subscription = locationService.getLocationObservable().subscribe(() => {
      const key = rangeKey();
      setState((s) => (s.key === key ? s : { key, context: s.context, range: timeRangeFromUrl() }));
    });
    return () => subscription.unsubscribe();
  }, []);
  if (state.context !== context) {
    // Derived state (React's recommended form of "reset when a prop changes"), not an effect.
    const next = { key: rangeKey(), context, range: timeRangeFromUrl() };
    setState(next);
    return next.range;
  }
  return state.range;
}
