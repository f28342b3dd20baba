/**
 * The step and the built-in range variables of a Prometheus query as Grafana's backend computes them (pkg/promlib
 * `models.Parse`, `intervalv2` and the plugin SDK's `gtime`): the minimum interval from the query's "Min step", the
 * request's `intervalMs` or the datasource's scrape interval; the interval for `maxDataPoints`, rounded to Grafana's
 * steps; never finer than 1/11000 of the range; `$__rate_interval`; the range aligned to the step. Durations are in
 * milliseconds throughout.
 */
import { roundIntervalMs } from '../../roundInterval';

export { roundIntervalMs };

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const YEAR_MS = 365 * DAY_MS;

/** Prometheus' default scrape interval, what the backend assumes when the datasource sets none. */
export const DEFAULT_SCRAPE_INTERVAL = '15s';
/** Grafana never asks for more than this many points per series, whatever `maxDataPoints` says. */
const SAFE_RESOLUTION = 11000;

/** `gtime.FormatInterval`: the largest whole unit (`1y`, `2d`, `3h`, `5m`, `15s`, `500ms`). */
export function formatIntervalMs(ms: number): string {
  const units: Array<[number, string]> = [
    [YEAR_MS, 'y'],
    [DAY_MS, 'd'],
    [HOUR_MS, 'h'],
    [MINUTE_MS, 'm'],
    [SECOND_MS, 's'],
    [1, 'ms'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) {
      return `${Math.floor(ms / size)}${unit}`;
    }
  }
  return '1ms';
}

/** Go's `time.Duration.String()` for whole milliseconds: `15s`, `1m0s`, `1h30m0s`, `1.5s`, `500ms`, `0s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < SECOND_MS) {
    return `${sign}${abs}ms`;
  }
  const hours = Math.floor(abs / HOUR_MS);
  const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  const seconds = String((abs % MINUTE_MS) / SECOND_MS);
  if (hours > 0) {
    return `${sign}${hours}h${minutes}m${seconds}s`;
  }
  return minutes > 0 ? `${sign}${minutes}m${seconds}s` : `${sign}${seconds}s`;
}

const GO_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
};
/** Grafana's calendar units; a month is taken as 30 days (gtime adds calendar months to "now"). */
const GRAFANA_UNITS_MS: Record<string, number> = { d: DAY_MS, w: 7 * DAY_MS, M: 30 * DAY_MS, y: YEAR_MS };

/**
 * `gtime.ParseIntervalStringToTimeDuration`: `<` and `>` dropped, a bare number is seconds, `<n>d|w|M|y`, else a Go
 * duration (`1m30s`, `1.5h`, `250ms`).
 *
 * @throws Error `time: invalid duration "<text>"` as Go words it.
 */
export function parseIntervalMs(text: string): number {
  const cleaned = text.replace('<', '').replace('>', '');
  const value = /^\d+$/.test(cleaned) ? `${cleaned}s` : cleaned;
  const calendar = /^(\d+)([dwMy])$/.exec(value);
  if (calendar) {
    return Number(calendar[1]) * GRAFANA_UNITS_MS[calendar[2]];
  }
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < value.length) {
    part.lastIndex = at;
    const m = part.exec(value);
    if (!m) {
      throw new Error(`time: invalid duration ${JSON.stringify(value)}`);
    }
    total += Number(m[1]) * GO_UNITS_MS[m[2]];
    at = part.lastIndex;
  }
  if (value === '' || (total === 0 && value !== '0s' && !/^0+(\.0*)?[a-zµμ]+$/.test(value))) {
    throw new Error(`time: invalid duration ${JSON.stringify(value)}`);
  }
  return Math.round(total);
}

const INTERVAL_VARIABLES = ['__interval', '__interval_ms', '__rate_interval', '__rate_interval_ms'];

/** True for a "Min step" that names a built-in variable (`$__interval`, `${__rate_interval}`...). */
function isVariableInterval(interval: string): boolean {
  return INTERVAL_VARIABLES.some((name) => interval === `$${name}` || interval === `\${${name}}`);
}

function isRateInterval(interval: string): boolean {
  return interval === '$__rate_interval' || interval === '${__rate_interval}';
}

