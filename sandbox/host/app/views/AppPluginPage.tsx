/**
 * `/a/<plugin id>/*`: the app plugin's root page with the AppRootProps Grafana passes (meta from boot data `apps`,
 * basename, query, path, onNavChanged), inside the plugin context.
 */
import React, { useEffect, useState } from 'react';
import { PluginContextProvider, type AppPlugin, type AppPluginMeta, type NavModel } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';

import { loadAppPlugin } from '../runtime/plugins';

export interface AppPluginPageProps {
  pluginId: string;
  onReady: () => void;
}

export function AppPluginPage({ pluginId, onReady }: AppPluginPageProps) {
  const [loaded, setLoaded] = useState<{ plugin: AppPlugin; meta: AppPluginMeta }>();
  const [error, setError] = useState<string>();
  const [nav, setNav] = useState<NavModel>();

  useEffect(() => {
    let cancelled = false;
    loadAppPlugin(pluginId).then(
      (result) => !cancelled && setLoaded(result),
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err))
    );
    return () => {
      cancelled = true;
    };
  }, [pluginId]);

  useEffect(() => {
    if (loaded || error) {
      onReady();
    }
  }, [loaded, error, onReady]);

  if (error) {
    return (
      <Alert severity="error" title={`App ${pluginId} could not be loaded`}>
        {error}
      </Alert>
    );
  }
  if (!loaded) {
    return <LoadingPlaceholder text="Loading app..." />;
  }
  const Root = loaded.plugin.root;
  if (!Root) {
    return (
      <Alert severity="warning" title="This app has no root page">
        {pluginId} does not set a root page (AppPlugin.setRootPage).
      </Alert>
    );
  }
  const location = locationService.getLocation();
  return (
    <PluginContextProvider meta={loaded.meta}>
      {nav?.main?.text && <h2>{nav.main.text}</h2>}
      <Root
        meta={loaded.meta}
        basename={`/a/${pluginId}`}
        query={locationService.getSearchObject()}
        path={location.pathname}
        onNavChanged={setNav}
      />
    </PluginContextProvider>
  );
}
