import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, locationUtil } from '@grafana/data';
import { LinkButton, Stack, Text, TextLink, useStyles2 } from '@grafana/ui';

import { DATASOURCE_ID, PANEL_ID } from '../constants';

/**
 * Grafana's "Add data source" page (`ROUTES.DataSourcesNew` of its connections feature, 12.4 to 13.2): it lists every
 * datasource plugin Grafana loaded, ours included (under "Profiling"), and a click on one creates it and opens its
 * settings. The plugin's catalog page (`/connections/datasources/<id>`) is not a safe way in: Grafana's catalog has
 * listed local plugins with `embedded=0`, which leaves out a datasource nested in an app ("Unknown datasource").
 */
export const ADD_DATASOURCE_PATH = '/connections/datasources/new';

/** What the Flamelens package contains and how to start; shown on the app's root and configuration pages. */
export function Overview() {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.root} data-testid="flamelens-overview">
      <Stack direction="column" gap={2}>
        <Text element="h2">Flamelens: profiles beside your metrics</Text>
        <Text element="p">
          Flamelens puts continuous-profiling flame graphs next to your metrics, so that a CPU spike or an alert on any
          panel can be followed to the code that caused it. This app package installs two plugins:
        </Text>
        <ul className={styles.list}>
          <li>
            <Text weight="medium">Flamelens Pyroscope</Text> (datasource, <code>{DATASOURCE_ID}</code>): queries Grafana
            Pyroscope and pyroscope-io 0.37 servers by service, profile type and labels, and returns flame graphs and
            profile time series.
          </li>
          <li>
            <Text weight="medium">Flamelens flame graph</Text> (panel, <code>{PANEL_ID}</code>): draws flame graphs from
            Flamelens or from Grafana&apos;s own Pyroscope datasource, synced to the dashboard time range.
          </li>
        </ul>
        <Text element="h3">Get started</Text>
        <ol className={styles.list}>
          <li>
            Add a Flamelens Pyroscope data source (under Profiling on Grafana&apos;s &quot;Add data source&quot; page)
            and point it at your Pyroscope server (port 4040 by default).
          </li>
          <li>Add a Flamelens flame graph panel to a dashboard beside your CPU or memory panels.</li>
        </ol>
        <Stack direction="row" gap={1}>
          <LinkButton
            icon="plus"
            href={locationUtil.assureBaseUrl(ADD_DATASOURCE_PATH)}
            data-testid="flamelens-add-datasource"
          >
            Add a Flamelens Pyroscope data source
          </LinkButton>
          <LinkButton variant="secondary" href={locationUtil.assureBaseUrl('/connections/datasources')}>
            Your data sources
          </LinkButton>
        </Stack>
        <Text element="p" color="secondary">
          New to continuous profiling? See the{' '}
          <TextLink href="https://grafana.com/docs/pyroscope/latest/" external>
            Grafana Pyroscope documentation
          </TextLink>
          .
        </Text>
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ maxWidth: 860, padding: theme.spacing(2, 0) }),
  list: css({ margin: theme.spacing(0, 0, 0, 3), lineHeight: theme.typography.body.lineHeight }),
});
