import React from 'react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';

import { Overview } from './Overview';

/** Props Grafana passes to an app configuration page. */
export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<{}>>;

/**
 * The app's configuration page. The package needs no app-level settings: connections are configured on the
 * datasource, so this page explains what is installed and links to the datasource setup.
 */
export function AppConfig(_props: AppConfigProps) {
  return <Overview />;
}
