import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { profileToDataFrame } from '../model/frame';
import { applyFrameFilters } from '../model/transforms/frameFilters';
import { parseTree } from '../model/testing/asciiTree';
import type { FilterEntry } from '../model/transforms/filterEntries';
import { FlameGraphPanel } from './FlameGraphPanel';
import type { FlameGraphOptions } from './options';
import { panelProps } from './testing/panelProps';

jest.mock('../model/transforms/frameFilters', () => {
  const actual = jest.requireActual('../model/transforms/frameFilters');
  return { ...actual, applyFrameFilters: jest.fn(actual.applyFrameFilters) };
});

const FROM = Date.UTC(2024, 4, 1, 1, 0);
const TO = FROM + 3_600_000;

const profile = parseTree(
  `
total 100
  runtime.main 100
    main.main 100
      main.flowAdv 80
      runtime.mallocgc 20
`,
  'nanoseconds'
);

function props(frameFilters?: unknown, custom: Record<string, unknown> = {}): PanelProps<FlameGraphOptions> {
  const frame = profileToDataFrame(profile, {
    refId: 'A',
    name: 'flamegraph',
    custom: { fromMs: FROM, toMs: TO, ...custom },
  });
  return panelProps([frame], FROM, TO, { view: 'flamegraph', frameFilters: frameFilters as FilterEntry[] });
}

const chips = () => screen.queryAllByTestId('flamelens-filter-chip');
const summary = () => screen.getByTestId('flamelens-filter-summary').textContent;

describe('FlameGraphPanel frame filters from the panel options', () => {
  it('runs the filters once per profile and filter list, not on every render', () => {
    const apply = applyFrameFilters as jest.Mock;
    apply.mockClear();
    const p = props([{ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' }]);
    const { rerender } = render(<FlameGraphPanel {...p} />);
    expect(apply).toHaveBeenCalledTimes(1);
    // Grafana re-renders the panel on a resize or a time zone change: same data, same options.
    rerender(<FlameGraphPanel {...p} width={700} />);
    rerender(<FlameGraphPanel {...p} width={720} timeZone="browser" />);
    expect(apply).toHaveBeenCalledTimes(1);
    rerender(<FlameGraphPanel {...p} options={{ ...p.options, frameFilters: [{ preset: 'go' }] }} />);
    expect(apply).toHaveBeenCalledTimes(2);
  });

  it('shows each saved filter as a chip and what the filters left of the total, as pprof says it', () => {
    render(<FlameGraphPanel {...props([{ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' }, { preset: 'go' }])} />);
    expect(chips().map((c) => c.textContent)).toEqual(['hide^runtime\\.', 'hidepreset Go runtime and scheduler']);
    expect(chips()[1].title).toContain('^runtime\\.  (the runtime: scheduler');
    // Hiding the runtime frames keeps every stack: something of main is on each.
    expect(summary()).toBe('showing 100 ns of 100 ns (100%)');
    expect(screen.getByTestId('flamelens-view')).toBeInTheDocument();
  });

  it('adds a filter from the header at once and hands it to Grafana; removing the chip restores', () => {
    const p = props();
    const { rerender } = render(<FlameGraphPanel {...p} />);
    expect(chips()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /Add filter/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Ignore' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Exact' }));
    fireEvent.change(screen.getByLabelText('Filter pattern'), { target: { value: 'runtime.mallocgc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const entry = { kind: 'ignore', mode: 'exact', pattern: 'runtime.mallocgc' };
    expect(p.onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ frameFilters: [entry] }));
    expect(chips()).toHaveLength(1);
    expect(summary()).toBe('showing 80 ns of 100 ns (80.00%)');
    // Grafana answers with the new options; the chip stays, and the filters do not run again.
    const runs = (applyFrameFilters as jest.Mock).mock.calls.length;
    rerender(<FlameGraphPanel {...p} options={{ ...p.options, frameFilters: [entry as FilterEntry] }} />);
    expect(chips()).toHaveLength(1);
    expect((applyFrameFilters as jest.Mock).mock.calls.length).toBe(runs);
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter ignore = runtime.mallocgc' }));
    expect(p.onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ frameFilters: [] }));
    expect(chips()).toEqual([]);
  });

  it('says why a pattern is invalid on its chip and still draws with the other filters', () => {
    render(
      <FlameGraphPanel
        {...props([
          { kind: 'hide', mode: 'regex', pattern: 'main(' },
          { kind: 'focus', mode: 'exact', pattern: 'main.flowAdv' },
        ])}
      />
    );
    const [bad, good] = chips();
    expect(bad.dataset.status).toBe('invalid');
    expect(within(bad).getByRole('alert')).toHaveTextContent('missing closing )');
    expect(bad.title).toContain('Not applied: invalid pattern "main(": missing closing )');
    expect(good.dataset.status).toBe('matched');
    expect(summary()).toBe('showing 80 ns of 100 ns (80.00%)');
    expect(screen.getByTestId('flamelens-view')).toBeInTheDocument();
  });

  it('says which filter left nothing instead of a blank graph', () => {
    render(<FlameGraphPanel {...props([{ kind: 'focus', mode: 'regex', pattern: 'nothing' }])} />);
    expect(screen.queryByTestId('flamelens-view')).toBeNull();
    expect(screen.getByTestId('flamelens-filtered-empty')).toHaveTextContent(
      'Nothing left after the frame filtersfocus nothing matched no frame, so no stack is kept.'
    );
    expect(chips()[0].dataset.status).toBe('unmatched');
  });
});

describe('FlameGraphPanel frame filters from the query', () => {
  beforeEach(() => locationService.push('/d/demo?var-filters=hide:re:mallocgc'));

  it('shows them as chips, and edits rewrite the variable they came from', () => {
    const p = props(undefined, { frameFilters: 'hide:re:mallocgc', frameFiltersVariable: 'filters' });
    render(<FlameGraphPanel {...p} />);
    expect(chips().map((c) => c.dataset.source)).toEqual(['query']);
    expect(summary()).toBe('showing 100 ns of 100 ns (100%)');
    fireEvent.click(screen.getByRole('button', { name: /Add filter/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Node.js and V8 internals' }));
    expect(locationService.getSearchObject()['var-filters']).toBe('hide:re:mallocgc;preset:node');
    expect(p.onOptionsChange).not.toHaveBeenCalled();
    // At once, before the query answers again.
    expect(chips()).toHaveLength(2);
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove filter hide mallocgc' }));
    });
    expect(locationService.getSearchObject()['var-filters']).toBe('preset:node');
    expect(chips()).toHaveLength(1);
  });

  it('cannot remove a query filter that no variable holds, and shows unreadable entries', () => {
    render(<FlameGraphPanel {...props(undefined, { frameFilters: 'hide:re:mallocgc;preset:cobol' })} />);
    expect(chips().map((c) => c.dataset.status)).toEqual(['matched', 'unreadable']);
    expect(screen.queryByRole('button', { name: /Remove filter/ })).toBeNull();
    expect(chips()[0].title).toContain("From the query's Frame filters field");
  });
});
