import type { DataSourceApi, QueryEditorProps } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import type { LabelScope, ProfileTypeInfo, TimeRangeMs } from './api/types';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';

/*
 * What the editors and the template variable support use of the datasource, as interfaces: they depend on these, not on
 * the ProfileDataSource class, so datasource.ts can import them (annotations, variables) without an import cycle.
 * This module imports neither the class nor the editors.
 */

/** The server lookups, through the datasource (template variables in a scope's selector are interpolated). */
export interface ProfileLookups {
  /** Profile types the server knows in `range`. */
  getProfileTypes(range: TimeRangeMs): Promise<ProfileTypeInfo[]>;
  /** Label names in scope. */
  getLabelNames(scope: LabelScope): Promise<string[]>;
  /** Values of label `name` in scope. */
  getLabelValues(name: string, scope: LabelScope): Promise<string[]>;
}

/** The datasource as the query and variable editors use it. */
export interface EditorDataSource extends ProfileLookups {
  /** Part of the lookup cache key: two datasources' answers are not the same. */
  readonly uid: string;
  /** Effective settings: the max nodes an empty field means (the editor's placeholder). */
  readonly options: { readonly maxNodes: number };
}

/** The DataSourceApi type Grafana's editor and variable-support generics need, with what the editors use. */
export type EditorHost = DataSourceApi<ProfileQuery, ProfileDataSourceOptions> & EditorDataSource;

/** Grafana's query editor props with the datasource narrowed to `EditorDataSource` (a test passes a plain object). */
export type EditorProps<TEditedQuery extends DataQuery = ProfileQuery> = Omit<
  QueryEditorProps<EditorHost, ProfileQuery, ProfileDataSourceOptions, TEditedQuery>,
  'datasource'
> & { datasource: EditorDataSource };
