import {
  AnnotationEventFieldSource,
  DataTopic,
  FieldType,
  createDataFrame,
  type AnnotationQuery,
  type DataFrame,
} from '@grafana/data';

import { annotationEventsFromFrames, annotationEventsToFrame, postProcessAnnotationEvents } from './annotationsEvents';

/** The frame our datasource's spike query answers (time, timeEnd, title, text, tags). */
function spikeFrame(): DataFrame {
  return createDataFrame({
    refId: 'Anno',
    name: 'spikes',
    fields: [
      { name: 'time', type: FieldType.time, values: [1000, 5000] },
      { name: 'timeEnd', type: FieldType.time, values: [2000, 5000] },
      { name: 'title', type: FieldType.string, values: ['Spike: api', 'Spike: db'] },
      { name: 'text', type: FieldType.string, values: ['<a href="?var-focus=1500">Open profile</a>', 'db'] },
      { name: 'tags', type: FieldType.other, values: [['spike', 'api'], ['spike']] },
    ],
    meta: { dataTopic: DataTopic.Annotations },
  });
}

describe('annotationEventsFromFrames (Grafana standard frame → event mapping)', () => {
  it('maps the fields named like event keys, row by row', () => {
    const events = annotationEventsFromFrames([spikeFrame()]);
    expect(events).toEqual([
      {
        type: 'default',
        color: 'red',
        time: 1000,
        timeEnd: 2000,
        title: 'Spike: api',
        text: '<a href="?var-focus=1500">Open profile</a>',
        tags: ['spike', 'api'],
      },
      { type: 'default', color: 'red', time: 5000, timeEnd: 5000, title: 'Spike: db', text: 'db', tags: ['spike'] },
    ]);
  });

  it('falls back to the first time and string fields, splits text tags on commas, matches names in any case', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'Timestamp', type: FieldType.time, values: [10] },
        { name: 'Message', type: FieldType.string, values: ['deployed'] },
        { name: 'TAGS', type: FieldType.string, values: ['a,b'] },
      ],
    });
    expect(annotationEventsFromFrames([frame])).toEqual([
      { type: 'default', color: 'red', time: 10, text: 'deployed', tags: ['a', 'b'] },
    ]);
  });

  it('honours mappings: another field, a constant text, a regex, a skipped key', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'at', type: FieldType.time, values: [10] },
        { name: 'msg', type: FieldType.string, values: ['version=1.2.3 deployed'] },
        { name: 'title', type: FieldType.string, values: ['skipped'] },
      ],
    });
    const events = annotationEventsFromFrames([frame], {
      text: { source: AnnotationEventFieldSource.Field, value: 'msg', regex: 'version=(\\S+)' },
      title: { source: AnnotationEventFieldSource.Skip },
      tags: { source: AnnotationEventFieldSource.Text, value: 'deploy' },
    });
    expect(events).toEqual([{ type: 'default', color: 'red', time: 10, text: '1.2.3', tags: ['deploy'] }]);
  });

  it('gives no events without a time or a text field, or without rows', () => {
    const noText = createDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1] }] });
    expect(annotationEventsFromFrames([noText])).toEqual([]);
    const noTime = createDataFrame({ fields: [{ name: 'text', type: FieldType.string, values: ['x'] }] });
    expect(annotationEventsFromFrames([noTime])).toEqual([]);
    expect(annotationEventsFromFrames([])).toEqual([]);
  });

  it('merges several frames by field name', () => {
    const a = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [1] },
        { name: 'text', type: FieldType.string, values: ['a'] },
      ],
    });
    const b = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [2] },
        { name: 'text', type: FieldType.string, values: ['b'] },
        { name: 'title', type: FieldType.string, values: ['B'] },
      ],
    });
    expect(annotationEventsFromFrames([a, b]).map((e) => [e.time, e.text, e.title])).toEqual([
      [1, 'a', undefined],
      [2, 'b', 'B'],
    ]);
  });
});

describe('postProcessAnnotationEvents (what the dashboard adds)', () => {
  const query = { name: 'CPU spikes', iconColor: 'red', enable: true } as AnnotationQuery;
  const colour = (name: string) => `theme:${name}`;

  it('sets the source, the theme colour of the query, its name as type, and regions when the end differs', () => {
    const [region, point] = postProcessAnnotationEvents(query, annotationEventsFromFrames([spikeFrame()]), colour);
    expect(region).toMatchObject({ source: query, color: 'theme:red', type: 'CPU spikes', isRegion: true });
    expect(point.isRegion).toBe(false);
  });

  it('colours alert states as Grafana does, whatever the query colour', () => {
    const events = postProcessAnnotationEvents(
      { ...query, iconColor: 'blue' },
      [
        { time: 1, newState: 'Alerting' },
        { time: 2, newState: 'Pending' },
        { time: 3, newState: 'Normal' },
        { time: 4 },
      ],
      colour
    );
    expect(events.map((e) => e.color)).toEqual(['red', 'yellow', 'green', 'theme:blue']);
  });
});

describe('annotationEventsToFrame', () => {
  it('makes one annotations frame with the fields of every event', () => {
    const frame = annotationEventsToFrame([
      { time: 1, text: 'a' },
      { time: 2, text: 'b', timeEnd: 3, isRegion: true },
    ]);
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    expect(frame.length).toBe(2);
    expect(frame.fields.map((f) => f.name)).toEqual(['time', 'text', 'timeEnd', 'isRegion']);
    expect(frame.fields.find((f) => f.name === 'timeEnd')?.values).toEqual([undefined, 3]);
  });
});
