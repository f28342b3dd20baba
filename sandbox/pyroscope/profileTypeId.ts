import { unitFromSampleUnit, type ValueUnit } from '../../src/model/units';

/**
 * Profile type ids as Grafana Pyroscope reads them (`pkg/model/profile.go, ParseProfileTypeSelector`):
 * `<name>:<sample type>:<sample unit>:<period type>:<period unit>[:delta]`, split on `:`, 5 or 6 parts, any of them
 * possibly empty. The test server's own reading, not the datasource's.
 */
export interface ProfileTypeParts {
  id: string;
  name: string;
  sampleType: string;
  sampleUnit: string;
  periodType: string;
  periodUnit: string;
}

/** The parts of a profile type id, or undefined when it does not have 5 or 6 parts. */
export function parseProfileTypeId(id: string): ProfileTypeParts | undefined {
  const parts = id.split(':');
  if (parts.length !== 5 && parts.length !== 6) {
    return undefined;
  }
  const [name, sampleType, sampleUnit, periodType, periodUnit] = parts;
  return { id, name, sampleType, sampleUnit, periodType, periodUnit };
}

/** The value unit of a profile type's samples; counts when the id cannot be read. */
export function unitOfProfileType(id: string): ValueUnit {
  const parts = parseProfileTypeId(id);
  return parts ? unitFromSampleUnit(parts.sampleUnit) : 'count';
}
