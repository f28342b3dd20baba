import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { PanelProps } from '@grafana/data';
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
