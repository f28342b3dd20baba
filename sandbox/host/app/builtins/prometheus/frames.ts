/**
 * Prometheus answers to data frames, as Grafana's Prometheus datasource builds them: one frame per series with a
 * `Time` field and a `Value` field carrying the series labels, the legend (`{{label}}` template, or
 * `metric{label="value", ...}`) as the value field's `displayNameFromDS`, and Prometheus error bodies turned into
 * messages that say what failed.
 */
import { FieldType, createDataFrame, type DataFrame } from '@grafana/data';

import type { PromMatrixSeries, PromQuery } from './types';

const LEGEND_TEMPLATE = /\{\{\s*(.+?)\s*\}\}/g;

/** The legend of one series: the query's template filled with labels, or Grafana's default `name{labels}`. */
export function seriesName(labels: Record<string, string>, query: Pick<PromQuery, 'legendFormat' | 'expr'>): string {
  const template = query.legendFormat;
  if (template && template !== '__auto') {
    return template.replace(LEGEND_TEMPLATE, (_match, name: string) => labels[name] ?? '');
  }
  const { __name__: metric, ...rest } = labels;
  const parts = Object.entries(rest).map(([key, value]) => `${key}="${value}"`);
  if (!metric && parts.length === 0) {
    return query.expr;
  }
  return `${metric ?? ''}{${parts.join(', ')}}`;
}

function isMatrixSeries(value: unknown): value is PromMatrixSeries {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const s = value as Partial<PromMatrixSeries>;
  return typeof s.metric === 'object' && s.metric !== null && Array.isArray(s.values);
}

/** Frames of a `matrix` result; any other shape is reported instead of half-read. */
export function matrixToFrames(result: unknown, resultType: string, query: PromQuery): DataFrame[] {
  if (resultType !== 'matrix') {
    throw new Error(`Prometheus answered a "${resultType}" result to a range query; expected a matrix`);
  }
  if (!Array.isArray(result)) {
    throw new Error('Prometheus answered a malformed matrix: "result" is not a list');
  }
  return result.map((series: unknown, index) => {
    if (!isMatrixSeries(series)) {
      throw new Error(`Prometheus answered a malformed matrix: series ${index} has no "metric" and "values"`);
    }
    const times: number[] = [];
    const values: Array<number | null> = [];
    for (const [timeSec, text] of series.values) {
      times.push(timeSec * 1000);
      // Prometheus sends values as strings, including "NaN", "+Inf" and "-Inf".
      values.push(parsePromValue(text));
    }
    const name = seriesName(series.metric, query);
    return createDataFrame({
      refId: query.refId,
      name,
      fields: [
        { name: 'Time', type: FieldType.time, values: times, config: {} },
        {
          name: 'Value',
          type: FieldType.number,
          values,
          labels: { ...series.metric },
          config: { displayNameFromDS: name },
        },
      ],
      meta: { preferredVisualisationType: 'graph', executedQueryString: `Expr: ${query.expr}` },
    });
  });
}

function parsePromValue(text: string): number | null {
  switch (text) {
    case '+Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
      return Number.NaN;
    default: {
      const n = Number(text);
      return Number.isNaN(n) ? null : n;
    }
  }
}

/** What failed, from an error thrown by the backend service for a Prometheus call. */
export function promErrorMessage(err: unknown, endpoint: string): string {
  if (typeof err !== 'object' || err === null) {
    return `Prometheus ${endpoint} failed: ${String(err)}`;
  }
  const e = err as { status?: number; statusText?: string; data?: unknown; message?: string; cancelled?: boolean };
  if (e.cancelled) {
    return `Prometheus ${endpoint} was cancelled`;
  }
  const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as {
    error?: unknown;
    errorType?: unknown;
    message?: unknown;
  };
  const status = typeof e.status === 'number' && e.status > 0 ? ` (HTTP ${e.status})` : '';
  if (typeof data.error === 'string' && data.error) {
    const kind = typeof data.errorType === 'string' && data.errorType ? `${data.errorType}: ` : '';
    return `Prometheus ${endpoint} failed${status}: ${kind}${data.error}`;
  }
  const message =
    (typeof data.message === 'string' && data.message) || e.message || e.statusText || 'no message from the server';
  return `Prometheus ${endpoint} failed${status}: ${message}`;
}
