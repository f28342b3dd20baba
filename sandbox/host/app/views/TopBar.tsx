/**
 * The sandbox's top bar: what this page is, which Grafana line and React it emulates (the host is built once per
 * line; tests read this to know the right one loaded), and links to the dashboard, the data sources and the app.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { config } from '@grafana/runtime';
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
      <span className={styles.line} data-testid="host-grafana-line">
        {emulatedLine()}
      </span>
      <span className={styles.note}>Emulates Grafana for Flamelens&apos; tests and demo; not a Grafana server.</span>
    </nav>
  );
}

/**
 * "Grafana 13.2 · React 19.2.9": the line from the version in boot data, React's version as loaded (the bundle's own
 * copy, which plugins share), so a host built with the wrong packages shows it.
 */
function emulatedLine(): string {
  const line = /^\d+\.\d+/.exec(config.buildInfo.version)?.[0] ?? config.buildInfo.version;
  return `Grafana ${line} · React ${React.version}`;
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
  line: css({ marginLeft: 'auto', color: theme.colors.text.primary, fontSize: theme.typography.bodySmall.fontSize }),
  note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
