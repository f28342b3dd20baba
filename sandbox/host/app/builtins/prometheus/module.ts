import { DataSourcePlugin } from '@grafana/data';

import { PrometheusDatasource } from './datasource';
import { PromConfigEditor, PromQueryEditor } from './editors';
import type { PromOptions, PromQuery } from './types';

/** The host's built-in `prometheus` datasource plugin (module id `core:plugin/prometheus`). */
export const plugin = new DataSourcePlugin<PrometheusDatasource, PromQuery, PromOptions>(PrometheusDatasource)
  .setConfigEditor(PromConfigEditor)
  .setQueryEditor(PromQueryEditor);
