import React, { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import { parseTree } from '../../model/testing/asciiTree';
import type { SearchQuery } from '../../model/transforms/search';
import { runSearch, SearchBox, searchSummary } from './SearchBox';

const profile = parseTree(`
total 100
  main 100
    json.Marshal 30
    json.Unmarshal 20
    http.Serve 50
`);

const diff = parseTree(`
total 100 | 200
  main 100 | 200
    json.Marshal 30 | 120
`);

/** The shell's part: keeps the query, runs the search, passes the outcome back. */
function Harness({ onSearch, initial = { text: '' } }: { onSearch: jest.Mock; initial?: SearchQuery }) {
  const [query, setQuery] = useState<SearchQuery>(initial);
  const outcome = runSearch(profile, query);
  return (
    <>
      <SearchBox
        profile={profile}
        query={query}
        result={outcome.result}
        error={outcome.error}
        onSearch={(q) => {
          onSearch(q);
          setQuery(q);
        }}
      />
      <button onClick={() => setQuery({ text: 'http.Serve' })}>search for this</button>
    </>
  );
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const input = () => screen.getByRole('textbox', { name: 'Search functions' });
const advance = (ms: number) => act(() => jest.advanceTimersByTime(ms));

describe('SearchBox', () => {
  it('searches 150 ms after typing stops, once', () => {
    const onSearch = jest.fn();
    render(<Harness onSearch={onSearch} />);
    fireEvent.change(input(), { target: { value: 'j' } });
    advance(100);
    fireEvent.change(input(), { target: { value: 'json' } });
    advance(149);
    expect(onSearch).not.toHaveBeenCalled();
    advance(1);
    expect(onSearch).toHaveBeenCalledTimes(1);
    expect(onSearch).toHaveBeenCalledWith({ text: 'json' });
    expect(screen.getByText('2 matches · 50.00% of total')).toBeInTheDocument();
  });

  it('searches at once on Enter and clears on Escape', () => {
    const onSearch = jest.fn();
    render(<Harness onSearch={onSearch} />);
    fireEvent.change(input(), { target: { value: 'http' } });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(onSearch).toHaveBeenLastCalledWith({ text: 'http' });
    expect(screen.getByText('1 match · 50.00% of total')).toBeInTheDocument();
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(onSearch).toHaveBeenLastCalledWith({ text: '' });
    expect(input()).toHaveValue('');
  });

  it('keeps the text and shows the error of an invalid regex', () => {
    const onSearch = jest.fn();
    render(<Harness onSearch={onSearch} />);
    fireEvent.click(screen.getByRole('button', { name: 'Regular expression' }));
    expect(onSearch).toHaveBeenLastCalledWith({ text: '', regex: true });
    expect(screen.getByRole('button', { name: 'Regular expression' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.change(input(), { target: { value: 'json(' } });
    advance(150);
    expect(onSearch).toHaveBeenLastCalledWith({ text: 'json(', regex: true });
    expect(screen.getByRole('alert')).toHaveTextContent('invalid regular expression "json("');
    expect(input()).toHaveValue('json(');
    fireEvent.change(input(), { target: { value: 'json\\.(M|U)' } });
    advance(150);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('2 matches · 50.00% of total')).toBeInTheDocument();
  });

  it('toggles case sensitivity with the current text', () => {
    const onSearch = jest.fn();
    render(<Harness onSearch={onSearch} />);
    fireEvent.change(input(), { target: { value: 'JSON' } });
    fireEvent.click(screen.getByRole('button', { name: 'Match case' }));
    expect(onSearch).toHaveBeenLastCalledWith({ text: 'JSON', caseSensitive: true });
    expect(screen.getByText('No matches')).toBeInTheDocument();
  });

  it('follows a query set from outside and drops the pending keystrokes', () => {
    const onSearch = jest.fn();
    render(<Harness onSearch={onSearch} />);
    fireEvent.change(input(), { target: { value: 'js' } });
    fireEvent.click(screen.getByText('search for this'));
    expect(input()).toHaveValue('http.Serve');
    advance(500);
    expect(onSearch).not.toHaveBeenCalled();
  });

  it('keeps what was typed after a search was sent', () => {
    const onSearch = jest.fn();
    const view = render(<SearchBox profile={profile} query={{ text: '' }} onSearch={onSearch} />);
    fireEvent.change(input(), { target: { value: 'json' } });
    advance(150);
    fireEvent.change(input(), { target: { value: 'json.M' } });
    // The echo of the first search arrives while the user keeps typing.
    view.rerender(<SearchBox profile={profile} query={{ text: 'json' }} onSearch={onSearch} />);
    expect(input()).toHaveValue('json.M');
  });
});

describe('searchSummary', () => {
  it('gives the matched share of each side of a diff', () => {
    const query = { text: 'Marshal' };
    expect(searchSummary(diff, query, runSearch(diff, query).result)).toBe(
      '1 match · 30.00% of baseline, 60.00% of comparison'
    );
  });

  it('is empty for an empty query', () => {
    expect(searchSummary(profile, { text: '' }, runSearch(profile, { text: '' }).result)).toBe('');
  });
});
