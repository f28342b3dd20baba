import { parseProfileTypeId } from '../../model/profileType';

/**
 * pyroscope-io 0.37 names a series `<app>.<suffix>`; Grafana Pyroscope uses `service_name` plus a profile type id.
 * This table maps one to the other so a saved query works against both servers.
 */
export const OG_SUFFIX_TO_PROFILE_TYPE: Readonly<Record<string, string>> = {
  cpu: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
  alloc_objects: 'memory:alloc_objects:count:space:bytes',
  alloc_space: 'memory:alloc_space:bytes:space:bytes',
  inuse_objects: 'memory:inuse_objects:count:space:bytes',
  inuse_space: 'memory:inuse_space:bytes:space:bytes',
  goroutines: 'goroutine:goroutine:count:goroutine:count',
  mutex_count: 'mutex:contentions:count:contentions:count',
  mutex_duration: 'mutex:delay:nanoseconds:contentions:count',
  block_count: 'block:contentions:count:contentions:count',
  block_duration: 'block:delay:nanoseconds:contentions:count',
};

const PROFILE_TYPE_TO_OG_SUFFIX: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(OG_SUFFIX_TO_PROFILE_TYPE).map(([suffix, id]) => [id, suffix])
);

/**
 * Profile type id for a pyroscope-io suffix. Suffixes outside the table (JFR's `itimer`, `wall`, `lock_count`,
 * TLAB types, or anything an agent made up) get a synthetic id `<suffix>:<suffix>:<unit>::` that maps back.
 */
export function profileTypeForOgSuffix(suffix: string, units?: string): string {
  const known = OG_SUFFIX_TO_PROFILE_TYPE[suffix];
  if (known) {
    return known;
  }
  const unit =
    units === 'samples'
      ? 'nanoseconds'
      : units === 'bytes'
        ? 'bytes'
        : units === 'lock_nanoseconds'
          ? 'nanoseconds'
          : 'count';
  return `${suffix}:${suffix}:${unit}::`;
}

/** The pyroscope-io suffix for a profile type id, or undefined when it has none. */
export function ogSuffixForProfileType(profileTypeId: string): string | undefined {
  const known = PROFILE_TYPE_TO_OG_SUFFIX[profileTypeId];
  if (known) {
    return known;
  }
  const parts = parseProfileTypeId(profileTypeId);
  // Synthetic ids made by profileTypeForOgSuffix have name === sampleType and empty period parts.
  return parts && parts.name === parts.sampleType && parts.periodType === '' ? parts.name : undefined;
}

/** Splits `app.suffix` at the last dot; the service is the app name without its suffix. */
export function splitOgAppName(appName: string): { service: string; suffix: string } {
  const dot = appName.lastIndexOf('.');
  return dot > 0
    ? { service: appName.slice(0, dot), suffix: appName.slice(dot + 1) }
    : { service: appName, suffix: 'cpu' };
}
