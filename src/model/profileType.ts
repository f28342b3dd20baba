import { unitFromSampleUnit, type ValueUnit } from './units';

/** A Pyroscope profile type id split into its parts: `<name>:<sample type>:<sample unit>:<period type>:<period unit>[:delta]`. */
export interface ProfileTypeParts {
  id: string;
  name: string;
  sampleType: string;
  sampleUnit: string;
  periodType: string;
  periodUnit: string;
  delta: boolean;
}

/**
 * Parses a profile type id. Like the server, it needs 5 or 6 colon-separated parts; parts may be empty
 * (`memory:alloc_in_new_tlab_bytes:bytes::`). Returns undefined for anything else.
 */
export function parseProfileTypeId(id: string): ProfileTypeParts | undefined {
  const parts = id.split(':');
  if (parts.length !== 5 && parts.length !== 6) {
    return undefined;
  }
  const [name, sampleType, sampleUnit, periodType, periodUnit] = parts;
  if (name === '' || sampleType === '') {
    return undefined;
  }
  return { id, name, sampleType, sampleUnit, periodType, periodUnit, delta: parts.length === 6 };
}

/** Value unit of a profile type id; counts when the id cannot be read. */
export function unitOfProfileType(id: string): ValueUnit {
  const parts = parseProfileTypeId(id);
  return parts ? unitFromSampleUnit(parts.sampleUnit) : 'count';
}
