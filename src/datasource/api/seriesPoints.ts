import { invalidAnswer } from './body';

/** A series' points in time order, and how many points could not be used. */
export interface SeriesPoints {
  timesMs: number[];
  values: number[];
  /** Points whose time or value was not a finite number (protojson writes NaN and ±Infinity as strings). */
  skipped: number;
}

/**
 * Puts a series' raw points in a usable order, deterministically: points whose time or value is not a finite number
 * are left out and counted (the caller says so on the frame); the rest are sorted by time; two points at the same
 * time with the same value are one point (a repeated bucket); two different values at one time are refused, since
 * neither can be shown as the truth.
 */
export function orderPoints(
  raw: ReadonlyArray<{ timeMs: number; value: number }>,
  endpoint: string,
  seriesName: string
): SeriesPoints {
  const finite = raw.filter((p) => Number.isFinite(p.timeMs) && Number.isFinite(p.value));
  const skipped = raw.length - finite.length;
  let sorted = true;
  for (let i = 1; i < finite.length && sorted; i++) {
    sorted = finite[i - 1].timeMs < finite[i].timeMs;
  }
  const ordered = sorted ? finite : [...finite].sort((a, b) => a.timeMs - b.timeMs);
  const timesMs: number[] = [];
  const values: number[] = [];
  for (const p of ordered) {
    const last = timesMs.length - 1;
    if (last >= 0 && timesMs[last] === p.timeMs) {
      if (values[last] !== p.value) {
        throw invalidAnswer(
          endpoint,
          `${seriesName} has two different values (${values[last]} and ${p.value}) at ${new Date(p.timeMs).toISOString()}`
        );
      }
      continue;
    }
    timesMs.push(p.timeMs);
    values.push(p.value);
  }
  return { timesMs, values, skipped };
}
