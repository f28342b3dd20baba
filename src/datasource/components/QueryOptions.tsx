import React, { useMemo, useState } from 'react';
import { EditorField, EditorFieldGroup } from '@grafana/plugin-ui';
import { Input, MultiCombobox, RadioButtonGroup } from '@grafana/ui';

import type { ProfileQuery, ProfileQueryType } from '../types';

const QUERY_TYPES: Array<{ label: string; value: ProfileQueryType; description: string }> = [
  { label: 'Profile', value: 'profile', description: 'A flame graph of the whole range' },
  { label: 'Metrics', value: 'metrics', description: 'Time series of the profile totals' },
  { label: 'Both', value: 'both', description: 'Flame graph and time series' },
];

interface Props {
  query: ProfileQuery;
  names: string[] | undefined;
  namesLoading: boolean;
  /** The datasource's max nodes, shown as the placeholder: what an empty field means. */
  defaultMaxNodes: number;
  onChange: (query: ProfileQuery) => void;
  onRunQuery: () => void;
}

/** Query type, group by (time series only) and max nodes (flame graph only). */
export function QueryOptions({ query, names, namesLoading, defaultMaxNodes, onChange, onRunQuery }: Props) {
  const queryType = query.queryType ?? 'both';
  const nameOptions = useMemo(() => (names ?? []).map((n) => ({ value: n })), [names]);
  const change = (next: ProfileQuery) => {
    onChange(next);
    onRunQuery();
  };
  return (
    <EditorFieldGroup>
      <EditorField label="Query type">
        <RadioButtonGroup
          aria-label="Query type"
          size="sm"
          options={QUERY_TYPES}
          value={queryType}
          onChange={(v) => change({ ...query, queryType: v })}
        />
      </EditorField>
      <EditorField
        label="Group by"
        htmlFor="flamelens-group-by"
        disabled={queryType === 'profile'}
        tooltip="Labels to split the time series by"
      >
        <MultiCombobox
          id="flamelens-group-by"
          width="auto"
          minWidth={16}
          maxWidth={32}
          placeholder="Labels"
          options={nameOptions}
          loading={namesLoading}
          createCustomValue
          value={query.groupBy ?? []}
          onChange={(opts) => change({ ...query, groupBy: opts.map((o) => o.value) })}
        />
      </EditorField>
      <MaxNodes query={query} defaultMaxNodes={defaultMaxNodes} onChange={onChange} />
    </EditorFieldGroup>
  );
}

function MaxNodes({ query, defaultMaxNodes, onChange }: Pick<Props, 'query' | 'defaultMaxNodes' | 'onChange'>) {
  const saved = query.maxNodes ? String(query.maxNodes) : '';
  const [text, setText] = useState(saved);
  // Follow a value set elsewhere, without an effect (React's "derive state from props").
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setText(saved);
  }
  const valid = text === '' || (/^\d+$/.test(text) && Number(text) > 0);
  return (
    <EditorField
      label="Max nodes"
      htmlFor="flamelens-max-nodes"
      disabled={query.queryType === 'metrics'}
      invalid={!valid}
      error="A positive whole number"
      tooltip="Most nodes in the flame graph; the server merges the rest. Empty: the datasource default."
    >
      <Input
        id="flamelens-max-nodes"
        type="number"
        min={1}
        width={14}
        placeholder={String(defaultMaxNodes)}
        value={text}
        onChange={(e) => {
          const next = e.currentTarget.value.trim();
          setText(next);
          // Saved as typed (no run), so Shift+Enter runs with it; an invalid number is kept here until fixed.
          if (next === '') {
            onChange({ ...query, maxNodes: undefined });
          } else if (/^\d+$/.test(next) && Number(next) > 0) {
            onChange({ ...query, maxNodes: Number(next) });
          }
        }}
      />
    </EditorField>
  );
}
