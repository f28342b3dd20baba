/** The sandbox's top bar: what this page is, and links to the dashboard, the data sources and the app. */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';

export interface TopBarProps {
  homeDashboardUid?: string;
  appId: string;
}

export function TopBar({ homeDashboardUid, appId }: TopBarProps) {
  const styles = useStyles2(getStyles);
  return (
    <nav className={styles.bar} aria-label="Sandbox">
      <strong className={styles.brand}>Flamelens sandbox</strong>
      {homeDashboardUid && (
        <TextLink href={`/d/${encodeURIComponent(homeDashboardUid)}`} inline={false}>
          Dashboard
        </TextLink>
      )}
      <TextLink href="/connections/datasources" inline={false}>
        Data sources
      </TextLink>
      <TextLink href={`/a/${appId}`} inline={false}>
        App
      </TextLink>
      <span className={styles.note}>Emulates Grafana for Flamelens&apos; tests and demo; not a Grafana server.</span>
    </nav>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
  }),
  brand: css({ marginRight: theme.spacing(1) }),
  note: css({ marginLeft: 'auto', color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
