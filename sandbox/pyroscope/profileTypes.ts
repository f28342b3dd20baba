import type { PprofValueType } from './pprofTrees';

/**
 * Profile type naming, as the servers derive it.
 * - Grafana Pyroscope names a pprof upload's series `<__name__>:<sample type>:<sample unit>:<period type>:<period
 *   unit>`, one series per sample type; `__name__` is picked once per file from its sample types
 *   (`pkg/og/convert/pprof/profile.go, metricName`).
 * - Non-pprof uploads (folded) pick their type from the `.suffix` of the app name (`ingest_adapter.go,
 *   convertMetadata`).
 * - pyroscope-io 0.37 names apps `<service>.<suffix>`; the test server keeps one store and maps Grafana types to
 *   OG suffixes (and back) with `ogTypeOf`.
 */

/** One entry of an agent's `sample_type_config` (only the fields that change naming and averaging). */
export interface SampleTypeConfig {
  displayName?: string;
  units?: string;
  aggregation?: string;
}

/** Pyroscope's `DefaultSampleTypeMapping` display names (`pkg/og/storage/tree/pprof.go`). */
const DEFAULT_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  samples: 'cpu',
  goroutine: 'goroutines',
  contentions: 'mutex_count',
  delay: 'mutex_duration',
};

/**
 * The `__name__` of every series of a pprof upload: `wall` when any sample type is `wall`, else the first sample
 * type whose (display) name mentions cpu, alloc_/inuse_, mutex_, block_ or goroutines. An agent config replaces the
 * default display names entirely, as on the server.
 */
export function pprofMetricName(
  sampleTypes: readonly PprofValueType[],
  config?: Readonly<Record<string, SampleTypeConfig>>
): string {
  if (sampleTypes.some((t) => t.type === 'wall')) {
    return 'wall';
  }
  let st = '';
  for (const t of sampleTypes) {
    st = config ? (config[t.type]?.displayName ?? t.type) : (DEFAULT_DISPLAY_NAMES[t.type] ?? t.type);
    if (st === '') {
      st = t.type;
    }
    if (st.includes('cpu')) {
      return 'process_cpu';
    }
    if (st.includes('alloc_') || st.includes('inuse_') || st === 'space' || st === 'objects') {
      return 'memory';
    }
    if (st.includes('mutex_')) {
      return 'mutex';
    }
    if (st.includes('block_')) {
      return 'block';
    }
    if (st.includes('goroutines')) {
      return 'goroutines';
    }
  }
  // The server falls through to the last sample type's name ("should not happen").
  return st;
}

/** Builds a profile type id from its parts. */
export function profileTypeId(name: string, sample: PprofValueType, period: PprofValueType | undefined): string {
  return `${name}:${sample.type}:${sample.unit}:${period?.type ?? ''}:${period?.unit ?? ''}`;
}

/** What a non-pprof upload's app-name suffix turns into. */
export interface SuffixType {
  /** `__name__` of the series. */
  metric: string;
  sampleType: string;
  sampleUnit: string;
  /** CPU-like types: with a sample rate, each sample becomes `1e9 / sampleRate` ns and a cpu period is declared. */
  sampled: boolean;
}

const SUFFIX_TYPES: Readonly<Record<string, [metric: string, sampleType: string, unit: string]>> = {
  cpu: ['process_cpu', 'samples', 'count'],
  itimer: ['process_cpu', 'samples', 'count'],
  wall: ['wall', 'samples', 'count'],
  seconds: ['wall', 'samples', 'count'],
  nanoseconds: ['wall', 'samples', 'count'],
  microseconds: ['wall', 'samples', 'count'],
  milliseconds: ['wall', 'samples', 'count'],
  inuse_objects: ['memory', 'inuse_objects', 'count'],
  inuse_space: ['memory', 'inuse_space', 'bytes'],
  alloc_objects: ['memory', 'alloc_objects', 'count'],
  alloc_space: ['memory', 'alloc_space', 'bytes'],
  goroutines: ['goroutine', 'goroutines', 'count'],
  mutex_count: ['mutex', 'contentions', 'count'],
  mutex_duration: ['mutex', 'delay', 'nanoseconds'],
  block_count: ['block', 'contentions', 'count'],
  block_duration: ['block', 'delay', 'nanoseconds'],
  lock_count: ['block', 'contentions', 'count'],
  lock_duration: ['block', 'delay', 'nanoseconds'],
  alloc_in_new_tlab_objects: ['memory', 'alloc_in_new_tlab_objects', 'count'],
  alloc_in_new_tlab_bytes: ['memory', 'alloc_in_new_tlab_bytes', 'bytes'],
  alloc_outside_tlab_objects: ['memory', 'alloc_outside_tlab_objects', 'count'],
  alloc_outside_tlab_bytes: ['memory', 'alloc_outside_tlab_bytes', 'bytes'],
  live: ['memory', 'live', 'count'],
  exceptions: ['exceptions', 'samples', 'count'],
  bytes: ['memory', 'samples', 'bytes'],
};

