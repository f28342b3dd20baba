import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { ProfileDataSource } from './datasource';
import type { ProfileDataSourceOptions, ProfileQuery, ProfileSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<
  ProfileDataSource,
  ProfileQuery,
  ProfileDataSourceOptions,
  ProfileSecureJsonData
>(ProfileDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
