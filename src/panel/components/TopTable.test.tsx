import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';

import type { Profile } from '../../model/profile';
import { parseTree } from '../../model/testing/asciiTree';
import { TopTable } from './TopTable';

// Self: main 20, b 20, c 25 (10 + 15), a 35. Total: main 100, b 30, c 25, a 50.
const single = parseTree(`
total 100
  main 100
    b 30
      c 10
    a 50
      c 15
`);

// Self change: main -20, a +100, b -20, c +40 (new). Total change: main +100, a +100, b -20, c +40.
const diff = parseTree(`
total 100 | 200
  main 100 | 200
    a 50 | 150
    b 30 | 10
    c 0 | 40
`);

/** Function names of the rendered rows, top to bottom (a selector: role queries are slow in jsdom). */
function shownNames(): string[] {
  return Array.from(document.querySelectorAll<HTMLTableRowElement>('tbody tr[aria-rowindex]'), (row) =>
    String(row.cells[0]?.textContent)
  );
}

function header(name: string): HTMLElement {
  return screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
}

function renderTable(profile: Profile, props: Partial<React.ComponentProps<typeof TopTable>> = {}) {
  const onSelectName = jest.fn<void, [number]>();
  const view = render(<TopTable profile={profile} heightPx={600} onSelectName={onSelectName} {...props} />);
  return { onSelectName, ...view };
}

