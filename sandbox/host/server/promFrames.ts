/**
 * A Prometheus API answer turned into the data frames Grafana's backend returns for it (pkg/promlib `converter` and
 * `querydata/response.go`, dataplane frames): one frame per series with a `Time` field and a value field named after
 * the metric (`Value` when the series has no `__name__`), the series labels on the value field, meta
 * `timeseries-multi` (range) or `numeric-multi` (instant vector) with type version 0.1 and `custom.resultType`; the
 * step as the time field's `interval`; the series name (legend format, `__auto`, or `metric{labels}`) as the value
 * field's `displayNameFromDS`; the executed query and `calculatedMinStep` on the first frame; warnings and infos as
 * notices. Serialised as the plugin SDK writes frames to JSON (NaN and ±Inf as `null` plus `entities`).
 */
import { isJsonObject, type JsonObject, type JsonValue } from './types';

/** What naming and meta depend on. */
export interface FrameQuery {
  refId: string;
  /** The expression as sent to Prometheus (macros replaced). */
  expr: string;
  legendFormat: string;
  stepMs: number;
  /** The step as Go prints it, for `executedQueryString`. */
  stepText: string;
}

/** One query's result as the SDK's `DataResponse` serialises it. */
export interface DataResponseJson {
  status: number;
  frames: JsonObject[];
  error?: string;
}

type Notice = { severity: 'warning' | 'info'; text: string };

/** A frame under construction: columns, not yet JSON. */
interface Series {
  times: number[];
  values: number[];
  labels: Record<string, string>;
  resultType: string;
  valueType: 'number' | 'string';
  strings?: string[];
}

/**
 * Converts one Prometheus response (`status` is the HTTP status, `body` its parsed JSON or undefined when it was not
 * JSON). An error body (`"status":"error"`) becomes `<errorType>: <error>`, as Grafana words it.
 */
export function promResponseToData(status: number, body: unknown, query: FrameQuery): DataResponseJson {
  if (!isJsonObject(body)) {
    return withEmptyFrame({ status, frames: [], error: 'unexpected response: the body is not a JSON object' }, query);
  }
  if (body.status === 'error') {
    const error = `${String(body.errorType ?? '')}: ${String(body.error ?? '')}`;
    return withEmptyFrame({ status, frames: [], error }, query);
  }
  const notices: Notice[] = [
    ...stringsOf(body.warnings).map((text) => ({ severity: 'warning' as const, text })),
    ...stringsOf(body.infos).map((text) => ({ severity: 'info' as const, text })),
  ];
  const data = body.data;
  if (!isJsonObject(data) || typeof data.resultType !== 'string') {
    return withEmptyFrame({ status, frames: [], error: 'no resultType found' }, query);
  }
  let series: Series[];
  try {
    series = readResult(data.resultType, data.result);
  } catch (err) {
    return withEmptyFrame({ status, frames: [], error: err instanceof Error ? err.message : String(err) }, query);
  }
  const frames = series.map((s) => seriesFrame(s, query));
  if (frames.length === 0) {
    // Grafana adds an empty frame to carry the meta (executed query, notices).
    frames.push(emptyFrame(query.refId, notices.length > 0 ? 'Warnings' : ''));
  }
  if (notices.length > 0) {
    for (const frame of frames) {
      metaOf(frame).notices = notices;
    }
  }
  decorateFirst(frames[0], query);
  return { status, frames };
}

function withEmptyFrame(response: DataResponseJson, query: FrameQuery): DataResponseJson {
  const frame = emptyFrame(query.refId, '');
  decorateFirst(frame, query);
  return { ...response, frames: [frame] };
}

function stringsOf(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readResult(resultType: string, result: JsonValue | undefined): Series[] {
  switch (resultType) {
    case 'matrix':
    case 'vector':
      return arrayOf(result, resultType).map((item) => readSeries(item, resultType));
    case 'scalar':
    case 'string': {
      const [timeMs, raw] = pair(result);
      const scalar = resultType === 'scalar';
      return [
        {
          times: [timeMs],
          values: scalar ? [parseGoFloat(raw)] : [],
          strings: scalar ? undefined : [raw],
          labels: {},
          resultType,
          valueType: scalar ? 'number' : 'string',
        },
      ];
    }
    default:
      throw new Error(`unknown result type: ${resultType}`);
  }
}

function arrayOf(value: JsonValue | undefined, what: string): JsonValue[] {
  if (!Array.isArray(value)) {
    throw new Error(`expected an array of ${what} series`);
  }
  return value;
}

function readSeries(item: JsonValue, resultType: string): Series {
  if (!isJsonObject(item)) {
    throw new Error(`expected a ${resultType} series object`);
  }
  const labels: Record<string, string> = {};
  if (isJsonObject(item.metric)) {
    for (const [k, v] of Object.entries(item.metric)) {
      labels[k] = String(v);
    }
  }
  const series: Series = { times: [], values: [], labels, resultType, valueType: 'number' };
  const samples =
    item.values !== undefined ? arrayOf(item.values, 'sample') : item.value !== undefined ? [item.value] : [];
  for (const sample of samples) {
    const [timeMs, raw] = pair(sample);
    series.times.push(timeMs);
    series.values.push(parseGoFloat(raw));
  }
  return series;
}

/** `[<unix seconds>, "<value>"]`; times become whole ms as Go's `time.UnixMilli(int64(f*1000))`. */
function pair(value: JsonValue | undefined): [number, string] {
  if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'string') {
    throw new Error('expected a [time, "value"] pair');
  }
  return [Math.trunc(value[0] * 1000), value[1]];
}

