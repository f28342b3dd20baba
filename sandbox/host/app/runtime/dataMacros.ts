/**
 * Grafana's data macros, which data links use: `${__value.time|raw|numeric|text}`, `${__series.name}`,
 * `${__field.name|displayName|labels.<name>}` and `${__data.fields[<name>]}`, read from the `__dataContext` scoped
 * variable that `applyFieldOverrides` / the graph's link supplier set (frame, field, row index or calculated
 * value). Without a data context (or a row) the expression is left as written, as Grafana's scenes do, so it can
 * be interpolated later.
 */
import {
  FieldType,
  formattedValueToString,
  getDisplayProcessor,
  getFieldDisplayName,
  getFrameDisplayName,
  type DataContextScopedVar,
  type ScopedVars,
} from '@grafana/data';

/** The names these macros answer to. */
export const DATA_MACROS = ['__value', '__series', '__field', '__data'];

const fallbackDisplay = getDisplayProcessor();

/** A macro's value; undefined when it cannot be resolved here (the expression stays as written). */
export function dataMacroValue(
  name: string,
  fieldPath: string | undefined,
  scopedVars: ScopedVars | undefined
): string | number | undefined {
  const context = scopedVars?.__dataContext as DataContextScopedVar | undefined;
  if (!context?.value) {
    return undefined;
  }
  switch (name) {
    case '__value':
      return valueMacro(context, fieldPath);
    case '__series':
      return fieldPath === 'name' ? getFrameDisplayName(context.value.frame, context.value.frameIndex) : undefined;
    case '__field':
      return fieldMacro(context, fieldPath);
    case '__data':
      return dataMacro(context, fieldPath);
    default:
      return undefined;
  }
}

function valueMacro(context: DataContextScopedVar, fieldPath: string | undefined): string | number | undefined {
  const { frame, field, rowIndex, calculatedValue } = context.value;
  if (calculatedValue) {
    switch (fieldPath) {
      case 'numeric':
      case 'raw':
        return calculatedValue.numeric;
      case 'time':
        return '';
      default:
        return formattedValueToString(calculatedValue);
    }
  }
  if (rowIndex === undefined || rowIndex === null) {
    return undefined;
  }
  if (fieldPath === 'time') {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const value: unknown = time?.values[rowIndex];
    return typeof value === 'number' || typeof value === 'string' ? value : '';
  }
  if (!field) {
    return undefined;
  }
  const raw: unknown = field.values[rowIndex];
  if (fieldPath === 'raw') {
    return typeof raw === 'number' || typeof raw === 'string' ? raw : String(raw ?? '');
  }
  const display = (field.display ?? fallbackDisplay)(raw);
  return fieldPath === 'numeric' ? display.numeric : formattedValueToString(display);
}

function fieldMacro(context: DataContextScopedVar, fieldPath: string | undefined): string | undefined {
  const { field, frame, data } = context.value;
  if (!field || !fieldPath) {
    return undefined;
  }
  if (fieldPath === 'name') {
    return field.name;
  }
  if (fieldPath === 'displayName') {
    return getFieldDisplayName(field, frame, data);
  }
  const label = /^labels\.(.+)$/.exec(fieldPath);
  if (label) {
    return field.labels?.[label[1]] ?? '';
  }
  return fieldPath === 'labels' ? labelsText(field.labels) : undefined;
}

function dataMacro(context: DataContextScopedVar, fieldPath: string | undefined): string | undefined {
  const { frame, rowIndex } = context.value;
  const match = fieldPath ? /^fields(?:\[["']?(.+?)["']?\]|\.(.+))$/.exec(fieldPath) : null;
  if (!match || rowIndex === undefined || rowIndex === null) {
    return undefined;
  }
  const wanted = match[1] ?? match[2];
  const field =
    frame.fields.find((f) => getFieldDisplayName(f, frame) === wanted) ??
    frame.fields.find((f) => f.name === wanted) ??
    (/^\d+$/.test(wanted) ? frame.fields[Number(wanted)] : undefined);
  if (!field) {
    return '';
  }
  return formattedValueToString((field.display ?? fallbackDisplay)(field.values[rowIndex]));
}

function labelsText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
}
