import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';

import { FlameGraphView } from './components/FlameGraphView';
import { Header } from './components/Header';
import { Timeline } from './components/Timeline';
import { DEFAULT_OPTIONS, type FlameGraphOptions } from './options';
import { readPanelInput } from './panelData';
import { DEFAULT_FOCUS_VARIABLE, readFrameMeta } from '../model/contract';

/**
 * Returns the dashboard to its own range: empties the focus variable through the URL (`var-focus=`), which Grafana's
 * dashboard syncs into the variable. Emptied rather than removed: a variable keeps its value when its URL key is
 * missing.
 */
function clearFocus(variable: string): void {
  locationService.partial({ [`var-${variable}`]: '' });
}

const HEADER_PX = 26;
const TIMELINE_PX = 48;

/**
 * The flame graph panel's React shell: reads the query result through the shared model, says what is shown, and
 * hands the profile to the interactive view. Bad or missing data is a message, never a blank panel.
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
  const showTimeline = opts.showTimeline && input.series !== undefined;
  const focusVariable = useMemo(() => {
    const meta = readFrameMeta(input.frame?.meta?.custom);
    return meta.focusMs !== undefined ? (meta.focusVariable ?? DEFAULT_FOCUS_VARIABLE) : undefined;
  }, [input.frame]);
  const viewHeight = height - HEADER_PX - (showTimeline ? TIMELINE_PX : 0);
  return (
    <div className={styles.root} style={{ width, height }} data-testid="flamelens-panel">
      {input.frame && (
        <Header
          meta={input.frame.meta?.custom}
          profile={input.profile}
          timeZone={timeZone}
          onShowDashboardRange={focusVariable ? () => clearFocus(focusVariable) : undefined}
        />
      )}
      {showTimeline && input.series && (
        <Timeline
          timesMs={input.series.timesMs}
          values={input.series.values}
          unit={input.series.unit}
          widthPx={width}
          heightPx={TIMELINE_PX - 8}
          fromMs={data.timeRange.from.valueOf()}
          toMs={data.timeRange.to.valueOf()}
          timeZone={timeZone}
          onSelectRange={(fromMs, toMs) => onChangeTimeRange({ from: fromMs, to: toMs })}
        />
      )}
      {input.profile && input.frame ? (
        <FlameGraphView
          profile={input.profile}
          frame={input.frame}
          options={opts}
          widthPx={width}
          heightPx={viewHeight}
        />
      ) : (
        <Alert severity="info" title="Nothing to show" data-testid="flamelens-problem">
          {input.problem}
        </Alert>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), overflow: 'hidden' }),
});
