import type { ProfileFrameMeta } from '../../datasource/query/profileMeta';
import { parseProfileTypeId } from '../../model/profileType';
import { isTimeUnit, unitFromSampleUnit } from '../../model/units';

/**
 * What the panel could read from a frame's `meta.custom`. Every field is optional: frames from Grafana's own
 * Pyroscope datasource carry none, an older or newer Flamelens may carry others, and a hand-made frame anything.
 */
export type FrameMetaView = Partial<ProfileFrameMeta>;

/**
 * Reads `meta.custom` at the boundary: keeps each field that has the expected type and a sane value, drops the rest.
 * Never throws, whatever it is given.
 */
export function readFrameMeta(custom: unknown): FrameMetaView {
  if (typeof custom !== 'object' || custom === null || Array.isArray(custom)) {
    return {};
  }
  const raw = custom as Record<string, unknown>;
  const view: FrameMetaView = {};
  if (typeof raw.profileTypeId === 'string' && raw.profileTypeId !== '') {
    view.profileTypeId = raw.profileTypeId;
  }
  if (typeof raw.labelSelector === 'string') {
    view.labelSelector = raw.labelSelector;
  }
  // A window needs both ends, in order; one end alone says nothing.
  if (isTimeMs(raw.fromMs) && isTimeMs(raw.toMs) && raw.fromMs <= raw.toMs) {
    view.fromMs = raw.fromMs;
    view.toMs = raw.toMs;
  }
  if (isCount(raw.maxNodes) && raw.maxNodes > 0) {
    view.maxNodes = raw.maxNodes;
  }
  if (isCount(raw.nodeCount)) {
    view.nodeCount = raw.nodeCount;
  }
  if (typeof raw.truncated === 'boolean') {
    view.truncated = raw.truncated;
  }
  if (raw.flavor === 'grafana' || raw.flavor === 'og') {
    view.flavor = raw.flavor;
  }
  // Focus moment: the time, its window and the variable it came from (to clear it).
  if (isTimeMs(raw.focusMs) && isTimeMs(raw.focusWindowMs) && raw.focusWindowMs > 0) {
    view.focusMs = raw.focusMs;
    view.focusWindowMs = raw.focusWindowMs;
    if (typeof raw.focusVariable === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.focusVariable)) {
      view.focusVariable = raw.focusVariable;
    }
  }
  if (isTimeMs(raw.dashboardFromMs) && isTimeMs(raw.dashboardToMs) && raw.dashboardFromMs <= raw.dashboardToMs) {
    view.dashboardFromMs = raw.dashboardFromMs;
    view.dashboardToMs = raw.dashboardToMs;
  }
  // Comparison: the baseline window (fromMs/toMs stay the compared window).
  if (
    typeof raw.compare === 'string' &&
    ['before', '1d', '1w', 'custom'].includes(raw.compare) &&
    isTimeMs(raw.baselineFromMs) &&
    isTimeMs(raw.baselineToMs) &&
    raw.baselineFromMs <= raw.baselineToMs
  ) {
    view.compare = raw.compare as FrameMetaView['compare'];
    view.baselineFromMs = raw.baselineFromMs;
    view.baselineToMs = raw.baselineToMs;
  }
  return view;
}

/** Largest time a JavaScript Date holds, in ms from the epoch (either way). */
const MAX_DATE_MS = 8.64e15;

/**
 * A time (or duration) in ms that a Date can hold: past that, `toISOString` throws and date formatting gives
 * "Invalid Date", so a frame with `fromMs: 1e300` crashed the panel while naming its exports.
 */
function isTimeMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_DATE_MS;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

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
