import React from 'react';
import { EditorField, EditorFieldGroup } from '@grafana/plugin-ui';
import { Combobox, Input, type ComboboxOption } from '@grafana/ui';

import type { ProfileQuery } from '../types';
import { DEFAULT_FOCUS_VARIABLE } from '../../model/contract';
import { DEFAULT_FOCUS_WINDOW, isReference } from '../query/window';

const COMPARE_OPTIONS: Array<ComboboxOption<string>> = [
  { value: 'off', label: 'Off', description: 'Just the profile of the window' },
  { value: 'before', label: 'Window before', description: 'The window of the same length just before' },
  { value: '1d', label: 'A day earlier', description: 'The same window one day earlier' },
  { value: '1w', label: 'A week earlier', description: 'The same window one week earlier' },
  { value: 'custom', label: 'Custom range', description: 'A baseline range you give' },
];

interface Props {
  query: ProfileQuery;
  onChange: (query: ProfileQuery) => void;
  onRunQuery: () => void;
}

/**
 * Focus moment and comparison: which dashboard variable holds the focus time and how wide its window is, and what
 * the flame graph is compared with (a diff). Text fields save as typed and run on blur; the compare choice runs at once.
 * A focus variable typed as a bare name is saved as `$name` on blur: Grafana only tracks references written with `$`.
 */
export function WindowOptions({ query, onChange, onRunQuery }: Props) {
  const compare = query.compare ?? 'off';
  const run = (next: ProfileQuery) => {
    onChange(next);
    onRunQuery();
  };
  const text = (field: 'focusVariable' | 'focusWindow' | 'compareFrom' | 'compareTo') => ({
    value: query[field] ?? '',
    onChange: (e: React.FormEvent<HTMLInputElement>) =>
      onChange({ ...query, [field]: e.currentTarget.value || undefined }),
    onBlur: (e: React.FocusEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value.trim();
      if (field === 'focusVariable' && value && !isReference(value)) {
        onChange({ ...query, focusVariable: `$${value}` });
      }
      onRunQuery();
    },
  });
  return (
    <EditorFieldGroup>
      <EditorField
        label="Focus variable"
        htmlFor="flamelens-focus-variable"
        tooltip="Dashboard variable holding a focus moment (a time), written as $name. When it holds a time, the query reads the focus window around it instead of the dashboard range. Empty: the query always reads the dashboard range."
      >
        <Input
          id="flamelens-focus-variable"
          width={16}
          placeholder={`none, e.g. $${DEFAULT_FOCUS_VARIABLE}`}
          {...text('focusVariable')}
        />
      </EditorField>
      <EditorField
        label="Focus window"
        htmlFor="flamelens-focus-window"
        tooltip="Width of the window centred on the focus moment"
      >
        <Input id="flamelens-focus-window" width={10} placeholder={DEFAULT_FOCUS_WINDOW} {...text('focusWindow')} />
      </EditorField>
      <EditorField
        label="Compare with"
        htmlFor="flamelens-compare"
        tooltip="Show a diff flame graph against a baseline window. A variable such as $compare works too."
      >
        <Combobox
          id="flamelens-compare"
          width={22}
          options={COMPARE_OPTIONS}
          createCustomValue
          value={compare}
          onChange={(o: ComboboxOption<string> | null) =>
            run({ ...query, compare: o?.value && o.value !== 'off' ? o.value : undefined })
          }
        />
      </EditorField>
      {compare === 'custom' && (
        <>
          <EditorField
            label="Baseline from"
            htmlFor="flamelens-compare-from"
            tooltip="ms since the epoch, an ISO time or now-1d"
          >
            <Input id="flamelens-compare-from" width={24} placeholder="now-1d" {...text('compareFrom')} />
          </EditorField>
          <EditorField
            label="Baseline to"
            htmlFor="flamelens-compare-to"
            tooltip="ms since the epoch, an ISO time or now-23h"
          >
            <Input id="flamelens-compare-to" width={24} placeholder="now-23h" {...text('compareTo')} />
          </EditorField>
        </>
      )}
    </EditorFieldGroup>
  );
}
