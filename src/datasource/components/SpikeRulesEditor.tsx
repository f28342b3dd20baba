import React, { useState } from 'react';
import { EditorField, EditorFieldGroup } from '@grafana/plugin-ui';
import { Input } from '@grafana/ui';

import { DEFAULT_SPIKE_RULES } from '../query/spikes';
import type { SpikeRules } from '../types';

interface Props {
  rules: SpikeRules | undefined;
  onChange: (rules: SpikeRules) => void;
}

type NumberField = 'minValue' | 'ratio' | 'windowPoints' | 'ceiling';

const FIELDS: Array<{ field: NumberField; label: string; tooltip: string; placeholder: string; integer?: boolean }> = [
  {
    field: 'minValue',
    label: 'Minimum',
    tooltip: 'A spike is at least this high, in the series unit (cores for CPU)',
    placeholder: String(DEFAULT_SPIKE_RULES.minValue),
  },
  {
    field: 'ratio',
    label: 'Over baseline by',
    tooltip: 'A spike is above (1 + this) x the mean of the previous quiet points: 0.5 = 50% higher',
    placeholder: String(DEFAULT_SPIKE_RULES.ratio),
  },
  {
    field: 'windowPoints',
    label: 'Baseline points',
    tooltip: 'How many previous quiet points make the baseline',
    placeholder: String(DEFAULT_SPIKE_RULES.windowPoints),
    integer: true,
  },
  {
    field: 'ceiling',
    label: 'Ceiling',
    tooltip: 'Any point above this is a spike, whatever the baseline (empty: no ceiling)',
    placeholder: 'none',
  },
];

/** Spike rules of the annotation query; empty fields use the defaults shown as placeholders. */
export function SpikeRulesEditor({ rules, onChange }: Props) {
  const current = rules ?? {};
  return (
    <EditorFieldGroup>
      {FIELDS.map((f) => (
        <NumberInput
          key={f.field}
          {...f}
          value={current[f.field]}
          onChange={(v) => onChange({ ...current, [f.field]: v })}
        />
      ))}
      <EditorField
        label="Cool-down"
        htmlFor="flamelens-spike-cooldown"
        tooltip="A spike this soon after the last one extends it"
      >
        <Input
          id="flamelens-spike-cooldown"
          width={10}
          placeholder={`${DEFAULT_SPIKE_RULES.cooldownMs / 60_000}m`}
          value={current.cooldown ?? ''}
          onChange={(e) => onChange({ ...current, cooldown: e.currentTarget.value.trim() || undefined })}
        />
      </EditorField>
      <EditorField
        label="Step"
        htmlFor="flamelens-spike-step"
        tooltip="Bucket width of the series the rules read; wider than the agents' upload interval so uploads do not alias into spikes"
      >
        <Input
          id="flamelens-spike-step"
          width={10}
          placeholder={`${DEFAULT_SPIKE_RULES.stepMs / 60_000}m`}
          value={current.step ?? ''}
          onChange={(e) => onChange({ ...current, step: e.currentTarget.value.trim() || undefined })}
        />
      </EditorField>
    </EditorFieldGroup>
  );
}

function NumberInput(props: {
  field: NumberField;
  label: string;
  tooltip: string;
  placeholder: string;
  integer?: boolean;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
}) {
  const saved = props.value === undefined ? '' : String(props.value);
  const [text, setText] = useState(saved);
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setText(saved);
  }
  const valid = text === '' || (props.integer ? /^\d+$/.test(text) : /^\d+(\.\d+)?$/.test(text));
  return (
    <EditorField
      label={props.label}
      htmlFor={`flamelens-spike-${props.field}`}
      tooltip={props.tooltip}
      invalid={!valid}
      error={props.integer ? 'A whole number' : 'A number ≥ 0'}
    >
      <Input
        id={`flamelens-spike-${props.field}`}
        width={10}
        placeholder={props.placeholder}
        value={text}
        onChange={(e) => {
          const next = e.currentTarget.value.trim();
          setText(next);
          // An invalid entry stays in the field (nothing typed is lost) and is not saved until fixed.
          if (next === '') {
            props.onChange(undefined);
          } else if (props.integer ? /^\d+$/.test(next) : /^\d+(\.\d+)?$/.test(next)) {
            props.onChange(Number(next));
          }
        }}
      />
    </EditorField>
  );
}
