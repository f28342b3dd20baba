import { useEffect, useMemo, useRef, useState } from 'react';

import type { Profile } from '../../model/profile';
import { topTable, topTableSteps, type TopTable } from '../../model/transforms/topTable';
import { postTask, sliceTasks, type SliceJob } from '../sliceTasks';

/** Work per task while the table's numbers are computed after the first paint (see sliceTasks). */
const TABLE_SLICE_BUDGET_MS = 8;

/** What `useDeferredTable` tells the view. */
export interface DeferredTable {
  /** The table's numbers are ready: the controls may mount. */
  ready: boolean;
  /** The table's rows may mount (the task after the controls). */
  mounted: boolean;
  /** The profile's table, once ready. */
  table?: TopTable;
}

/**
 * The controls and the table mount once the flame graph has painted (their rows keep their space meanwhile): the
 * graph is what a user waits for, and mounting Grafana UI controls costs more than drawing it. The table's numbers
 * are computed before that, in short tasks of their own after two animation frames (cached per profile by the
 * model), and its rows mount in the task after the controls: each of the two is a few tens of ms at 1M nodes.
 */
export function useDeferredTable(profile: Profile): DeferredTable {
  const [ready, setReady] = useState(false);
  const firstProfile = useRef(profile);
  useEffect(() => {
    let second = 0;
    let job: SliceJob | undefined;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        job = sliceTasks(topTableSteps(firstProfile.current), () => setReady(true), {
          budgetMs: TABLE_SLICE_BUDGET_MS,
        });
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
      job?.cancel();
    };
  }, []);
  const [mounted, setMounted] = useState(false);
  useEffect(() => (ready ? postTask(() => setMounted(true)) : undefined), [ready]);
  const table = useMemo(() => (ready ? topTable(profile) : undefined), [profile, ready]);
  return { ready, mounted, table };
}
