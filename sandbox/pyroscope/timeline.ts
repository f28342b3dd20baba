import { roundIntervalMs } from '../roundInterval';
import type { RangePoint } from './rangeSeries';

/**
 * The flamebearer `timeline` of both servers.
 * - Grafana Pyroscope (`pkg/querier/timeline/{calculator,timeline}.go`): step = range/1500
 *   rounded to a "nice" interval, at least 15 s; samples are SelectSeries points placed on a zero-filled grid from
 *   `from` snapped down to the step, `[start, end)`.
 * - pyroscope-io 0.37 (`pkg/storage/segment/timeline.go`): step 10 s·10^k, the largest
 *   below range/1024 (at least 10 s); `startTime` is `from` truncated to 10 s; every non-empty bucket holds 1 + its
 *   sum, which is how its UI tells "no data" from "zero".
 */

/** Flamebearer timeline JSON. */
export interface FlamebearerTimeline {
  startTime: number;
  samples: number[];
  durationDelta: number;
  watermarks: Record<string, number> | null;
}

/** `CalcPointInterval`: the Grafana timeline step in seconds for a range in ms. */
export function grafanaTimelineStepSec(startMs: number, endMs: number): number {
  const intervalMs = (endMs - startMs) / 1500;
  if (intervalMs < 15000) {
    return 15;
  }
  return roundIntervalMs(intervalMs) / 1000;
}

/** `timeline.New`: points on a zero-filled grid of `stepSec` from `startMs` (snapped down) to `endMs` (snapped). */
export function grafanaTimeline(
  points: readonly RangePoint[],
  startMs: number,
  endMs: number,
  stepSec: number
): FlamebearerTimeline {
  const stepMs = stepSec * 1000;
  const start = Math.floor(startMs / stepMs) * stepMs;
  const end = Math.floor(endMs / stepMs) * stepMs;
  const startSec = Math.floor(start / 1000);
  const timeline: FlamebearerTimeline = { startTime: startSec, samples: [], durationDelta: stepSec, watermarks: null };
  if (start >= end) {
    return timeline;
  }
  const size = Math.floor((Math.floor(end / 1000) - startSec) / stepSec);
  const samples = new Array<number>(size).fill(0);
  for (const p of points) {
    if (p.timestamp < start || p.timestamp >= end) {
      continue;
    }
    const i = Math.floor((Math.floor(p.timestamp / 1000) - startSec) / stepSec);
    if (i >= samples.length) {
      samples.length = i + 1;
      samples.fill(0, size);
    }
    // uint64(value): the fraction is dropped.
    samples[i] = Math.trunc(p.value);
  }
  timeline.samples = samples;
  return timeline;
}

const TEN_SECONDS_MS = 10_000;
/** Seconds from Go's zero time (year 1) to the Unix epoch: `time.Truncate` rounds relative to the zero time. */
const GO_ZERO_OFFSET_SEC = 62135596800;

/** The OG timeline grid for `[fromMs, untilMs]`, all buckets empty. */
export function ogTimelineGrid(
  fromMs: number,
  untilMs: number
): { timeline: FlamebearerTimeline; stepMs: number; startMs: number } {
  // `normalize`: from truncated to 10 s; until truncated too, plus 10 s unless it was aligned (and not equal to from).
  const st = Math.floor(fromMs / TEN_SECONDS_MS) * TEN_SECONDS_MS;
  const et2 = Math.floor(untilMs / TEN_SECONDS_MS) * TEN_SECONDS_MS;
  const et = et2 === untilMs && st !== et2 ? untilMs : et2 + TEN_SECONDS_MS;
  const total = et - st;
  const minDuration = total / 1024;
  let stepMs = TEN_SECONDS_MS;
  for (let d = TEN_SECONDS_MS; d <= 10 ** 15; d *= 10) {
    if (d < minDuration) {
      stepMs = d;
    } else {
      break;
    }
  }
  const size = Math.max(0, Math.floor(total / stepMs));
  return {
    timeline: {
      startTime: Math.floor(st / 1000),
      samples: new Array<number>(size).fill(0),
      durationDelta: stepMs / 1000,
      watermarks: {},
    },
    stepMs,
    startMs: st,
  };
}

/**
 * Adds one stored profile (at `timeMs`, `value` in the OG unit) to an OG timeline: the profile counts in the 10 s
 * segment it starts in; a bucket wider than 10 s is found by truncating to the step as Go does.
 */
export function addToOgTimeline(
  grid: { timeline: FlamebearerTimeline; stepMs: number; startMs: number },
  timeMs: number,
  value: number
): void {
  let nodeSec = Math.floor(timeMs / TEN_SECONDS_MS) * 10;
  const stepSec = grid.stepMs / 1000;
  if (stepSec > 10) {
    nodeSec -= (((nodeSec + GO_ZERO_OFFSET_SEC) % stepSec) + stepSec) % stepSec;
  }
  const i = Math.trunc((nodeSec * 1000 - grid.startMs) / grid.stepMs);
  const samples = grid.timeline.samples;
  if (i >= 0 && i < samples.length) {
    if (samples[i] === 0) {
      samples[i] = 1;
    }
    samples[i] += Math.round(value);
  }
}
