import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import { DEFAULT_PROFILE_TYPE } from '../query/defaults';
import { parseSelector } from '../query/selector';
import type { ProfileQuery } from '../types';
import { clearLookupCache } from './lookups';
import { profileTypeOptions } from './ProfileTypePicker';
import { QueryEditor } from './QueryEditor';
import { deferred, mockComboboxDom, mockDatasource, profileType, type MockDatasource } from './testing/mockDatasource';

const MEMORY = 'memory:alloc_space:bytes:space:bytes';

function renderEditor(ds: MockDatasource, query: ProfileQuery) {
  const onChange = jest.fn<void, [ProfileQuery]>();
  const onRunQuery = jest.fn();
  const view = render(<QueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  const rerender = (next: ProfileQuery) =>
    view.rerender(<QueryEditor datasource={ds} query={next} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery, rerender };
}

/** Lets debounce timers fire and the answers they wait for arrive. */
async function settle(ms = 1000) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function lastSelector(onChange: jest.Mock<void, [ProfileQuery]>): string {
  const calls = onChange.mock.calls;
  return calls[calls.length - 1][0].labelSelector ?? '';
}

/** Types into a Combobox and takes the first option (the typed text itself when custom values are allowed). */
function choose(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

/** Types into a Combobox and clicks the listed option with exactly that text. */
async function pick(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  // The Combobox renders its filtered menu asynchronously: wait for the option (waitFor advances fake timers).
  fireEvent.click(await screen.findByRole('option', { name: text }));
}

beforeAll(mockComboboxDom);

beforeEach(() => {
  jest.useFakeTimers();
  clearLookupCache();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('QueryEditor', () => {
  it('fills a new query with the CPU profile type and the first service, once, and runs it', async () => {
    const ds = mockDatasource({
      types: [MEMORY, DEFAULT_PROFILE_TYPE],
      values: { service_name: ['ad-server', 'api'] },
    });
    const { onChange, onRunQuery } = renderEditor(ds, { refId: 'A', queryType: 'both', labelSelector: '{}' });
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'both',
      profileTypeId: DEFAULT_PROFILE_TYPE,
      labelSelector: '{service_name="ad-server"}',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(ds.getLabelValues).toHaveBeenCalledWith(
      'service_name',
      expect.objectContaining({ profileTypeId: DEFAULT_PROFILE_TYPE })
    );
    // The pickers read the same answers from the cache instead of asking again.
    expect(ds.getProfileTypes).toHaveBeenCalledTimes(1);
  });

  it('takes the first profile type when the server has no CPU profile', async () => {
    const ds = mockDatasource({ types: [MEMORY], values: { service_name: [] } });
    const { onChange } = renderEditor(ds, { refId: 'A' });
    await settle();
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ profileTypeId: MEMORY, labelSelector: '{}' }));
  });

  it('leaves a saved query without a service alone (it means all services)', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE], values: { service_name: ['api'] } });
    const { onChange, onRunQuery } = renderEditor(ds, { refId: 'A', profileTypeId: MEMORY, labelSelector: '{}' });
    await settle();
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('escapes quotes and backslashes of a label filter value into the selector', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE], names: ['service_name', 'pod'] });
    const { onChange, onRunQuery } = renderEditor(ds, {
      refId: 'A',
      profileTypeId: DEFAULT_PROFILE_TYPE,
      labelSelector: '{service_name="api"}',
    });
    await settle();

    fireEvent.click(screen.getByRole('button', { name: /add label filter/i }));
    choose(screen.getByTestId('label-filter-name'), 'pod');
    expect(onChange).not.toHaveBeenCalled(); // a matcher without a value is not a selector yet
    const value = 'a "quoted" \\ value';
    choose(screen.getByTestId('label-filter-value'), value);

    expect(parseSelector(lastSelector(onChange)).matchers).toEqual([
      { name: 'service_name', op: '=', value: 'api' },
      { name: 'pod', op: '=', value },
    ]);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('refuses a typed label name the server could not read, and says why', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE] });
    const { onChange } = renderEditor(ds, {
      refId: 'A',
      profileTypeId: DEFAULT_PROFILE_TYPE,
      labelSelector: '{a="1"}',
    });
    await settle();
    choose(screen.getByTestId('label-filter-name'), '1-bad');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText(/"1-bad" is not a label name/)).toBeInTheDocument();
  });

  it('escapes a listed value picked for a regex matcher, and takes a typed regex as written', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE], names: ['pod'], values: { pod: ['web.1', 'web-2'] } });
    const { onChange } = renderEditor(ds, {
      refId: 'A',
      profileTypeId: DEFAULT_PROFILE_TYPE,
      labelSelector: '{pod=~"x"}',
    });
    await settle();

    await pick(screen.getByTestId('label-filter-value'), 'web.1');
    expect(parseSelector(lastSelector(onChange)).matchers).toEqual([{ name: 'pod', op: '=~', value: 'web\\.1' }]);

    choose(screen.getByTestId('label-filter-value'), 'web-.*');
    expect(parseSelector(lastSelector(onChange)).matchers).toEqual([{ name: 'pod', op: '=~', value: 'web-.*' }]);
  });

  it('edits only the service_name matcher from the service picker', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE], values: { service_name: ['api', 'ad-server'] } });
    const query = { refId: 'A', profileTypeId: DEFAULT_PROFILE_TYPE, labelSelector: '{service_name="api", pod!="x"}' };
    const { onChange, onRunQuery } = renderEditor(ds, query);
    await settle();

    await pick(screen.getByLabelText('Service'), 'ad-server');
    expect(lastSelector(onChange)).toBe('{service_name="ad-server", pod!="x"}');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('groups profile types by profile name', () => {
    expect(profileTypeOptions([profileType(DEFAULT_PROFILE_TYPE), profileType(MEMORY)])).toEqual([
      { value: DEFAULT_PROFILE_TYPE, label: 'process_cpu - cpu', group: 'process_cpu' },
      { value: MEMORY, label: 'memory - alloc_space', group: 'memory' },
    ]);
  });

  it('keeps selector text that does not parse, shows why, and stays in text mode', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE] });
    const { onChange, rerender } = renderEditor(ds, {
      refId: 'A',
      profileTypeId: DEFAULT_PROFILE_TYPE,
      labelSelector: '{service_name="api"}',
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Text' }));
    const input = screen.getByLabelText('Label selector');
    expect(input).toHaveValue('{service_name="api"}');

    const typed = '{service_name="api", pod=~"web';
    fireEvent.change(input, { target: { value: typed } });
    fireEvent.blur(input);
    expect(lastSelector(onChange)).toBe(typed);
    expect(screen.getByText(/unterminated string/)).toBeInTheDocument();

    rerender({ refId: 'A', profileTypeId: DEFAULT_PROFILE_TYPE, labelSelector: typed });
    fireEvent.click(screen.getByRole('radio', { name: 'Builder' }));
    expect(screen.getByLabelText('Label selector')).toHaveValue(typed);
    expect(screen.getByText(/unterminated string/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /add label filter/i })).not.toBeInTheDocument();
  });

  it('opens a saved selector that does not parse as text', () => {
    const ds = mockDatasource();
    renderEditor(ds, { refId: 'A', profileTypeId: DEFAULT_PROFILE_TYPE, labelSelector: '{a="x"' });
    expect(screen.getByLabelText('Label selector')).toHaveValue('{a="x"');
  });

  it('runs the query on Shift+Enter in a text field, after applying the selector text', () => {
    const ds = mockDatasource();
    const { onChange, onRunQuery } = renderEditor(ds, {
      refId: 'A',
      profileTypeId: DEFAULT_PROFILE_TYPE,
      labelSelector: '{}',
    });

    fireEvent.keyDown(screen.getByLabelText('Max nodes'), { key: 'Enter', shiftKey: true });
    expect(onRunQuery).toHaveBeenCalledTimes(1);

    fireEvent.keyDown(screen.getByLabelText('Max nodes'), { key: 'Enter' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('radio', { name: 'Text' }));
    const input = screen.getByLabelText('Label selector');
    fireEvent.change(input, { target: { value: '{pod="x"}' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(lastSelector(onChange)).toBe('{pod="x"}');
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('ignores a lookup answer that arrives after its inputs changed', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE, MEMORY] });
    const slow = deferred<string[]>();
    const fast = deferred<string[]>();
    ds.getLabelValues.mockImplementation((name, scope) =>
      name === 'service_name' && scope.profileTypeId === MEMORY ? fast.promise : slow.promise
    );
    const { rerender } = renderEditor(ds, { refId: 'A', profileTypeId: DEFAULT_PROFILE_TYPE, labelSelector: '{}' });
    await settle();
    rerender({ refId: 'A', profileTypeId: MEMORY, labelSelector: '{}' });
    await settle();

    // The answer for the old profile type arrives while the current one is still on its way, and then after it.
    slow.reject(new Error('stale failure'));
    await settle(0);
    expect(screen.queryByText('stale failure')).not.toBeInTheDocument();
    fast.resolve(['memory-service']);
    await settle(0);

    expect(screen.queryByText('stale failure')).not.toBeInTheDocument();
    expect(screen.queryByText('Could not load services')).not.toBeInTheDocument();
  });

  it('debounces lookups while the inputs change', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE] });
    const { rerender } = renderEditor(ds, { refId: 'A', profileTypeId: 'a:a:a:a:a', labelSelector: '{}' });
    await settle(100);
    rerender({ refId: 'A', profileTypeId: 'b:b:b:b:b', labelSelector: '{}' });
    await settle(100);
    rerender({ refId: 'A', profileTypeId: DEFAULT_PROFILE_TYPE, labelSelector: '{}' });
    await settle();
    const scopes = ds.getLabelNames.mock.calls.map(([scope]) => scope.profileTypeId);
    expect(scopes).toEqual([DEFAULT_PROFILE_TYPE]);
  });

  it('shows a failed lookup as text in a small alert', async () => {
    const ds = mockDatasource({ types: [DEFAULT_PROFILE_TYPE] });
    ds.getLabelNames.mockRejectedValue(new Error('<b>Authentication failed</b> (HTTP 401)'));
    renderEditor(ds, { refId: 'A', profileTypeId: DEFAULT_PROFILE_TYPE, labelSelector: '{}' });
    await settle();
    expect(screen.getByText('Could not load label names')).toBeInTheDocument();
    expect(screen.getByText('<b>Authentication failed</b> (HTTP 401)')).toBeInTheDocument();
  });
});
