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
  /** A number of spacing units, or `auto`: as wide as the chosen type's name, from 16 to 22 units. */
  width?: number | 'auto';
}

/** Profile types grouped by profile name, as Pyroscope lists them (`process_cpu` → `cpu`, `samples`). */
export function profileTypeOptions(types: readonly ProfileTypeInfo[]): Array<ComboboxOption<string>> {
  return types.map((t) => ({ value: t.id, label: `${t.name} - ${t.sampleType}`, group: t.name }));
}

/** Picks a profile type; a typed value (such as `$profile_type`) is kept, so template variables work. */
export function ProfileTypePicker({ types, loading, value, onChange, id, clearable = false, width = 40 }: Props) {
  const options = useMemo(() => profileTypeOptions(types ?? []), [types]);
  const size = width === 'auto' ? ({ width, minWidth: 16, maxWidth: 22 } as const) : { width };
  const shared = {
    id,
    ...size,
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
