/**
 * The frames a time series can draw, picked as Grafana's `prepareGraphableFields` does: frames with a time field and
 * at least one number (or boolean) field; other field types are left out, booleans become 0/1 and values uPlot
 * cannot draw (NaN, ±Infinity) become gaps.
 */
import { FieldType, type DataFrame, type Field } from '@grafana/data';

/** Graphable frames, or null when nothing can be drawn (the panel then says there is no data to show). */
export function prepareGraphableFrames(series: DataFrame[]): DataFrame[] | null {
  const frames: DataFrame[] = [];
  for (const frame of series) {
    const fields: Field[] = [];
    let hasTime = false;
    let hasValue = false;
    for (const field of frame.fields) {
      switch (field.type) {
        case FieldType.time:
          hasTime = true;
          fields.push(field);
          break;
        case FieldType.number:
          hasValue = true;
          fields.push({ ...field, values: field.values.map(finiteOrNull) });
          break;
        case FieldType.boolean:
          hasValue = true;
          fields.push({
            ...field,
            type: FieldType.number,
            values: field.values.map((v: unknown) => (v === null || v === undefined ? null : v ? 1 : 0)),
          });
          break;
        default:
          break;
      }
    }
    if (hasTime && hasValue) {
      frames.push({ ...frame, fields });
    }
  }
  return frames.length > 0 ? frames : null;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
