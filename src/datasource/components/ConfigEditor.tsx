import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Alert } from '@grafana/ui';

import type { ProfileDataSourceOptions } from '../types';

/** Datasource settings page (connection settings arrive with the server adapters). */
export function ConfigEditor(_props: DataSourcePluginOptionsEditorProps<ProfileDataSourceOptions>) {
  return (
    <Alert severity="info" title="Flamelens Pyroscope">
      Connection settings are not available in this build yet.
    </Alert>
  );
}
