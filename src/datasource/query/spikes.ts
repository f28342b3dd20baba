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
  startMs: number;
  /** End of the last spike point's bucket. */
  endMs: number;
  peakMs: number;
  peakValue: number;
  /** Mean of the quiet points before the region (what "normal" was); NaN when only the ceiling applied. */
  baseline: number;
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
    const overRatio = Number.isFinite(mean) && v > (1 + rules.ratio) * mean;
    const overCeiling = rules.ceiling !== undefined && v > rules.ceiling;
    const spike = v > rules.minValue && (overRatio || overCeiling);
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
      current = { startMs: t, endMs: t + stepMs, peakMs: t, peakValue: v, baseline: mean };
      regions.push(current);
    }
    previousWasSpike = true;
  }
  return regions;
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
