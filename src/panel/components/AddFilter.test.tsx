import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { FILTER_PRESETS } from '../../model/transforms/filterPresets';
import { AddFilterForm } from './AddFilter';

describe('AddFilterForm', () => {
  it('adds a filter of the chosen kind and mode, on the button or Enter', () => {
    const onAdd = jest.fn();
    render(<AddFilterForm onAdd={onAdd} />);
    const input = screen.getByLabelText('Filter pattern');
    fireEvent.change(input, { target: { value: '^runtime\\.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenLastCalledWith({ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' });
    expect(input).toHaveValue('');
    fireEvent.click(screen.getByRole('radio', { name: 'Focus' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Exact' }));
    fireEvent.change(input, { target: { value: 'main.work' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onAdd).toHaveBeenLastCalledWith({ kind: 'focus', mode: 'exact', pattern: 'main.work' });
  });

  it("says what Go's regexp rejects as the pattern is typed, and adds nothing", () => {
    const onAdd = jest.fn();
    render(<AddFilterForm onAdd={onAdd} />);
    const input = screen.getByLabelText('Filter pattern');
    fireEvent.change(input, { target: { value: '(?<!x)y' } });
    expect(screen.getByText(/invalid named capture.*lookahead and lookbehind are not supported/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
    fireEvent.keyDown(input, { key: 'Enter' });
    // Exact names are never invalid.
    fireEvent.click(screen.getByRole('radio', { name: 'Exact' }));
    expect(screen.getByRole('button', { name: 'Add' })).toBeEnabled();
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('lists every preset with its patterns and adds it as one entry', () => {
    const onAdd = jest.fn();
    render(<AddFilterForm onAdd={onAdd} />);
    for (const preset of FILTER_PRESETS) {
      const row = screen.getByTestId(`flamelens-preset-${preset.id}`);
      expect(Array.from(row.querySelectorAll('code')).map((c) => c.textContent)).toEqual(
        preset.patterns.map((p) => p.pattern)
      );
    }
    fireEvent.click(screen.getByRole('button', { name: 'JVM internals' }));
    expect(onAdd).toHaveBeenCalledWith({ preset: 'jvm' });
  });
});
