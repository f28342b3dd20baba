/** The dashboard page: title and time controls, the variables bar, then the panels on their grid. */
import React, { useEffect } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { AnnotationToggles } from './annotationsToggles';
import { useDashboardContext } from './DashboardContext';
import { DashboardGrid } from './DashboardGrid';
import { DashboardToolbar } from './DashboardToolbar';
import { VariablesBar } from './VariablesBar';

export interface DashboardPageProps {
  onFirstResults?: () => void;
}

export function DashboardPage({ onFirstResults }: DashboardPageProps) {
  const styles = useStyles2(getStyles);
  const context = useDashboardContext();
  const title = context?.state.dashboard.title ?? '';
  useEffect(() => {
    document.title = `${title} - Flamelens sandbox`;
  }, [title]);
  if (!context) {
    return null;
  }
  const { session, state } = context;
  return (
    <div className={styles.page} data-testid="dashboard-page">
      <div className={styles.header}>
        <h1 className={styles.title}>{title}</h1>
        <DashboardToolbar session={session} state={state} />
      </div>
      <VariablesBar states={state.variables} variables={session.variables}>
        <AnnotationToggles annotations={session.annotations} />
      </VariablesBar>
      <DashboardGrid onFirstResults={onFirstResults} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2) }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1.5),
    flexWrap: 'wrap',
  }),
  title: css({ fontSize: theme.typography.h3.fontSize, margin: 0 }),
});
