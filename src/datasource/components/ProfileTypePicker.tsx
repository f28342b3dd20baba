import React, { useMemo } from 'react';
import { Combobox, type ComboboxOption } from '@grafana/ui';

import type { ProfileTypeInfo } from '../api/types';
import { onOption } from './comboboxChange';

interface Props {
  types: readonly ProfileTypeInfo[] | undefined;
  loading: boolean;
  value: string | undefined;
  onChange: (profileTypeId: string | undefined) => void;
  id?: string;
  /** Variables may leave the profile type open; queries need one. */
  clearable?: boolean;
  width?: number;
}

/** Profile types grouped by profile name, as Pyroscope lists them (`process_cpu` → `cpu`, `samples`). */
export function profileTypeOptions(types: readonly ProfileTypeInfo[]): Array<ComboboxOption<string>> {
  return types.map((t) => ({ value: t.id, label: `${t.name} - ${t.sampleType}`, group: t.name }));
}

/** Picks a profile type; a typed value (such as `$profile_type`) is kept, so template variables work. */
export function ProfileTypePicker({ types, loading, value, onChange, id, clearable = false, width = 40 }: Props) {
  const options = useMemo(() => profileTypeOptions(types ?? []), [types]);
  const shared = {
    id,
    width,
    options,
    loading,
    // An id the server does not list (a variable, or a type with no data in range) still shows as typed.
    value: value || null,
    createCustomValue: true,
    placeholder: 'Choose a profile type',
  };
  return clearable ? (
    <Combobox {...shared} isClearable onChange={(o) => onChange(o?.value || undefined)} />
  ) : (
    <Combobox {...shared} onChange={onOption<string>(onChange)} />
  );
}
