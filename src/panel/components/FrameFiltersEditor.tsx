import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';

import { readFilterEntries, sameEntry, type FilterEntry } from '../../model/transforms/filterEntries';
import { chipLabel } from '../frameFilterView';
import { AddFilterForm } from './AddFilter';

/**
 * The panel editor's frame filter option: the saved entries, each with a remove button, and the same form as the
 * header's "Add filter" (kind, mode, pattern checked as typed, presets with their patterns). Reads whatever is saved
 * (an array, a filter list string, junk from a hand-edited dashboard) and always writes an array of entries.
 */
export function FrameFiltersEditor({ value, onChange }: StandardEditorProps<unknown>) {
  const styles = useStyles2(getStyles);
  const entries = readFilterEntries(value);
  const save = (next: FilterEntry[]) => onChange(next);
  return (
    <div className={styles.root} data-testid="flamelens-frame-filters-editor">
      {entries.length === 0 ? (
        <div className={styles.none}>No filters: every frame is shown.</div>
      ) : (
        <ul className={styles.list}>
          {entries.map((entry, index) => (
            <li key={`${index}:${chipLabel(entry)}`} className={styles.item}>
              <code>{chipLabel(entry)}</code>
              <IconButton
                name="trash-alt"
                size="sm"
                aria-label={`Remove filter ${chipLabel(entry)}`}
                onClick={() => save(entries.filter((_, k) => k !== index))}
              />
            </li>
          ))}
        </ul>
      )}
      <AddFilterForm
        onAdd={(entry) => {
          if (!entries.some((e) => sameEntry(e, entry))) {
            save([...entries, entry]);
          }
        }}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  none: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  item: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    code: { fontFamily: theme.typography.fontFamilyMonospace, wordBreak: 'break-all' },
  }),
});
