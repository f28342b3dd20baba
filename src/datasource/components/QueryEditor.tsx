import React, { useMemo, type KeyboardEvent } from 'react';
import { EditorField, EditorFieldGroup, EditorRow, EditorRows } from '@grafana/plugin-ui';
import { Combobox } from '@grafana/ui';

import { SERVICE_LABEL } from '../api/types';
import type { EditorProps } from '../editorDataSource';
import type { ProfileQuery } from '../types';
import { FrameFiltersField } from './FrameFiltersField';
import { LookupAlert } from './LookupAlert';
import { labelNamesLookup, labelValuesLookup, lookupRange, noLookup, profileTypesLookup } from './lookups';
import { ProfileTypePicker } from './ProfileTypePicker';
import { QueryOptions } from './QueryOptions';
import { SelectorEditor } from './SelectorEditor';
import { SpikeRulesEditor } from './SpikeRulesEditor';
import { WindowOptions } from './WindowOptions';
import { normalSelector, readSelector, serviceIndex, withService } from './selectorModel';
import { useLookup } from './useLookup';
import { useQueryDefaults } from './useQueryDefaults';

/**
 * Query editor: profile type, service, label filters (rows or text), query type, group by, max nodes. Suggestions
 * come from the server within the editor's range (the last hour when it has none); Shift+Enter in any field runs
 * the query.
 */
export function QueryEditor(
  props: EditorProps & {
    /** `annotation`: the spike annotation query (spike rules instead of query type, focus and compare). */
    mode?: 'query' | 'annotation';
  }
) {
  const { datasource, query, onChange, onRunQuery } = props;
  const annotation = props.mode === 'annotation';
  const range = lookupRange(props.range);
  useQueryDefaults({ datasource, range, query, onChange, onRunQuery });

  const labelSelector = query.labelSelector ?? '';
  const read = readSelector(labelSelector);
  const profileTypeId = query.profileTypeId || undefined;
  const scopeSelector = read.ok ? normalSelector(read.parsed) : undefined;

  const types = useLookup(profileTypesLookup(datasource, range));
  const services = useLookup(labelValuesLookup(datasource, SERVICE_LABEL, { profileTypeId, range }));
  // A selector that does not parse has no scope to ask about; names wait until it is fixed.
  const names = useLookup(
    scopeSelector === undefined
      ? noLookup<string[]>()
      : labelNamesLookup(datasource, { profileTypeId, labelSelector: scopeSelector, range })
  );
  const serviceOptions = useMemo(() => (services.data ?? []).map((s) => ({ value: s })), [services.data]);
  const service = read.ok ? read.parsed.matchers[serviceIndex(read.parsed.matchers)]?.value : undefined;

  const change = (next: ProfileQuery) => {
    onChange(next);
    onRunQuery();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Fields handle their own Enter first (the selector text applies itself), then this runs the query.
    if (
      e.key === 'Enter' &&
      e.shiftKey &&
      (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
    ) {
      e.preventDefault();
      onRunQuery();
    }
  };

  return (
    // Grafana's editor layout (as its own datasources use): labels above their fields, rows that wrap when narrow.
    <div onKeyDown={onKeyDown} data-testid="flamelens-query-editor">
      <EditorRows>
        <EditorRow>
          <EditorFieldGroup>
            <EditorField label="Profile type" htmlFor="flamelens-profile-type">
              <ProfileTypePicker
                id="flamelens-profile-type"
                width="auto"
                types={types.data}
                loading={types.loading}
                value={profileTypeId}
                onChange={(id) => change({ ...query, profileTypeId: id })}
              />
            </EditorField>
            <EditorField
              label="Service"
              htmlFor="flamelens-service"
              disabled={!read.ok}
              tooltip={read.ok ? 'The service_name label' : 'Fix the label selector to choose a service'}
            >
              <Combobox
                id="flamelens-service"
                width="auto"
                minWidth={16}
                maxWidth={32}
                placeholder="All services"
                options={serviceOptions}
                loading={services.loading}
                createCustomValue
                isClearable
                value={service ?? null}
                onChange={(o) => read.ok && change({ ...query, labelSelector: withService(read.parsed, o?.value) })}
              />
            </EditorField>
          </EditorFieldGroup>
        </EditorRow>
        <EditorRow>
          <SelectorEditor
            datasource={datasource}
            range={range}
            profileTypeId={profileTypeId}
            labelSelector={labelSelector}
            names={names.data}
            namesLoading={names.loading}
            onChange={(next, run) => {
              onChange({ ...query, labelSelector: next });
              if (run) {
                onRunQuery();
              }
            }}
          />
        </EditorRow>
        <EditorRow>
          {annotation ? (
            <SpikeRulesEditor rules={query.spikes} onChange={(spikes) => onChange({ ...query, spikes })} />
          ) : (
            <>
              <QueryOptions
                query={query}
                names={names.data}
                namesLoading={names.loading}
                defaultMaxNodes={datasource.options.maxNodes}
                onChange={onChange}
                onRunQuery={onRunQuery}
              />
              <WindowOptions query={query} onChange={onChange} onRunQuery={onRunQuery} />
            </>
          )}
        </EditorRow>
        {!annotation && (
          <EditorRow>
            <FrameFiltersField query={query} onChange={onChange} onRunQuery={onRunQuery} />
          </EditorRow>
        )}
        {types.error && <LookupAlert title="Could not load profile types" message={types.error} />}
        {services.error && <LookupAlert title="Could not load services" message={services.error} />}
        {names.error && <LookupAlert title="Could not load label names" message={names.error} />}
      </EditorRows>
    </div>
  );
}
