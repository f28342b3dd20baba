import React, { type ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { LoadingState, type AnnotationQuery, type DataFrame, type PanelData } from '@grafana/data';

import { DashboardContext, type DashboardContextValue } from './DashboardContext';
import { annotationEventsToFrame, postProcessAnnotationEvents } from './annotationsEvents';
import { DashboardAnnotations } from './annotationsLayer';
import { usePanelAnnotations, withDashboardAnnotations } from './annotationsPanel';

const builtIn = { name: 'Annotations & Alerts', type: 'dashboard', builtIn: 1, iconColor: 'blue', enable: true };

function layer(): DashboardAnnotations {
  return new DashboardAnnotations([builtIn as AnnotationQuery], {
    dashboardUid: 'dash',
    dataSourceSrv: { get: jest.fn() },
    templateSrv: { replace: (t?: string) => t ?? '' },
    fetchRules: async () => ({}),
    getColorByName: (c) => c,
  });
}

/** The built-in query's frame: one alert event on panel 1, one for the whole dashboard. */
function alertFrame(): DataFrame {
  const events = [
    { time: 1, text: 'CPU high: Alerting', panelId: 1, alertId: 1, newState: 'Alerting' },
    { time: 2, text: 'deploy', panelId: 0 },
  ];
  return annotationEventsToFrame(postProcessAnnotationEvents(builtIn as AnnotationQuery, events, (c) => c));
}

function wrapper(annotations: DashboardAnnotations) {
  const value = { session: { annotations } } as unknown as DashboardContextValue;
  return function Wrapper({ children }: { children: ReactNode }) {
    return <DashboardContext.Provider value={value}>{children}</DashboardContext.Provider>;
  };
}

describe('usePanelAnnotations', () => {
  it('gives each panel the dashboard annotations meant for it, and follows new results', () => {
    const annotations = layer();
    const panel1 = renderHook(() => usePanelAnnotations(1), { wrapper: wrapper(annotations) });
    const panel2 = renderHook(() => usePanelAnnotations(2), { wrapper: wrapper(annotations) });
    expect(panel1.result.current).toEqual([]);
    act(() => annotations.state$.next([{ ...annotations.state$.value[0], frame: alertFrame() }]));
    const texts = (frames: DataFrame[]) => frames[0].fields.find((f) => f.name === 'text')?.values;
    expect(texts(panel1.result.current)).toEqual(['CPU high: Alerting', 'deploy']);
    expect(texts(panel2.result.current)).toEqual(['deploy']);
  });

  it('has nothing outside a dashboard', () => {
    expect(renderHook(() => usePanelAnnotations(1)).result.current).toEqual([]);
  });
});

describe('withDashboardAnnotations', () => {
  it('appends the dashboard frames after the panel’s own annotations', () => {
    const own = annotationEventsToFrame([{ time: 5, text: 'own' }]);
    const data: PanelData = { state: LoadingState.Done, series: [], annotations: [own], timeRange: undefined as never };
    const dashboard = alertFrame();
    expect(withDashboardAnnotations(data, [dashboard])?.annotations).toEqual([own, dashboard]);
    expect(withDashboardAnnotations(data, [])).toBe(data);
    expect(withDashboardAnnotations(undefined, [dashboard])).toBeUndefined();
  });
});
