import { fireEvent, screen, within } from '@testing-library/react';

import { registerOptionEditors } from './optionEditors';
import { renderEditor } from './testing';

beforeAll(() => registerOptionEditors());

describe('number', () => {
  it('commits a number on blur, not while typing', () => {
    const { changes } = renderEditor('number', { value: 3 });
    const input = screen.getByRole('spinbutton');
    fireEvent.change(input, { target: { value: '12.5' } });
    expect(changes).toEqual([]);
    fireEvent.blur(input);
    expect(changes).toEqual([12.5]);
  });

  it('floors with settings.integer, clamps to min/max and says so, clears to undefined', () => {
    const { changes } = renderEditor('number', { value: 3, settings: { integer: true, min: 1, max: 10 } });
    const input = screen.getByRole('spinbutton');
    fireEvent.change(input, { target: { value: '7.9' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: '50' } });
    fireEvent.blur(input);
    expect(screen.getByText('Out of range: the value must be from 1 to 10')).toBeInTheDocument();
    expect(input).toHaveValue(10);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    expect(changes).toEqual([7, 10, undefined]);
  });
});

describe('slider', () => {
  it('reports a number typed in its box', () => {
    const { changes } = renderEditor('slider', { value: 20, settings: { min: 0, max: 100, step: 1 } });
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuenow', '20');
    const input = screen.getByRole('textbox');
    fireEvent.change(input, { target: { value: '42' } });
    fireEvent.blur(input);
    expect(changes[changes.length - 1]).toBe(42);
    expect(typeof changes[0]).toBe('number');
  });
});

describe('text', () => {
  it('commits trimmed text on Enter and blur; empty text is undefined', () => {
    const { changes } = renderEditor('text', { value: 'old', settings: { placeholder: 'Type here' } });
    const input = screen.getByPlaceholderText('Type here');
    fireEvent.change(input, { target: { value: '  new  ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    expect(changes).toEqual(['new', undefined]);
  });

  it('is a text area with settings.useTextarea', () => {
    const { changes } = renderEditor('text', { value: '', settings: { useTextarea: true, rows: 3 } });
    const area = screen.getByRole('textbox');
    expect(area.tagName).toBe('TEXTAREA');
    fireEvent.change(area, { target: { value: 'a\nb' } });
    fireEvent.blur(area);
    expect(changes).toEqual(['a\nb']);
  });
});

describe('strings', () => {
  it('adds, edits and removes entries as a string array', () => {
    const { changes } = renderEditor('strings', { value: ['a'] });
    fireEvent.click(screen.getByRole('button', { name: 'Add text' }));
    const added = screen.getByRole('textbox', { name: 'Add text' });
    fireEvent.change(added, { target: { value: 'b' } });
    fireEvent.keyDown(added, { key: 'Enter' });
    const first = screen.getByRole('textbox', { name: 'My strings 1' });
    fireEvent.change(first, { target: { value: 'A' } });
    fireEvent.blur(first);
    fireEvent.click(screen.getByRole('button', { name: 'Remove b' }));
    expect(changes).toEqual([['a', 'b'], ['A', 'b'], ['A']]);
  });
});

describe('boolean', () => {
  it('reports the switch state as a boolean', () => {
    const { changes } = renderEditor('boolean', { value: false });
    fireEvent.click(screen.getByRole('switch'));
    fireEvent.click(screen.getByRole('switch'));
    expect(changes).toEqual([true, false]);
  });
});

describe('radio', () => {
  it('offers settings.options in a group named after the option and reports the value', () => {
    const options = [
      { value: 'icicle', label: 'Icicle' },
      { value: 'flame', label: 'Flame' },
    ];
    const { changes } = renderEditor('radio', { value: 'icicle', settings: { options } });
    const group = screen.getByRole('radiogroup', { name: 'My radio' });
    expect(within(group).getByRole('radio', { name: 'Icicle' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: 'Flame' }));
    expect(changes).toEqual(['flame']);
  });
});
