import type { SpikeRules } from '../types';

/** Spike rules with every default filled in (see `SpikeRules`). */
export interface EffectiveSpikeRules {
  minValue: number;
  ratio: number;
  windowPoints: number;
  ceiling: number | undefined;
  cooldownMs: number;
  stepMs: number;
}

/**
 * Defaults that find the demo workload's CPU spikes (≈ 0.9 cores against a baseline of ≈ 0.1) and stay quiet on its
 * calm periods: a spike is at least 0.1 of the series' unit (cores for CPU) and 50% over the mean of the 10 quiet
 * points before it; holmes' own defaults are in the same spirit (10% minimum, 25% diff, 80% absolute).
 */
export const DEFAULT_SPIKE_RULES: EffectiveSpikeRules = {
  minValue: 0.1,
  ratio: 0.5,
  windowPoints: 10,
  ceiling: undefined,
  cooldownMs: 120_000,
  stepMs: 60_000,
};

/** Fewest quiet points a ratio test needs; before that only the ceiling can flag a spike. */
const MIN_HISTORY = 3;

/** One spike region: consecutive spike points (merged across short calm gaps by the cool-down). */
export interface SpikeRegion {
  /** Start of the first bucket over the threshold. */
  startMs: number;
  /** End of the last bucket over the threshold. */
  endMs: number;
  /** Start of the window with the highest mean: a bucket, or a few (see `peakOf`). */
  peakMs: number;
  /** Length of that window. */
  peakSpanMs: number;
  peakValue: number;
  /** Mean of the quiet points before the region (what "normal" was); NaN when only the ceiling applied. */
  baseline: number;
  /** The value the region's first point had to exceed: the minimum, the ratio over the baseline, or the ceiling. */
  threshold: number;
}

/**
 * Finds spike regions in a series (times ascending, one value per bucket of `stepMs`). A point is a spike when it is
 * above `minValue` AND (above (1 + ratio) x the mean of the previous `windowPoints` quiet points OR above `ceiling`).
 * Only quiet points feed the baseline, so a long spike does not become its own baseline. Consecutive spike points form
 * one region; a spike starting within `cooldownMs` of the previous region's end extends that region instead of
 * starting a repeat. Non-finite values are skipped.
 */
export function detectSpikes(
  timesMs: ArrayLike<number>,
  values: ArrayLike<number>,
  stepMs: number,
  rules: EffectiveSpikeRules = DEFAULT_SPIKE_RULES
): SpikeRegion[] {
  const regions: SpikeRegion[] = [];
  const quiet: number[] = [];
  let quietSum = 0;
  let current: SpikeRegion | undefined;
  let previousWasSpike = false;
  const n = Math.min(timesMs.length, values.length);
  for (let i = 0; i < n; i++) {
    const t = timesMs[i];
    const v = values[i];
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      continue;
    }
    const mean = quiet.length >= Math.min(MIN_HISTORY, rules.windowPoints) ? quietSum / quiet.length : NaN;
    const threshold = thresholdOf(mean, rules);
    const spike = v > threshold;
    if (!spike) {
      previousWasSpike = false;
      quiet.push(v);
      quietSum += v;
      if (quiet.length > rules.windowPoints) {
        quietSum -= quiet.shift() ?? 0;
      }
      continue;
    }
    const joins = current !== undefined && (previousWasSpike || t - current.endMs <= rules.cooldownMs);
    if (current && joins) {
      current.endMs = t + stepMs;
      if (v > current.peakValue) {
        current.peakValue = v;
        current.peakMs = t;
      }
    } else {
      current = {
        startMs: t,
        endMs: t + stepMs,
        peakMs: t,
        peakSpanMs: stepMs,
        peakValue: v,
        baseline: mean,
        threshold,
      };
      regions.push(current);
    }
    previousWasSpike = true;
  }
  return regions;
}

/**
 * What a point must exceed to be a spike: above `minValue`, and above (1 + ratio) x the baseline or the ceiling,
 * whichever is lower. Infinite when neither applies (no baseline yet and no ceiling).
 */
