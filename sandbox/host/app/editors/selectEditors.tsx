import React, { useEffect, useMemo, useState } from 'react';
import {
  getFieldDisplayName,
  type DataFrame,
  type FieldNamePickerConfigSettings,
  type SelectFieldConfigSettings,
  type SelectableValue,
  type StandardEditorContext,
  type StandardEditorProps,
} from '@grafana/data';
import { MultiSelect, Select } from '@grafana/ui';

type SelectSettings = Partial<SelectFieldConfigSettings<unknown>>;
type Options = Array<SelectableValue<unknown>>;

/**
 * The choices of a select: `settings.options`, or what `settings.getOptions(context)` resolves to (asked again when the
 * settings or the data change; a late answer for older data is dropped).
 */
export function useEditorOptions(
  settings: SelectSettings | undefined,
  context: StandardEditorContext<unknown>
): { options: Options; loading: boolean; error?: string } {
  const getOptions = settings?.getOptions;
  const staticOptions = settings?.options;
  const data = context.data;
  // The answer remembers what it was asked for: an answer for older data or settings means "loading".
  const [answer, setAnswer] = useState<{ getOptions: unknown; data: unknown; options: Options; error?: string }>();
  useEffect(() => {
    if (!getOptions) {
      return;
    }
    let current = true;
    const settle = (options: Options, error?: string) => current && setAnswer({ getOptions, data, options, error });
    getOptions(context).then(
      (options) => settle(options),
      (err: unknown) => settle([], `Could not load the choices: ${err instanceof Error ? err.message : String(err)}`)
    );
    return () => {
      current = false;
    };
    // `context` is rebuilt on every render; its data is what the options depend on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [getOptions, data]);
  if (!getOptions) {
    return { options: staticOptions ?? [], loading: false };
  }
  if (answer?.getOptions !== getOptions || answer.data !== data) {
    return { options: answer?.options ?? [], loading: true };
  }
  return { options: answer.options, loading: false, error: answer.error };
}

/** `select`: one value among `settings.options` / `getOptions`; `allowCustomValue`, `isClearable`. */
export function SelectEditor({ value, onChange, item, context, id }: StandardEditorProps<unknown, SelectSettings>) {
  const settings = item.settings;
  const { options, loading, error } = useEditorOptions(settings, context);
  // A saved value that is not (or not yet) among the choices still shows, as in Grafana.
  const current =
    options.find((o) => o.value === value) ??
    (value !== undefined && value !== null && value !== '' ? { label: String(value), value } : null);
  return (
    <Select
      inputId={id}
      isLoading={loading}
      options={options}
      value={current}
      allowCustomValue={settings?.allowCustomValue}
      isClearable={settings?.isClearable}
      invalid={error !== undefined}
      noOptionsMessage={error}
      onChange={(selected) => onChange(selected?.value)}
    />
  );
}

/** `multi-select`: several values among `settings.options` / `getOptions`; `allowCustomValue`. */
export function MultiSelectEditor({
  value,
  onChange,
  item,
  context,
  id,
}: StandardEditorProps<unknown[], SelectSettings>) {
  const settings = item.settings;
  const { options, loading, error } = useEditorOptions(settings, context);
  return (
    <MultiSelect
      inputId={id}
      isLoading={loading}
      options={options}
      value={value ?? []}
      allowCustomValue={settings?.allowCustomValue}
      invalid={error !== undefined}
      noOptionsMessage={error}
      onChange={(selected: Options) =>
        onChange(selected.map((s) => s.value).filter((v): v is NonNullable<unknown> => v !== undefined))
      }
    />
  );
}

/** The display names of the fields in `frames` that pass `filter`, each once, in frame order. */
export function fieldNameOptions(frames: DataFrame[], filter?: FieldNamePickerConfigSettings['filter']): Options {
  const seen = new Set<string>();
  const options: Options = [];
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (filter && !filter(field)) {
        continue;
      }
      const name = getFieldDisplayName(field, frame, frames);
      if (!seen.has(name)) {
        seen.add(name);
        options.push({ value: name, label: name });
      }
    }
  }
  return options;
}

/**
 * `field-name`: a field of the panel's data (`context.data`), by display name; `filter`, `noFieldsMessage`,
 * `placeholderText`, `isClearable` (default true), `width`. A saved name missing from the data is kept and shown.
 */
export function FieldNameEditor({
  value,
  onChange,
  item,
  context,
  id,
}: StandardEditorProps<string, FieldNamePickerConfigSettings>) {
  const settings = item.settings;
  const options = useMemo(() => fieldNameOptions(context.data, settings?.filter), [context.data, settings?.filter]);
  const current = options.find((o) => o.value === value) ?? (value ? { label: value, value } : null);
  return (
    <Select
      inputId={id}
      width={settings?.width}
      options={options}
      value={current}
      placeholder={settings?.placeholderText ?? 'Select field'}
      noOptionsMessage={settings?.noFieldsMessage ?? 'No fields found'}
      isClearable={settings?.isClearable ?? true}
      onChange={(selected) => onChange(typeof selected?.value === 'string' ? selected.value : undefined)}
    />
  );
}
