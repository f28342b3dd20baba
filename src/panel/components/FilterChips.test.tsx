import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { FilterListSyntaxError, FilterPatternError } from '../../model/errors';
import type { FilterChip } from '../frameFilterView';
import { FilterChips } from './FilterChips';

const CHIPS: FilterChip[] = [
  { entry: { preset: 'node' }, source: 'panel', status: 'matched' },
  { entry: { kind: 'focus', mode: 'exact', pattern: 'main.work' }, source: 'query', status: 'unmatched' },
  {
    entry: { kind: 'ignore', mode: 'regex', pattern: 'a(' },
    source: 'panel',
    status: 'invalid',
    error: new FilterPatternError('a(', 'missing closing )', 'a(', 0),
  },
];

describe('FilterChips', () => {
  it('shows kind, mode and pattern, the outcome, and removes by index', () => {
    const onRemove = jest.fn();
    render(
      <FilterChips
        chips={CHIPS}
        listErrors={[new FilterListSyntaxError('preset:x', 3, 'unknown preset "x"')]}
        summary="showing 1 s of 2 s (50.00%)"
        onRemove={onRemove}
        removable={(i) => i !== 1}
        variable={undefined}
      />
    );
    const chips = screen.getAllByTestId('flamelens-filter-chip');
    expect(chips.map((c) => c.dataset.status)).toEqual(['matched', 'unmatched', 'invalid', 'unreadable']);
    expect(chips[0]).toHaveTextContent('hidepreset Node.js and V8 internals');
    expect(chips[0].title).toContain('processTicksAndRejections');
    expect(chips[1]).toHaveTextContent('focusexactmain.work');
    expect(chips[1].title).toContain('It matched no frame.');
    expect(chips[2]).toHaveTextContent('missing closing )');
    expect(chips[3].title).toBe('filter 4 "preset:x": unknown preset "x"');
    expect(screen.getByTestId('flamelens-filter-summary')).toHaveTextContent('showing 1 s of 2 s (50.00%)');
    expect(screen.queryByRole('button', { name: 'Remove filter focus = main.work' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter ignore a(' }));
    expect(onRemove).toHaveBeenCalledWith(2);
  });

  it('renders nothing without filters', () => {
    const { container } = render(<FilterChips chips={[]} onRemove={jest.fn()} removable={() => true} />);
    expect(container).toBeEmptyDOMElement();
  });
});
