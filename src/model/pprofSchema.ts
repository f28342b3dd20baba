/**
 * Field numbers of the pprof `profile.proto` messages (github.com/google/pprof/proto/profile.proto), so decoder and
 * encoder never use bare numbers. String fields of pprof messages are int64 indexes into `string_table`, whose
 * entry 0 is always "". Ids (location, function, mapping) are non-zero uint64 values, not necessarily dense.
 */

/** `Profile` message. */
export const ProfileField = {
  sampleType: 1,
  sample: 2,
  mapping: 3,
  location: 4,
  function: 5,
  stringTable: 6,
  dropFrames: 7,
  keepFrames: 8,
  timeNanos: 9,
  durationNanos: 10,
  periodType: 11,
  period: 12,
  comment: 13,
  defaultSampleType: 14,
} as const;

/** `ValueType` message (sample_type, period_type); both are string-table indexes. */
export const ValueTypeField = {
  type: 1,
  unit: 2,
} as const;

/** `Sample` message: location ids leaf first, one value per sample type. */
export const SampleField = {
  locationId: 1,
  value: 2,
  label: 3,
} as const;

/** `Mapping` message (only the fields the decoder reads). */
export const MappingField = {
  id: 1,
  filename: 5,
} as const;

/** `Location` message. Several lines mean inlining: the last line is the caller the others were inlined into. */
export const LocationField = {
  id: 1,
  mappingId: 2,
  address: 3,
  line: 4,
  isFolded: 5,
} as const;

/** `Line` message. */
export const LineField = {
  functionId: 1,
  line: 2,
  column: 3,
} as const;

/** `Function` message. */
export const FunctionField = {
  id: 1,
  name: 2,
  systemName: 3,
  filename: 4,
  startLine: 5,
} as const;

/** A pprof value type such as `{ type: 'cpu', unit: 'nanoseconds' }` (decoded strings, not indexes). */
export interface PprofValueType {
  type: string;
  unit: string;
}
