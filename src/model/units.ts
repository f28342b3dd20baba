/**
 * Units of profile values. Time is kept in the unit the source used (pprof wall profiles from Node are in
 * microseconds, CPU in nanoseconds); formatting and rates convert.
 */
export type ValueUnit = 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes' | 'count';

const NS_PER: Record<'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds', number> = {
  nanoseconds: 1,
  microseconds: 1e3,
  milliseconds: 1e6,
  seconds: 1e9,
};

/** True for units that measure time. */
export function isTimeUnit(unit: ValueUnit): unit is keyof typeof NS_PER {
  return unit in NS_PER;
}

/** Maps a pprof `sample_type.unit` or a Pyroscope sample unit to a value unit; unknown units count. */
export function unitFromSampleUnit(sampleUnit: string): ValueUnit {
  switch (sampleUnit.toLowerCase()) {
    case 'nanoseconds':
    case 'nanosecond':
    case 'ns':
    case 'lock_nanoseconds':
      return 'nanoseconds';
    case 'microseconds':
    case 'microsecond':
    case 'us':
    case 'µs':
      return 'microseconds';
    case 'milliseconds':
    case 'millisecond':
    case 'ms':
      return 'milliseconds';
    case 'seconds':
    case 'second':
    case 's':
      return 'seconds';
    case 'bytes':
    case 'byte':
      return 'bytes';
    default:
      return 'count';
  }
}

/** Grafana field-config unit id for a value unit (the ids Grafana's own flame graph panel understands). */
export function grafanaUnit(unit: ValueUnit): string {
  switch (unit) {
    case 'nanoseconds':
      return 'ns';
    case 'microseconds':
      return 'µs';
    case 'milliseconds':
      return 'ms';
    case 'seconds':
      return 's';
    case 'bytes':
      return 'bytes';
    case 'count':
      return 'short';
  }
}

/** Reads a Grafana field-config unit back; anything unknown is a count. */
export function unitFromGrafana(fieldUnit: string | undefined): ValueUnit {
  switch (fieldUnit) {
    case 'ns':
      return 'nanoseconds';
    case 'µs':
    case 'us':
      return 'microseconds';
    case 'ms':
      return 'milliseconds';
    case 's':
      return 'seconds';
    case 'bytes':
    case 'decbytes':
      return 'bytes';
    default:
      return 'count';
  }
}

/** Converts a time value to nanoseconds; throws for non-time units. */
export function toNanoseconds(value: number, unit: ValueUnit): number {
  if (!isTimeUnit(unit)) {
    throw new Error(`cannot convert ${unit} to nanoseconds`);
  }
  return value * NS_PER[unit];
}

/**
 * Average CPU cores used: CPU time spent during a window divided by the window's length.
 * `cpuTime` is in `unit` (a time unit); `windowMs` is the window length in milliseconds.
 */
export function cpuCores(cpuTime: number, unit: ValueUnit, windowMs: number): number {
  if (!(windowMs > 0)) {
    return 0;
  }
  return toNanoseconds(cpuTime, unit) / (windowMs * 1e6);
}

/** Human-readable value, e.g. `1.23 s`, `450 ms`, `1.49 GiB`, `12.3 K`. */
export function formatValue(value: number, unit: ValueUnit): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  if (isTimeUnit(unit)) {
    return formatDurationNs(value * NS_PER[unit]);
  }
  if (unit === 'bytes') {
    return formatScaled(value, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']);
  }
  return formatScaled(value, 1000, ['', 'K', 'M', 'G', 'T', 'P']);
}

/**
 * Cores, e.g. `1.25 cores`; below one core two significant digits, so a function using 0.0016 cores over an hour
 * does not read as `0 cores`.
 */
export function formatCores(cores: number): string {
  const text = Math.abs(cores) >= 1 || cores === 0 ? trimNumber(cores) : String(Number(cores.toPrecision(2)));
  return `${text} ${cores === 1 ? 'core' : 'cores'}`;
}

/** Share of `part` in `whole` as a percentage with two decimals; `0%` when `whole` is 0. */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0)) {
    return '0%';
  }
  return `${((part / whole) * 100).toFixed(2)}%`;
}

const DURATION_STEPS: Array<[number, string]> = [
  [86400e9, 'd'],
  [3600e9, 'h'],
  [60e9, 'min'],
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

function formatDurationNs(ns: number): string {
  const abs = Math.abs(ns);
  for (const [size, suffix] of DURATION_STEPS) {
    if (abs >= size) {
      return `${trimNumber(ns / size)} ${suffix}`;
    }
  }
  return `${trimNumber(ns)} ns`;
}

function formatScaled(value: number, base: number, suffixes: string[]): string {
  let scaled = value;
  let i = 0;
  while (Math.abs(scaled) >= base && i < suffixes.length - 1) {
    scaled /= base;
    i++;
  }
  const text = trimNumber(scaled);
  return suffixes[i] === '' ? text : `${text} ${suffixes[i]}`;
}

/** Three significant digits, no trailing zeros, integers kept whole. */
function trimNumber(x: number): string {
  if (Number.isInteger(x)) {
    return String(x);
  }
  const abs = Math.abs(x);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(x.toFixed(decimals)));
}
