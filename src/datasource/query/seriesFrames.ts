import { FieldType, type DataFrame } from '@grafana/data';

import { parseProfileTypeId } from '../../model/profileType';
import { unitFromSampleUnit, isTimeUnit, toNanoseconds } from '../../model/units';
import type { ProfileSeries } from '../api/types';

/** How a profile type's per-bucket sums are shown. */
export interface SeriesDisplay {
  /** Divide by the bucket length: cumulative profiles (CPU time, allocations) become rates. */
  rate: boolean;
  /** Grafana unit id of the shown values. */
  unit: string;
  /** Converts a raw bucket sum (sample unit) to the shown value. */
  convert: (raw: number, stepSec: number) => number;
}

/**
 * Cumulative profile types (CPU, wall, allocations, contentions, delays) are shown as rates: CPU time per second is
 * cores, bytes per second, events per second. Gauges (in-use memory, goroutines) keep their value: the server is
 * asked to average them within a bucket, so two uploads in one bucket do not double it.
 */
export function seriesDisplay(profileTypeId: string): SeriesDisplay {
  const parts = parseProfileTypeId(profileTypeId);
  const unit = unitFromSampleUnit(parts?.sampleUnit ?? '');
  if (isGauge(profileTypeId)) {
    return { rate: false, unit: unit === 'bytes' ? 'bytes' : 'short', convert: (raw) => raw };
  }
  if (isTimeUnit(unit)) {
    const cpu = parts?.name === 'process_cpu' || parts?.sampleType === 'cpu';
    return {
      rate: true,
      unit: cpu ? 'suffix: cores' : 'suffix: s/s',
      convert: (raw, stepSec) => toNanoseconds(raw, unit) / 1e9 / stepSec,
    };
  }
  return { rate: true, unit: unit === 'bytes' ? 'Bps' : 'cps', convert: (raw, stepSec) => raw / stepSec };
}

/** In-use memory and goroutine counts are snapshots, not counters. */
export function isGauge(profileTypeId: string): boolean {
  const parts = parseProfileTypeId(profileTypeId);
  return Boolean(parts && (parts.sampleType.startsWith('inuse_') || parts.name.startsWith('goroutine')));
}

/** One time series frame per series: `time` and `value` fields, labels on the value field, unit set. */
export function seriesToFrames(
  series: ProfileSeries[],
  opts: { refId: string; profileTypeId: string; labelSelector: string; fromMs: number; toMs: number }
): DataFrame[] {
  const display = seriesDisplay(opts.profileTypeId);
  return series.map((s) => {
    const values = s.values.map((v) => display.convert(v, s.stepSec));
    const labelText = Object.entries(s.labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    return {
      refId: opts.refId,
      name: labelText ? `${opts.profileTypeId}{${labelText}}` : opts.profileTypeId,
      length: s.timesMs.length,
      fields: [
        { name: 'time', type: FieldType.time, values: s.timesMs, config: { interval: s.stepSec * 1000 } },
        {
          name: 'value',
          type: FieldType.number,
          values,
          labels: s.labels,
          config: { unit: display.unit },
        },
      ],
      meta: {
        preferredVisualisationType: 'graph',
        custom: {
          profileTypeId: opts.profileTypeId,
          labelSelector: opts.labelSelector,
          fromMs: opts.fromMs,
          toMs: opts.toMs,
          stepSec: s.stepSec,
          rate: display.rate,
        },
      },
    };
  });
}