describe('TopTable', () => {
  it('lists functions by self, largest first, with units and shares', () => {
    renderTable(single);
    expect(shownNames()).toEqual(['a', 'c', 'main', 'b']);
    expect(header('Self')).toHaveAttribute('aria-sort', 'descending');
    const firstRow = screen.getAllByRole('row').find((r) => r.hasAttribute('aria-rowindex'));
    expect(firstRow).toHaveTextContent('a35 35.00%50 50.00%');
  });

  it.each([
    // Self starts descending, so its first click flips it; other numbers start largest first, names A to Z.
    [
      'Self',
      [
        ['ascending', ['main', 'b', 'c', 'a']],
        ['descending', ['a', 'c', 'main', 'b']],
      ],
    ],
    [
      'Total',
      [
        ['descending', ['main', 'a', 'b', 'c']],
        ['ascending', ['c', 'b', 'a', 'main']],
      ],
    ],
    [
      'Function',
      [
        ['ascending', ['a', 'b', 'c', 'main']],
        ['descending', ['main', 'c', 'b', 'a']],
      ],
    ],
  ] as const)('sorts by %s both ways', (column, clicks) => {
    renderTable(single);
    for (const [order, names] of clicks) {
      fireEvent.click(within(header(column)).getByRole('button'));
      expect(header(column)).toHaveAttribute('aria-sort', order);
      expect(shownNames()).toEqual(names);
    }
  });

  it('filters by name, ignoring case', () => {
    renderTable(single);
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter functions' }), { target: { value: 'MA' } });
    expect(shownNames()).toEqual(['main']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter functions' }), { target: { value: 'zzz' } });
    expect(shownNames()).toEqual([]);
    expect(screen.getByText('No functions match')).toBeInTheDocument();
  });

  it('calls onSelectName with the name id of a clicked row and highlights the selected one', () => {
    const { onSelectName, rerender } = renderTable(single);
    fireEvent.click(screen.getByText('main'));
    expect(onSelectName).toHaveBeenCalledWith(single.names.indexOf('main'));
    rerender(
      <TopTable
        profile={single}
        heightPx={600}
        onSelectName={onSelectName}
        selectedNameId={single.names.indexOf('c')}
      />
    );
    const selected = screen.getAllByRole('row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
    expect(selected[0]).toHaveTextContent(/^c/);
  });

  it("offers the selected function's source lines when it can, and nothing otherwise", () => {
    const onShowLines = jest.fn();
    const aId = single.names.indexOf('a');
    const view = renderTable(single, { onShowLines });
    expect(screen.queryByRole('button', { name: /Source lines/ })).toBeNull();
    view.rerender(
      <TopTable
        profile={single}
        heightPx={600}
        onSelectName={jest.fn()}
        selectedNameId={aId}
        onShowLines={onShowLines}
      />
    );
    fireEvent.click(screen.getByRole('button', { name: /Source lines/ }));
    expect(onShowLines).toHaveBeenCalledWith(aId);
    view.rerender(<TopTable profile={single} heightPx={600} onSelectName={jest.fn()} selectedNameId={aId} />);
    expect(screen.queryByRole('button', { name: /Source lines/ })).toBeNull();
  });

  it('shows only the first max rows', () => {
    renderTable(single, { maxRows: 2 });
    expect(shownNames()).toEqual(['a', 'c']);
    expect(screen.getByText('2 of 4')).toBeInTheDocument();
  });

  it('compares a diff, largest growth first', () => {
    renderTable(diff);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Function',
      'Baseline self',
      'Comparison self',
      'Self change',
      'Total change',
    ]);
    expect(header('Self change')).toHaveAttribute('aria-sort', 'descending');
    expect(shownNames()).toEqual(['a', 'c', 'main', 'b']);
    const row = screen.getAllByRole('row').find((r) => r.textContent?.startsWith('c'));
    expect(row).toHaveTextContent('c0 0.00%40 20.00%+40 new+40 new');
    fireEvent.click(within(header('Self change')).getByRole('button'));
    expect(shownNames()).toEqual(['main', 'b', 'c', 'a']);
    fireEvent.click(within(header('Total change')).getByRole('button'));
    expect(shownNames()).toEqual(['main', 'a', 'c', 'b']);
    fireEvent.click(within(header('Baseline self')).getByRole('button'));
    expect(shownNames()).toEqual(['a', 'b', 'main', 'c']);
    fireEvent.click(within(header('Comparison self')).getByRole('button'));
    expect(shownNames()).toEqual(['a', 'c', 'b', 'main']);
  });

  it('renders only the visible rows of 100k functions and follows the scroll', () => {
    const profile = flat(100_000);
    renderTable(profile, { heightPx: 400 });
    // Virtualised: a few screens of rows are in the DOM, not 100k (the time it takes is the bench's to measure).
    expect(shownNames().length).toBeLessThan(40);
    // Sorted by self descending: f99999 has the largest self.
    expect(shownNames()[0]).toBe('f99999');
    const scroller = screen.getByRole('table').parentElement!;
    fireEvent.scroll(scroller, { target: { scrollTop: 28 * 50_000 } });
    expect(shownNames()).toContain('f49999');
    expect(shownNames().length).toBeLessThan(40);
  });

  it('scrolls a function selected elsewhere into view', () => {
    const profile = flat(10_000);
    const { rerender, onSelectName } = renderTable(profile, { heightPx: 400 });
    expect(shownNames()).not.toContain('f10');
    rerender(<TopTable profile={profile} heightPx={400} onSelectName={onSelectName} selectedNameId={11} />);
    expect(shownNames()).toContain('f10');
  });

  it("keeps the name readable in a narrow panel: short headers, fewer columns, the rest in each row's tooltip", () => {
    renderTable(diff, { widthPx: 300 });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Function', 'Δ self']);
    expect(header('Self change')).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByTestId('flamelens-hidden-columns')).toHaveTextContent('+3 columns');
    expect(screen.getByTestId('flamelens-hidden-columns').title).toMatch(
      /Comparison self, Baseline self, Total change/
    );
    const row = screen.getAllByRole('row').find((r) => r.textContent?.startsWith('c'));
    expect(row).toHaveTextContent(/^c\+40$/);
    expect(row).toHaveAttribute(
      'title',
      'c\nComparison self: 40 (20.00%)\nBaseline self: 0 (0.00%)\nTotal change: +40 (new)'
    );
    // The share left out of a narrow cell is its tooltip.
    expect(within(row!).getByText('+40')).toHaveAttribute('title', 'new');
  });

  it('renders names containing HTML as text', () => {
    const { container } = renderTable(
      parseTree(`
total 10
  <img src=x onerror=alert(1)> 10
`)
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });
});

/** A root with `n` distinct children; child i has value i + 1. */
function flat(n: number): Profile {
  const names = ['total', ...Array.from({ length: n }, (_, i) => `f${i}`)];
  const level = new Int32Array(n + 1).fill(1);
  level[0] = 0;
  const total = Float64Array.from({ length: n + 1 }, (_, i) => i);
  total[0] = (n * (n + 1)) / 2;
  const self = total.slice();
  self[0] = 0;
  return { names, level, total, self, nameId: Int32Array.from({ length: n + 1 }, (_, i) => i), unit: 'count' };
}
