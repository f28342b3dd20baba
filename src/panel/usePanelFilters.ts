import { useCallback, useMemo, useState } from 'react';
import type { DataFrame } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { readFrameMeta } from '../model/contract';
import type { FilterListSyntaxError } from '../model/errors';
import {
  formatFilterEntries,
  parseFilterEntries,
  readFilterEntries,
  sameEntry,
  type FilterEntry,
} from '../model/transforms/filterEntries';
import type { ActiveFilter } from './frameFilterView';

/** The active frame filters of the panel and how chip edits change them (see `usePanelFilters`). */
export interface PanelFilters {
  /** The panel's own entries first, then the query's. Same identity until one of them changes. */
  active: readonly ActiveFilter[];
  /** Entries of the query's list that could not be read (shown as error chips). */
  listErrors: readonly FilterListSyntaxError[];
  /** The dashboard variable the query's filters come from, where chip edits go; undefined: the panel options. */
  variable?: string;
  add(entry: FilterEntry): void;
  /** Removes `active[index]`; a query filter only when it comes from a variable (else the query must change). */
  remove(index: number): void;
  /** Whether `active[index]` can be removed from the panel. */
  removable(index: number): boolean;
}

/**
 * The panel's frame filters, from its options (`frameFilters`) and from the frame's meta (the query's
 * `frameFilters` field), and where edits go:
 * - when the query's filters come from a dashboard variable (`$filters`), adding or removing a filter rewrites that
 *   variable in the URL (`var-filters=…`), so the address bar shares the filtered view; the view changes at once
 *   (the new list is used until the re-run query answers with it);
 * - otherwise edits are the panel's: applied at once and handed to Grafana through `onOptionsChange`, so they are
 *   in the panel editor and saved with the dashboard when the user saves it (as a table's column widths are).
 */
export function usePanelFilters(
  savedOption: unknown,
  onSave: (entries: FilterEntry[]) => void,
  frame: DataFrame | undefined
): PanelFilters {
  // The panel's entries: the saved option, replaced whenever the option changes (the panel editor), else edited
  // here at once (Grafana's copy of the options follows through onSave).
  const [seenOption, setSeenOption] = useState<unknown>(savedOption);
  const [panelEntries, setPanelEntries] = useState<FilterEntry[]>(() => readFilterEntries(savedOption));
  if (seenOption !== savedOption) {
    setSeenOption(savedOption);
    const saved = readFilterEntries(savedOption);
    // Grafana handing back what was just saved here changes nothing (and must not run the filters again).
    if (formatFilterEntries(saved) !== formatFilterEntries(panelEntries)) {
      setPanelEntries(saved);
    }
  }

  const meta = readFrameMeta(frame?.meta?.custom);
  const variable = meta.frameFiltersVariable;
  // A list written to the variable, used for this frame until the re-run query answers with a new frame.
  const [pending, setPending] = useState<{ frame: DataFrame | undefined; text: string } | undefined>(undefined);
  const queryText = pending && pending.frame === frame ? pending.text : (meta.frameFilters ?? '');
  const query = useMemo(() => parseFilterEntries(queryText), [queryText]);

  const active = useMemo<ActiveFilter[]>(
    () => [
      ...panelEntries.map((entry) => ({ entry, source: 'panel' as const })),
      ...query.entries.map((entry) => ({ entry, source: 'query' as const })),
    ],
    [panelEntries, query.entries]
  );

  const writeVariable = useCallback(
    (name: string, entries: FilterEntry[]) => {
      const text = formatFilterEntries(entries);
      setPending({ frame, text });
      locationService.partial({ [`var-${name}`]: text });
    },
    [frame]
  );

  const add = useCallback(
    (entry: FilterEntry) => {
      if (active.some((a) => sameEntry(a.entry, entry))) {
        return;
      }
      if (variable) {
        writeVariable(variable, [...query.entries, entry]);
      } else {
        const next = [...panelEntries, entry];
        setPanelEntries(next);
        onSave(next);
      }
    },
    [active, variable, writeVariable, query.entries, panelEntries, onSave]
  );

  const remove = useCallback(
    (index: number) => {
      const target = active[index];
      if (!target) {
        return;
      }
      if (target.source === 'panel') {
        const next = panelEntries.filter((e) => e !== target.entry);
        setPanelEntries(next);
        onSave(next);
      } else if (variable) {
        writeVariable(
          variable,
          query.entries.filter((e) => e !== target.entry)
        );
      }
    },
    [active, panelEntries, onSave, variable, writeVariable, query.entries]
  );

  const removable = useCallback(
    (index: number) => active[index]?.source === 'panel' || (active[index] !== undefined && variable !== undefined),
    [active, variable]
  );

  return { active, listErrors: query.errors, variable, add, remove, removable };
}
