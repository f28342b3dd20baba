/**
 * The dashboard's panels at their grid positions (absolute, 24 columns, 30 px rows, 8 px gaps); the page scrolls.
 * Tells the page when every panel has its first result, for `flamelensHost.ready`.
 */
import React, { useCallback, useEffect, useMemo, useRef } from 'react';
import { css } from '@emotion/css';
import { LoadingState, type GrafanaTheme2, type PanelData } from '@grafana/data';
import type { Panel, RowPanel } from '@grafana/schema';
import { Icon, useStyles2 } from '@grafana/ui';

import { useElementWidth } from '../useElementWidth';
import { useDashboardContext } from './DashboardContext';
import { layoutDashboard } from './gridLayout';
import { PanelView } from './PanelView';
import { updatePanel } from './store';

export interface DashboardGridProps {
  /** Called once, when every panel has received its first result (done or failed). */
  onFirstResults?: () => void;
}

export function DashboardGrid({ onFirstResults }: DashboardGridProps) {
  const styles = useStyles2(getStyles);
  const dashboardContext = useDashboardContext();
  if (!dashboardContext) {
    throw new Error('DashboardGrid must be rendered inside a dashboard');
  }
  const { state } = dashboardContext;
  const { dashboard, timeRange } = state;
  const uid = dashboard.uid ?? '';
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const layout = useMemo(() => layoutDashboard(dashboard, width), [dashboard, width]);

  const panelIds = useMemo(() => layout.items.filter((i) => !i.isRow).map((i) => i.panel.id ?? -1), [layout]);
  const answered = useRef(new Set<number>());
  const reported = useRef(false);
  const checkAllAnswered = useCallback(() => {
    if (!reported.current && panelIds.every((id) => answered.current.has(id))) {
      reported.current = true;
      onFirstResults?.();
    }
  }, [panelIds, onFirstResults]);
  useEffect(() => {
    if (width > 0) {
      checkAllAnswered();
    }
  }, [width, checkAllAnswered]);
  const onData = useCallback(
    (panelId: number, data: PanelData) => {
      if (data.state === LoadingState.Done || data.state === LoadingState.Error) {
        answered.current.add(panelId);
        checkAllAnswered();
      }
    },
    [checkAllAnswered]
  );

  return (
    <div ref={ref} className={styles.grid} style={{ height: layout.heightPx }} data-testid="dashboard-grid">
      {width > 0 &&
        layout.items.map((item) => {
          const key = `${item.isRow ? 'row' : 'panel'}-${item.panel.id ?? item.topPx}`;
          const position = { left: item.leftPx, top: item.topPx, width: item.widthPx, height: item.heightPx };
          if (item.isRow) {
            const row = item.panel as RowPanel;
            return (
              <div key={key} className={styles.row} style={position} data-testid="dashboard-row">
                <Icon name={row.collapsed ? 'angle-right' : 'angle-down'} />
                <span>{row.title}</span>
                {row.collapsed && row.panels.length > 0 && (
                  <span className={styles.rowCount}>({row.panels.length} panels, collapsed)</span>
                )}
              </div>
            );
          }
          const panel = item.panel as Panel;
          const id = panel.id ?? -1;
          return (
            <div key={key} className={styles.cell} style={position}>
              <PanelView
                panel={panel}
                dashboardUid={uid}
                timeRange={timeRange}
                width={item.widthPx}
                height={item.heightPx}
                onData={(data) => onData(id, data)}
                onOptionsChange={(options) => updatePanel(uid, { ...panel, options })}
              />
            </div>
          );
        })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ position: 'relative', width: '100%' }),
  cell: css({ position: 'absolute' }),
  row: css({
    position: 'absolute',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  rowCount: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
