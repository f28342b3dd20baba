/**
 * Step and range of a Prometheus range query, by the rules of Grafana's Prometheus datasource: the step is the
 * query interval (times the interval factor), at least the min step / scrape interval, and large enough that the
 * range has at most 11,000 points (Prometheus refuses more); start and end are aligned to the step.
 */

/** Prometheus refuses range queries of more points than this. */
export const MAX_POINTS = 11_000;

export interface StepInput {
  fromMs: number;
  toMs: number;
  /** The request's interval (`intervalMs` from the query runner). */
  intervalMs: number;
  /** Lower bound: the query's min step, else the datasource's scrape interval (seconds). */
  minStepSec: number;
  intervalFactor?: number;
}

export interface StepResult {
  stepSec: number;
  startSec: number;
  endSec: number;
}

export function promStep({ fromMs, toMs, intervalMs, minStepSec, intervalFactor = 1 }: StepInput): StepResult {
  const startSec = Math.floor(fromMs / 1000);
  const endSec = Math.ceil(toMs / 1000);
  const rangeSec = Math.ceil(endSec - startSec);
  let safeStep = rangeSec / MAX_POINTS;
  if (safeStep > 1) {
    safeStep = Math.ceil(safeStep);
  }
  const stepSec = Math.max((intervalMs / 1000) * intervalFactor, minStepSec, safeStep);
  return {
    stepSec,
    startSec: Math.floor(startSec / stepSec) * stepSec,
    endSec: Math.floor(endSec / stepSec) * stepSec,
  };
}

/** `$__rate_interval` as Grafana's Prometheus datasource computes it: max(interval + scrape, 4 × scrape). */
export function rateIntervalSec(intervalSec: number, scrapeSec: number): number {
  return Math.max(intervalSec + scrapeSec, 4 * scrapeSec);
}
