import React from 'react';
import { render, screen } from '@testing-library/react';

import { parseTree } from '../../model/testing/asciiTree';
import { HOSTILE_NAMES } from '../../model/testing/hostileNames';
import { FlameTooltip, tooltipRows } from './Tooltip';

const S = 1e9;

// 10 s of CPU: main self 3 s, flowAdv self 2 s, json.Marshal 4 s, other 1 s.
const cpu = parseTree(
  `
total ${10 * S}
  main ${10 * S}
    flowAdv ${6 * S}
      json.Marshal ${4 * S}
    other ${1 * S}
`,
  'nanoseconds'
);
const MAIN = 1;
const FLOW_ADV = 2;
const MARSHAL = 3;

const diff = parseTree(
  `
total 100 | 200
  main 100 | 200
    a 50 | 150
    b 30 | 10
    c 0 | 40
`,
  'milliseconds'
);

describe('tooltipRows', () => {
  it('gives total and self with their share of the profile when nothing is focused', () => {
    expect(tooltipRows(cpu, FLOW_ADV, 0)).toEqual([
      { label: 'Total', value: '6 s (60.00% of profile)' },
      { label: 'Self', value: '2 s (20.00% of profile)' },
    ]);
  });

  it('adds the share of the focused subtree for nodes inside it', () => {
    expect(tooltipRows(cpu, MARSHAL, FLOW_ADV)).toEqual([
      { label: 'Total', value: '4 s (40.00% of profile, 66.67% of focus)' },
      { label: 'Self', value: '4 s (40.00% of profile, 66.67% of focus)' },
    ]);
  });

  it('leaves the focus share out for ancestors of the focused node', () => {
    expect(tooltipRows(cpu, MAIN, FLOW_ADV)).toEqual([
      { label: 'Total', value: '10 s (100.00% of profile)' },
      { label: 'Self', value: '3 s (30.00% of profile)' },
    ]);
  });

  it('adds average cores for time profiles when the window length is known', () => {
    expect(tooltipRows(cpu, FLOW_ADV, 0, 5000)).toEqual([
      { label: 'Total', value: '6 s (60.00% of profile)' },
      { label: 'Self', value: '2 s (20.00% of profile)' },
      { label: 'Average cores', value: '1.2 cores total, 0.4 cores self' },
    ]);
  });

  it('formats bytes and never shows cores for them', () => {
    const memory = parseTree(
      `
total 2147483648
  alloc 1610612736
`,
      'bytes'
    );
    expect(tooltipRows(memory, 1, 0, 5000)).toEqual([
      { label: 'Total', value: '1.5 GiB (75.00% of profile)' },
      { label: 'Self', value: '1.5 GiB (75.00% of profile)' },
    ]);
  });

  it('shows both sides of a diff, each as a share of its own side, and the change', () => {
    expect(tooltipRows(diff, 2, 0)).toEqual([
      { label: 'Baseline total', value: '50 ms (50.00% of baseline)' },
      { label: 'Comparison total', value: '150 ms (75.00% of comparison)' },
      { label: 'Total change', value: '+100 ms (+200.00%)' },
      { label: 'Baseline self', value: '50 ms (50.00% of baseline)' },
      { label: 'Comparison self', value: '150 ms (75.00% of comparison)' },
      { label: 'Self change', value: '+100 ms (+200.00%)' },
    ]);
  });

  it('writes shrinkage with a minus sign and functions missing from the baseline as new', () => {
    expect(tooltipRows(diff, 3, 0)[2]).toEqual({ label: 'Total change', value: '-20 ms (-66.67%)' });
    expect(tooltipRows(diff, 4, 0)[2]).toEqual({ label: 'Total change', value: '+40 ms (new)' });
  });

  it('shows average cores on each side of a diff with per-side windows', () => {
    const rows = tooltipRows(diff, 2, 0, { baselineMs: 100, comparisonMs: 50 });
    expect(rows[rows.length - 1]).toEqual({ label: 'Average cores', value: '0.5 cores → 3 cores' });
  });

  it('returns nothing for a node outside the profile', () => {
    expect(tooltipRows(cpu, 99, 0)).toEqual([]);
  });
});

describe('FlameTooltip', () => {
  it('shows the function name and the rows', () => {
    render(<FlameTooltip profile={cpu} node={FLOW_ADV} focusNode={0} />);
    expect(screen.getByText('flowAdv')).toBeInTheDocument();
    expect(screen.getByText('6 s (60.00% of profile)')).toBeInTheDocument();
  });

  it('renders names containing HTML as text', () => {
    const hostile = parseTree(`
total 10
  <img src=x onerror=alert(1)> 10
`);
    const { container } = render(<FlameTooltip profile={hostile} node={1} focusNode={0} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });

  it('shows a name with an RTL override in its real order, which read as "main.exe.png.handler"', () => {
    const spoof = { ...parseTree('total 10\n  x 10'), names: ['total', HOSTILE_NAMES.rtlOverride] };
    render(<FlameTooltip profile={spoof} node={1} focusNode={0} />);
    expect(screen.getByText('main.gnp.exe.handler')).toBeInTheDocument();
  });
});
