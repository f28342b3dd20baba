import React from 'react';
import { render, screen } from '@testing-library/react';
import { FieldType, createDataFrame, type LinkModel } from '@grafana/data';
import { SortOrder, TooltipDisplayMode } from '@grafana/schema';

import { TimeSeriesTooltip } from './TimeSeriesTooltip';

const frame = createDataFrame({
  fields: [
    { name: 'Time', type: FieldType.time, values: [1000, 2000] },
    { name: 'cpu', type: FieldType.number, values: [0.5, 0.9] },
  ],
});
const link = {
  title: 'Profile at this moment',
  href: '/d/demo/x?var-focus=2000',
  origin: frame.fields[1],
} as LinkModel;

function renderTooltip(isPinned: boolean) {
  return render(
    <TimeSeriesTooltip
      frame={frame}
      dataIdxs={[1, 1]}
      seriesIdx={1}
      mode={TooltipDisplayMode.Multi}
      sortOrder={SortOrder.None}
      isPinned={isPinned}
      dataLinks={[link]}
    />
  );
}

describe('TimeSeriesTooltip data links', () => {
  it('shows the links of the series once the tooltip is pinned', () => {
    renderTooltip(true);
    const anchor = screen.getByRole('link', { name: /Profile at this moment/ });
    expect(anchor).toHaveAttribute('href', '/d/demo/x?var-focus=2000');
    expect(screen.getByTestId('timeseries-tooltip-links')).toBeInTheDocument();
  });

  it('shows no links while the tooltip only follows the cursor', () => {
    renderTooltip(false);
    expect(screen.queryByTestId('timeseries-tooltip-links')).toBeNull();
    expect(screen.getByTestId('timeseries-tooltip')).toHaveTextContent('cpu');
  });
});
