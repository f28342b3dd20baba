import React, { useEffect, useState } from 'react';
import {
  CoreApp,
  type DataQuery,
  type DataSourceApi,
  type DataSourceRef,
  type PanelData,
  type QueryEditorProps,
  type TimeRange,
} from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, Stack, Text } from '@grafana/ui';

import { loadDataSourcePlugin } from '../runtime/plugins';
import { panelDataForQuery } from './panelEditorModel';
import { statusFromError } from './datasourceSettings';

type QueryEditor = React.ComponentType<QueryEditorProps<DataSourceApi, DataQuery>>;

type Resolved =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; instance: DataSourceApi; QueryEditor?: QueryEditor };

/** The datasource instance of a query and its plugin's query editor (resolved again when the reference changes). */
function useQueryEditor(ref: DataSourceRef | null | undefined): Resolved {
  const uid = ref?.uid;
  const type = ref?.type;
  const key = `${uid ?? ''}|${type ?? ''}`;
  // The answer remembers which reference it is for: an answer for another reference means "still loading".
  const [answer, setAnswer] = useState<{ key: string; resolved: Resolved }>();
  useEffect(() => {
    let current = true;
    const settle = (resolved: Resolved) => current && setAnswer({ key, resolved });
    (async () => {
      // No uid: the default datasource, as in Grafana.
      const instance = await getDataSourceSrv().get(uid ? { uid, type } : null);
      const plugin = await loadDataSourcePlugin(instance.type);
      settle({ state: 'ready', instance, QueryEditor: plugin.components.QueryEditor as QueryEditor | undefined });
    })().catch((err: unknown) => settle({ state: 'error', message: statusFromError(err).message ?? 'Unknown error' }));
    return () => {
      current = false;
    };
  }, [key, uid, type]);
  return answer?.key === key ? answer.resolved : { state: 'loading' };
}

/** Props of {@link QueryTab}. */
export interface QueryTabProps {
  queries: DataQuery[];
  /** The panel's datasource; a query's own `datasource` wins (mixed panels). */
  panelDatasource?: DataSourceRef | null;
  data?: PanelData;
  range: TimeRange;
  /** Called when the query at `index` changes; does not run it. */
  onQueryChange: (index: number, query: DataQuery) => void;
  /** Runs the queries as they are now. */
  onRunQuery: () => void;
}

/** The Query tab of Grafana's panel editor: one row per query, each with its datasource plugin's query editor. */
export function QueryTab({ queries, panelDatasource, data, range, onQueryChange, onRunQuery }: QueryTabProps) {
  if (queries.length === 0) {
    return <Text color="secondary">This panel has no queries.</Text>;
  }
  return (
    <Stack direction="column" gap={2}>
      {queries.map((query, index) => (
        <QueryRow
          key={query.refId}
          query={query}
          queries={queries}
          datasourceRef={isMixed(panelDatasource) ? query.datasource : (query.datasource ?? panelDatasource)}
          data={panelDataForQuery(data, query.refId)}
          range={range}
          // An editor that drops `datasource` from the query keeps the query's datasource.
          onChange={(next) => onQueryChange(index, { ...next, datasource: next.datasource ?? query.datasource })}
          onRunQuery={onRunQuery}
        />
      ))}
    </Stack>
  );
}

const MIXED_UID = '-- Mixed --';

function isMixed(ref: DataSourceRef | null | undefined): boolean {
  return ref?.uid === MIXED_UID;
}

interface QueryRowProps {
  query: DataQuery;
  queries: DataQuery[];
  datasourceRef: DataSourceRef | null | undefined;
  data?: PanelData;
  range: TimeRange;
  onChange: (query: DataQuery) => void;
  onRunQuery: () => void;
}

function QueryRow({ query, queries, datasourceRef, data, range, onChange, onRunQuery }: QueryRowProps) {
  const resolved = useQueryEditor(datasourceRef);
  const name = resolved.state === 'ready' ? resolved.instance.name : (datasourceRef?.uid ?? 'default');
  return (
    <section
      aria-label={selectors.components.QueryEditorRows.rows}
      data-testid={selectors.components.QueryEditorRow.container(query.refId)}
    >
      <Stack direction="column" gap={1}>
        <Text element="h4" variant="h6">
          {query.refId} <Text color="secondary">({name})</Text>
        </Text>
        {resolved.state === 'loading' && <LoadingPlaceholder text="Loading query editor..." />}
        {resolved.state === 'error' && (
          <Alert severity="error" title={`Query ${query.refId}: could not load its datasource`}>
            {resolved.message}
          </Alert>
        )}
        {resolved.state === 'ready' &&
          (resolved.QueryEditor ? (
            <resolved.QueryEditor
              datasource={resolved.instance}
              query={query}
              queries={queries}
              onChange={onChange}
              onRunQuery={onRunQuery}
              range={range}
              data={data}
              app={CoreApp.PanelEditor}
            />
          ) : (
            <Alert severity="warning" title={`The ${resolved.instance.type} plugin has no query editor`} />
          ))}
      </Stack>
    </section>
  );
}
