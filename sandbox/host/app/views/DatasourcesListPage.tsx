/**
 * `/connections/datasources`: the configured datasources, each linking to its settings page, and Grafana's "Add new
 * data source" button (to `/connections/datasources/new`).
 */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { locationUtil, type DataSourceSettings, type GrafanaTheme2 } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Badge, Card, LinkButton, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';

import { describeFetchError } from '../dashboard/store';

export interface DatasourcesListPageProps {
  onReady: () => void;
}

export function DatasourcesListPage({ onReady }: DatasourcesListPageProps) {
  const styles = useStyles2(getStyles);
  const [list, setList] = useState<DataSourceSettings[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    getBackendSrv()
      .get<DataSourceSettings[]>('/api/datasources', undefined, undefined, { showErrorAlert: false })
      .then(
        (result) => !cancelled && setList(Array.isArray(result) ? result : []),
        (err: unknown) => !cancelled && setError(`Data sources could not be listed: ${describeFetchError(err)}`)
      )
      .finally(() => !cancelled && onReady());
    return () => {
      cancelled = true;
    };
  }, [onReady]);

  return (
    <div className={styles.page}>
      <Stack justifyContent="space-between" alignItems="center">
        <h1>Data sources</h1>
        <LinkButton href={locationUtil.assureBaseUrl('/connections/datasources/new')} icon="plus">
          Add new data source
        </LinkButton>
      </Stack>
      {error && <Alert title={error} severity="error" />}
      {!list && !error && <LoadingPlaceholder text="Loading data sources..." />}
      {list?.length === 0 && <p>No data sources are provisioned.</p>}
      <ul className={styles.list}>
        {list?.map((ds) => (
          <li key={ds.uid}>
            <Card href={locationUtil.assureBaseUrl(`/connections/datasources/edit/${encodeURIComponent(ds.uid)}`)}>
              <Card.Heading>{ds.name}</Card.Heading>
              <Card.Meta>{[ds.typeName || ds.type, ds.url]}</Card.Meta>
              {ds.isDefault && (
                <Card.Tags>
                  <Badge text="default" color="blue" />
                </Card.Tags>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2), maxWidth: 900 }),
  list: css({ listStyle: 'none', padding: 0, display: 'grid', gap: theme.spacing(1) }),
});
