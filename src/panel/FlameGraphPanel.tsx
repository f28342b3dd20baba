import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { FlameGraphView } from './components/FlameGraphView';
import { HEADER_HEIGHT_PX, Header } from './components/Header';
import { Timeline } from './components/Timeline';
import { DEFAULT_OPTIONS, type FlameGraphOptions } from './options';
import { choosePanelBody, isSettled, nextLastPicture, readPanelInput, type PanelInput } from './panelData';
import { readFrameMeta } from './components/frameMeta';

/** The variable a focus moment comes from when the frame does not say. */
const DEFAULT_FOCUS_VARIABLE = 'focus';

/**
 * Returns the dashboard to its own range: empties the focus variable through the URL (`var-focus=`), which Grafana's
 * dashboard syncs into the variable. Emptied rather than removed: a variable keeps its value when its URL key is
 * missing.
 */
function clearFocus(variable: string): void {
  locationService.partial({ [`var-${variable}`]: '' });
}

/** The header and the gap below it. */
const HEADER_PX = HEADER_HEIGHT_PX + 4;
const TIMELINE_PX = 48;

/**
 * The flame graph panel's React shell: reads the query result through the shared model, says what is shown, and
 * hands the profile to the interactive view. Bad or missing data is a message, never a blank panel; a query still
 * running keeps the last picture (or a neutral placeholder on the first load), never a "No data".
 */
export function FlameGraphPanel({
  data,
  width,
  height,
  options,
  timeZone,
  onChangeTimeRange,
}: PanelProps<FlameGraphOptions>) {
  const styles = useStyles2(getStyles);
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const input = useMemo(() => readPanelInput(data.series), [data.series]);
  // The last drawable answer, shown while the next one is on its way (state adjusted during render, as React advises
  // for state derived from props).
  const [last, setLast] = useState<PanelInput | undefined>(undefined);
  const keep = nextLastPicture(input, data.state, last);
  if (keep !== last) {
    setLast(keep);
  }
  const body = choosePanelBody(input, data, keep);
  const shown = body.kind === 'loading' ? undefined : body.input;
  const showTimeline = opts.showTimeline && shown?.series !== undefined;
  const focusVariable = useMemo(() => {
    const meta = readFrameMeta(shown?.frame?.meta?.custom);
    return meta.focusMs !== undefined ? (meta.focusVariable ?? DEFAULT_FOCUS_VARIABLE) : undefined;
  }, [shown?.frame]);
  const viewHeight = height - HEADER_PX - (showTimeline ? TIMELINE_PX : 0);
  return (
    <div
      className={styles.root}
      style={{ width, height }}
      data-testid="flamelens-panel"
      aria-busy={!isSettled(data.state)}
    >
      {shown?.frame && (
        <Header
          meta={shown.frame.meta?.custom}
          profile={shown.profile}
          timeZone={timeZone}
          onShowDashboardRange={focusVariable ? () => clearFocus(focusVariable) : undefined}
        />
      )}
      {showTimeline && shown?.series && (
        <Timeline
          timesMs={shown.series.timesMs}
          values={shown.series.values}
          unit={shown.series.unit}
          widthPx={width}
          heightPx={TIMELINE_PX - 8}
          fromMs={data.timeRange.from.valueOf()}
          toMs={data.timeRange.to.valueOf()}
          timeZone={timeZone}
          onSelectRange={(fromMs, toMs) => onChangeTimeRange({ from: fromMs, to: toMs })}
        />
      )}
      {body.kind === 'picture' && body.input.profile && body.input.frame ? (
        <FlameGraphView
          profile={body.input.profile}
          frame={body.input.frame}
          options={opts}
          widthPx={width}
          heightPx={viewHeight}
        />
      ) : body.kind === 'problem' ? (
        <Alert severity={body.severity} title={body.title} data-testid="flamelens-problem">
          {body.text}
        </Alert>
      ) : (
        <div className={styles.loading} data-testid="flamelens-loading">
          <LoadingPlaceholder text="Loading profile…" />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), overflow: 'hidden' }),
  loading: css({
    flex: 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: theme.colors.text.secondary,
  }),
});
