import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { LoadingState, type PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { profileToDataFrame } from '../model/frame';
import { parseTree } from '../model/testing/asciiTree';
import { FlameGraphPanel } from './FlameGraphPanel';
import type { FlameGraphOptions } from './options';
import { panelProps } from './testing/panelProps';

const FROM = Date.UTC(2024, 4, 1, 1, 0);
const TO = FROM + 3_600_000;
const FOCUS = FROM + 1_800_000;

const profile = parseTree(
  `
total 100
  main 100
    flowAdv 80
`,
  'nanoseconds'
);

function props(custom: Record<string, unknown>): PanelProps<FlameGraphOptions> {
  const frame = profileToDataFrame(profile, { refId: 'A', name: 'flamegraph', custom });
  return panelProps([frame], FROM, TO, { view: 'flamegraph' });
}

describe('FlameGraphPanel focus moment', () => {
  beforeEach(() => locationService.push('/d/demo?from=1&to=2&var-focus=' + FOCUS));

  it('says which moment it shows and clears the focus variable through the URL', () => {
    const meta = {
      fromMs: FOCUS - 150_000,
      toMs: FOCUS + 150_000,
      focusMs: FOCUS,
      focusWindowMs: 300_000,
      focusVariable: 'focus',
    };
    render(<FlameGraphPanel {...props(meta)} />);
    expect(screen.getByTestId('flamelens-focus')).toHaveTextContent('Profile around 2024-05-01 01:30:00 (±2m30s)');
    fireEvent.click(screen.getByRole('button', { name: /Dashboard range/ }));
    const search = locationService.getSearchObject();
    expect(search['var-focus']).toBe('');
    expect(search.from).toBe('1');
  });

  it('offers no way back when the frame shows the dashboard range', () => {
    render(<FlameGraphPanel {...props({ fromMs: FROM, toMs: TO })} />);
    expect(screen.queryByRole('button', { name: /Dashboard range/ })).toBeNull();
    expect(screen.queryByTestId('flamelens-focus')).toBeNull();
  });
});

describe('FlameGraphPanel "Dashboard range"', () => {
  const focusMeta = {
    fromMs: FOCUS - 150_000,
    toMs: FOCUS + 150_000,
    focusMs: FOCUS,
    focusWindowMs: 300_000,
    focusVariable: 'focus',
    compare: 'before',
    baselineFromMs: FOCUS - 450_000,
    baselineToMs: FOCUS - 150_001,
  };

  function clickWith(variables: Record<string, string>) {
    const p = props(focusMeta);
    const replaceVariables = (text: string) =>
      text.replace(/\$\{(\w+)\}/g, (whole, name: string) => (name in variables ? variables[name] : whole));
    render(<FlameGraphPanel {...p} replaceVariables={replaceVariables} />);
    fireEvent.click(screen.getByRole('button', { name: /Dashboard range/ }));
    return locationService.getSearchObject();
  }

  beforeEach(() => locationService.push(`/d/demo?from=1&to=2&var-focus=${FOCUS}&var-compare=before`));

  it('clears the focus moment and turns the comparison off, in one URL change', () => {
    const before = locationService.getHistory().length;
    const search = clickWith({ compare: 'before' });
    expect(search['var-focus']).toBe('');
    expect(search['var-compare']).toBe('off');
    expect(search.from).toBe('1');
    expect(locationService.getHistory().length - before).toBeLessThanOrEqual(1);
  });

  it.each([
    ['no compare variable on the dashboard', {}, '', undefined],
    ['the comparison already off', { compare: 'off' }, '&var-compare=off', 'off'],
  ])('leaves the comparison alone with %s', (_, variables: Record<string, string>, query, compare) => {
    locationService.push(`/d/demo?from=1&to=2&var-focus=${FOCUS}${query}`);
    const search = clickWith(variables);
    expect(search['var-focus']).toBe('');
    expect(search['var-compare']).toBe(compare);
  });
});

describe('FlameGraphPanel while its query runs', () => {
  const frame = profileToDataFrame(profile, { refId: 'A', name: 'flamegraph', custom: { fromMs: FROM, toMs: TO } });

  function withState(series: PanelProps<FlameGraphOptions>['data']['series'], state: LoadingState, error?: string) {
    const p = panelProps(series, FROM, TO, { view: 'table' });
    return { ...p, data: { ...p.data, state, ...(error ? { error: { message: error } } : {}) } };
  }

  it('shows a neutral placeholder on the first load, never "No data"', () => {
    render(<FlameGraphPanel {...withState([], LoadingState.Loading)} />);
    expect(screen.getByTestId('flamelens-loading')).toBeInTheDocument();
    expect(screen.queryByText(/No data/)).toBeNull();
    expect(screen.getByTestId('flamelens-panel')).toHaveAttribute('aria-busy', 'true');
  });

  it('keeps the last picture while the next answer is on its way, then says "No data" for an empty answer', () => {
    const { rerender } = render(<FlameGraphPanel {...withState([frame], LoadingState.Done)} />);
    expect(screen.getByTestId('flamelens-view')).toBeInTheDocument();
    rerender(<FlameGraphPanel {...withState([], LoadingState.Loading)} />);
    expect(screen.getByTestId('flamelens-view')).toBeInTheDocument();
    expect(screen.getByTestId('flamelens-header')).toHaveTextContent('total 100');
    expect(screen.queryByText(/No data/)).toBeNull();
    rerender(<FlameGraphPanel {...withState([], LoadingState.Done)} />);
    expect(screen.getByTestId('flamelens-problem')).toHaveTextContent('No data');
    expect(screen.getByTestId('flamelens-panel')).toHaveAttribute('aria-busy', 'false');
  });

  it('says why a query failed', () => {
    render(<FlameGraphPanel {...withState([], LoadingState.Error, 'upstream timed out')} />);
    expect(screen.getByTestId('flamelens-problem')).toHaveTextContent('The query failedupstream timed out');
    expect(screen.queryByText(/No data/)).toBeNull();
  });
});
