import { indexOf, type Profile } from '../../src/model/profile';
import { isTimeUnit, toNanoseconds } from '../../src/model/units';
import { OG_SAMPLE_RATE, ogTypeOf, type OgType } from './profileTypes';
import type { ProfileStore, Series } from './store';

/**
 * How the one store looks through the pyroscope-io 0.37 API: every series whose profile type has an OG suffix
 * (`ogTypeOf`) belongs to the app `<service_name>.<suffix>`; its OG tags are its labels minus the ones Grafana
 * Pyroscope adds (`__*__`, `service_name`, `app_name`, `pyroscope_spy`), plus `__name__` = the app name.
 * Values are shown in OG units: time as ticks at 100 Hz (`samples`), everything else as stored, whole numbers.
 */

const HIDDEN = new Set(['service_name', 'app_name', 'pyroscope_spy']);

/** The OG app of a series, or undefined when pyroscope-io would not show it. */
export function ogAppOf(s: Series): { name: string; type: OgType } | undefined {
  const type = ogTypeOf(s.profileTypeId);
  const service = s.labels.service_name;
  return type && service ? { name: `${service}.${type.suffix}`, type } : undefined;
}

/** The OG tags of a series (`__name__` included). */
export function ogTags(s: Series, appName: string): Record<string, string> {
  const tags: Record<string, string> = { __name__: appName };
  for (const [k, v] of Object.entries(s.labels)) {
    if (!k.startsWith('__') && !HIDDEN.has(k)) {
      tags[k] = v;
    }
  }
  return tags;
}

/** Every OG app with its series and type, sorted by name. */
export function ogApps(
  store: ProfileStore,
  tenants: readonly string[]
): Map<string, { type: OgType; series: Series[] }> {
  const apps = new Map<string, { type: OgType; series: Series[] }>();
  for (const s of store.allSeries(tenants)) {
    const app = ogAppOf(s);
    if (!app) {
      continue;
    }
    const entry = apps.get(app.name) ?? { type: app.type, series: [] };
    entry.series.push(s);
    apps.set(app.name, entry);
  }
  return new Map([...apps.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Factor from a series' stored values to OG values (ticks for time types). */
export function ogScale(s: Series, type: OgType): number {
  return type.ticks && isTimeUnit(s.unit) ? toNanoseconds(1, s.unit) / (1e9 / OG_SAMPLE_RATE) : 1;
}

/**
 * Merges the series of an app in `[startMs, endMs]` into OG values: scaled to OG units, averaged over the merged
 * profiles for types pyroscope-io averages (`inuse_*`, goroutines), and rounded to whole numbers (OG trees hold
 * uint64), with totals recomputed from the rounded self values so the tree stays consistent.
 */
export function ogMerge(
  store: ProfileStore,
  series: readonly Series[],
  type: OgType,
  startMs: number,
  endMs: number
): { profile: Profile; profiles: number } {
  const { profile, profiles } = store.merge(series, startMs, endMs, 'count', (s) => ogScale(s, type));
  const divisor = type.average && profiles > 0 ? profiles : 1;
  return { profile: roundProfile(profile, 1 / divisor), profiles };
}

/** Multiplies self values by `factor`, rounds them, and rebuilds totals bottom-up. */
export function roundProfile(profile: Profile, factor: number): Profile {
  const n = profile.level.length;
  const self = new Float64Array(n);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    self[i] = Math.round(profile.self[i] * factor);
    total[i] = self[i];
  }
  const { parent } = indexOf(profile);
  for (let i = n - 1; i > 0; i--) {
    total[parent[i]] += total[i];
  }
  return { ...profile, self, total };
}

/** The spy name OG reports for an app: the `pyroscope_spy` label of its last series (empty without data). */
export function ogSpyName(series: readonly Series[]): string {
  for (let i = series.length - 1; i >= 0; i--) {
    const spy = series[i].labels.pyroscope_spy;
    if (spy) {
      return spy;
    }
  }
  return '';
}
