import { useEffect, useMemo, useState } from 'react';
import type { DataFrame } from '@grafana/data';

import type { Steps } from '../model/steps';
import { flameGraphRows, readPanelInput, readPanelInputSteps, type PanelInput } from './panelData';
import { buildFlameIndexSteps } from './render/flameIndex';
import { sliceTasks } from './sliceTasks';

/**
 * Frames with at least this many rows are read in slices. Reading a 200,000-row frame and building its flame index
 * costs about 40–60 ms on a slow machine, so smaller frames stay under the 100 ms a task may take (with the first
 * draw) and are read at once, without the extra tasks' latency; a million rows would cost 200–300 ms in one task.
 */
export const SLICED_READ_MIN_ROWS = 200_000;
/**
 * Work per task while reading in slices. A step (one column of a million rows, one pass of the flame index) takes
 * 10–60 ms; a budget this small gives most steps a task of their own, since the step that crosses it ends the task.
 */
export const SLICE_BUDGET_MS = 8;

/**
 * Reads the query result into the panel's input. Small frames are read during render, as before. A large frame is
 * read in slices (one pass over its rows per task), and the flame graph's index is built the same way (both are
 * cached per profile, so the view finds them ready), so no task of the first paint blocks the dashboard for long;
 * until the read is done this returns undefined (the panel keeps its last picture or placeholder meanwhile). A newer
 * result cancels a read still running.
 */
export function usePanelInput(series: DataFrame[]): PanelInput | undefined {
  const sliced = useMemo(() => flameGraphRows(series) >= SLICED_READ_MIN_ROWS, [series]);
  const direct = useMemo(() => (sliced ? undefined : readPanelInput(series)), [series, sliced]);
  const [read, setRead] = useState<{ series: DataFrame[]; input: PanelInput } | undefined>(undefined);
  useEffect(() => {
    if (!sliced) {
      return undefined;
    }
    const job = sliceTasks(
      prepareInput(series),
      (result) =>
        setRead({
          series,
          input: result.ok
            ? result.value
            : {
                problem: `Cannot read the flame graph: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
              },
        }),
      // The first step (reading the levels: 30-45 ms at 1M rows) runs in a task of its own, not in React's commit.
      { budgetMs: SLICE_BUDGET_MS, firstSlice: 'posted' }
    );
    return () => job.cancel();
  }, [series, sliced]);
  if (!sliced) {
    return direct;
  }
  return read?.series === series ? read.input : undefined;
}

/** The frame read into the model, then the indexes the first draw needs, one step each. */
function* prepareInput(series: DataFrame[]): Steps<PanelInput> {
  const input = yield* readPanelInputSteps(series);
  if (input.profile) {
    yield;
    yield* buildFlameIndexSteps(input.profile);
  }
  return input;
}
