import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Alert } from '@grafana/ui';

import type { ProfileDataSource } from '../datasource';
import type { ProfileDataSourceOptions, ProfileQuery } from '../types';

/** Query editor (profile type, service and label pickers arrive with the server adapters). */
export function QueryEditor(_props: QueryEditorProps<ProfileDataSource, ProfileQuery, ProfileDataSourceOptions>) {
  return (
    <Alert severity="info" title="Flamelens Pyroscope">
      The query editor is not available in this build yet.
    </Alert>
  );
}
