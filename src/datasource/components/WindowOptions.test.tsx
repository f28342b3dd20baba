import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import type { ProfileQuery } from '../types';
import { SpikeRulesEditor } from './SpikeRulesEditor';
import { mockComboboxDom } from './testing/mockDatasource';
import { WindowOptions } from './WindowOptions';

const query: ProfileQuery = { refId: 'A', profileTypeId: 'cpu', labelSelector: '{}' };

beforeAll(() => mockComboboxDom());

describe('WindowOptions', () => {
  it('saves focus fields as typed and runs on blur', () => {
    const onChange = jest.fn<void, [ProfileQuery]>();
    const onRunQuery = jest.fn();
    render(<WindowOptions query={query} onChange={onChange} onRunQuery={onRunQuery} />);
    const window = screen.getByPlaceholderText('5m');
    fireEvent.change(window, { target: { value: '2m' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...query, focusWindow: '2m' });
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(window);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    const focus = screen.getByPlaceholderText('none, e.g. $focus');
    fireEvent.change(focus, { target: { value: '$moment' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...query, focusVariable: '$moment' });
  });

  it('saves a focus variable typed as a bare name as a $reference, which Grafana tracks', () => {
    const onChange = jest.fn<void, [ProfileQuery]>();
    const onRunQuery = jest.fn();
    // The panel editor feeds each change back as the new query.
    function Editor() {
      const [q, setQ] = React.useState(query);
      const change = (next: ProfileQuery) => {
        onChange(next);
        setQ(next);
      };
      return <WindowOptions query={q} onChange={change} onRunQuery={onRunQuery} />;
    }
    render(<Editor />);
    const focus = screen.getByPlaceholderText('none, e.g. $focus');
    fireEvent.change(focus, { target: { value: 'moment' } });
    fireEvent.blur(focus);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, focusVariable: '$moment' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows the baseline fields only for a custom comparison', () => {
    const { rerender } = render(<WindowOptions query={query} onChange={jest.fn()} onRunQuery={jest.fn()} />);
    expect(screen.queryByPlaceholderText('now-1d')).toBeNull();
    rerender(<WindowOptions query={{ ...query, compare: 'custom' }} onChange={jest.fn()} onRunQuery={jest.fn()} />);
    expect(screen.getByPlaceholderText('now-1d')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('now-23h')).toBeInTheDocument();
  });
});

describe('SpikeRulesEditor', () => {
  it('saves valid numbers, keeps an invalid entry in the field without saving it', () => {
    const onChange = jest.fn();
    render(<SpikeRulesEditor rules={{ minValue: 0.2 }} onChange={onChange} />);
    const ratio = screen.getByPlaceholderText('0.5');
    fireEvent.change(ratio, { target: { value: '0.75' } });
    expect(onChange).toHaveBeenLastCalledWith({ minValue: 0.2, ratio: 0.75 });
    onChange.mockClear();
    fireEvent.change(ratio, { target: { value: '-1' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(ratio).toHaveValue('-1');
    fireEvent.change(screen.getByPlaceholderText('2m'), { target: { value: '30s' } });
    expect(onChange).toHaveBeenLastCalledWith({ minValue: 0.2, cooldown: '30s' });
  });
});
