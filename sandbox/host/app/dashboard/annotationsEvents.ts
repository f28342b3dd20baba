/**
 * Annotation frames and events, as Grafana turns one into the other:
 * - `annotationEventsFromFrames`: Grafana's standard processing (`getAnnotationsFromData`): the frames merged into
 *   one, then per row an event from the fields named like event keys (case-insensitive display names; `time`
 *   falls back to the first time field, `text` to the first string field), mappings honoured, `tags` split on
 *   commas when they are text. Without a time and a text field there are no events.
 * - `postProcessAnnotationEvents`: what the dashboard adds (`postProcessQueryResult`): the source query, the
 *   query's icon colour (alert states override it), its name as `type`, and `isRegion` when `timeEnd` differs.
 * - `annotationEventsToFrame`: the events as the one frame per annotation query that panels get in
 *   `PanelData.annotations` (`arrayToDataFrame`, `meta.dataTopic = annotations`).
 */
import {
  AnnotationEventFieldSource,
  DataTopic,
  FieldType,
  arrayToDataFrame,
  getFieldDisplayName,
  type AnnotationEvent,
  type AnnotationEventMappings,
  type AnnotationQuery,
  type DataFrame,
  type Field,
} from '@grafana/data';

type EventKey = keyof AnnotationEvent;

interface EventFieldInfo {
  key: EventKey;
  split?: boolean;
  /** Where the value comes from when no field has the key's name. */
  fallback?: (frame: DataFrame) => Field | undefined;
}

/** The keys Grafana reads from annotation frames, in its order (alert fields included). */
const EVENT_FIELDS: EventFieldInfo[] = [
  { key: 'time', fallback: (frame) => frame.fields.find((f) => f.type === FieldType.time) },
  { key: 'timeEnd' },
  { key: 'title' },
  { key: 'text', fallback: (frame) => frame.fields.find((f) => f.type === FieldType.string) },
  { key: 'tags', split: true },
  { key: 'id' },
  { key: 'userId' },
  { key: 'login' },
  { key: 'email' },
  { key: 'prevState' as EventKey },
  { key: 'newState' },
  { key: 'data' as EventKey },
  { key: 'panelId' },
  { key: 'alertId' },
  { key: 'dashboardId' },
  { key: 'dashboardUID' },
];

interface Setter {
  key: EventKey;
  split?: boolean;
  field?: Field;
  text?: string;
  regex?: RegExp;
}

/** Grafana's standard frame → event mapping (see the module comment). */
export function annotationEventsFromFrames(
  frames: DataFrame[],
  mappings: AnnotationEventMappings = {}
): AnnotationEvent[] {
  const frame = singleFrame(frames);
  if (!frame || !frame.length) {
    return [];
  }
  const byName = new Map<string, Field>();
  for (const field of frame.fields) {
    byName.set(getFieldDisplayName(field, frame).toLowerCase(), field);
  }
  const setters: Setter[] = [];
  for (const info of EVENT_FIELDS) {
    const mapping = mappings[info.key] ?? {};
    if (mapping.source === AnnotationEventFieldSource.Skip) {
      continue;
    }
    const setter: Setter = { key: info.key, split: info.split };
    if (mapping.source === AnnotationEventFieldSource.Text) {
      setter.text = mapping.value;
    } else {
      setter.field = byName.get((mapping.value || info.key).toLowerCase()) ?? info.fallback?.(frame);
      setter.regex = mapping.regex ? new RegExp(mapping.regex) : undefined;
    }
    if (setter.field || setter.text) {
      setters.push(setter);
    }
  }
  if (!setters.some((s) => s.key === 'time') || !setters.some((s) => s.key === 'text')) {
    return [];
  }
  const events: AnnotationEvent[] = [];
  for (let row = 0; row < frame.length; row++) {
    const event: Record<string, unknown> = { type: 'default', color: 'red' };
    for (const setter of setters) {
      let value: unknown = setter.text ?? setter.field?.values[row];
      if (typeof value === 'string' && setter.regex) {
        const match = setter.regex.exec(value);
        if (match) {
          value = match[1] ?? match[0];
        }
      }
      if (value !== null && value !== undefined) {
        event[setter.key] = setter.split && typeof value === 'string' ? value.split(',') : value;
      }
    }
    events.push(event as AnnotationEvent);
  }
  return events;
}

/** One frame of several by field name (Grafana merges them), or the only one. */
function singleFrame(frames: DataFrame[]): DataFrame | undefined {
  if (frames.length <= 1) {
    return frames[0];
  }
  const names: string[] = [];
  const types = new Map<string, FieldType>();
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (!types.has(field.name)) {
        names.push(field.name);
        types.set(field.name, field.type);
      }
    }
  }
  const values = new Map<string, unknown[]>(names.map((n) => [n, []]));
  let length = 0;
  for (const frame of frames) {
    for (const name of names) {
      const field = frame.fields.find((f) => f.name === name);
      const column = values.get(name) ?? [];
      for (let row = 0; row < frame.length; row++) {
        column.push(field ? field.values[row] : undefined);
      }
    }
    length += frame.length;
  }
  return {
    length,
    fields: names.map((name) => ({
      name,
      type: types.get(name) ?? FieldType.other,
      values: values.get(name) ?? [],
      config: {},
    })),
  };
}

/** Alert states recolour their events whatever the query's colour (Grafana's fixed state colours). */
const STATE_COLORS: Record<string, string> = {
  pending: 'yellow',
  alerting: 'red',
  ok: 'green',
  normal: 'green',
  no_data: 'gray',
  nodata: 'gray',
};

/**
 * What the dashboard adds to every event of a query: the query as `source`, its icon colour resolved by the theme,
 * its name as `type`, `isRegion`, and the alert state colours.
 */
export function postProcessAnnotationEvents(
  query: AnnotationQuery,
  events: AnnotationEvent[],
  getColorByName: (name: string) => string
): AnnotationEvent[] {
  return events.map((event) => {
    const stateColor = STATE_COLORS[String(event.newState ?? '').toLowerCase()];
    return {
      ...event,
      source: query,
      color: stateColor ?? getColorByName(query.iconColor),
      type: query.name,
      isRegion: Boolean(event.timeEnd && event.time !== event.timeEnd),
    };
  });
}

/** The events of one annotation query as the frame panels receive. */
export function annotationEventsToFrame(events: AnnotationEvent[]): DataFrame {
  // Field names from every event: the first one must not decide the columns (events differ, e.g. timeEnd).
  const names = [...new Set(events.flatMap((e) => Object.keys(e)))];
  const frame = arrayToDataFrame(events as Array<Record<string, unknown>>, names);
  frame.meta = { ...frame.meta, dataTopic: DataTopic.Annotations };
  return frame;
}
