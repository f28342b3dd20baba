/**
 * The host's pages, routed on `locationService` (the browser history wrapper plugins use too): `/` → the home
 * dashboard, `/d/:uid/:slug?` (with `editPanel` → the panel editor), `/a/<app>`, `/connections/datasources`,
 * `/connections/datasources/new`, `/connections/datasources/edit/:uid`, `/sandbox/panel` (the bare page of the panel browser tests).
 */
import React, { useCallback, useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { GlobalStyles, PortalContainer, TextLink, ThemeContext, useStyles2 } from '@grafana/ui';

import { DashboardRoute } from './dashboard/DashboardRoute';
import { LocationRouter } from './LocationRouter';
import { DatasourceSettingsPage } from './pages/DatasourceSettingsPage';
import { NewDataSourcePage } from './pages/NewDataSourcePage';
import { beginPage, markPageReady } from './pageReady';
import { matchRoute, routeKey, type Route } from './routes';
import { appEvents } from './runtime/services';
import { AppPluginPage } from './views/AppPluginPage';
import { DatasourcesListPage } from './views/DatasourcesListPage';
import { Notifications } from './views/Notifications';
import { TopBar } from './views/TopBar';

export const APP_ID = 'flamelens-profiles-app';

export interface AppProps {
  theme: GrafanaTheme2;
  homeDashboardUid?: string;
}

function currentRoute(): Route {
  const location = locationService.getLocation();
  return matchRoute(location.pathname, new URLSearchParams(location.search));
}

export function App({ theme, homeDashboardUid }: AppProps) {
  const [route, setRoute] = useState<Route>(() => {
    const initial = currentRoute();
    beginPage(routeKey(initial));
    return initial;
  });
  useEffect(() => {
    const subscription = locationService.getLocationObservable().subscribe(() => {
      const next = currentRoute();
      // Before rendering: the new page may finish (and report) during its first render.
      beginPage(routeKey(next));
      setRoute((prev) => (routeKey(prev) === routeKey(next) ? prev : next));
    });
    return () => subscription.unsubscribe();
  }, []);

  if (route.page === 'sandboxPanel') {
    return <div id="panel" style={{ position: 'relative' }} />;
  }
  return (
    <LocationRouter>
      <ThemeContext.Provider value={theme}>
        {/* Grafana's page-wide styles (elements, forms, fonts, uPlot...), inside the theme provider as Grafana renders
            them. Their fonts and icons come from the line's packages (server/static.ts). */}
        <GlobalStyles />
        <TopBar homeDashboardUid={homeDashboardUid} appId={APP_ID} />
        <main>
          <Page route={route} homeDashboardUid={homeDashboardUid} />
        </main>
        <Notifications appEvents={appEvents} />
        {/* Grafana's portal root: tooltips, menus and pinned graph tooltips live here (a click inside one of them
            is not a click outside for the pinned tooltip, so its data links can be clicked). */}
        <PortalContainer />
      </ThemeContext.Provider>
    </LocationRouter>
  );
}

function Page({ route, homeDashboardUid }: { route: Route; homeDashboardUid?: string }) {
  const key = routeKey(route);
  const onReady = useCallback(() => markPageReady(key), [key]);
  const styles = useStyles2(getStyles);
  // Pages with nothing to wait for; home waits for the dashboard it redirects to.
  const immediate =
    route.page === 'datasource' || route.page === 'notFound' || (route.page === 'home' && !homeDashboardUid);
  useEffect(() => {
    if (immediate) {
      onReady();
    }
  }, [immediate, onReady]);
  useEffect(() => {
    if (route.page === 'home' && homeDashboardUid) {
      const { search } = locationService.getLocation();
      locationService.replace(`/d/${encodeURIComponent(homeDashboardUid)}${search}`);
    }
  }, [route.page, homeDashboardUid]);

  switch (route.page) {
    case 'home':
      return homeDashboardUid ? null : (
        <p className={styles.message}>
          No dashboard is provisioned. See the <TextLink href="/connections/datasources">data sources</TextLink>.
        </p>
      );
    case 'dashboard':
      return <DashboardRoute key={route.uid} uid={route.uid} editPanel={route.editPanel} pageKey={key} />;
    case 'app':
      return <AppPluginPage key={route.pluginId} pluginId={route.pluginId} onReady={onReady} />;
    case 'datasources':
      return <DatasourcesListPage onReady={onReady} />;
    case 'newDatasource':
      return <NewDataSourcePage onReady={onReady} />;
    case 'datasource':
      return <DatasourceSettingsPage key={route.uid} uid={route.uid} />;
    default:
      return <p className={styles.message}>Page not found: {route.page === 'notFound' ? route.path : ''}</p>;
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  message: css({ padding: theme.spacing(2) }),
});