function thresholdOf(mean: number, rules: EffectiveSpikeRules): number {
  const overRatio = Number.isFinite(mean) ? (1 + rules.ratio) * mean : Infinity;
  const overCeiling = rules.ceiling ?? Infinity;
  return Math.max(rules.minValue, Math.min(overRatio, overCeiling));
}

/** Values by bucket: bucket i covers `[timesMs[i], timesMs[i] + stepMs)`; times ascending, missing buckets left out. */
export interface Buckets {
  timesMs: number[];
  values: number[];
  stepMs: number;
}

/**
 * The buckets summed (cumulative profiles) or averaged (gauges) into buckets of `stepMs`, a whole multiple of theirs,
 * on the same grid: a wide bucket starts where a narrow one does, at a multiple of `stepMs` from the narrow grid's
 * origin (the epoch, for buckets aligned to multiples of their step since the epoch). Non-finite values are left out.
 */
export function widenBuckets(b: Buckets, stepMs: number, mode: 'sum' | 'average'): Buckets {
  if (stepMs === b.stepMs || b.timesMs.length === 0) {
    return { ...b, stepMs };
  }
  const first = b.timesMs[0];
  // The narrow grid's offset from the epoch (0 for epoch-aligned buckets); wide buckets keep it.
  const offset = ((first % b.stepMs) + b.stepMs) % b.stepMs;
  const timesMs: number[] = [];
  const values: number[] = [];
  const counts: number[] = [];
  const n = Math.min(b.timesMs.length, b.values.length);
  for (let i = 0; i < n; i++) {
    const t = b.timesMs[i];
    const v = b.values[i];
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      continue;
    }
    const start = t - ((((t - offset) % stepMs) + stepMs) % stepMs);
    const last = timesMs.length - 1;
    if (last >= 0 && timesMs[last] === start) {
      values[last] += v;
      counts[last] += 1;
    } else {
      timesMs.push(start);
      values.push(v);
      counts.push(1);
    }
  }
  return {
    timesMs,
    values: mode === 'average' ? values.map((v, i) => v / counts[i]) : values,
    stepMs,
  };
}

/**
 * A region found in wide buckets, placed on the narrow ones it was summed from: it starts at the first narrow bucket
 * over the region's threshold in its first wide bucket, or earlier when the narrow buckets just before are over it
 * too (a spike that began late in the bucket before, too late to lift that bucket's mean), and ends likewise. Without
 * narrow buckets over the threshold the edges stay where they were. The peak is left to `peakOf`.
 */
export function refineRegion(region: SpikeRegion, narrow: Buckets, wideStepMs: number): SpikeRegion {
  const { timesMs, values, stepMs } = narrow;
  if (stepMs >= wideStepMs) {
    // The buckets the region was found in: nothing finer to place it on.
    return region;
  }
  const over = (i: number) => i >= 0 && i < timesMs.length && values[i] > region.threshold;
  const next = (i: number) => i + 1 < timesMs.length && timesMs[i + 1] === timesMs[i] + stepMs;
  let first = timesMs.findIndex((t, i) => t >= region.startMs && t < region.startMs + wideStepMs && over(i));
  if (first >= 0) {
    while (first > 0 && over(first - 1) && next(first - 1) && timesMs[first - 1] >= region.startMs - wideStepMs) {
      first--;
    }
  }
  let last = -1;
  for (let i = timesMs.length - 1; i >= 0; i--) {
    if (timesMs[i] >= region.endMs - wideStepMs && timesMs[i] < region.endMs && over(i)) {
      last = i;
      break;
    }
  }
  if (last >= 0) {
    while (next(last) && over(last + 1) && timesMs[last + 1] < region.endMs + wideStepMs) {
      last++;
    }
  }
  return {
    ...region,
    startMs: first >= 0 ? timesMs[first] : region.startMs,
    endMs: last >= 0 ? timesMs[last] + stepMs : region.endMs,
  };
}

/**
 * The region's peak: the highest mean over `spanMs` (rounded up to whole buckets) of consecutive buckets that
 * overlap the region, a missing bucket counting as zero (as Grafana Pyroscope leaves out empty buckets) unless the
 * values are gauges (`average`). A span of a few buckets keeps agents' upload cadence out of the peak: 15 s buckets
 * of 10 s uploads hold one or two uploads each, reading 0.67 or 1.33 times the real rate, while 30 s hold three.
 */
