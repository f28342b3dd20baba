import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Field, Input, RadioButtonGroup, Toggletip, useStyles2 } from '@grafana/ui';

import { FilterPatternError } from '../../model/errors';
import { FILTER_PRESETS } from '../../model/transforms/filterPresets';
import type { FilterEntry } from '../../model/transforms/filterEntries';
import { compileFrameFilter, type FrameFilterKind, type FrameFilterMode } from '../../model/transforms/frameFilters';

const KIND_OPTIONS: Array<{ value: FrameFilterKind; label: string; description: string }> = [
  { value: 'hide', label: 'Hide', description: 'Remove the matching frames from every stack (pprof -hide)' },
  { value: 'focus', label: 'Focus', description: 'Keep only the stacks through a matching frame (pprof -focus)' },
  { value: 'ignore', label: 'Ignore', description: 'Drop the stacks through a matching frame (pprof -ignore)' },
];
const MODE_OPTIONS: Array<{ value: FrameFilterMode; label: string; description: string }> = [
  { value: 'regex', label: 'Regex', description: 'A Go regular expression, found anywhere in the name' },
  { value: 'exact', label: 'Exact', description: 'The whole function name' },
];

/** Props of `AddFilterForm`. */
export interface AddFilterFormProps {
  onAdd: (entry: FilterEntry) => void;
}

/**
 * A new frame filter: kind, mode and pattern (checked as typed by Go's regexp rules, with the error under the field),
 * or a runtime preset, each shown with the patterns it hides.
 */
export function AddFilterForm({ onAdd }: AddFilterFormProps) {
  const styles = useStyles2(getStyles);
  const [kind, setKind] = useState<FrameFilterKind>('hide');
  const [mode, setMode] = useState<FrameFilterMode>('regex');
  const [pattern, setPattern] = useState('');
  const compiled = pattern === '' ? undefined : compileFrameFilter({ kind, mode, pattern });
  const error = compiled instanceof FilterPatternError ? compiled : undefined;
  const add = () => {
    if (pattern !== '' && !error) {
      onAdd({ kind, mode, pattern });
      setPattern('');
    }
  };
  return (
    <div className={styles.form} data-testid="flamelens-add-filter-form">
      <div className={styles.row}>
        <RadioButtonGroup size="sm" options={KIND_OPTIONS} value={kind} onChange={setKind} />
        <RadioButtonGroup size="sm" options={MODE_OPTIONS} value={mode} onChange={setMode} />
      </div>
      <div className={styles.patternRow}>
        <Field
          className={styles.field}
          invalid={error !== undefined}
          error={error?.message}
          description={mode === 'regex' ? 'Go regexp syntax, as go tool pprof reads it: ^runtime\\.' : 'A whole name'}
        >
          <Input
            aria-label="Filter pattern"
            placeholder={mode === 'regex' ? '^runtime\\.' : 'main.work'}
            value={pattern}
            onChange={(e: React.FormEvent<HTMLInputElement>) => setPattern(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </Field>
        <Button size="sm" icon="plus" onClick={add} disabled={pattern === '' || error !== undefined}>
          Add
        </Button>
      </div>
      <div className={styles.presets}>
        <div className={styles.heading}>Presets: hide a runtime&apos;s own frames</div>
        {FILTER_PRESETS.map((preset) => (
          <div key={preset.id} className={styles.preset} data-testid={`flamelens-preset-${preset.id}`}>
            <Button size="sm" variant="secondary" fill="outline" onClick={() => onAdd({ preset: preset.id })}>
              {preset.title}
            </Button>
            <ul className={styles.patterns}>
              {preset.patterns.map((p) => (
                <li key={p.pattern} title={p.what}>
                  <code>{p.pattern}</code>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}

/** The header's "Add filter" button: opens `AddFilterForm` in a toggletip; adding closes it. */
export function AddFilterButton({ onAdd }: AddFilterFormProps) {
  const [open, setOpen] = useState(false);
  return (
    <Toggletip
      show={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      placement="bottom-end"
      closeButton
      content={
        <AddFilterForm
          onAdd={(entry) => {
            setOpen(false);
            onAdd(entry);
          }}
        />
      }
    >
      <Button
        size="sm"
        variant="secondary"
        fill="text"
        icon="filter"
        tooltip="Hide, focus or ignore frames, as pprof does"
      >
        Add filter
      </Button>
    </Toggletip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), maxWidth: 520 }),
  row: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', flexWrap: 'wrap' }),
  // The button sits level with the input, above the field's description and error.
  patternRow: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start', paddingTop: 0 }),
  field: css({ flex: 1, marginBottom: 0 }),
  // The presets' patterns are long (Node's event loop names): the list scrolls rather than leave the screen.
  presets: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    maxHeight: 320,
    overflowY: 'auto',
  }),
  heading: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
  preset: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start' }),
  patterns: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    code: { fontFamily: theme.typography.fontFamilyMonospace, whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
  }),
});
