import type { Profile } from '../../model/profile';
import type { TopTable } from '../../model/transforms/topTable';

/** Columns of the top table. Diffs compare self values, as `pprof -top -diff_base` does; total change is extra. */
export type TopTableColumnId = 'name' | 'self' | 'total' | 'baseline' | 'comparison' | 'selfChange' | 'totalChange';

/** A column: its header and whether it holds numbers (numbers sort largest first on the first click). */
export interface TopTableColumn {
  id: TopTableColumnId;
  label: string;
  /** The header when the columns are narrow. */
  shortLabel: string;
  /** Longer explanation, shown as the header's title. */
  title: string;
  numeric: boolean;
  /** Numeric columns leave a narrow table in reverse order of this (1 stays longest); the name never leaves. */
  priority: number;
}

/** Sort order of the table. */
export interface TopTableSort {
  column: TopTableColumnId;
  descending: boolean;
}

const NAME: TopTableColumn = {
  id: 'name',
  label: 'Function',
  shortLabel: 'Function',
  title: 'Function name',
  numeric: false,
  priority: 0,
};

/** Columns of a single profile or of a diff. */
export function topTableColumns(diff: boolean): TopTableColumn[] {
  if (!diff) {
    return [
      NAME,
      {
        id: 'self',
        label: 'Self',
        shortLabel: 'Self',
        title: 'Value spent in the function itself, and its share of the total',
        numeric: true,
        priority: 1,
      },
      {
        id: 'total',
        label: 'Total',
        shortLabel: 'Total',
        title: 'Value spent in the function and its callees (recursion counted once)',
        numeric: true,
        priority: 2,
      },
    ];
  }
  return [
    NAME,
    {
      id: 'baseline',
      label: 'Baseline self',
      shortLabel: 'Before',
      title: 'Self value in the baseline, and its share of the baseline',
      numeric: true,
      priority: 3,
    },
    {
      id: 'comparison',
      label: 'Comparison self',
      shortLabel: 'After',
      title: 'Self value in the comparison, and its share of the comparison',
      numeric: true,
      priority: 2,
    },
    {
      id: 'selfChange',
      label: 'Self change',
      shortLabel: 'Δ self',
      title: 'Comparison self minus baseline self',
      numeric: true,
      priority: 1,
    },
    {
      id: 'totalChange',
      label: 'Total change',
      shortLabel: 'Δ total',
      title: 'Comparison total minus baseline total',
      numeric: true,
      priority: 4,
    },
  ];
}

/** Room the function name keeps before any numeric column narrows or leaves (about 26 monospace characters). */
export const NAME_MIN_PX = 200;
/** A numeric column with its value and share (or relative change). */
export const WIDE_COLUMN_PX = 124;
/** A numeric column with its value only (the share goes to the cell's tooltip). */
export const NARROW_COLUMN_PX = 80;
/** Room kept for the vertical scrollbar. */
export const SCROLLBAR_PX = 16;

/** Which columns a table of some width shows, and how. */
export interface TopTableLayout {
  /** Shown columns in their order; numeric ones with their width (the name takes the rest). */
  columns: Array<{ column: TopTableColumn; widthPx?: number }>;
  /** Numeric columns left out for lack of room, most important first (their values go to each row's tooltip). */
  hidden: TopTableColumn[];
  /** Numeric columns show their value only, under their short label. */
  narrow: boolean;
}

/**
 * Fits the columns into `widthPx` so that the function name keeps at least `NAME_MIN_PX` (or all the room, below
 * that): numeric columns wide when they fit, else all narrow, else narrow with the least important left out. An
 * unknown width (not measured) shows every column wide.
 */
export function topTableLayout(columns: readonly TopTableColumn[], widthPx: number | undefined): TopTableLayout {
  const numeric = columns.filter((c) => c.numeric);
  const all = (width: number) => columns.map((column) => (column.numeric ? { column, widthPx: width } : { column }));
  if (widthPx === undefined || !(widthPx > 0)) {
    return { columns: all(WIDE_COLUMN_PX), hidden: [], narrow: false };
  }
  const room = widthPx - SCROLLBAR_PX - NAME_MIN_PX;
  if (numeric.length * WIDE_COLUMN_PX <= room) {
    return { columns: all(WIDE_COLUMN_PX), hidden: [], narrow: false };
  }
  const fit = Math.max(0, Math.min(numeric.length, Math.floor(room / NARROW_COLUMN_PX)));
  const byPriority = [...numeric].sort((a, b) => a.priority - b.priority);
  const kept = new Set(byPriority.slice(0, fit).map((c) => c.id));
  return {
    columns: columns
      .filter((c) => !c.numeric || kept.has(c.id))
      .map((column) => (column.numeric ? { column, widthPx: NARROW_COLUMN_PX } : { column })),
    hidden: byPriority.slice(fit),
    narrow: true,
  };
}

/** Largest self first, or for a diff the largest growth first. */
export function defaultSort(diff: boolean): TopTableSort {
  return { column: diff ? 'selfChange' : 'self', descending: true };
}

/** The sort after clicking a header: the same column flips, a new one starts largest first (names A to Z). */
export function nextSort(current: TopTableSort, column: TopTableColumn): TopTableSort {
  if (current.column === column.id) {
    return { column: column.id, descending: !current.descending };
  }
  return { column: column.id, descending: column.numeric };
}

/** Per-row numbers of every numeric column, computed once per table. */
export type SortKeys = Partial<Record<TopTableColumnId, Float64Array>>;

/** The numbers each numeric column sorts by. */
export function sortKeys(table: TopTable): SortKeys {
  const keys: SortKeys = { self: table.self, total: table.total };
  if (table.selfRight && table.totalRight) {
    const { selfRight, totalRight } = table;
    keys.baseline = table.self;
    keys.comparison = selfRight;
    keys.selfChange = table.self.map((v, r) => selfRight[r] - v);
    keys.totalChange = table.total.map((v, r) => totalRight[r] - v);
  }
  return keys;
}

/** Rows whose function name contains `filter`, ignoring case; every row for an empty filter. */
export function filterRows(lowerNames: readonly string[], table: TopTable, filter: string): Int32Array {
  const n = table.nameId.length;
  const needle = filter.trim().toLowerCase();
  if (needle === '') {
    const all = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      all[r] = r;
    }
    return all;
  }
  const out = new Int32Array(n);
  let count = 0;
  for (let r = 0; r < n; r++) {
    if (lowerNames[table.nameId[r]].includes(needle)) {
      out[count++] = r;
    }
  }
  return out.slice(0, count);
}

/**
 * Sorts row indexes (a new array). Ties keep first-seen order in both directions, so the order is deterministic.
 * Names compare by UTF-16 code units: `localeCompare` is ~10x slower on 100k rows.
 */
export function sortRows(
  profile: Profile,
  table: TopTable,
  keys: SortKeys,
  rows: Int32Array,
  sort: TopTableSort
): Int32Array {
  const sign = sort.descending ? -1 : 1;
  const out = rows.slice();
  if (sort.column === 'name') {
    const name = (r: number) => profile.names[table.nameId[r]];
    return out.sort((a, b) => {
      const x = name(a);
      const y = name(b);
      return x === y ? a - b : x < y ? -sign : sign;
    });
  }
  const key = keys[sort.column];
  if (!key) {
    return out;
  }
  return out.sort((a, b) => sign * (key[a] - key[b]) || a - b);
}
