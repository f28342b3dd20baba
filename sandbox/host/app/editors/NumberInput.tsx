import React, { useState, type KeyboardEvent } from 'react';
import { Field, Input } from '@grafana/ui';

/** Props of {@link NumberInput}. */
export interface NumberInputProps {
  id?: string;
  value?: number;
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number;
  /** Called on blur and Enter with the typed number clamped into [min, max], or undefined when the field is empty. */
  onChange: (value: number | undefined) => void;
}

/** What a committed text means: a number (maybe clamped), empty, or not a number (ignored, as Grafana does). */
export type ParsedNumber =
  { kind: 'empty' } | { kind: 'invalid' } | { kind: 'number'; value: number; corrected: boolean };

/** Reads typed text as a number, clamped into [min, max] when set. */
export function parseNumberText(text: string, min?: number, max?: number): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { kind: 'empty' };
  }
  const n = Number(trimmed);
  if (!Number.isFinite(n)) {
    return { kind: 'invalid' };
  }
  if (min !== undefined && n < min) {
    return { kind: 'number', value: min, corrected: true };
  }
  if (max !== undefined && n > max) {
    return { kind: 'number', value: max, corrected: true };
  }
  return { kind: 'number', value: n, corrected: false };
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) {
    return `from ${min} to ${max}`;
  }
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/**
 * A number field that commits on blur and on Enter (like Grafana's options-pane NumberInput), so a half-typed value
 * never reaches the panel. Out-of-range values are clamped and the field says so.
 */
export function NumberInput({ id, value, placeholder, min, max, step, onChange }: NumberInputProps) {
  const shownValue = value === undefined || Number.isNaN(value) ? '' : String(value);
  const [text, setText] = useState(shownValue);
  const [corrected, setCorrected] = useState(false);
  // Follow a value changed elsewhere (derived state, without an effect).
  const [lastValue, setLastValue] = useState(shownValue);
  if (lastValue !== shownValue) {
    setLastValue(shownValue);
    setText(shownValue);
  }

  const commit = (raw: string) => {
    const parsed = parseNumberText(raw, min, max);
    if (parsed.kind === 'invalid') {
      return;
    }
    const next = parsed.kind === 'empty' ? undefined : parsed.value;
    setCorrected(parsed.kind === 'number' && parsed.corrected);
    if (next !== undefined) {
      setText(String(next));
    }
    if (next !== value) {
      onChange(next);
    }
  };

  const input = (
    <Input
      id={id}
      type="number"
      value={text}
      min={min}
      max={max}
      step={step}
      placeholder={placeholder}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter') {
          commit(e.currentTarget.value);
        }
      }}
    />
  );
  // Always inside the same Field, so showing the range message does not remount the input (and lose focus).
  return (
    <Field
      noMargin
      invalid={corrected}
      error={corrected ? `Out of range: the value must be ${rangeText(min, max)}` : undefined}
    >
      {input}
    </Field>
  );
}