export function peakOf(region: SpikeRegion, b: Buckets, spanMs: number, mode: 'sum' | 'average'): SpikeRegion {
  const k = Math.max(1, Math.ceil(spanMs / b.stepMs - 1e-9));
  const byTime = new Map<number, number>();
  b.timesMs.forEach((t, i) => {
    if (Number.isFinite(t) && Number.isFinite(b.values[i])) {
      byTime.set(t, b.values[i]);
    }
  });
  const anchor = b.timesMs.length > 0 ? b.timesMs[0] : region.startMs;
  // The first grid position whose window reaches into the region.
  const firstStart = region.startMs - (k - 1) * b.stepMs;
  const gridStart = firstStart + ((((anchor - firstStart) % b.stepMs) + b.stepMs) % b.stepMs);
  let best: { ms: number; value: number } | undefined;
  for (let g = gridStart; g < region.endMs; g += b.stepMs) {
    let sum = 0;
    let present = 0;
    for (let j = 0; j < k; j++) {
      const v = byTime.get(g + j * b.stepMs);
      if (v !== undefined) {
        sum += v;
        present++;
      }
    }
    const value = mode === 'average' ? (present > 0 ? sum / present : NaN) : sum / k;
    if (Number.isFinite(value) && (best === undefined || value > best.value)) {
      best = { ms: g, value };
    }
  }
  return best ? { ...region, peakMs: best.ms, peakSpanMs: k * b.stepMs, peakValue: best.value } : region;
}

/** Applies defaults and checks the values; returns the rules or a message saying which field is wrong. */
export function effectiveSpikeRules(
  rules: SpikeRules | undefined,
  durationToMs: (text: string) => number
): EffectiveSpikeRules | { error: string } {
  const r = rules ?? {};
  const out: EffectiveSpikeRules = { ...DEFAULT_SPIKE_RULES };
  if (r.minValue !== undefined && r.minValue !== null) {
    if (!Number.isFinite(r.minValue) || r.minValue < 0) {
      return { error: `Spike minimum must be a number ≥ 0, not ${r.minValue}` };
    }
    out.minValue = r.minValue;
  }
  if (r.ratio !== undefined && r.ratio !== null) {
    if (!Number.isFinite(r.ratio) || r.ratio < 0) {
      return { error: `Spike ratio must be a number ≥ 0 (0.5 = 50% over the baseline), not ${r.ratio}` };
    }
    out.ratio = r.ratio;
  }
  if (r.windowPoints !== undefined && r.windowPoints !== null) {
    if (!Number.isInteger(r.windowPoints) || r.windowPoints < 1 || r.windowPoints > 1000) {
      return { error: `Spike baseline points must be a whole number from 1 to 1000, not ${r.windowPoints}` };
    }
    out.windowPoints = r.windowPoints;
  }
  if (r.ceiling !== undefined && r.ceiling !== null) {
    if (!Number.isFinite(r.ceiling) || r.ceiling < 0) {
      return { error: `Spike ceiling must be a number ≥ 0, not ${r.ceiling}` };
    }
    out.ceiling = r.ceiling;
  }
  if (r.cooldown !== undefined && r.cooldown.trim() !== '') {
    let ms = NaN;
    try {
      ms = durationToMs(r.cooldown.trim());
    } catch {
      // reported below
    }
    if (!Number.isFinite(ms) || ms < 0) {
      return { error: `Spike cool-down "${r.cooldown}" is not a duration: use for example 2m or 30s` };
    }
    out.cooldownMs = ms;
  }
  if (r.step !== undefined && r.step.trim() !== '') {
    let ms = NaN;
    try {
      ms = durationToMs(r.step.trim());
    } catch {
      // reported below
    }
    if (!Number.isFinite(ms) || ms <= 0) {
      return { error: `Spike step "${r.step}" is not a duration: use for example 1m or 30s` };
    }
    out.stepMs = ms;
  }
  return out;
}
