/**
 * The dashboard's time controls, as in Grafana: @grafana/ui's TimeRangePicker (quick ranges, absolute range, zoom
 * out, shift back and forward, time zone) and RefreshPicker (refresh now, auto-refresh interval or off).
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, TimeRange } from '@grafana/data';
import { RefreshPicker, TimeRangePicker, useStyles2 } from '@grafana/ui';

import type { DashboardSession, SessionState } from './DashboardSession';

/** Grafana's default auto-refresh choices. */
export const DEFAULT_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

export interface DashboardToolbarProps {
  session: DashboardSession;
  state: SessionState;
}

export function DashboardToolbar({ session, state }: DashboardToolbarProps) {
  const styles = useStyles2(getStyles);
  const timepicker = (state.dashboard.timepicker ?? {}) as { refresh_intervals?: string[]; hidden?: boolean };
  if (timepicker.hidden) {
    return null;
  }
  return (
    <div className={styles.toolbar} data-testid="dashboard-toolbar">
      <TimeRangePicker
        value={state.timeRange}
        timeZone={state.timeZone}
        fiscalYearStartMonth={state.dashboard.fiscalYearStartMonth}
        onChange={(range: TimeRange) => session.setTimeRange(range.raw)}
        onChangeTimeZone={(timeZone) => session.setTimeZone(timeZone)}
        onMoveBackward={() => session.shift(-1)}
        onMoveForward={() => session.shift(1)}
        onZoom={() => session.zoomOut()}
      />
      <RefreshPicker
        intervals={timepicker.refresh_intervals ?? DEFAULT_REFRESH_INTERVALS}
        value={state.refresh}
        onRefresh={() => session.refresh()}
        onIntervalChanged={(interval) => session.setRefresh(interval)}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center' }),
});
