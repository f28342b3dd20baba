import React from 'react';
import { css } from '@emotion/css';
import {
  VariableSuggestionsScope,
  type DataLink,
  type GrafanaTheme2,
  type StandardEditorProps,
  type StatsPickerConfigSettings,
  type TimeZone,
  type UnitFieldConfigSettings,
} from '@grafana/data';
import {
  ColorPicker,
  DataLinksInlineEditor,
  IconButton,
  StatsPicker,
  TimeZonePicker,
  UnitPicker,
  useStyles2,
  useTheme2,
} from '@grafana/ui';

/** `unit`: Grafana's unit picker; with `settings.isClearable` a button clears the unit. */
export function UnitEditor({ value, onChange, item, id }: StandardEditorProps<string, UnitFieldConfigSettings>) {
  const picker = <UnitPicker id={id} value={value} onChange={(unit) => onChange(unit)} />;
  if (!item.settings?.isClearable || value === undefined) {
    return picker;
  }
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <div style={{ flexGrow: 1 }}>{picker}</div>
      <IconButton name="times" tooltip="Clear unit selection" onClick={() => onChange(undefined)} />
    </div>
  );
}

/** Settings of the `color` editor (Grafana's ColorValueEditorSettings). */
export interface ColorEditorSettings {
  placeholder?: string;
  /** Offer Grafana's named colors (default true). */
  enableNamedColors?: boolean;
  /** Show a button that clears the color (default false). */
  isClearable?: boolean;
}

/**
 * `color`: a swatch that opens Grafana's color picker, the color's name or value beside it, and (with
 * `settings.isClearable`) a clear button. Named colors are saved by name, as in Grafana.
 */
export function ColorEditor({ value, onChange, item, id }: StandardEditorProps<string, ColorEditorSettings>) {
  const theme = useTheme2();
  const styles = useStyles2(getColorStyles);
  const settings = item.settings;
  return (
    <ColorPicker
      color={value ?? ''}
      enableNamedColors={settings?.enableNamedColors !== false}
      onChange={(color) => onChange(color)}
    >
      {({ ref, showColorPicker, hideColorPicker }) => (
        <div className={styles.box}>
          <button
            id={id}
            ref={ref}
            type="button"
            aria-label={value ? `${item.name}: ${value}` : item.name}
            className={styles.swatch}
            style={{
              background: value ? theme.visualization.getColorByName(value) : theme.components.input.borderColor,
            }}
            onClick={showColorPicker}
            onMouseLeave={hideColorPicker}
          />
          <span className={value ? styles.text : styles.placeholder}>
            {value ?? settings?.placeholder ?? 'Select color'}
          </span>
          {settings?.isClearable && value && (
            <IconButton name="times" tooltip="Clear color" onClick={() => onChange(undefined)} />
          )}
        </div>
      )}
    </ColorPicker>
  );
}

function getColorStyles(theme: GrafanaTheme2) {
  return {
    box: css({
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      padding: theme.spacing(0.5, 1),
      background: theme.components.input.background,
      border: `1px solid ${theme.components.input.borderColor}`,
      borderRadius: theme.shape.radius.default,
    }),
    swatch: css({
      width: 16,
      height: 16,
      padding: 0,
      borderRadius: '50%',
      border: `1px solid ${theme.colors.border.strong}`,
      cursor: 'pointer',
    }),
    text: css({ flexGrow: 1, color: theme.colors.text.primary }),
    placeholder: css({ flexGrow: 1, color: theme.colors.text.secondary }),
  };
}

/** `timezone`: Grafana's time zone picker. */
export function TimeZoneEditor({ value, onChange, id }: StandardEditorProps<TimeZone>) {
  return <TimeZonePicker inputId={id} value={value} onChange={(tz) => onChange(tz)} />;
}

/** `stats-picker`: reducer ids (`settings.allowMultiple`, `defaultStat`). */
export function StatsPickerEditor({
  value,
  onChange,
  item,
  id,
}: StandardEditorProps<string[], StatsPickerConfigSettings>) {
  return (
    <StatsPicker
      inputId={id}
      stats={value ?? []}
      allowMultiple={item.settings?.allowMultiple}
      defaultStat={item.settings?.defaultStat}
      onChange={(stats) => onChange(stats)}
    />
  );
}

/** `links`: Grafana's inline data-link editor, with the variables the panel's data offers as suggestions. */
export function LinksEditor({ value, onChange, context }: StandardEditorProps<DataLink[]>) {
  return (
    <DataLinksInlineEditor
      links={value}
      onChange={(links) => onChange(links)}
      data={context.data}
      getSuggestions={() => context.getSuggestions?.(VariableSuggestionsScope.Values) ?? []}
    />
  );
}
