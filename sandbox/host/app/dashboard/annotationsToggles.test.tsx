import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { AnnotationQuery } from '@grafana/data';

import { DashboardAnnotations } from './annotationsLayer';
import { AnnotationToggles } from './annotationsToggles';

function annotations(queries: Array<Partial<AnnotationQuery>>): DashboardAnnotations {
  return new DashboardAnnotations(queries as AnnotationQuery[], {
    dashboardUid: 'dash',
    dataSourceSrv: { get: jest.fn() },
    templateSrv: { replace: (t?: string) => t ?? '' },
    fetchRules: async () => ({}),
    getColorByName: (c) => c,
  });
}

describe('AnnotationToggles', () => {
  it('shows a labelled switch per query that is not hidden, and toggles `enable`', () => {
    const layer = annotations([
      { name: 'Annotations & Alerts', enable: true, hide: true, builtIn: 1 },
      { name: 'CPU spikes', enable: true },
    ]);
    render(<AnnotationToggles annotations={layer} />);
    expect(screen.getAllByTestId('annotation-toggle').map((e) => e.dataset.annotationName)).toEqual(['CPU spikes']);
    const toggle = screen.getByLabelText('CPU spikes');
    expect(toggle).toBeChecked();
    fireEvent.click(toggle);
    expect(layer.state$.value[1].enabled).toBe(false);
    expect(screen.getByLabelText('CPU spikes')).not.toBeChecked();
  });

  it('shows a failed query’s message as a warning icon, also for a hidden query', () => {
    const layer = annotations([{ name: 'Annotations & Alerts', enable: true, hide: true }]);
    render(<AnnotationToggles annotations={layer} />);
    expect(screen.queryByTestId('annotation-toggle')).toBeNull();
    act(() => {
      layer.state$.next([{ ...layer.state$.value[0], error: 'Annotations & Alerts: datasource not found' }]);
    });
    expect(screen.getByTestId('annotation-error')).toHaveAttribute(
      'aria-label',
      'Annotations & Alerts: datasource not found'
    );
  });
});
