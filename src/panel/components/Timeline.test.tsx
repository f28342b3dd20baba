import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { Timeline } from './Timeline';

// One point a minute from 01:50 to 02:00 UTC, CPU nanoseconds per minute.
const T0 = Date.UTC(2024, 4, 1, 1, 50);
const times = Array.from({ length: 11 }, (_, i) => T0 + i * 60_000);
const values = times.map((_, i) => (i === 8 ? 90e9 : 10e9));

function renderTimeline() {
  const onSelectRange = jest.fn<void, [number, number]>();
  const view = render(
    <Timeline
      timesMs={times}
      values={values}
      unit="nanoseconds"
      widthPx={600}
      fromMs={T0}
      toMs={T0 + 600_000}
      timeZone="utc"
      onSelectRange={onSelectRange}
    />
  );
  return { onSelectRange, svg: screen.getByRole('img'), ...view };
}

describe('Timeline', () => {
  it('selects the dragged range', () => {
    const { onSelectRange, svg } = renderTimeline();
    fireEvent.mouseDown(svg, { button: 0, clientX: 420 });
    fireEvent.mouseMove(window, { clientX: 540 });
    expect(screen.getByTestId('timeline-brush')).toHaveAttribute('width', '120');
    fireEvent.mouseUp(window, { clientX: 540 });
    expect(onSelectRange).toHaveBeenCalledWith(T0 + 420_000, T0 + 540_000);
    expect(screen.queryByTestId('timeline-brush')).toBeNull();
  });

  it('ends a drag released outside the strip at its edge', () => {
    const { onSelectRange, svg } = renderTimeline();
    fireEvent.mouseDown(svg, { button: 0, clientX: 500 });
    fireEvent.mouseUp(window, { clientX: 2000 });
    expect(onSelectRange).toHaveBeenCalledWith(T0 + 500_000, T0 + 600_000);
  });

  it('ignores a click', () => {
    const { onSelectRange, svg } = renderTimeline();
    fireEvent.mouseDown(svg, { button: 0, clientX: 100 });
    fireEvent.mouseUp(window, { clientX: 101 });
    expect(onSelectRange).not.toHaveBeenCalled();
  });

  it('shows the nearest point on hover', () => {
    const { svg } = renderTimeline();
    fireEvent.mouseMove(svg, { clientX: 475 });
    expect(screen.getByText('2024-05-01 01:58:00 · 1.5 min')).toBeInTheDocument();
    fireEvent.mouseLeave(svg);
    expect(screen.queryByText(/01:58:00/)).toBeNull();
  });

  it('draws nothing without points', () => {
    const { container } = render(
      <Timeline timesMs={[]} values={[]} unit="count" widthPx={600} onSelectRange={jest.fn()} />
    );
    expect(container).toBeEmptyDOMElement();
  });
});
