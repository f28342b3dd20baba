import React, { useState, type FocusEvent, type KeyboardEvent } from 'react';
import type {
  NumberFieldConfigSettings,
  SelectableValue,
  SliderFieldConfigSettings,
  StandardEditorProps,
  StringFieldConfigSettings,
} from '@grafana/data';
import { Button, IconButton, Input, RadioButtonGroup, Slider, Stack, Switch, TextArea } from '@grafana/ui';

import { NumberInput } from './NumberInput';

/** `number`: a number field; `settings.min/max` clamp, `step` steps, `integer` floors, `placeholder` shows when empty. */
export function NumberEditor({ value, onChange, item, id }: StandardEditorProps<number, NumberFieldConfigSettings>) {
  const settings = item.settings;
  return (
    <NumberInput
      id={id}
      value={value}
      min={settings?.min}
      max={settings?.max}
      step={settings?.step}
      placeholder={settings?.placeholder}
      onChange={(n) => onChange(settings?.integer && n !== undefined ? Math.floor(n) : n)}
    />
  );
}

/** `slider`: a slider with a number box; `settings.min/max` (default 0 and 100), `step`, `marks`, `included`. */
export function SliderEditor({ value, onChange, item, id }: StandardEditorProps<number, SliderFieldConfigSettings>) {
  const settings = item.settings;
  const min = settings?.min ?? 0;
  const max = settings?.max ?? 100;
  return (
    <Slider
      inputId={id ?? `slider-${item.id}`}
      min={min}
      max={max}
      step={settings?.step}
      marks={settings?.marks ?? { [min]: min, [max]: max }}
      included={settings?.included}
      ariaLabelForHandle={settings?.ariaLabelForHandle}
      value={value ?? min}
      onChange={(n) => onChange(n)}
    />
  );
}

/**
 * `text`: a text field (a text area with `settings.useTextarea`, `rows`) that commits trimmed text on blur and on
 * Enter (not in a text area), as Grafana's does; empty text clears the option (undefined).
 */
export function TextEditor({ value, onChange, item, id }: StandardEditorProps<string, StringFieldConfigSettings>) {
  const settings = item.settings;
  const commit = (text: string) => {
    const next = text.trim();
    if (next !== (value ?? '')) {
      onChange(next === '' ? undefined : next);
    }
  };
  if (settings?.useTextarea) {
    return (
      <TextArea
        id={id}
        placeholder={settings.placeholder}
        maxLength={settings.maxLength}
        defaultValue={value ?? ''}
        rows={settings.rows ?? 5}
        onBlur={(e) => commit(e.currentTarget.value)}
      />
    );
  }
  return (
    <Input
      id={id}
      placeholder={settings?.placeholder}
      maxLength={settings?.maxLength}
      defaultValue={value ?? ''}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit(e.currentTarget.value);
        }
      }}
    />
  );
}

type InputCommitEvent = KeyboardEvent<HTMLInputElement> | FocusEvent<HTMLInputElement>;

/** Blur or Enter: the events on which a list entry is committed. */
function isCommit(e: InputCommitEvent): boolean {
  return e.type === 'blur' || ('key' in e && e.key === 'Enter');
}

/**
 * `strings`: a list of text entries; an emptied entry is removed, the trash button removes one, the add button opens
 * a field for a new one (`settings.placeholder` labels it, "Add text" by default).
 */
export function StringArrayEditor({
  value,
  onChange,
  item,
  id,
}: StandardEditorProps<string[], StringFieldConfigSettings>) {
  const [adding, setAdding] = useState(false);
  const list = value ?? [];
  const placeholder = item.settings?.placeholder || 'Add text';

  const remove = (index: number) => onChange(list.filter((_, i) => i !== index));
  const edit = (e: InputCommitEvent, index: number) => {
    if (!isCommit(e)) {
      return;
    }
    const text = e.currentTarget.value.trim();
    if (text === '') {
      remove(index);
    } else if (text !== list[index]) {
      onChange(list.map((s, i) => (i === index ? text : s)));
    }
  };
  const add = (e: InputCommitEvent) => {
    if (!isCommit(e)) {
      return;
    }
    const text = e.currentTarget.value.trim();
    setAdding(false);
    if (text !== '') {
      onChange([...list, text]);
    }
  };

  return (
    <Stack direction="column" gap={0.5}>
      {list.map((s, index) => (
        <Input
          key={`${index}/${s}`}
          id={index === 0 ? id : undefined}
          aria-label={`${item.name} ${index + 1}`}
          defaultValue={s}
          onBlur={(e) => edit(e, index)}
          onKeyDown={(e) => edit(e, index)}
          suffix={<IconButton name="trash-alt" aria-label={`Remove ${s}`} onClick={() => remove(index)} />}
        />
      ))}
      {adding ? (
        <Input
          autoFocus
          aria-label={placeholder}
          placeholder={placeholder}
          defaultValue=""
          onBlur={add}
          onKeyDown={add}
        />
      ) : (
        <div>
          <Button icon="plus" size="sm" variant="secondary" onClick={() => setAdding(true)}>
            {placeholder}
          </Button>
        </div>
      )}
    </Stack>
  );
}

/** `boolean`: a switch. */
export function BooleanEditor({ value, onChange, id }: StandardEditorProps<boolean>) {
  return <Switch id={id} value={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} />;
}

/** `radio`: a radio button group over `settings.options`; the group is named after the option. */
export function RadioEditor({
  value,
  onChange,
  item,
  id,
}: StandardEditorProps<unknown, { options?: Array<SelectableValue<unknown>> }>) {
  return (
    <RadioButtonGroup
      id={id}
      aria-label={item.name}
      options={item.settings?.options ?? []}
      value={value}
      onChange={(v) => onChange(v)}
    />
  );
}
