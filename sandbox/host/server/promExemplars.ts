/**
 * The answer of `/api/v1/query_exemplars` as the one `exemplar` frame Grafana's backend returns (pkg/promlib
 * `querydata/exemplar`): `Time`, `Value`, then one string field per label (series labels and the exemplar's own,
 * such as `trace_id`, in order of first appearance). Grafana thins dense exemplars with a standard-deviation sampler;
 * the sandbox keeps them all.
 */
import { parseGoFloat, type FrameQuery } from './promFrames';
import { isJsonObject, type JsonObject } from './types';

interface Row {
  timeMs: number;
  value: number;
  labels: Record<string, string>;
}

/** The exemplar frame, or none when the body holds no exemplars (or is not what Prometheus documents). */
export function exemplarFrames(body: unknown, query: Pick<FrameQuery, 'refId'>): JsonObject[] {
  if (!isJsonObject(body) || body.status !== 'success' || !Array.isArray(body.data)) {
    return [];
  }
  const rows: Row[] = [];
  const labelOrder: string[] = [];
  const see = (name: string) => {
    if (!labelOrder.includes(name)) {
      labelOrder.push(name);
    }
  };
  for (const series of body.data) {
    if (!isJsonObject(series) || !Array.isArray(series.exemplars)) {
      continue;
    }
    const seriesLabels = stringRecord(series.seriesLabels);
    Object.keys(seriesLabels).forEach(see);
    for (const ex of series.exemplars) {
      if (!isJsonObject(ex) || typeof ex.timestamp !== 'number') {
        continue;
      }
      const own = stringRecord(ex.labels);
      Object.keys(own).forEach(see);
      rows.push({
        timeMs: Math.trunc(ex.timestamp * 1000),
        value: parseGoFloat(String(ex.value)),
        labels: { ...seriesLabels, ...own },
      });
    }
  }
  if (rows.length === 0) {
    return [];
  }
  rows.sort((a, b) => a.timeMs - b.timeMs);
  const fields: JsonObject[] = [
    { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' } },
    { name: 'Value', type: 'number', typeInfo: { frame: 'float64' } },
    ...labelOrder.map((name): JsonObject => ({ name, type: 'string', typeInfo: { frame: 'string' } })),
  ];
  const values = [
    rows.map((r) => r.timeMs),
    rows.map((r) => (Number.isFinite(r.value) ? r.value : null)),
    ...labelOrder.map((name) => rows.map((r) => r.labels[name] ?? '')),
  ];
  return [
    {
      schema: { name: 'exemplar', refId: query.refId, meta: { custom: { resultType: 'exemplar' } }, fields },
      data: { values },
    },
  ];
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      out[k] = String(v);
    }
  }
  return out;
}
