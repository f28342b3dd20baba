import React from 'react';
import fc from 'fast-check';
import { cleanup, render, screen } from '@testing-library/react';
import type { DataFrame, PanelProps } from '@grafana/data';

import { profileToDataFrame } from '../model/frame';
import { parseTree } from '../model/testing/asciiTree';
import { arbitraryHostileName, HOSTILE_NAMES } from '../model/testing/hostileNames';
import { FlameGraphPanel } from './FlameGraphPanel';
import type { FlameGraphOptions } from './options';
import { panelProps } from './testing/panelProps';

/*
 * The whole panel (header, toolbar, canvas shell, table, breadcrumb) rendered with hostile frame meta and names:
 * whatever `meta.custom` holds, it renders without throwing; names never become markup.
 */

const FROM = Date.UTC(2024, 4, 1, 1, 0);
const TO = FROM + 3_600_000;

function props(series: DataFrame[], view: FlameGraphOptions['view']): PanelProps<FlameGraphOptions> {
  return panelProps(series, FROM, TO, { view });
}

/** A meta value of any kind, biased to the ones the panel reads: numbers at the edges, hostile strings. */
const metaValue = fc.oneof(
  fc.constantFrom<unknown>(0, -1, 1e300, -1e300, NaN, Infinity, 8.64e15, FROM, TO, null, true, [], {}),
  fc.double(),
  arbitraryHostileName(),
  fc.constantFrom('before', '1d', '1w', 'custom', 'grafana', 'og', 'process_cpu:cpu:nanoseconds:cpu:nanoseconds')
);
const metaKeys = [
  'profileTypeId',
  'labelSelector',
  'fromMs',
  'toMs',
  'maxNodes',
  'nodeCount',
  'truncated',
  'flavor',
  'focusMs',
  'focusWindowMs',
  'focusVariable',
  'dashboardFromMs',
  'dashboardToMs',
  'compare',
  'baselineFromMs',
  'baselineToMs',
];

/** Ordered pairs of times (the panel reads windows only when both ends are there and in order), some out of range. */
const timePair = fc.constantFrom<[number, number]>([FROM, TO], [1e300, 1e300], [-1e300, 1e300], [8.64e15, 8.64e15 + 1]);
const arbitraryCustom = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...metaKeys), metaValue),
    fc.constantFrom(
      ['fromMs', 'toMs'],
      ['focusMs', 'focusWindowMs'],
      ['dashboardFromMs', 'dashboardToMs'],
      ['baselineFromMs', 'baselineToMs']
    ),
    timePair
  )
  .map(([custom, [fromKey, toKey], [from, to]]) => ({ ...custom, [fromKey]: from, [toKey]: to }));

describe('FlameGraphPanel on hostile meta and names', () => {
  it('renders whatever meta.custom holds (property)', () => {
    const names = parseTree('total 100\n  a 60\n    b 60\n  c 40');
    const profile = { ...names, names: ['total', HOSTILE_NAMES.html, HOSTILE_NAMES.huge, HOSTILE_NAMES.rtlOverride] };
    fc.assert(
      fc.property(
        arbitraryCustom,
        fc.constantFrom<FlameGraphOptions['view']>('flamegraph', 'table', 'both'),
        (custom, view) => {
          const frame = profileToDataFrame(profile, { refId: 'A', custom });
          try {
            const { container } = render(<FlameGraphPanel {...props([frame], view)} />);
            expect(screen.getByTestId('flamelens-panel')).toBeInTheDocument();
            expect(container.querySelector('img[src="x"]')).toBeNull();
          } finally {
            cleanup();
          }
        }
      ),
      { numRuns: 60 }
    );
  });
});