/**
 * Splits `app.suffix` into the app and the type its suffix selects (no suffix means cpu). Returns an error message
 * for an unknown suffix, as the server does (`unknown profile type: x`).
 */
export function suffixType(appName: string): { app: string; type: SuffixType } | { error: string } {
  const dot = appName.lastIndexOf('.');
  const app = dot < 0 ? appName : appName.slice(0, dot);
  const suffix = dot < 0 ? 'cpu' : appName.slice(dot + 1);
  const entry = Object.prototype.hasOwnProperty.call(SUFFIX_TYPES, suffix) ? SUFFIX_TYPES[suffix] : undefined;
  if (!entry) {
    return { error: `unknown profile type: ${suffix}` };
  }
  const [metric, sampleType, sampleUnit] = entry;
  return { app, type: { metric, sampleType, sampleUnit, sampled: metric === 'process_cpu' || metric === 'wall' } };
}

/** How the OG (pyroscope-io) API presents a series of a given Grafana profile type. */
export interface OgType {
  /** App name suffix: the OG app is `<service_name>.<suffix>`. */
  suffix: string;
  /** OG `units`: samples, objects, bytes, goroutines, lock_samples, lock_nanoseconds, exceptions. */
  units: string;
  /** Time values are shown as ticks at `OG_SAMPLE_RATE` Hz (`samples` units). */
  ticks: boolean;
  /** The OG server averages these types over the writes merged (`aggregation: average` in its default mapping). */
  average: boolean;
}

/** The rate OG CPU profiles are shown at: Go and most agents sample at 100 Hz. */
export const OG_SAMPLE_RATE = 100;

/**
 * The OG view of a Grafana profile type id, or undefined for types pyroscope-io would not store from an agent (for
 * example `process_cpu:samples:count:cpu:nanoseconds`, the tick count beside Go's `cpu` nanoseconds: showing both
 * would list the same data twice).
 */
export function ogTypeOf(id: string): OgType | undefined {
  const [name, sampleType, sampleUnit] = id.split(':');
  const plain = (suffix: string, units: string, average = false): OgType => ({
    suffix,
    units,
    ticks: false,
    average,
  });
  switch (name) {
    case 'process_cpu':
      return sampleType === 'cpu' ? { suffix: 'cpu', units: 'samples', ticks: true, average: false } : undefined;
    case 'wall':
      return sampleType === 'wall' ? { suffix: 'wall', units: 'samples', ticks: true, average: false } : undefined;
    case 'memory':
      if (/^(alloc|inuse)_(objects|space)$/.test(sampleType) || /tlab|^live$/.test(sampleType)) {
        return plain(sampleType, sampleUnit === 'bytes' ? 'bytes' : 'objects', sampleType.startsWith('inuse_'));
      }
      return undefined;
    case 'goroutine':
    case 'goroutines':
      return plain('goroutines', 'goroutines', true);
    case 'mutex':
    case 'block':
      if (sampleType === 'contentions') {
        return plain(`${name}_count`, 'lock_samples');
      }
      return sampleType === 'delay' ? plain(`${name}_duration`, 'lock_nanoseconds') : undefined;
    case 'exceptions':
      return plain('exceptions', 'exceptions');
    default:
      return undefined;
  }
}

/**
 * Grafana Pyroscope's label name sanitizing (`validate.go, SanitizeLegacyLabelName`): dots become underscores
 * (`process.runtime.name` → `process_runtime_name`); other characters outside `[a-zA-Z0-9_]` (or a leading digit)
 * make the name invalid (undefined).
 */
export function sanitizeLabelName(name: string): string | undefined {
  if (name === '' || !/^[a-zA-Z_.][a-zA-Z0-9_.]*$/.test(name)) {
    return undefined;
  }
  return name.replace(/\./g, '_');
}
