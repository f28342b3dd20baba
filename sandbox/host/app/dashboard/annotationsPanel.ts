/**
 * Dashboard annotations for one panel, as Grafana hands them over: the frames of the dashboard's annotation
 * queries, filtered for the panel (annotationsFilter.ts), appended to the panel's own `PanelData.annotations`.
 * New annotation results re-render the panel without re-running its queries.
 */
import { useEffect, useMemo, useState } from 'react';
import { distinctUntilChanged, map } from 'rxjs';
import type { DataFrame, PanelData } from '@grafana/data';

import { useDashboardContext } from './DashboardContext';
import { annotationsForPanel } from './annotationsFilter';
import { annotationFrames } from './annotationsLayer';

const NO_FRAMES: DataFrame[] = [];

/** The dashboard annotation frames shown on panel `panelId` (none outside a dashboard). */
export function usePanelAnnotations(panelId: number | undefined): DataFrame[] {
  const annotations = useDashboardContext()?.session.annotations;
  const [frames, setFrames] = useState<DataFrame[]>(NO_FRAMES);
  useEffect(() => {
    if (!annotations) {
      return undefined;
    }
    const subscription = annotations.state$
      .pipe(
        map(annotationFrames),
        // Loading flags and errors change the states, not the frames: the panel only re-renders for new frames.
        distinctUntilChanged((a, b) => a.length === b.length && a.every((frame, i) => frame === b[i]))
      )
      .subscribe(setFrames);
    return () => subscription.unsubscribe();
  }, [annotations]);
  const shown = annotations ? frames : NO_FRAMES;
  return useMemo(() => (shown.length > 0 ? annotationsForPanel(shown, panelId) : NO_FRAMES), [shown, panelId]);
}

/** The panel's data with the dashboard annotations after its own ones. */
export function withDashboardAnnotations(data: PanelData | undefined, frames: DataFrame[]): PanelData | undefined {
  if (!data || frames.length === 0) {
    return data;
  }
  return { ...data, annotations: [...(data.annotations ?? []), ...frames] };
}