/** `calculateRateInterval`: max(interval + scrape interval, 4 × scrape interval). */
function rateIntervalMs(intervalMs: number, scrapeInterval: string): number {
  const scrapeMs = parseIntervalMs(scrapeInterval || DEFAULT_SCRAPE_INTERVAL);
  return Math.max(intervalMs + scrapeMs, 4 * scrapeMs);
}

/** What the step of one query depends on. */
export interface StepInput {
  fromMs: number;
  toMs: number;
  /** The query's "Min step" (`interval` in the query model), possibly a variable. */
  queryInterval: string;
  /** The datasource's scrape interval (`jsonData.timeInterval`), '' when unset. */
  scrapeInterval: string;
  /** The request's interval for the panel width (`intervalMs`), 0 when absent. */
  intervalMs: number;
  maxDataPoints: number;
  intervalFactor: number;
}

/**
 * `calculatePrometheusInterval`: the step of a query, in ms.
 *
 * @throws Error for a "Min step" or scrape interval that is not a duration.
 */
export function prometheusStepMs(input: StepInput): number {
  const queryInterval = isVariableInterval(input.queryInterval) ? '' : input.queryInterval;
  let minMs: number;
  const explicit = queryInterval === '0s' ? '' : queryInterval;
  if (explicit === '' && input.intervalMs !== 0) {
    minMs = input.intervalMs;
  } else if (explicit !== '' || input.scrapeInterval !== '') {
    minMs = parseIntervalMs(explicit || input.scrapeInterval);
  } else {
    minMs = parseIntervalMs(DEFAULT_SCRAPE_INTERVAL);
  }
  const rangeMs = input.toMs - input.fromMs;
  const resolution = input.maxDataPoints || 1500;
  const raw = rangeMs / resolution;
  const calculated = raw < minMs ? minMs : roundIntervalMs(raw);
  const safe = roundIntervalMs(rangeMs / SAFE_RESOLUTION);
  const adjusted = Math.max(calculated, safe);
  if (isRateInterval(input.queryInterval)) {
    return rateIntervalMs(adjusted, input.scrapeInterval);
  }
  return adjusted * (input.intervalFactor || 1);
}

/**
 * `interpolateVariables`: `$__interval`, `$__interval_ms`, `$__range`, `$__range_s`, `$__range_ms`,
 * `$__rate_interval`, `$__rate_interval_ms` (and their `${...}` forms) replaced in the expression, with Grafana's
 * order of replacement (so `$__interval_ms` is not read as `$__interval` followed by `_ms`).
 */
export function interpolatePromMacros(expr: string, input: StepInput, stepMs: number): string {
  const rangeMs = input.toMs - input.fromMs;
  const rangeS = Math.round(rangeMs / 1000);
  let rate: number;
  if (isRateInterval(input.queryInterval)) {
    rate = stepMs;
  } else {
    let minStep = input.queryInterval;
    if (minStep === '$__interval' || minStep === '${__interval}') {
      minStep = goDurationString(stepMs);
    }
    rate = rateIntervalMs(input.intervalMs, minStep || input.scrapeInterval);
  }
  const values: Array<[string, string]> = [
    ['__interval_ms', String(stepMs)],
    ['__interval', formatIntervalMs(stepMs)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(rangeS)],
    ['__range', `${rangeS}s`],
    ['__rate_interval_ms', String(rate)],
    ['__rate_interval', goDurationString(rate)],
  ];
  let out = expr;
  for (const form of [(n: string) => `$${n}`, (n: string) => `\${${n}}`]) {
    for (const [name, value] of values) {
      out = out.split(form(name)).join(value);
    }
  }
  return out;
}

/** `AlignTimeRange`: rounds a time down to a multiple of the step, counted in the dashboard's UTC offset. */
export function alignToStepMs(timeMs: number, stepMs: number, utcOffsetSec: number): number {
  const offsetMs = utcOffsetSec * 1000;
  return Math.floor((timeMs + offsetMs) / stepMs) * stepMs - offsetMs;
}

/** Go's `strconv.FormatFloat(seconds, 'f', -1, 64)` of a time in ms: `1700000000`, `1700000000.5`. */
export function formatPromTime(ms: number): string {
  return String(ms / 1000);
}
