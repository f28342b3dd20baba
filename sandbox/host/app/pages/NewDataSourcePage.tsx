/**
 * Grafana's "Add data source" page (`/connections/datasources/new`): the datasource plugins by category, a search
 * box, and a card per plugin; a click creates a datasource of that type (named after the plugin, numbered when the
 * name is taken; the default when it is the first) and opens its settings page, as Grafana's `addDataSource` does.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { locationUtil, type DataSourceSettings, type GrafanaTheme2 } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import { getBackendSrv, getDataSourceSrv, locationService } from '@grafana/runtime';
import { Alert, Card, FilterInput, LinkButton, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';

import { describeFetchError } from '../dashboard/store';
import { HostPluginPage } from '../views/HostPluginPage';
import {
  dataSourceCategories,
  filterDataSourcePlugins,
  newDataSourceName,
  type DataSourcePluginItem,
} from './newDataSource';

/** Where a new datasource's settings are (Grafana's `ROUTES.DataSourcesEdit`). */
export const editDataSourceUrl = (uid: string) => `/connections/datasources/edit/${encodeURIComponent(uid)}`;

/** The line's e2e selector as Grafana sets it: `data-testid` when the selector says so, else `aria-label`. */
function selectorProps(value: string | undefined): Record<string, string> {
  if (!value) {
    return {};
  }
  return value.startsWith('data-testid') ? { 'data-testid': value } : { 'aria-label': value };
}

const addDataSourceSelectors = selectors.pages.AddDataSource as typeof selectors.pages.AddDataSource & {
  searchInput?: string;
};

/**
 * A plugin's logo when the host serves it: the files of installed plugins are served, core plugins' (Grafana's
 * `public/app/plugins/`) are not in any package the host has, and a broken image would be a console error.
 */
function servedLogo(plugin: DataSourcePluginItem): string | undefined {
  const logo = plugin.info?.logos?.small;
  return logo?.startsWith('public/plugins/') ? logo : undefined;
}

async function addDataSource(plugin: DataSourcePluginItem): Promise<void> {
  const existing = await getBackendSrv().get<DataSourceSettings[]>('/api/datasources');
  const created = await getBackendSrv().post<{ datasource: { uid: string } }>('/api/datasources', {
    name: newDataSourceName(
      plugin.name,
      existing.map((ds) => ds.name)
    ),
    type: plugin.id,
    access: 'proxy',
    isDefault: existing.length === 0,
  });
  // `reload()` is async in Grafana's DataSourceSrv, though @grafana/runtime types it as void.
  await (getDataSourceSrv().reload() as unknown as Promise<void> | undefined);
  locationService.push(editDataSourceUrl(created.datasource.uid));
}

export function NewDataSourcePage({ onReady }: { onReady: () => void }) {
  const styles = useStyles2(getStyles);
  const [plugins, setPlugins] = useState<DataSourcePluginItem[]>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');

  useEffect(() => {
    let cancelled = false;
    getBackendSrv()
      .get<DataSourcePluginItem[]>('/api/plugins', { enabled: 1, type: 'datasource' }, undefined, {
        showErrorAlert: false,
      })
      .then(
        (list) => !cancelled && setPlugins(list),
        (err: unknown) => !cancelled && setError(`Data source types could not be listed: ${describeFetchError(err)}`)
      )
      .finally(() => !cancelled && onReady());
    return () => {
      cancelled = true;
    };
  }, [onReady]);

  const groups = useMemo(
    () =>
      query.trim()
        ? [{ id: 'search', title: '', plugins: filterDataSourcePlugins(plugins ?? [], query) }]
        : dataSourceCategories(plugins ?? []),
    [plugins, query]
  );

  const onAdd = (plugin: DataSourcePluginItem) => {
    addDataSource(plugin).catch((err: unknown) =>
      setError(`Could not add the data source: ${describeFetchError(err)}`)
    );
  };

  return (
    <HostPluginPage pageNav={{ text: 'Add data source', subTitle: 'Choose a data source type' }}>
      <Stack direction="column" gap={2}>
        <Stack justifyContent="space-between">
          <div className={styles.search} {...selectorProps(addDataSourceSelectors.searchInput)}>
            <FilterInput value={query} onChange={setQuery} placeholder="Filter by name or type" />
          </div>
          <LinkButton
            href={locationUtil.assureBaseUrl('/connections/datasources')}
            fill="outline"
            variant="secondary"
            icon="arrow-left"
          >
            Cancel
          </LinkButton>
        </Stack>
        {error && <Alert severity="error" title={error} />}
        {!plugins && !error && <LoadingPlaceholder text="Loading data source types..." />}
        {groups.map((group) => (
          <section key={group.id} className={styles.group}>
            {group.title && <Text element="h3">{group.title}</Text>}
            <ul className={styles.list}>
              {group.plugins.map((plugin) => (
                <li key={plugin.id}>
                  <Card
                    onClick={() => onAdd(plugin)}
                    {...selectorProps(selectors.pages.AddDataSource.dataSourcePluginsV2(plugin.name))}
                  >
                    <Card.Heading>{plugin.name}</Card.Heading>
                    {servedLogo(plugin) && (
                      <Card.Figure>
                        <img src={servedLogo(plugin)} alt="" width={40} height={40} />
                      </Card.Figure>
                    )}
                    {plugin.info?.description && <Card.Description>{plugin.info.description}</Card.Description>}
                  </Card>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </Stack>
    </HostPluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  search: css({ flexGrow: 1, maxWidth: 480 }),
  group: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  list: css({ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: theme.spacing(1) }),
});
