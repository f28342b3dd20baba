import React, { useState } from 'react';
import { EditorField } from '@grafana/plugin-ui';
import { FieldValidationMessage, Input, RadioButtonGroup, Stack } from '@grafana/ui';

import type { TimeRangeMs } from '../api/types';
import { LabelFilters } from './LabelFilters';
import type { LookupSource } from './lookups';
import { readSelector } from './selectorModel';

type Mode = 'builder' | 'text';

const MODES: Array<{ label: string; value: Mode }> = [
  { label: 'Builder', value: 'builder' },
  { label: 'Text', value: 'text' },
];

interface Props {
  datasource: LookupSource;
  range: TimeRangeMs;
  profileTypeId: string | undefined;
  labelSelector: string;
  names: string[] | undefined;
  namesLoading: boolean;
  /** `run` is true for a builder edit (a complete matcher); text is applied on blur and runs on Shift+Enter only. */
  onChange: (labelSelector: string, run: boolean) => void;
}

/**
 * The label selector as filter rows or as text. The text is the user's until it is applied (on blur or Enter) and is
 * applied as typed even when it does not parse, so nothing typed is ever lost; the builder only opens on text that
 * parses, and the parse error is shown instead.
 */
export function SelectorEditor({ labelSelector, onChange, ...lookups }: Props) {
  const read = readSelector(labelSelector);
  const [mode, setMode] = useState<Mode>(read.ok ? 'builder' : 'text');
  const [text, setText] = useState(labelSelector);
  const [error, setError] = useState<string | undefined>(undefined);
  // Follow changes made elsewhere (the service picker, a new query) without an effect: React's "derive from props".
  const [shown, setShown] = useState(labelSelector);
  if (shown !== labelSelector) {
    setShown(labelSelector);
    setText(labelSelector);
  }

  const apply = (): boolean => {
    const r = readSelector(text);
    setError(r.ok ? undefined : r.error);
    if (text !== labelSelector) {
      onChange(text, false);
    }
    return r.ok;
  };

  const onMode = (next: Mode) => {
    if (next === 'builder' && !apply()) {
      return;
    }
    setMode(next);
  };

  // A selector that does not parse (typed here, or saved that way) can only be edited as text.
  const current = read.ok ? mode : 'text';
  return (
    <EditorField label="Labels" tooltip={'Label matchers that choose the profiles, e.g. {namespace="prod"}'}>
      <Stack direction="column" gap={0.5} grow={1}>
        <div>
          <RadioButtonGroup size="sm" aria-label="Selector mode" options={MODES} value={current} onChange={onMode} />
        </div>
        {current === 'text' ? (
          <>
            <Input
              aria-label="Label selector"
              value={text}
              placeholder='{service_name="api", namespace="prod"}'
              invalid={error !== undefined}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setError(undefined);
              }}
              onBlur={apply}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  // Shift+Enter also runs the query (the editor handles that after this applies the text).
                  apply();
                }
              }}
            />
            {error && <FieldValidationMessage>{error}</FieldValidationMessage>}
          </>
        ) : (
          read.ok && <LabelFilters {...lookups} parsed={read.parsed} onChange={(next) => onChange(next, true)} />
        )}
      </Stack>
    </EditorField>
  );
}
