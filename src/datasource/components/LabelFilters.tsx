import React, { useMemo, useState } from 'react';
import { Button, Combobox, FieldValidationMessage, IconButton, Stack, type ComboboxOption } from '@grafana/ui';

import type { TimeRangeMs } from '../api/types';
import { escapeRegex, isValidLabelName, type MatchOp, type Matcher, type ParsedSelector } from '../query/selector';
import { onOption } from './comboboxChange';
import { LookupAlert } from './LookupAlert';
import { labelValuesLookup, type LookupSource } from './lookups';
import { appendMatcher, normalSelector, replaceAt, serviceIndex, withoutIndex } from './selectorModel';
import { useLookup } from './useLookup';

const OPERATORS: Array<ComboboxOption<MatchOp>> = [
  { value: '=', label: '=', description: 'Equals' },
  { value: '!=', label: '!=', description: 'Does not equal' },
  { value: '=~', label: '=~', description: 'Matches regex' },
  { value: '!~', label: '!~', description: 'Does not match regex' },
];

interface Props {
  datasource: LookupSource;
  range: TimeRangeMs;
  profileTypeId: string | undefined;
  parsed: ParsedSelector;
  /** Label names in scope, loaded once by the editor (group by uses them too). */
  names: string[] | undefined;
  namesLoading: boolean;
  onChange: (labelSelector: string) => void;
}

/**
 * One row per matcher of the selector, except the service matcher (the service picker owns it). Rows are derived
 * from the selector on every render, so they never drift from it; only a row still being filled in (no value yet)
 * lives here, because a half-written matcher is not a selector.
 */
export function LabelFilters({ datasource, range, profileTypeId, parsed, names, namesLoading, onChange }: Props) {
  const [draft, setDraft] = useState<Matcher | undefined>(undefined);
  const nameOptions = useMemo(() => (names ?? []).map((n) => ({ value: n })), [names]);
  const service = serviceIndex(parsed.matchers);
  const row = { datasource, range, profileTypeId, nameOptions, namesLoading };
  return (
    <Stack direction="column" gap={0.5}>
      {parsed.matchers.map((m, i) =>
        i === service ? null : (
          <FilterRow
            key={i}
            {...row}
            matcher={m}
            valueScope={withoutIndex(parsed, i)}
            onChange={(next) => onChange(replaceAt(parsed, i, next))}
            onRemove={() => onChange(withoutIndex(parsed, i))}
          />
        )
      )}
      {draft && (
        <FilterRow
          {...row}
          matcher={draft}
          valueScope={normalSelector(parsed)}
          onChange={(next) => {
            if (next.name && next.value !== '') {
              setDraft(undefined);
              onChange(appendMatcher(parsed, next));
            } else {
              setDraft(next);
            }
          }}
          onRemove={() => setDraft(undefined)}
        />
      )}
      <div>
        <Button
          variant="secondary"
          size="sm"
          icon="plus"
          disabled={draft !== undefined}
          onClick={() => setDraft({ name: '', op: '=', value: '' })}
        >
          Add label filter
        </Button>
      </div>
    </Stack>
  );
}

interface RowProps {
  datasource: LookupSource;
  range: TimeRangeMs;
  profileTypeId: string | undefined;
  nameOptions: Array<ComboboxOption<string>>;
  namesLoading: boolean;
  matcher: Matcher;
  /** The selector without this row: the scope of its value suggestions (with itself, only its own value would show). */
  valueScope: string;
  onChange: (matcher: Matcher) => void;
  onRemove: () => void;
}

function FilterRow({
  datasource,
  range,
  profileTypeId,
  nameOptions,
  namesLoading,
  matcher,
  valueScope,
  onChange,
  onRemove,
}: RowProps) {
  const values = useLookup(
    labelValuesLookup(datasource, matcher.name, { profileTypeId, labelSelector: valueScope, range })
  );
  const valueOptions = useMemo(() => (values.data ?? []).map((v) => ({ value: v })), [values.data]);
  const isRegex = matcher.op === '=~' || matcher.op === '!~';
  // A typed name the server cannot read would make the whole selector unreadable: refuse it here and say why.
  const [badName, setBadName] = useState<string | undefined>(undefined);
  return (
    <Stack direction="column" gap={0}>
      <Stack direction="row" gap={0.5} alignItems="center">
        <Combobox
          data-testid="label-filter-name"
          width={24}
          placeholder="Label"
          options={nameOptions}
          loading={namesLoading}
          createCustomValue
          value={matcher.name || null}
          onChange={onOption((name) => {
            if (!isValidLabelName(name)) {
              setBadName(name);
              return;
            }
            setBadName(undefined);
            onChange({ ...matcher, name });
          })}
        />
        <Combobox
          data-testid="label-filter-op"
          width={9}
          options={OPERATORS}
          value={matcher.op}
          onChange={onOption((op: MatchOp) => onChange({ ...matcher, op }))}
        />
        <Combobox
          data-testid="label-filter-value"
          width={32}
          placeholder={isRegex ? 'Regex' : 'Value'}
          options={valueOptions}
          loading={values.loading}
          disabled={!matcher.name}
          createCustomValue
          value={matcher.value === '' ? null : matcher.value}
          onChange={onOption((value) => {
            // A value picked from the server's list means itself: inside a regex its metacharacters are escaped.
            // A typed value is taken as written (it is the regex the user means).
            const picked = isRegex && (values.data ?? []).includes(value);
            onChange({ ...matcher, value: picked ? escapeRegex(value) : value });
          })}
        />
        <IconButton name="times" aria-label="Remove label filter" onClick={onRemove} />
      </Stack>
      {badName !== undefined && (
        <FieldValidationMessage>
          {`"${badName}" is not a label name: use letters, digits and _, not starting with a digit`}
        </FieldValidationMessage>
      )}
      {values.error && <LookupAlert title={`Could not load values of ${matcher.name}`} message={values.error} />}
    </Stack>
  );
}
