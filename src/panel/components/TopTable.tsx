import React, { useEffect, useMemo, useRef, useState } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, Input, useStyles2, useTheme2 } from '@grafana/ui';

import { rootTotal, type Profile } from '../../model/profile';
import { lowerCased } from '../../model/transforms/search';
import { topTable, type TopTable as TopTableData } from '../../model/transforms/topTable';
import { formatShare, formatValue } from '../../model/units';
import { displayText } from '../render/displayText';
import { createLabelFitter, ELLIPSIS, type LabelFitter } from '../render/textFit';
import { textMeasurer } from './textMeasure';
import { formatRelativeChange, formatSignedValue } from './format';
import {
  defaultSort,
  filterRows,
  nextSort,
  sortKeys,
  sortRows,
  topTableColumns,
  topTableLayout,
  type TopTableColumn,
  type TopTableSort,
} from './topTableRows';
import { useElementSize } from './useElementSize';

/** Height of one row in px: rows are windowed, so it is fixed. */
export const ROW_HEIGHT_PX = 28;
/** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 10;
/** Height of the filter line above the table. */
const FILTER_HEIGHT_PX = 40;

/** Props of `TopTable`. */
export interface TopTableProps {
  profile: Profile;
  /** `topTable(profile)` when the shell already has it; computed here otherwise. */
  table?: TopTableData;
  /** Height of the whole component (filter and table) in px; rows outside it are not rendered. */
  heightPx: number;
  /** Name id of the highlighted function. */
  selectedNameId?: number;
  /** A row was clicked (or Enter pressed on it). */
  onSelectName: (nameId: number) => void;
  /** Show at most this many rows (after filtering and sorting). */
  maxRows?: number;
  /** Name ids matched by the search (`SearchResult.matchedNames`), marked in the table. */
  matchedNames?: Uint8Array;
  /**
   * Width of the component in px. When given, numeric columns narrow and then leave (by priority) so that function
   * names stay readable, and names that do not fit keep their end (`…pkg.Type.method`); without it every column shows.
   */
  widthPx?: number;
  /** Show the selected function's source lines: a button beside the filter while a row is selected, when given. */
  onShowLines?: (nameId: number) => void;
}

/** Padding of a cell, both sides (theme.spacing(0, 1)). */
const CELL_PADDING_PX = 16;

