import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import type { AnnotationMark, AnnotationValues } from './annotationGeometry';
import { AnnotationMarker } from './AnnotationMarker';

const START = Date.UTC(2024, 0, 2, 3, 4, 5);

const spike: AnnotationValues = {
  time: [START],
  timeEnd: [START + 60_000],
  isRegion: [true],
  title: ['Spike: demo-workload'],
  text: [
    'demo-workload: 1.9 cores.<br/><a href="?from=1&amp;to=2&amp;var-focus=3">Open profile</a> · ' +
      '<a href="?var-compare=before">Compare with before</a><script>alert(1)</script><img src=x onerror="alert(2)">',
  ],
  tags: [['flamelens', 'spike']],
};
const alert: AnnotationValues = {
  time: [START],
  timeEnd: [START + 30_000],
  isRegion: [true],
  title: ['CPU high'],
  text: ['CPU high: Alerting {job=demo} - B=0.9, C=1'],
  alertId: [7],
  newState: ['Alerting'],
};
const region: AnnotationMark = { frameIndex: 0, row: 0, kind: 'region', leftPx: 10, widthPx: 40, color: 'red' };

function renderMarker(values: AnnotationValues) {
  render(<AnnotationMarker mark={region} values={values} color="#f00" timeZone="utc" />);
  return screen.getByTestId('annotation-marker');
}

describe('AnnotationMarker', () => {
  it('has test hooks naming the annotation, and draws a region band in its colour', () => {
    const marker = renderMarker(spike);
    expect(marker).toHaveAttribute('aria-label', 'Spike: demo-workload');
    expect(marker).toHaveAttribute('data-annotation-title', 'Spike: demo-workload');
    expect(marker).toHaveAttribute('data-annotation-kind', 'region');
    expect(marker).toHaveAttribute('data-annotation-time', String(START));
    expect(marker.style.left).toBe('10px');
    expect(marker.style.width).toBe('40px');
    expect(marker.style.background).toBe('rgb(255, 0, 0)');
  });

  it('shows the tooltip on hover: time range, title, sanitized text with its links, tags', () => {
    const marker = renderMarker(spike);
    expect(screen.queryByTestId('annotation-tooltip')).toBeNull();
    fireEvent.mouseEnter(marker);
    const tooltip = screen.getByTestId('annotation-tooltip');
    expect(tooltip).toHaveTextContent('2024-01-02 03:04:05 - 2024-01-02 03:05:05');
    expect(tooltip).toHaveTextContent('Spike: demo-workload');
    expect(screen.getByRole('link', { name: 'Open profile' })).toHaveAttribute('href', '?from=1&to=2&var-focus=3');
    expect(screen.getByRole('link', { name: 'Compare with before' })).toHaveAttribute('href', '?var-compare=before');
    const text = screen.getByTestId('annotation-text');
    expect(text.querySelector('script')).toBeNull();
    expect(text.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(tooltip).toHaveTextContent('flamelens');
    fireEvent.mouseLeave(marker);
    expect(screen.queryByTestId('annotation-tooltip')).toBeNull();
  });

  it('pins the tooltip on click until a click elsewhere or Escape', () => {
    const marker = renderMarker(spike);
    fireEvent.mouseEnter(marker);
    fireEvent.click(marker);
    fireEvent.mouseLeave(marker);
    expect(screen.getByTestId('annotation-tooltip').parentElement).toHaveAttribute('data-pinned', 'true');
    // A click on a link inside keeps it pinned.
    fireEvent.mouseDown(screen.getByRole('link', { name: 'Open profile' }));
    expect(screen.getByTestId('annotation-tooltip')).toBeInTheDocument();
    act(() => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByTestId('annotation-tooltip')).toBeNull();
    fireEvent.click(marker);
    fireEvent.mouseDown(document.body);
    expect(screen.queryByTestId('annotation-tooltip')).toBeNull();
  });

  it('shows an alert annotation’s state and text, not its title', () => {
    const marker = renderMarker(alert);
    fireEvent.mouseEnter(marker);
    expect(screen.getByTestId('annotation-alert-state')).toHaveTextContent('Alerting');
    expect(screen.getByTestId('annotation-text')).toHaveTextContent('CPU high: Alerting {job=demo} - B=0.9, C=1');
    expect(screen.getByTestId('annotation-text').textContent?.startsWith('CPU high: Alerting')).toBe(true);
  });
});
