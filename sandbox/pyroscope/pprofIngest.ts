import type { Profile } from '../../src/model/profile';
import { pprofTrees } from './pprofTrees';
import { pprofMetricName, profileTypeId, sanitizeLabelName, type SampleTypeConfig } from './profileTypes';
import { PROFILE_TYPE_LABEL, type ProfileStore } from './store';

/**
 * Stores a pprof upload the way Grafana Pyroscope does (`CreateProfileLabels`, segment-writer split): one series per
 * sample type and per distinct set of sample labels, each labelled with `__profile_type__`, `__name__`, `__type__`,
 * `__unit__`, `__period_type__`, `__period_unit__` and `__service_name__` on top of the request's labels.
 */

export interface PprofIngest {
  tenant: string;
  /** Series labels from the request (`service_name`, tags, `pyroscope_spy`...); `__name__` may be preset (Push). */
  labels: Record<string, string>;
  /** The pprof, gzipped or not. */
  bytes: Uint8Array;
  /** The profile's timestamp in ms, from the pprof's `time_nanos` (0 when absent). */
  timeMs: (timeNanos: number) => number;
  /** Agent-provided sample type settings (display names change `__name__`). */
  sampleTypeConfig?: Readonly<Record<string, SampleTypeConfig>>;
  /** Refuses the upload (by throwing) given its timestamp and series labels, e.g. outside the ingestion window. */
  checkTime?: (timeMs: number, labels: Record<string, string>) => void;
}

/** One series' worth of a decoded upload: its full labels and its call tree. */
export interface DecodedSeries {
  labels: Record<string, string>;
  profile: Profile;
}

/**
 * Decodes an upload into the series it would write, without storing anything (seeding reuses the result many
 * times). Decoding errors throw `UploadDecodeError`. `timeNanos` is the pprof's own timestamp (0 when absent). The
 * trees' names are frame keys (`frames.ts`): each frame keeps its file and line for pprof downloads.
 */
export function decodeUpload(input: Omit<PprofIngest, 'tenant' | 'timeMs' | 'checkTime'>): {
  series: DecodedSeries[];
  timeNanos: number;
} {
  const trees = pprofTrees(input.bytes, { lines: true });
  const { sampleTypes, periodType: period } = trees;
  const metric = input.labels.__name__ || pprofMetricName(sampleTypes, input.sampleTypeConfig);
  const base: Record<string, string> = { ...input.labels, __name__: metric };
  if (base.service_name) {
    base.__service_name__ = base.service_name;
  }
  const series: DecodedSeries[] = [];
  for (const group of trees.groups) {
    const labels = sanitizedSampleLabels(group.labels);
    for (let t = 0; t < sampleTypes.length; t++) {
      const profile = group.profiles[t];
      if (profile.total[0] === 0) {
        // A sample type without samples (e.g. .NET's `exception` in a quiet minute) makes no series.
        continue;
      }
      const sample = sampleTypes[t];
      const full: Record<string, string> = {
        ...base,
        ...labels,
        [PROFILE_TYPE_LABEL]: profileTypeId(metric, sample, period),
        __type__: sample.type,
        __unit__: sample.unit,
      };
      if (period?.type) {
        full.__period_type__ = period.type;
      }
      if (period?.unit) {
        full.__period_unit__ = period.unit;
      }
      series.push({ labels: full, profile });
    }
  }
  return { series, timeNanos: trees.timeNanos };
}

/** Decodes and stores an upload; returns the profile type ids written. Decoding errors throw `UploadDecodeError`. */
export function ingestPprof(store: ProfileStore, input: PprofIngest): string[] {
  const { series, timeNanos } = decodeUpload(input);
  const timeMs = input.timeMs(timeNanos);
  if (series.length > 0) {
    input.checkTime?.(timeMs, series[0].labels);
  }
  store.checkCapacity(series.length);
  for (const s of series) {
    store.append(input.tenant, s.labels, timeMs, s.profile);
  }
  return [...new Set(series.map((s) => s.labels[PROFILE_TYPE_LABEL]))];
}

/** Sample labels with names sanitized like request labels; names that cannot be sanitized are dropped. */
function sanitizedSampleLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    const name = sanitizeLabelName(k);
    if (name !== undefined && !name.startsWith('__')) {
      out[name] = v;
    }
  }
  return out;
}

/** True for a pprof `time_nanos` the server keeps: set, and not in 1970 (old agents sent µs there). */
export function usableTimeNanos(timeNanos: number): boolean {
  return timeNanos >= 365 * 24 * 3600 * 1e9;
}
