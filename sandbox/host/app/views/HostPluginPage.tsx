/**
 * What `PluginPage` (@grafana/runtime) renders in the host, as Grafana core's `setPluginPage` makes it render its own
 * `Page`: the page's title and subtitle from `pageNav`, actions beside the title, and the content in Grafana's page
 * frame — the primary background (or the canvas, `background: 'canvas'`), 16 px of padding, 32 px from the `md` breakpoint up. `PageLayoutType.Custom` gives
 * the plugin the bare area, as in Grafana. Without it, @grafana/runtime's fallback is a bare `<div>` and an app page
 * touches the window's edge.
 */
import React from 'react';
import { css, cx } from '@emotion/css';
import { PageLayoutType, type GrafanaTheme2 } from '@grafana/data';
import type { PluginPageProps } from '@grafana/runtime';
import { Stack, Text, useStyles2 } from '@grafana/ui';

export function HostPluginPage(props: PluginPageProps) {
  const { children, pageNav, subTitle, actions, layout, background, renderTitle } = props;
  const styles = useStyles2(getStyles);
  if (layout === PageLayoutType.Custom) {
    return <>{children}</>;
  }
  const title = pageNav?.text;
  const sub = subTitle ?? pageNav?.subTitle;
  return (
    <div className={cx(styles.inner, background === 'canvas' && styles.canvas)} data-testid="host-plugin-page">
      {(title || actions) && (
        <Stack justifyContent="space-between" alignItems="flex-start" wrap="wrap">
          <Stack direction="column" gap={1}>
            {title && (renderTitle ? renderTitle(title) : <Text element="h1">{title}</Text>)}
            {sub && <Text color="secondary">{sub}</Text>}
          </Stack>
          {actions}
        </Stack>
      )}
      <div className={styles.content}>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  inner: css({
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    background: theme.colors.background.primary,
    [theme.breakpoints.up('md')]: { padding: theme.spacing(4) },
  }),
  canvas: css({ background: theme.colors.background.canvas }),
  content: css({ flexGrow: 1 }),
});
