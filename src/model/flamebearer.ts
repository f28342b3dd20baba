import { describe, isObject, toNumbers } from './connect';
import { ProfileDecodeError } from './errors';
import { DIFF, DIFF_STRIDE, SINGLE, SINGLE_STRIDE, levelsToProfile } from './flamegraphLevels';
import type { Profile } from './profile';
import { unitFromSampleUnit, type ValueUnit } from './units';

/**
 * Flamebearer JSON: the `/render` answer of pyroscope-io 0.37 and the `/pyroscope/render` (and `render-diff`)
 * answer of Grafana Pyroscope. Both use one envelope; levels are plain arrays of numbers.
 */
export interface FlamebearerResponse {
  version?: number;
  flamebearer: { names: string[]; levels: number[][]; numTicks: number; maxSelf: number };
  metadata: FlamebearerMetadata;
  leftTicks?: number;
  rightTicks?: number;
  timeline?: unknown;
  groups?: unknown;
}

/** The envelope's metadata; pyroscope-io adds `appName`, `startTime`, `endTime`, `query`, `maxNodes`. */
export interface FlamebearerMetadata {
  format: 'single' | 'double';
  units?: string;
  sampleRate?: number;
  name?: string;
  spyName?: string;
  appName?: string;
}

/** A decoded flamebearer: the profile with values in `profile.unit`, and the envelope metadata as sent. */
export interface DecodedFlamebearer {
  profile: Profile;
  metadata: FlamebearerMetadata;
}

/**
 * Decodes a flamebearer response, single (4 numbers per node) or double (7, a diff).
 * Sampled CPU units (`samples`, `trace_samples`) are converted to nanoseconds with the sample rate
 * (ticks × 1e9 / sampleRate: 100 Hz on pyroscope-io, 1e9 on Grafana Pyroscope, where ticks already are ns), so
 * both servers give the same numbers. Other units keep their values.
 */
export function decodeFlamebearer(body: unknown): DecodedFlamebearer {
  if (!isObject(body)) {
    throw new ProfileDecodeError('flamebearer', `expected a JSON object, got ${describe(body)}`);
  }
  const fb = body.flamebearer;
  if (!isObject(fb)) {
    throw new ProfileDecodeError('flamebearer', `expected an object, got ${describe(fb)}`, { field: 'flamebearer' });
  }
  const meta = isObject(body.metadata) ? body.metadata : {};
  const format = meta.format === undefined ? 'single' : meta.format;
  if (format !== 'single' && format !== 'double') {
    throw new ProfileDecodeError('flamebearer', `unknown format ${JSON.stringify(format)}, expected single or double`, {
      field: 'metadata.format',
    });
  }
  const units = typeof meta.units === 'string' ? meta.units : '';
  const sampleRate = typeof meta.sampleRate === 'number' ? meta.sampleRate : 0;
  const { unit, factor } = flamebearerUnit(units, sampleRate);

  const names = fb.names ?? [];
  if (!Array.isArray(names) || !names.every((s) => typeof s === 'string')) {
    throw new ProfileDecodeError('flamebearer', 'expected an array of strings', { field: 'flamebearer.names' });
  }
  const rawLevels = fb.levels ?? [];
  if (!Array.isArray(rawLevels)) {
    throw new ProfileDecodeError('flamebearer', `expected an array, got ${describe(rawLevels)}`, {
      field: 'flamebearer.levels',
    });
  }
  const stride = format === 'double' ? DIFF_STRIDE : SINGLE_STRIDE;
  const nameOffset = format === 'double' ? DIFF.NAME : SINGLE.NAME;
  const levels = rawLevels.map((row: unknown, d) => {
    const values = toNumbers(row, 'flamebearer', `flamebearer.levels[${d}]`, d);
    if (factor !== 1) {
      // Scale x, totals and selves; leave name indexes alone.
      for (let i = 0; i < values.length; i++) {
        if (i % stride !== nameOffset) {
          values[i] *= factor;
        }
      }
    }
    return values;
  });
  const profile = levelsToProfile({ names, levels, stride, unit, format: 'flamebearer' });
  const metadata: FlamebearerMetadata = {
    format,
    units,
    sampleRate,
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
    ...(typeof meta.spyName === 'string' ? { spyName: meta.spyName } : {}),
    ...(typeof meta.appName === 'string' ? { appName: meta.appName } : {}),
  };
  return { profile, metadata };
}

/** Unit and scale factor for flamebearer `units` and `sampleRate`. */
export function flamebearerUnit(units: string, sampleRate: number): { unit: ValueUnit; factor: number } {
  switch (units) {
    case 'samples':
    case 'trace_samples':
      return sampleRate > 0 ? { unit: 'nanoseconds', factor: 1e9 / sampleRate } : { unit: 'count', factor: 1 };
    case 'objects':
    case 'goroutines':
    case 'lock_samples':
    case 'exceptions':
    case '':
      return { unit: 'count', factor: 1 };
    default:
      return { unit: unitFromSampleUnit(units), factor: 1 };
  }
}
