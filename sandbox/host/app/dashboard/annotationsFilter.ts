/**
 * Which dashboard annotations a panel shows, by Grafana's rules (`filterAnnotations` of its dashboard data layers):
 * - built-in dashboard annotations (source `type: 'dashboard'`) that carry a `panelId` show only on that panel
 *   (panel 0 means the whole dashboard) — alert rule annotations are of this kind;
 * - a query with a panel `filter` shows on the listed panels only, or on every panel but those (`exclude`).
 * Every other event shows on every panel.
 */
import type { AnnotationQuery, DataFrame, Field } from '@grafana/data';

/** Panel id of events meant for the whole dashboard. */
const GLOBAL_PANEL_ID = 0;

export function annotationsForPanel(frames: DataFrame[], panelId: number | undefined): DataFrame[] {
  const id = panelId ?? GLOBAL_PANEL_ID;
  return frames.map((frame) => {
    const source = frame.fields.find((f) => f.name === 'source') as Field<AnnotationQuery | undefined> | undefined;
    if (!source) {
      return frame;
    }
    const panelIds = frame.fields.find((f) => f.name === 'panelId');
    const rows: number[] = [];
    for (let row = 0; row < frame.length; row++) {
      if (shows(source.values[row], panelIds?.values[row], id)) {
        rows.push(row);
      }
    }
    if (rows.length === frame.length) {
      return frame;
    }
    return {
      ...frame,
      length: rows.length,
      fields: frame.fields.map((field) => ({ ...field, values: rows.map((row) => field.values[row]) })),
    };
  });
}

function shows(source: AnnotationQuery | undefined, eventPanelId: unknown, panelId: number): boolean {
  if (!source) {
    return true;
  }
  let matching = true;
  if (source.type === 'dashboard' && eventPanelId !== undefined && eventPanelId !== null) {
    matching = eventPanelId === panelId || eventPanelId === GLOBAL_PANEL_ID;
  }
  const filter = source.filter;
  if (filter) {
    const listed = [...(filter.ids ?? []), GLOBAL_PANEL_ID].includes(panelId);
    if (filter.exclude ? listed : !listed) {
      matching = false;
    }
  }
  return matching;
}
