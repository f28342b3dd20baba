import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { StandardEditorProps } from '@grafana/data';

import { FrameFiltersEditor } from './FrameFiltersEditor';

function renderEditor(value: unknown) {
  const onChange = jest.fn();
  const props = { value, onChange, item: { id: 'frameFilters', name: 'Frame filters' }, context: { data: [] } };
  render(<FrameFiltersEditor {...(props as unknown as StandardEditorProps<unknown>)} />);
  return onChange;
}

describe('FrameFiltersEditor', () => {
  it('lists the saved entries and removes one', () => {
    const onChange = renderEditor([{ preset: 'go' }, { kind: 'focus', mode: 'exact', pattern: 'main.work' }]);
    expect(screen.getByText('hide preset Go runtime and scheduler')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter focus = main.work' }));
    expect(onChange).toHaveBeenCalledWith([{ preset: 'go' }]);
  });

  it('reads a filter list string and junk alike, and always writes an array', () => {
    const onChange = renderEditor('hide:re:^runtime\\.;bogus');
    expect(screen.getByText('hide ^runtime\\.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Go runtime and scheduler' }));
    expect(onChange).toHaveBeenCalledWith([{ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' }, { preset: 'go' }]);
  });

  it('says when there is no filter and does not add one twice', () => {
    const onChange = renderEditor(undefined);
    expect(screen.getByText(/No filters/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Python interpreter' }));
    expect(onChange).toHaveBeenCalledWith([{ preset: 'python' }]);
  });
});
