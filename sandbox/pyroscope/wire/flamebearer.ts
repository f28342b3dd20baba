import type { Profile } from '../../../src/model/profile';
import type { ValueUnit } from '../../../src/model/units';
import { DIFF_NAME_AT, DIFF_WIDTH, profileToLevels, SINGLE_NAME_AT, SINGLE_WIDTH } from './levels';

/** A flamebearer response as pyroscope-io 0.37's `/render?format=json` writes it (the parts tests need). */
export interface FlamebearerJson {
  version: number;
  flamebearer: { names: string[]; levels: number[][]; numTicks: number; maxSelf: number };
  metadata: { format: 'single' | 'double'; units: string; sampleRate: number; name: string; spyName: string };
  leftTicks?: number;
  rightTicks?: number;
}

/**
 * Encodes a profile as pyroscope-io writes flamebearer JSON: nanosecond profiles become `samples` at `sampleRate` Hz
 * (values divided by 1e9 / sampleRate, so pass the rate the data was sampled at), bytes stay `bytes`, counts are
 * `objects`. For datasource tests that need a pyroscope-io answer without a server.
 */
export function encodeFlamebearer(
  profile: Profile,
  options: { sampleRate?: number; name?: string; spyName?: string } = {}
): FlamebearerJson {
  const { names, levels, maxSelf } = profileToLevels(profile);
  const width = profile.right ? DIFF_WIDTH : SINGLE_WIDTH;
  const nameAt = profile.right ? DIFF_NAME_AT : SINGLE_NAME_AT;
  const { units, sampleRate } = unitsOf(profile.unit, options.sampleRate ?? 100);
  const divisor = units === 'samples' ? 1e9 / sampleRate : 1;
  const scaled = levels.map((row) => row.map((v, i) => (i % width === nameAt ? v : v / divisor)));
  const leftTicks = (profile.total[0] ?? 0) / divisor;
  const rightTicks = profile.right ? profile.right.total[0] / divisor : 0;
  const response: FlamebearerJson = {
    version: 1,
    flamebearer: { names: [...names], levels: scaled, numTicks: leftTicks + rightTicks, maxSelf: maxSelf / divisor },
    metadata: {
      format: profile.right ? 'double' : 'single',
      units,
      sampleRate,
      name: options.name ?? '',
      spyName: options.spyName ?? '',
    },
  };
  if (profile.right) {
    response.leftTicks = leftTicks;
    response.rightTicks = rightTicks;
  }
  return response;
}

function unitsOf(unit: ValueUnit, sampleRate: number): { units: string; sampleRate: number } {
  switch (unit) {
    case 'nanoseconds':
      return { units: 'samples', sampleRate };
    case 'bytes':
      return { units: 'bytes', sampleRate: 100 };
    case 'count':
      return { units: 'objects', sampleRate: 100 };
    default:
      return { units: unit, sampleRate: 100 };
  }
}
