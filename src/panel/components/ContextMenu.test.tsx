import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';

import { parseTree } from '../../model/testing/asciiTree';
import { FlameContextMenu, type FlameContextMenuProps } from './ContextMenu';

const profile = parseTree(`
total 100
  main 100
    <img src=x onerror=alert(1)> 40
`);
const NODE = 2;
const NAME_ID = profile.nameId[NODE];

function renderMenu(extra: Partial<FlameContextMenuProps> = {}) {
  const props = {
    x: 10,
    y: 20,
    profile,
    node: NODE,
    onClose: jest.fn(),
    onFocus: jest.fn(),
    onSandwich: jest.fn(),
    onSearch: jest.fn(),
    onCopied: jest.fn(),
    onCopyError: jest.fn(),
    onShowInTable: jest.fn(),
    onShowLines: jest.fn(),
    onFilter: jest.fn(),
    ...extra,
  };
  render(<FlameContextMenu {...props} />);
  return props;
}

function setClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: writeText ? { writeText } : undefined,
  });
}

/** Replaces `document.execCommand` (the textarea fallback's copy) and returns the mock, if any. */
function setExecCommand(result: boolean | undefined): jest.Mock | undefined {
  const mock = result === undefined ? undefined : jest.fn(() => result);
  Object.defineProperty(document, 'execCommand', { configurable: true, writable: true, value: mock });
  return mock;
}

afterEach(() => {
  setClipboard(undefined);
  setExecCommand(undefined);
});

describe('FlameContextMenu', () => {
  it.each([
    ['Focus on this', 'onFocus', NODE],
    ['Sandwich view', 'onSandwich', NAME_ID],
    ['Search for this', 'onSearch', '<img src=x onerror=alert(1)>'],
    ['Show in table', 'onShowInTable', NAME_ID],
    ['Source lines', 'onShowLines', '<img src=x onerror=alert(1)>'],
  ] as const)('"%s" calls %s and closes the menu', (label, callback, arg) => {
    const props = renderMenu();
    fireEvent.click(screen.getByRole('menuitem', { name: label }));
    expect(props[callback]).toHaveBeenCalledWith(arg);
    expect(props.onClose).toHaveBeenCalled();
  });

  it.each([
    ['Hide function', 'hide'],
    ['Focus on function', 'focus'],
    ['Ignore stacks through function', 'ignore'],
  ] as const)('"%s" adds a %s filter on the exact name and closes the menu', (label, kind) => {
    const props = renderMenu();
    fireEvent.click(screen.getByRole('menuitem', { name: label }));
    expect(props.onFilter).toHaveBeenCalledWith(kind, '<img src=x onerror=alert(1)>');
    expect(props.onClose).toHaveBeenCalled();
  });

  it('leaves the filter items out when the panel cannot filter', () => {
    renderMenu({ onFilter: undefined });
    expect(screen.queryByRole('menuitem', { name: 'Hide function' })).toBeNull();
  });

  it('shows the function name as text in its header', () => {
    renderMenu();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });

  it('leaves "Show in table" out when the table cannot show it', () => {
    renderMenu({ onShowInTable: undefined });
    expect(screen.queryByRole('menuitem', { name: 'Show in table' })).toBeNull();
  });

  it('leaves "Source lines" out when the frame has no pprof to read them from', () => {
    renderMenu({ onShowLines: undefined });
    expect(screen.queryByRole('menuitem', { name: 'Source lines' })).toBeNull();
    expect(screen.getByRole('menuitem', { name: 'Sandwich view' })).toBeInTheDocument();
  });

  it('copies the function name with the clipboard API', async () => {
    const writeText = jest.fn(async () => undefined);
    setClipboard(writeText);
    const props = renderMenu();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Copy function name' }));
    await waitFor(() => expect(props.onCopied).toHaveBeenCalledWith('<img src=x onerror=alert(1)>'));
    expect(writeText).toHaveBeenCalledWith('<img src=x onerror=alert(1)>');
    expect(props.onCopyError).not.toHaveBeenCalled();
  });

  it('falls back to a textarea copy where the clipboard API is missing (plain http)', async () => {
    const execCommand = setExecCommand(true);
    const props = renderMenu();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Copy function name' }));
    await waitFor(() => expect(props.onCopied).toHaveBeenCalled());
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('reports a failed copy with the reason', async () => {
    setClipboard(async () => {
      throw new Error('Write permission denied.');
    });
    setExecCommand(false);
    const props = renderMenu();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Copy function name' }));
    await waitFor(() =>
      expect(props.onCopyError).toHaveBeenCalledWith(
        'The browser did not allow copying to the clipboard: Write permission denied.'
      )
    );
    expect(props.onCopied).not.toHaveBeenCalled();
  });
});
