import {
  NAME_MIN_PX,
  NARROW_COLUMN_PX,
  SCROLLBAR_PX,
  topTableColumns,
  topTableLayout,
  WIDE_COLUMN_PX,
} from './topTableRows';

const ids = (layout: ReturnType<typeof topTableLayout>) => layout.columns.map((c) => c.column.id);

describe('topTableLayout', () => {
  const diff = topTableColumns(true);
  const single = topTableColumns(false);

  it('shows every column wide when the width is unknown or roomy', () => {
    for (const width of [undefined, 0, 1600]) {
      const layout = topTableLayout(diff, width);
      expect(ids(layout)).toEqual(['name', 'baseline', 'comparison', 'selfChange', 'totalChange']);
      expect(layout).toEqual(expect.objectContaining({ narrow: false, hidden: [] }));
      expect(layout.columns.slice(1).every((c) => c.widthPx === WIDE_COLUMN_PX)).toBe(true);
    }
  });

  it('narrows the numeric columns before the name gets less than its minimum', () => {
    const width = SCROLLBAR_PX + NAME_MIN_PX + 4 * WIDE_COLUMN_PX - 1;
    const layout = topTableLayout(diff, width);
    expect(layout.narrow).toBe(true);
    expect(layout.hidden).toEqual([]);
    expect(layout.columns.slice(1).map((c) => c.widthPx)).toEqual(Array(4).fill(NARROW_COLUMN_PX));
  });

  it('then leaves numeric columns out, least important first: the growth stays longest', () => {
    const at300 = topTableLayout(diff, 300);
    expect(ids(at300)).toEqual(['name', 'selfChange']);
    expect(at300.hidden.map((c) => c.id)).toEqual(['comparison', 'baseline', 'totalChange']);
    expect(ids(topTableLayout(diff, SCROLLBAR_PX + NAME_MIN_PX + 2 * NARROW_COLUMN_PX))).toEqual([
      'name',
      'comparison',
      'selfChange',
    ]);
    expect(ids(topTableLayout(single, 300))).toEqual(['name', 'self']);
    expect(ids(topTableLayout(single, 200))).toEqual(['name']);
  });

  it('never leaves the name out, nor the columns in another order', () => {
    for (let width = 1; width <= 1200; width += 37) {
      const shown = ids(topTableLayout(diff, width));
      expect(shown[0]).toBe('name');
      const order = ['name', 'baseline', 'comparison', 'selfChange', 'totalChange'];
      expect(shown).toEqual(order.filter((id) => shown.includes(id as never)));
    }
  });
});
