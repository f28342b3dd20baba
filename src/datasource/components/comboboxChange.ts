import type { ComboboxOption } from '@grafana/ui';

/**
 * An `onChange` for a non-clearable Combobox that takes only real options. Grafana's Combobox (12.4) can call it with
 * `undefined`: Enter while a value is selected and the typed filter leaves fewer rows than the selected row's index
 * (the highlight starts at that index). Ignoring that keeps the editor from crashing; the user just picks again.
 */
export function onOption<T extends string | number>(handler: (value: T) => void) {
  return (option: ComboboxOption<T> | null | undefined) => {
    if (option) {
      handler(option.value);
    }
  };
}
