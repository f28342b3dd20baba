import { parseProfileTypeId } from '../../model/profileType';
import { isTimeUnit, unitFromSampleUnit } from '../../model/units';

/** Readable names of Pyroscope profile names (the first part of a profile type id). */
const PROFILE_NAMES: Readonly<Record<string, string>> = {
  process_cpu: 'CPU',
  memory: 'Memory',
  goroutine: 'Goroutines',
  goroutines: 'Goroutines',
  block: 'Block',
  mutex: 'Mutex',
  wall: 'Wall time',
  exceptions: 'Exceptions',
  lock: 'Lock',
  alloc: 'Allocations',
};

/** Sample types that need no mention: the profile's name already says it (`process_cpu:cpu`, `wall:wall`). */
const OBVIOUS_SAMPLE_TYPE: Readonly<Record<string, string>> = {
  process_cpu: 'cpu',
  goroutine: 'goroutine',
  goroutines: 'goroutine',
  wall: 'wall',
};

/**
 * A profile type for people: `process_cpu:cpu:…` → `CPU`, `memory:inuse_space:…` → `Memory (inuse_space)`,
 * `block:delay:…` → `Block (delay)`. Unknown names are kept; an unreadable id is returned as it is.
 */
export function profileTypeLabel(profileTypeId: string): string {
  const parts = parseProfileTypeId(profileTypeId);
  if (!parts) {
    return profileTypeId;
  }
  const name = PROFILE_NAMES[parts.name] ?? parts.name;
  const obvious = parts.sampleType === parts.name || OBVIOUS_SAMPLE_TYPE[parts.name] === parts.sampleType;
  return obvious ? name : `${name} (${parts.sampleType})`;
}

/**
 * True for CPU time profiles, the ones where time over the window is core usage (see `tooltipRows`). Wall, block and
 * mutex profiles are time too, but waiting is not using a core.
 */
export function isCpuProfileType(profileTypeId: string | undefined): boolean {
  const parts = profileTypeId === undefined ? undefined : parseProfileTypeId(profileTypeId);
  return parts !== undefined && parts.name === 'process_cpu' && isTimeUnit(unitFromSampleUnit(parts.sampleUnit));
}