/** Functions with self and total (or baseline, comparison and change), sortable, filterable and windowed. */
export function TopTable({
  profile,
  table: given,
  heightPx,
  selectedNameId,
  onSelectName,
  maxRows,
  matchedNames,
  widthPx,
  onShowLines,
}: TopTableProps) {
  const styles = useStyles2(getStyles);
  const diff = profile.right !== undefined;
  const table = useMemo(() => given ?? topTable(profile), [given, profile]);
  const keys = useMemo(() => sortKeys(table), [table]);
  const columns = useMemo(() => topTableColumns(diff), [diff]);
  const layout = useMemo(() => topTableLayout(columns, widthPx), [columns, widthPx]);
  const [nameHeadRef, nameHead] = useElementSize<HTMLTableCellElement>();
  const fitter = useNameFitter(widthPx !== undefined);
  const [filter, setFilter] = useState('');
  const [chosenSort, setSort] = useState<TopTableSort>(() => defaultSort(diff));
  // A profile that turns from single to diff (or back) has other columns: fall back to its default order. Memoised,
  // so scrolling does not sort 100k rows again.
  const sort = useMemo(
    () => (columns.some((c) => c.id === chosenSort.column) ? chosenSort : defaultSort(diff)),
    [columns, chosenSort, diff]
  );
  // Lowercased names only while a filter is typed (shared with the search's cache): an unfiltered table of a 1M-node
  // profile needs none, and a copy of the string table is megabytes kept for nothing.
  const filtering = filter.trim() !== '';
  const lowerNames = useMemo(() => (filtering ? lowerCased(profile.names) : []), [profile, filtering]);
  const filtered = useMemo(() => filterRows(lowerNames, table, filter), [lowerNames, table, filter]);
  const sorted = useMemo(() => sortRows(profile, table, keys, filtered, sort), [profile, table, keys, filtered, sort]);
  const rows = maxRows !== undefined && maxRows > 0 && sorted.length > maxRows ? sorted.subarray(0, maxRows) : sorted;

  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewportPx = Math.max(ROW_HEIGHT_PX, heightPx - FILTER_HEIGHT_PX);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewportPx) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);

  // Bring a function selected elsewhere (a click in the flame graph, "Show in table") into view. Only a new
  // selection scrolls: re-sorting must not jump back to it, so the rows are read through a ref.
  const latest = useRef({ rows, table, viewportPx });
  useEffect(() => {
    latest.current = { rows, table, viewportPx };
  });
  useEffect(() => {
    const el = scrollRef.current;
    const { rows: shown, table: current, viewportPx: visiblePx } = latest.current;
    if (selectedNameId === undefined || !el) {
      return;
    }
    const at = shown.findIndex((r) => current.nameId[r] === selectedNameId);
    if (at < 0) {
      return;
    }
    const top = at * ROW_HEIGHT_PX;
    // The sticky header covers the first row's height of the viewport.
    if (top < el.scrollTop || top + 2 * ROW_HEIGHT_PX > el.scrollTop + visiblePx) {
      const target = Math.max(0, top - visiblePx / 2);
      el.scrollTop = target;
      setScrollTop(target);
    }
  }, [selectedNameId]);

  const leftWhole = rootTotal(profile);
  const rightWhole = profile.right && profile.right.total.length > 0 ? profile.right.total[0] : 0;
  // What a numeric cell says: its value and a note (share or relative change).
  const amount = (column: TopTableColumn, r: number): { value: string; note: string } => {
    const unit = profile.unit;
    switch (column.id) {
      case 'self':
      case 'baseline':
        return { value: formatValue(table.self[r], unit), note: formatShare(table.self[r], leftWhole) };
      case 'total':
        return { value: formatValue(table.total[r], unit), note: formatShare(table.total[r], leftWhole) };
      case 'comparison': {
        const v = table.selfRight?.[r] ?? 0;
        return { value: formatValue(v, unit), note: formatShare(v, rightWhole) };
      }
      case 'selfChange':
      case 'totalChange':
      case 'name': {
        const before = column.id === 'totalChange' ? table.total[r] : table.self[r];
        const after = (column.id === 'totalChange' ? table.totalRight?.[r] : table.selfRight?.[r]) ?? 0;
        return { value: formatSignedValue(after - before, unit), note: formatRelativeChange(before, after) };
      }
    }
  };
  // Room for a name's text: the name column's measured width less the cell padding (unknown until measured).
  const nameRoomPx = nameHead.width > 0 ? nameHead.width - CELL_PADDING_PX - 1 : undefined;
  const cell = (column: TopTableColumn, r: number) => {
    if (column.id === 'name') {
      const full = displayText(profile.names[table.nameId[r]]);
      if (!fitter || nameRoomPx === undefined) {
        return full;
      }
      return fitter.fitName(profile.names, table.nameId[r], nameRoomPx) || ELLIPSIS;
    }
    const { value, note } = amount(column, r);
    return layout.narrow ? <span title={note}>{value}</span> : <Amount value={value} note={note} />;
  };
  // The row's tooltip: the whole name, and the columns left out for lack of room.
  const rowTitle = (r: number) =>
    [
      displayText(profile.names[table.nameId[r]]),
      ...layout.hidden.map((c) => {
        const { value, note } = amount(c, r);
        return `${c.label}: ${value} (${note})`;
      }),
    ].join('\n');

  return (
    <div className={styles.wrapper} style={{ height: heightPx }}>
      <div className={styles.filter}>
        <div className={styles.filterInput}>
          <Input
            aria-label="Filter functions"
            placeholder="Filter functions"
            prefix={<Icon name="filter" />}
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              if (scrollRef.current) {
                scrollRef.current.scrollTop = 0;
              }
              setScrollTop(0);
            }}
          />
        </div>
        {onShowLines && selectedNameId !== undefined && (
          <Button
            size="sm"
            variant="secondary"
            icon="list-ol"
            tooltip={`Source lines of ${displayText(profile.names[selectedNameId] ?? '')}`}
            onClick={() => onShowLines(selectedNameId)}
          >
            Source lines
          </Button>
        )}
        {rows.length < sorted.length && (
          <span className={styles.note}>
            {rows.length.toLocaleString('en-US')} of {sorted.length.toLocaleString('en-US')}
          </span>
        )}
        {layout.hidden.length > 0 && (
          <span
            className={styles.note}
            data-testid="flamelens-hidden-columns"
            title={`Left out for lack of room: ${layout.hidden
              .map((c) => c.label)
              .join(', ')}. Each row's tooltip has their values; a wider panel shows them.`}
          >
            +{layout.hidden.length} {layout.hidden.length === 1 ? 'column' : 'columns'}
          </span>
        )}
      </div>
      <div className={styles.scroll} ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <table className={styles.table} aria-rowcount={rows.length + 1}>
          <thead>
            <tr>
              {layout.columns.map(({ column: c, widthPx: w }) => (
                <th
                  key={c.id}
                  ref={c.id === 'name' ? nameHeadRef : undefined}
                  className={cx(styles.th, c.numeric ? styles.numeric : styles.nameHead)}
                  style={w !== undefined ? { width: w } : undefined}
                  aria-sort={sort.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  aria-label={c.label}
                  title={`${c.label}: ${c.title}`}
                >
                  <button type="button" className={styles.sortButton} onClick={() => setSort(nextSort(sort, c))}>
                    <span className={styles.label}>{layout.narrow ? c.shortLabel : c.label}</span>
                    {sort.column === c.id && <Icon name={sort.descending ? 'arrow-down' : 'arrow-up'} size="sm" />}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden style={{ height: first * ROW_HEIGHT_PX }} />}
            {Array.from(rows.subarray(first, last), (r, i) => {
              const nameId = table.nameId[r];
              const selected = nameId === selectedNameId;
              return (
                <tr
                  key={nameId}
                  aria-rowindex={first + i + 2}
                  aria-selected={selected}
                  title={layout.hidden.length > 0 || fitter ? rowTitle(r) : undefined}
                  tabIndex={0}
                  className={cx(
                    styles.row,
                    selected && styles.selected,
                    matchedNames?.[nameId] === 1 && styles.matched
                  )}
                  onClick={() => onSelectName(nameId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelectName(nameId);
                    }
                  }}
                >
                  {layout.columns.map(({ column: c }) => (
                    <td key={c.id} className={cx(styles.td, c.numeric ? styles.numeric : styles.name)}>
                      {cell(c, r)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {last < rows.length && <tr aria-hidden style={{ height: (rows.length - last) * ROW_HEIGHT_PX }} />}
          </tbody>
        </table>
        {rows.length === 0 && <div className={styles.empty}>No functions match</div>}
      </div>
    </div>
  );
}

/** Font size of the name cells in css px: set in px, so the canvas that fits names measures in the same font. */
const NAME_FONT_PX = 12;

/** Font of the name cells, as the canvas measures text; the same as their style's. */
function nameFont(theme: GrafanaTheme2): string {
  return `${NAME_FONT_PX}px ${theme.typography.fontFamilyMonospace}`;
}

/**
 * A label fitter measuring in the name cells' font (see `fitLabel`: a name that does not fit keeps its end), or
 * undefined when off or where there is no canvas to measure with.
 */
function useNameFitter(on: boolean): LabelFitter | undefined {
  const theme = useTheme2();
  const font = nameFont(theme);
  return useMemo(() => {
    if (!on) {
      return undefined;
    }
    const measure = textMeasurer(font);
    return measure ? createLabelFitter(measure, { font }) : undefined;
  }, [on, font]);
}

function Amount({ value, note }: { value: string; note: string }) {
  const styles = useStyles2(getStyles);
  return (
    <>
      {value} <span className={styles.note}>{note}</span>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  filter: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    height: FILTER_HEIGHT_PX,
    flex: 'none',
    whiteSpace: 'nowrap',
  }),
  // The input gives way to the notes beside it (Grafana's Input would keep about 20 characters).
  filterInput: css({
    flex: '1 1 auto',
    minWidth: 0,
    '& > div > div': { minWidth: 0 },
    '& input': { boxSizing: 'border-box' },
  }),
  scroll: css({ flex: 1, overflow: 'auto', minHeight: 0 }),
  // Fixed layout: windowed rows change on scroll, column widths must not follow their content.
  table: css({
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  th: css({
    position: 'sticky',
    top: 0,
    zIndex: 1,
    background: theme.colors.background.primary,
    borderBottom: `1px solid ${theme.colors.border.medium}`,
    height: ROW_HEIGHT_PX,
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
  }),
  label: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }),
  sortButton: css({
    maxWidth: '100%',
    background: 'none',
    border: 'none',
    padding: 0,
    color: theme.colors.text.primary,
    fontWeight: theme.typography.fontWeightMedium,
    cursor: 'pointer',
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  }),
  row: css({
    height: ROW_HEIGHT_PX,
    cursor: 'pointer',
    '&:hover': { background: theme.colors.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.border}`, outlineOffset: -2 },
  }),
  selected: css({ background: theme.colors.action.selected, '&:hover': { background: theme.colors.action.selected } }),
  matched: css({ boxShadow: `inset 3px 0 0 ${theme.colors.primary.main}` }),
  td: css({
    padding: theme.spacing(0, 1),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  name: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: NAME_FONT_PX,
    letterSpacing: 'normal',
  }),
  numeric: css({ textAlign: 'right' }),
  nameHead: css({ textAlign: 'left' }),
  note: css({ color: theme.colors.text.secondary }),
  empty: css({ padding: theme.spacing(1), color: theme.colors.text.secondary }),
});
