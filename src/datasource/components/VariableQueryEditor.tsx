import React, { useEffect, useMemo, useState } from 'react';
import { Combobox, InlineField, InlineFieldRow, Input, Stack, type ComboboxOption } from '@grafana/ui';

import type { ProfileTypeInfo } from '../api/types';
import type { EditorProps } from '../editorDataSource';
import type { ProfileVariableQuery, VariableQueryKind } from '../types';
import { onOption } from './comboboxChange';
import { LookupAlert } from './LookupAlert';
import { labelNamesLookup, lookupRange, noLookup, profileTypesLookup } from './lookups';
import { ProfileTypePicker } from './ProfileTypePicker';
import { useLookup } from './useLookup';

const KINDS: Array<ComboboxOption<VariableQueryKind>> = [
  { value: 'profileTypes', label: 'Profile types' },
  { value: 'services', label: 'Services' },
  { value: 'labelNames', label: 'Label names' },
  { value: 'labelValues', label: 'Label values' },
];

const DEFAULT_KIND: VariableQueryKind = 'services';

function isKind(value: unknown): value is VariableQueryKind {
  return KINDS.some((k) => k.value === value);
}

function hasKind(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'kind' in raw && isKind(raw.kind);
}

/**
 * The saved variable query, read defensively: Grafana hands over whatever was saved (an older shape, a plain string
 * from another datasource, or nothing for a new variable), whatever the props' type says.
 */
export function toVariableQuery(raw: unknown): ProfileVariableQuery {
  const rec: Record<string, unknown> = typeof raw === 'object' && raw !== null ? { ...raw } : {};
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return compact({
    refId: text(rec.refId) ?? 'ProfileVariableQuery',
    kind: isKind(rec.kind) ? rec.kind : DEFAULT_KIND,
    profileTypeId: text(rec.profileTypeId),
    labelSelector: text(rec.labelSelector),
    labelName: text(rec.labelName),
  });
}

/** Drops empty optional fields, so a saved variable holds only what was chosen. */
function compact(q: ProfileVariableQuery): ProfileVariableQuery {
  const out: ProfileVariableQuery = { refId: q.refId, kind: q.kind };
  for (const key of ['profileTypeId', 'labelSelector', 'labelName'] as const) {
    if (q[key]) {
      out[key] = q[key];
    }
  }
  return out;
}

type Props = EditorProps<ProfileVariableQuery>;

/** What a template variable lists (profile types, services, label names or values) and the scope it lists them in. */
export function VariableQueryEditor({ datasource, query: raw, onChange, range: editorRange }: Props) {
  const query = toVariableQuery(raw);
  const needsKind = !hasKind(raw);
  // A new variable lists services at once instead of failing with "choose what the variable lists".
  useEffect(() => {
    if (needsKind) {
      onChange(toVariableQuery(raw));
    }
  }, [needsKind, raw, onChange]);

  const range = lookupRange(editorRange);
  const scoped = query.kind !== 'profileTypes';
  const update = (patch: Partial<ProfileVariableQuery>) => onChange(compact({ ...query, ...patch }));
  const types = useLookup(scoped ? profileTypesLookup(datasource, range) : noLookup<ProfileTypeInfo[]>());
  const names = useLookup(
    query.kind === 'labelValues'
      ? labelNamesLookup(datasource, { profileTypeId: query.profileTypeId, labelSelector: query.labelSelector, range })
      : noLookup<string[]>()
  );
  const nameOptions = useMemo(() => (names.data ?? []).map((n) => ({ value: n })), [names.data]);

  return (
    <Stack direction="column" gap={0.5}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={20}>
          <Combobox
            id="flamelens-var-kind"
            width={30}
            options={KINDS}
            value={query.kind}
            onChange={onOption((kind: VariableQueryKind) => update({ kind }))}
          />
        </InlineField>
      </InlineFieldRow>
      {scoped && (
        <>
          <InlineFieldRow>
            <InlineField label="Profile type" labelWidth={20} tooltip="Optional: only labels of this profile type">
              <ProfileTypePicker
                id="flamelens-var-profile-type"
                clearable
                types={types.data}
                loading={types.loading}
                value={query.profileTypeId}
                onChange={(profileTypeId) => update({ profileTypeId })}
              />
            </InlineField>
          </InlineFieldRow>
          <SelectorInput value={query.labelSelector ?? ''} onCommit={(labelSelector) => update({ labelSelector })} />
        </>
      )}
      {query.kind === 'labelValues' && (
        <InlineFieldRow>
          <InlineField label="Label" labelWidth={20} tooltip="The label whose values the variable lists">
            <Combobox
              id="flamelens-var-label"
              width={40}
              placeholder="Choose a label"
              options={nameOptions}
              loading={names.loading}
              createCustomValue
              value={query.labelName ?? null}
              onChange={onOption((labelName) => update({ labelName }))}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {types.error && <LookupAlert title="Could not load profile types" message={types.error} />}
      {names.error && <LookupAlert title="Could not load label names" message={names.error} />}
    </Stack>
  );
}

/** The selector text, saved on blur or Enter (every keystroke would re-run the variable query). */
function SelectorInput({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = () => text.trim() !== value && onCommit(text.trim());
  return (
    <InlineFieldRow>
      <InlineField
        label="Label selector"
        labelWidth={20}
        tooltip="Optional: only series matching it; variables allowed"
      >
        <Input
          id="flamelens-var-selector"
          width={60}
          placeholder='{service_name="$service"}'
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
