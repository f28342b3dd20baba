import React from 'react';
import type { AppRootProps } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';

import { Overview } from './Overview';

/** The app's root page (`/a/flamelens-profiles-app`). */
export function AppRoot(_props: AppRootProps) {
  return (
    <PluginPage>
      <Overview />
    </PluginPage>
  );
}