/** Go's `strconv.ParseFloat`, which Prometheus' `+Inf`, `-Inf` and `NaN` need (JavaScript's Number reads them as NaN). */
export function parseGoFloat(text: string): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2].toLowerCase() === 'nan') {
      return NaN;
    }
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return Number(text);
}

function seriesFrame(s: Series, query: FrameQuery): JsonObject {
  const dataplaneType = s.resultType === 'matrix' || s.resultType === 'string' ? 'timeseries-multi' : 'numeric-multi';
  const timeField: JsonObject = {
    name: 'Time',
    type: 'time',
    typeInfo: { frame: 'time.Time' },
    config: { interval: query.stepMs },
  };
  const valueField: JsonObject = {
    name: s.labels.__name__ ?? 'Value',
    type: s.valueType,
    typeInfo: { frame: s.valueType === 'number' ? 'float64' : 'string' },
    labels: s.labels,
  };
  const displayName = seriesName(query, s.labels);
  if (displayName !== '') {
    valueField.config = { displayNameFromDS: displayName };
  }
  const meta: JsonObject = { type: dataplaneType, typeVersion: [0, 1], custom: { resultType: s.resultType } };
  if (s.resultType === 'string') {
    delete meta.typeVersion; // Grafana leaves the string frame at version 0.0
  }
  const values = s.valueType === 'number' ? encodeFloats(s.values) : { values: s.strings ?? [], entities: null };
  const data: JsonObject = { values: [s.times, values.values] };
  if (values.entities) {
    data.entities = [null, values.entities];
  }
  return { schema: { refId: query.refId, meta, fields: [timeField, valueField] }, data };
}

/** The SDK writes NaN and ±Inf as null and lists their rows under `entities`. */
function encodeFloats(values: number[]): { values: Array<number | null>; entities: JsonObject | null } {
  const nan: number[] = [];
  const inf: number[] = [];
  const negInf: number[] = [];
  const out = values.map((v, i) => {
    if (Number.isFinite(v)) {
      return v;
    }
    (Number.isNaN(v) ? nan : v > 0 ? inf : negInf).push(i);
    return null;
  });
  const entities: JsonObject = {};
  if (nan.length > 0) {
    entities.NaN = nan;
  }
  if (inf.length > 0) {
    entities.Inf = inf;
  }
  if (negInf.length > 0) {
    entities.NegInf = negInf;
  }
  return { values: out, entities: Object.keys(entities).length > 0 ? entities : null };
}

function emptyFrame(refId: string, name: string): JsonObject {
  return { schema: { ...(name ? { name } : {}), refId, meta: {}, fields: [] }, data: { values: [] } };
}

function metaOf(frame: JsonObject): JsonObject {
  const schema = frame.schema as JsonObject;
  if (!isJsonObject(schema.meta)) {
    schema.meta = {};
  }
  return schema.meta as JsonObject;
}

/** The executed query (shown by the query inspector) and the step the frontend's incremental querying needs. */
function decorateFirst(frame: JsonObject, query: FrameQuery): void {
  const meta = metaOf(frame);
  meta.executedQueryString = `Expr: ${query.expr}\nStep: ${query.stepText}`;
  // Grafana adds the step only where the frame has no custom meta yet: a series frame's `{resultType}` map is of a
  // type its code does not extend, so only the empty frame of an empty or failed result carries it.
  if (meta.custom === undefined) {
    meta.custom = { calculatedMinStep: query.stepMs };
  }
}

/**
 * Grafana's `getName`: the legend format with `{{label}}` replaced (missing labels become empty), `__auto` meaning
 * no name (the frontend then names the series) unless the series has no labels, else `metric{a="1", b="2"}`; a
 * name of `{}` becomes the expression.
 */
export function seriesName(query: Pick<FrameQuery, 'expr' | 'legendFormat'>, labels: Record<string, string>): string {
  let legend = metricNameFromLabels(labels);
  if (query.legendFormat === '__auto') {
    if (Object.keys(labels).length > 0) {
      legend = '';
    }
  } else if (query.legendFormat !== '') {
    legend = query.legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_m, name: string) => labels[name.trim()] ?? '');
  }
  return legend === '{}' ? query.expr : legend;
}

/** Prometheus' `Metric.String()`: `name{a="1", b="2"}` with labels sorted and values quoted like Go's `%q`. */
function metricNameFromLabels(labels: Record<string, string>): string {
  const name = labels.__name__;
  const pairs = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  if (pairs.length === 0) {
    return name ?? '{}';
  }
  return `${name ?? ''}{${pairs.join(', ')}}`;
}
