import type { AnnotationQuery } from '@grafana/data';

import { annotationEventsToFrame } from './annotationsEvents';
import { annotationsForPanel } from './annotationsFilter';

const builtIn = { name: 'Annotations & Alerts', type: 'dashboard', builtIn: 1 } as AnnotationQuery;
const spikes = { name: 'CPU spikes' } as AnnotationQuery;

function texts(panelId: number, ...queries: Array<{ source: AnnotationQuery; panelId?: number; text: string }>) {
  const frame = annotationEventsToFrame(queries.map((q, i) => ({ time: i, ...q })));
  return annotationsForPanel([frame], panelId)[0].fields.find((f) => f.name === 'text')?.values;
}

describe('annotationsForPanel (Grafana dashboard annotation filtering)', () => {
  it('shows built-in events with a panel id on that panel only; panel 0 and other queries everywhere', () => {
    const events = [
      { source: builtIn, panelId: 1, text: 'alert on 1' },
      { source: builtIn, panelId: 0, text: 'dashboard wide' },
      { source: spikes, text: 'spike' },
    ];
    expect(texts(1, ...events)).toEqual(['alert on 1', 'dashboard wide', 'spike']);
    expect(texts(2, ...events)).toEqual(['dashboard wide', 'spike']);
  });

  it('applies a query filter: only the listed panels, or all but them', () => {
    const only = { ...spikes, filter: { ids: [2] } } as AnnotationQuery;
    const except = { ...spikes, filter: { ids: [2], exclude: true } } as AnnotationQuery;
    expect(texts(1, { source: only, text: 'only' }, { source: except, text: 'except' })).toEqual(['except']);
    expect(texts(2, { source: only, text: 'only' }, { source: except, text: 'except' })).toEqual(['only']);
  });

  it('keeps frames without a source as they are', () => {
    const frame = annotationEventsToFrame([{ time: 1, text: 'x', panelId: 9 }]);
    expect(annotationsForPanel([frame], 1)[0]).toBe(frame);
  });
});
