import { act, fireEvent, screen, waitFor } from '@testing-library/react';

import { registerOptionEditors } from './optionEditors';
import { pick, renderEditor, stubSelectDom } from './testing';

beforeAll(() => {
  stubSelectDom();
  registerOptionEditors();
});

describe('unit', () => {
  it("shows the unit's name and clears it with settings.isClearable", () => {
    const { changes } = renderEditor('unit', { value: 'ms', settings: { isClearable: true } });
    expect(screen.getByDisplayValue(/milliseconds/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear unit selection' }));
    expect(changes).toEqual([undefined]);
  });
});

describe('color', () => {
  it('shows the color and opens the picker; choosing a named color reports its name', async () => {
    const { changes } = renderEditor('color', { value: 'red', settings: { isClearable: true } });
    expect(screen.getByText('red')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'My color: red' }));
    const green = await screen.findByRole('button', { name: 'green color' });
    fireEvent.click(green);
    await waitFor(() => expect(changes).toContain('green'));
    fireEvent.click(screen.getByRole('button', { name: 'Clear color' }));
    expect(changes[changes.length - 1]).toBeUndefined();
  });
});

describe('timezone', () => {
  it('reports the chosen time zone id', async () => {
    const { changes } = renderEditor('timezone', { value: 'utc' });
    const input = screen.getByRole('combobox');
    await act(async () => {
      fireEvent.change(input, { target: { value: 'Europe/Stock' } });
    });
    const option = await screen.findByText('Europe/Stockholm');
    fireEvent.click(option);
    expect(changes).toEqual(['Europe/Stockholm']);
  });
});

describe('stats-picker', () => {
  it('reports reducer ids as an array', async () => {
    const { changes } = renderEditor('stats-picker', { value: ['mean'], settings: { allowMultiple: true } });
    await pick(screen.getByRole('combobox'), 'Max');
    expect(changes).toEqual([['mean', 'max']]);
  });
});

describe('links', () => {
  it('renders the data link editor with its add button', () => {
    renderEditor('links', { value: [] });
    expect(screen.getByRole('button', { name: /add link/i })).toBeInTheDocument();
  });
});
