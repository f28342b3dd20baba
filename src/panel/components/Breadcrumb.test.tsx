import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { parseTree } from '../../model/testing/asciiTree';
import { Breadcrumb, visibleCrumbs } from './Breadcrumb';

// A chain total → f1 → … → f9: node i is at level i.
const chain = parseTree(
  Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}${i === 0 ? 'total' : `f${i}`} 10`).join('\n')
);

function renderCrumbs(focusNode: number) {
  const onFocus = jest.fn<void, [number]>();
  render(<Breadcrumb profile={chain} focusNode={focusNode} onFocus={onFocus} />);
  return { onFocus };
}

describe('visibleCrumbs', () => {
  it('keeps short paths whole', () => {
    expect(visibleCrumbs([0, 1, 2], 6)).toEqual([{ node: 0 }, { node: 1 }, { node: 2 }]);
  });

  it('collapses the middle of long paths, keeping the root side and the focus side', () => {
    expect(visibleCrumbs([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 6)).toEqual([
      { node: 0 },
      { node: 1 },
      { hidden: 5 },
      { node: 7 },
      { node: 8 },
      { node: 9 },
    ]);
  });
});

describe('Breadcrumb', () => {
  it('focuses a clicked ancestor', () => {
    const { onFocus } = renderCrumbs(3);
    expect(screen.getByText('f3')).toHaveAttribute('aria-current', 'location');
    fireEvent.click(screen.getByRole('button', { name: 'f1' }));
    expect(onFocus).toHaveBeenCalledWith(1);
    fireEvent.click(screen.getByRole('button', { name: 'total' }));
    expect(onFocus).toHaveBeenLastCalledWith(0);
  });

  it('has no Reset of its own: the root crumb unfocuses, the toolbar resets the rest', () => {
    const { onFocus } = renderCrumbs(2);
    expect(screen.queryByRole('button', { name: 'Reset' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'total' }));
    expect(onFocus).toHaveBeenCalledWith(0);
  });

  it('collapses a long path into "…" and expands it on click', () => {
    renderCrumbs(9);
    expect(screen.queryByText('f4')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show 5 hidden frames' }));
    expect(screen.getByRole('button', { name: 'f4' })).toBeInTheDocument();
  });

  it('renders names containing HTML as text', () => {
    const hostile = parseTree(`
total 10
  <img src=x onerror=alert(1)> 10
`);
    const { container } = render(<Breadcrumb profile={hostile} focusNode={1} onFocus={jest.fn()} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });

  it('shows nothing for a focus outside the profile', () => {
    const { container } = render(<Breadcrumb profile={chain} focusNode={99} onFocus={jest.fn()} />);
    expect(container).toBeEmptyDOMElement();
  });
});
