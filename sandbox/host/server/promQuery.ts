/**
 * One Prometheus query of a `/api/ds/query` request, run as Grafana's backend runs it (pkg/promlib `querydata`):
 * the query model read from the panel's JSON, the step and the built-in variables computed server-side, a range
 * query over the step-aligned range, an instant query at the end of the range, or both when the query asks for both
 * (their frames together); exemplars (`/api/v1/query_exemplars`) when asked, whose failure is dropped as Grafana
 * only logs it. Errors become the response's `error` and `status`, never an exception.
 */
import {
  goDurationString,
  interpolatePromMacros,
  prometheusStepMs,
  alignToStepMs,
  formatPromTime,
  type StepInput,
} from './promInterval';
import { callPrometheus, PromTransportError, type PromTarget } from './promClient';
import { promResponseToData, type DataResponseJson, type FrameQuery } from './promFrames';
import { exemplarFrames } from './promExemplars';
import type { JsonObject } from './types';

/** Grafana's defaults for a query without `maxDataPoints` / `intervalMs` (pkg/services/query). */
const DEFAULT_MAX_DATA_POINTS = 100;
const DEFAULT_INTERVAL_MS = 1000;

/** The request-wide time range, in ms since the epoch. */
export interface QueryRange {
  fromMs: number;
  toMs: number;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Runs one query against the datasource; never rejects. */
export async function runPromQuery(
  target: PromTarget,
  query: JsonObject,
  range: QueryRange,
  signal?: AbortSignal
): Promise<DataResponseJson> {
  const refId = str(query.refId) || 'A';
  const input: StepInput = {
    ...range,
    queryInterval: str(query.interval),
    scrapeInterval: str(target.record.jsonData.timeInterval),
    intervalMs: num(query.intervalMs, DEFAULT_INTERVAL_MS),
    maxDataPoints: num(query.maxDataPoints, DEFAULT_MAX_DATA_POINTS),
    intervalFactor: num(query.intervalFactor, 1),
  };
  let stepMs: number;
  try {
    stepMs = prometheusStepMs(input);
  } catch (err) {
    return { status: 400, frames: [], error: err instanceof Error ? err.message : String(err) };
  }
  const expr = interpolatePromMacros(str(query.expr), input, stepMs);
  const frameQuery: FrameQuery = {
    refId,
    expr,
    legendFormat: str(query.legendFormat),
    stepMs,
    stepText: goDurationString(stepMs),
  };
  const instant = query.instant === true;
  // Older dashboards set neither: those were range queries.
  const rangeQuery = query.range === true || !instant;
  const utcOffsetSec = num(query.utcOffsetSec, 0);
  const start = formatPromTime(alignToStepMs(range.fromMs, stepMs, utcOffsetSec));
  const end = formatPromTime(alignToStepMs(range.toMs, stepMs, utcOffsetSec));

  const results: DataResponseJson[] = [];
  if (instant) {
    results.push(
      await run(target, 'api/v1/query', { query: expr, time: formatPromTime(range.toMs) }, frameQuery, signal)
    );
  }
  if (rangeQuery) {
    const params = { query: expr, start, end, step: String(stepMs / 1000) };
    results.push(await run(target, 'api/v1/query_range', params, frameQuery, signal));
  }
  const merged = mergeResults(results);
  if (query.exemplar === true && merged.error === undefined) {
    const answer = await callPrometheus(target, 'api/v1/query_exemplars', { query: expr, start, end }, signal).catch(
      () => undefined
    );
    if (answer?.status === 200) {
      merged.frames.push(...exemplarFrames(answer.body, frameQuery));
    }
  }
  return merged;
}

async function run(
  target: PromTarget,
  endpoint: string,
  params: Record<string, string>,
  frameQuery: FrameQuery,
  signal?: AbortSignal
): Promise<DataResponseJson> {
  try {
    const answer = await callPrometheus(target, endpoint, params, signal);
    // Grafana parses the bodies Prometheus documents (2xx, 400, 422, 503) and reports any other status plainly.
    if ((answer.status >= 200 && answer.status < 300) || [400, 422, 503].includes(answer.status)) {
      return promResponseToData(answer.status, answer.body, frameQuery);
    }
    const failed = promResponseToData(answer.status, undefined, frameQuery);
    return {
      ...failed,
      error: `unexpected response with status code ${answer.status}: ${answer.text}`,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const status = err instanceof PromTransportError ? err.status : 502;
    return { status, frames: [], error: message };
  }
}

/** Grafana's `addDataResponse`: frames appended, errors joined with a space, the last error's status kept. */
function mergeResults(results: DataResponseJson[]): DataResponseJson {
  if (results.length === 1) {
    return results[0];
  }
  const merged: DataResponseJson = { status: 200, frames: [] };
  for (const r of results) {
    merged.frames.push(...r.frames);
    if (r.error !== undefined) {
      merged.error = merged.error === undefined ? r.error : `${merged.error} ${r.error}`;
      merged.status = r.status;
    }
  }
  return merged;
}
