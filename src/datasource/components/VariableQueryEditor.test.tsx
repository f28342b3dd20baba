import React, { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import type { ProfileVariableQuery } from '../types';
import { clearLookupCache } from './lookups';
import { mockComboboxDom, mockDatasource, type MockDatasource } from './testing/mockDatasource';
import { toVariableQuery, VariableQueryEditor } from './VariableQueryEditor';

/** Renders the editor as Grafana does: each change comes back as the new query. */
function renderVariableEditor(ds: MockDatasource, initial: unknown) {
  const onChange = jest.fn<void, [ProfileVariableQuery]>();
  function Harness() {
    const [query, setQuery] = useState(initial);
    return (
      <VariableQueryEditor
        datasource={ds}
        // Grafana passes whatever was saved, whatever the props' type says.
        query={query as ProfileVariableQuery}
        onRunQuery={jest.fn()}
        onChange={(next) => {
          onChange(next);
          setQuery(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { onChange, last: () => onChange.mock.calls[onChange.mock.calls.length - 1][0] };
}

/** Types into a Combobox, then clicks the option (Enter would pick by the highlighted row, which starts at the old value). */
function choose(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.click(screen.getByRole('option', { name: new RegExp(text) }));
}

beforeAll(mockComboboxDom);

beforeEach(() => {
  jest.useFakeTimers();
  clearLookupCache();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('VariableQueryEditor', () => {
  it('gives a new variable a kind, so it lists services at once', () => {
    const { onChange } = renderVariableEditor(mockDatasource(), { refId: 'A' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', kind: 'services' });
  });

  it('builds a label values query: kind, label name and selector', async () => {
    const ds = mockDatasource({ names: ['pod', 'namespace'] });
    const { last } = renderVariableEditor(ds, { refId: 'A', kind: 'services' });

    choose(screen.getByLabelText('Query type'), 'Label values');
    expect(last()).toEqual({ refId: 'A', kind: 'labelValues' });

    const selector = screen.getByLabelText('Label selector');
    fireEvent.change(selector, { target: { value: '{service_name="$service"}' } });
    fireEvent.blur(selector);
    choose(screen.getByLabelText('Label'), 'pod');

    expect(last()).toEqual({
      refId: 'A',
      kind: 'labelValues',
      labelSelector: '{service_name="$service"}',
      labelName: 'pod',
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(ds.getLabelNames).toHaveBeenCalledWith(
      expect.objectContaining({ labelSelector: '{service_name="$service"}' })
    );
  });

  it('hides the scope for profile types, which have none', () => {
    renderVariableEditor(mockDatasource(), { refId: 'A', kind: 'profileTypes' });
    expect(screen.queryByLabelText('Label selector')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Profile type')).not.toBeInTheDocument();
  });

  it('reads whatever was saved without trusting its shape', () => {
    expect(toVariableQuery('label_values(pod)')).toEqual({ refId: 'ProfileVariableQuery', kind: 'services' });
    expect(toVariableQuery(null)).toEqual({ refId: 'ProfileVariableQuery', kind: 'services' });
    expect(toVariableQuery({ refId: 'V', kind: 'bogus', labelName: 7, profileTypeId: 'a:b:c:d:e' })).toEqual({
      refId: 'V',
      kind: 'services',
      profileTypeId: 'a:b:c:d:e',
    });
  });
});
