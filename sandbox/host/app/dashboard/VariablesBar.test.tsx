import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { VariableModel } from '@grafana/schema';

import type { DashboardVariables } from './variables/DashboardVariables';
import { initialState, type VariableState } from './variables/state';
import { VariablesBar } from './VariablesBar';

function state(model: VariableModel, value: string | string[], options: string[] = []): VariableState {
  return {
    ...initialState(model, []),
    value,
    text: value,
    options: options.map((o) => ({ label: o.toUpperCase(), value: o })),
  };
}

function setup(states: VariableState[]) {
  const setValue = jest.fn();
  render(<VariablesBar states={states} variables={{ setValue } as unknown as DashboardVariables} />);
  return setValue;
}

describe('VariablesBar', () => {
  it('shows each visible variable with its label and current option text', () => {
    setup([
      state({ name: 'service', label: 'Service', type: 'query' }, 'api', ['api', 'web']),
      state({ name: 'hidden', type: 'custom', hide: 2 }, 'x', ['x']),
      state({ name: 'c', type: 'constant', query: 'k' }, 'k'),
      state({ name: 'nolabel', type: 'custom', hide: 1 }, 'b', ['a', 'b']),
    ]);
    expect(screen.getByText('Service')).toBeInTheDocument();
    expect(screen.getByText('API')).toBeInTheDocument();
    expect(screen.getByText('B')).toBeInTheDocument();
    expect(screen.queryByText('nolabel')).toBeNull();
    expect(screen.queryByTestId('variable-hidden')).toBeNull();
    expect(screen.queryByTestId('variable-c')).toBeNull();
  });

  it('shows an empty value as empty, not as a stale option', () => {
    setup([state({ name: 'service', type: 'query' }, '', [])]);
    expect(screen.getByTestId('variable-service')).toHaveTextContent('service');
    expect(screen.getByTestId('variable-service')).not.toHaveTextContent('API');
  });

  it('commits a textbox value on Enter', () => {
    const setValue = setup([state({ name: 'focus', type: 'textbox' }, '')]);
    const input = screen.getByRole('textbox');
    fireEvent.change(input, { target: { value: '1700000000000' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(setValue).toHaveBeenCalledWith('focus', '1700000000000');
  });

  it('shows why a variable failed', () => {
    const failed = { ...state({ name: 'service', type: 'query' }, 'api', ['api']), error: 'Variable "service": 502' };
    setup([failed]);
    expect(screen.getByLabelText('Variable "service": 502')).toBeInTheDocument();
  });
});
