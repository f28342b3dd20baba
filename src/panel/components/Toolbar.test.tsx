import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { Toolbar, type ToolbarProps } from './Toolbar';

function renderToolbar(extra: Partial<ToolbarProps> = {}) {
  const props: ToolbarProps = {
    view: 'both',
    onViewChange: jest.fn(),
    collapseChains: false,
    onCollapseChainsChange: jest.fn(),
    colorScheme: 'package',
    onColorSchemeChange: jest.fn(),
    diff: false,
    onExportPng: jest.fn(),
    onExportJson: jest.fn(),
    onExportFolded: jest.fn(),
    onReset: jest.fn(),
    ...extra,
  };
  render(<Toolbar {...props} />);
  return props;
}

describe('Toolbar', () => {
  it('switches the view', () => {
    const props = renderToolbar();
    expect(screen.getByRole('radio', { name: 'Both' })).toBeChecked();
    fireEvent.click(screen.getByRole('radio', { name: 'Table' }));
    expect(props.onViewChange).toHaveBeenCalledWith('table');
  });

  it('toggles chain collapsing', () => {
    const props = renderToolbar({ collapseChains: true });
    const button = screen.getByRole('button', { name: 'Collapse chains' });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(button);
    expect(props.onCollapseChainsChange).toHaveBeenCalledWith(false);
  });

  it('changes the color scheme of single profiles', () => {
    const props = renderToolbar();
    fireEvent.click(screen.getByRole('radio', { name: 'Value' }));
    expect(props.onColorSchemeChange).toHaveBeenCalledWith('value');
  });

  it('says diffs are colored by change instead of offering a scheme', () => {
    renderToolbar({ diff: true });
    expect(screen.queryByRole('radio', { name: 'Value' })).toBeNull();
    expect(screen.getByText('Colored by change')).toBeInTheDocument();
  });

  it.each([
    ['PNG image', 'onExportPng'],
    ['JSON frame', 'onExportJson'],
    ['Folded stacks', 'onExportFolded'],
    ['Download pprof', 'onExportPprof'],
  ] as const)('exports %s from the menu', (label, callback) => {
    const props = renderToolbar({ onExportPprof: jest.fn() });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    fireEvent.click(screen.getByRole('menuitem', { name: new RegExp(`^${label}`) }));
    expect(props[callback]).toHaveBeenCalledTimes(1);
  });

  it('offers pprof only when the server provides it', () => {
    renderToolbar();
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('menuitem', { name: /^Folded stacks/ })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /^Download pprof/ })).toBeNull();
  });

  it('resets', () => {
    const props = renderToolbar();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(props.onReset).toHaveBeenCalledTimes(1);
  });

  it('disables Reset when there is nothing to reset', () => {
    renderToolbar({ resetDisabled: true });
    expect(screen.getByRole('button', { name: 'Reset' })).toBeDisabled();
  });

  it('in a narrow panel shows icons only, every control still named and working', () => {
    const props = renderToolbar({ compact: true, diff: true });
    for (const name of ['Collapse chains', 'Export', 'Reset']) {
      const button = screen.getByRole('button', { name });
      expect(button).not.toHaveTextContent(name);
    }
    // The legend already says a diff is coloured by change.
    expect(screen.queryByText('Colored by change')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(props.onReset).toHaveBeenCalledTimes(1);
  });
});
