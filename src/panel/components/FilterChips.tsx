import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, IconButton, useStyles2 } from '@grafana/ui';

import type { FilterListSyntaxError } from '../../model/errors';
import { FILTER_PRESETS } from '../../model/transforms/filterPresets';
import { isPresetEntry } from '../../model/transforms/filterEntries';
import { chipLabel, presetTitle, type FilterChip } from '../frameFilterView';

/** Height of the chips row, below the header line. */
export const FILTER_CHIPS_HEIGHT_PX = 24;

/** Props of `FilterChips`. */
export interface FilterChipsProps {
  chips: readonly FilterChip[];
  /** Entries of the query's list that could not be read. */
  listErrors?: readonly FilterListSyntaxError[];
  /** What the filters left of the total (`filterSummary`), and its numbers (for tests: data attributes). */
  summary?: string;
  shownTotal?: number;
  total?: number;
  onRemove: (index: number) => void;
  removable: (index: number) => boolean;
  /** The dashboard variable query filters come from, for the tooltips. */
  variable?: string;
}

/**
 * The active frame filters as a row of chips: kind, mode and pattern (a preset as one chip named after it, its
 * patterns in the tooltip), an error on a chip whose pattern Go's regexp rejects, a warning on one that matched no
 * frame, a remove button each, and what the filters left of the total. One row: it scrolls sideways when full.
 */
export function FilterChips({
  chips,
  listErrors = [],
  summary,
  shownTotal,
  total,
  onRemove,
  removable,
  variable,
}: FilterChipsProps) {
  const styles = useStyles2(getStyles);
  if (chips.length === 0 && listErrors.length === 0) {
    return null;
  }
  return (
    <div className={styles.row} data-testid="flamelens-filter-chips" aria-label="Active frame filters">
      {chips.map((chip, index) => {
        const label = chipLabel(chip.entry);
        const title = chipTitle(chip, variable);
        return (
          <span
            key={`${chip.source}:${index}:${label}`}
            className={cx(
              styles.chip,
              chip.status === 'invalid' && styles.invalid,
              chip.status === 'unmatched' && styles.unmatched
            )}
            title={title}
            data-testid="flamelens-filter-chip"
            data-status={chip.status}
            data-source={chip.source}
          >
            {chip.status === 'invalid' && <Icon name="exclamation-circle" size="sm" />}
            {chip.status === 'unmatched' && <Icon name="exclamation-triangle" size="sm" />}
            {chip.source === 'query' && <Icon name="link" size="sm" title="From the query" />}
            <strong>{isPresetEntry(chip.entry) ? 'hide' : chip.entry.kind}</strong>
            {isPresetEntry(chip.entry) ? (
              <span>preset {presetTitle(chip.entry.preset)}</span>
            ) : (
              <>
                {chip.entry.mode === 'exact' && <span className={styles.mode}>exact</span>}
                <code className={styles.pattern}>{chip.entry.pattern}</code>
              </>
            )}
            {chip.status === 'invalid' && chip.error && (
              <span className={styles.errorText} role="alert">
                {chip.error.code}
              </span>
            )}
            {removable(index) && (
              <IconButton
                name="times"
                size="sm"
                aria-label={`Remove filter ${label}`}
                onClick={() => onRemove(index)}
              />
            )}
          </span>
        );
      })}
      {listErrors.map((e) => (
        <span
          key={`list:${e.index}`}
          className={cx(styles.chip, styles.invalid)}
          title={e.message}
          data-testid="flamelens-filter-chip"
          data-status="unreadable"
        >
          <Icon name="exclamation-circle" size="sm" />
          <code className={styles.pattern}>{e.entry}</code>
          <span className={styles.errorText} role="alert">
            unreadable
          </span>
        </span>
      ))}
      {summary && (
        <span
          className={styles.summary}
          data-testid="flamelens-filter-summary"
          data-shown={shownTotal}
          data-total={total}
          title="As go tool pprof says it: the value the filters left, of the profile's total before filtering"
        >
          {summary}
        </span>
      )}
    </div>
  );
}

function chipTitle(chip: FilterChip, variable: string | undefined): string {
  const lines: string[] = [];
  if (isPresetEntry(chip.entry)) {
    const preset = FILTER_PRESETS.find((p) => p.id === (chip.entry as { preset: string }).preset);
    lines.push(`Preset "${preset?.title ?? chip.entry.preset}": hides the frames matching`);
    for (const p of preset?.patterns ?? []) {
      lines.push(`  ${p.pattern}  (${p.what})`);
    }
  } else {
    const { kind, mode, pattern } = chip.entry;
    const what =
      kind === 'hide'
        ? 'removes the matching frames from every stack'
        : kind === 'focus'
          ? 'keeps only the stacks through a matching frame'
          : 'drops the stacks through a matching frame';
    lines.push(`${kind} (${mode === 'exact' ? 'exact name' : 'Go regular expression'}) ${pattern}: ${what}`);
  }
  if (chip.status === 'invalid' && chip.error) {
    lines.push(`Not applied: ${chip.error.message}`);
  } else if (chip.status === 'unmatched') {
    lines.push('It matched no frame.');
  }
  if (chip.source === 'query') {
    lines.push(
      variable
        ? `From the query, through the dashboard variable $${variable}.`
        : "From the query's Frame filters field: edit the query to change it."
    );
  }
  return lines.join('\n');
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'flex',
    flex: 'none',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    height: FILTER_CHIPS_HEIGHT_PX,
    overflowX: 'auto',
    overflowY: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  chip: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flex: 'none',
    height: 20,
    maxWidth: 420,
    padding: theme.spacing(0, 0.5, 0, 1),
    borderRadius: theme.shape.radius.pill,
    border: `1px solid ${theme.colors.border.medium}`,
    background: theme.colors.background.secondary,
    color: theme.colors.text.primary,
  }),
  invalid: css({ borderColor: theme.colors.error.border, color: theme.colors.error.text }),
  unmatched: css({ borderColor: theme.colors.warning.border }),
  mode: css({ color: theme.colors.text.secondary }),
  pattern: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    background: 'none',
    border: 'none',
    padding: 0,
  }),
  errorText: css({ color: theme.colors.error.text }),
  summary: css({ flex: 'none', color: theme.colors.text.secondary, marginLeft: theme.spacing(0.5) }),
});
