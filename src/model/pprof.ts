import { ProfileDecodeError } from './errors';
import { gunzip, isGzip } from './gzip';
import type { Profile } from './profile';
import { NumberList, ProtoReader, WireType } from './protobuf';
import { readFunctions, readLocations, readMappings, type Locations } from './pprofLocations';
import { ProfileField, SampleField, ValueTypeField, type PprofValueType } from './pprofSchema';
import { RangeList, StringTable } from './pprofTables';
import { StackTreeBuilder } from './treeBuilder';
import { unitFromSampleUnit } from './units';

export type { PprofValueType } from './pprofSchema';

/**
 * pprof (github.com/google/pprof/proto/profile.proto) to the columnar profile model.
 *
 * The result matches `go tool pprof -top` at function granularity: frames are merged by function name, inlined
 * functions count as their own frames, and one sample type is chosen (the `default_sample_type`, else the last
 * one, as pprof does). Facts of the format this relies on:
 * - a sample's `location_id`s are leaf first; a location's `line`s are innermost first: the last line is the
 *   function the earlier ones were inlined into. Root to leaf is therefore: locations last to first, and within a
 *   location, lines last to first;
 * - ids are non-zero and may be sparse; string fields are indexes into `string_table` (entry 0 is "");
 * - repeated messages may come in any order relative to the string table, so the first pass only records byte
 *   ranges and the tables are read once everything is known.
 * Work is linear in the input plus the frames walked: each function, mapping and location is resolved once into
 * typed arrays, then each sample walks its frames through `StackTreeBuilder`'s trie with no per-frame allocation.
 * Limits on nodes and frames walked keep a small hostile file from running for minutes.
 */

/** A decoded pprof profile: the call tree for one sample type plus the profile's metadata. */
export interface PprofProfile {
  /** Call tree of the chosen sample type, merged by function name, root named "total". */
  profile: Profile;
  /** Every sample type of the file, in file order. */
  sampleTypes: PprofValueType[];
  /** Index in `sampleTypes` of the type `profile` holds. */
  sampleTypeIndex: number;
  /**
   * Collection start, nanoseconds since the Unix epoch (0 when absent). Today's values (~1.7e18) are above 2^53,
   * so they come out rounded to a multiple of 256 ns: exact enough for a time range, not an id.
   */
  timeNanos: number;
  /** Collection duration in nanoseconds (0 when absent). */
  durationNanos: number;
  periodType?: PprofValueType;
  /** Sampling period in `periodType` units (0 when absent). */
  period: number;
}

export interface DecodePprofOptions {
  /**
   * Sample type to read: an index into the file's sample types or a type name (`'inuse_space'`; as in pprof,
   * `'inuse_x'` also finds a type named `'x'`). Default: `default_sample_type`, else the last type.
   */
  sampleType?: string | number;
  /** Largest call tree to build (default 2^24 nodes, ~1 GB while building); beyond it decoding fails. */
  maxNodes?: number;
  /**
   * Most stack frames to walk over all samples (default 2^28, a few seconds). A small hostile file can make every
   * sample walk a location with thousands of inlined lines; this bounds the work instead of hanging.
   */
  maxFrames?: number;
}

const DEFAULT_MAX_NODES = 2 ** 24;
export const DEFAULT_MAX_FRAMES = 2 ** 28;

/**
 * A pprof file read up to its samples: the string table, the sample types and the chosen one, and functions,
 * mappings and locations resolved once into typed arrays, their names interned in `builder`. Both readers of pprof
 * (`decodePprof`, and the source lines in `pprofLines.ts`) start here.
 */
export interface PprofTables {
  r: ProtoReader;
  scan: Scan;
  strings: StringTable;
  sampleTypes: PprofValueType[];
  sampleTypeIndex: number;
  builder: StackTreeBuilder;
  functions: ReturnType<typeof readFunctions>;
  mappings: ReturnType<typeof readMappings>;
  locations: Locations;
  valueType: (pair: [number, number], field: string) => PprofValueType;
}

/** Reads everything but the samples of a pprof file, gzipped or not. Malformed input throws `ProfileDecodeError`. */
export function readPprofTables(bytes: Uint8Array, sampleType?: string | number): PprofTables {
  const raw = isGzip(bytes) ? gunzip(bytes, 'pprof') : bytes;
  const r = new ProtoReader(raw);
  const scan = scanProfile(r);
  const strings = new StringTable(raw, scan.strings);
  const valueType = (pair: [number, number], field: string): PprofValueType => ({
    type: strings.get(pair[0], `${field}.type`, 0),
    unit: strings.get(pair[1], `${field}.unit`, 0),
  });
  const sampleTypes = scan.sampleTypes.map((pair) => valueType(pair, 'sample_type'));
  const defaultType = strings.get(scan.defaultSampleType, 'default_sample_type', 0);
  const sampleTypeIndex = selectSampleType(sampleTypes, sampleType, defaultType);
  const builder = new StackTreeBuilder();
  const functions = readFunctions(r, scan.functions, strings, builder);
  const mappings = readMappings(r, scan.mappings, strings);
  const locations = readLocations(r, scan.locations, functions, mappings, builder);
  return { r, scan, strings, sampleTypes, sampleTypeIndex, builder, functions, mappings, locations, valueType };
}

/** Decodes a pprof profile, gzipped or not. Any malformed input throws `ProfileDecodeError`. */
export function decodePprof(bytes: Uint8Array, options: DecodePprofOptions = {}): PprofProfile {
  const { r, scan, sampleTypes, sampleTypeIndex, builder, locations, valueType } = readPprofTables(
    bytes,
    options.sampleType
  );
  addSamples(r, scan.samples, locations, sampleTypes.length, sampleTypeIndex, builder, {
    maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES,
    maxFrames: options.maxFrames ?? DEFAULT_MAX_FRAMES,
  });

  return {
    profile: builder.build(unitFromSampleUnit(sampleTypes[sampleTypeIndex].unit)),
    sampleTypes,
    sampleTypeIndex,
    timeNanos: scan.timeNanos,
    durationNanos: scan.durationNanos,
    ...(scan.periodType ? { periodType: valueType(scan.periodType, 'period_type') } : {}),
    period: scan.period,
  };
}

export interface Scan {
  sampleTypes: Array<[number, number]>;
  periodType?: [number, number];
  samples: RangeList;
  mappings: RangeList;
  locations: RangeList;
  functions: RangeList;
  strings: RangeList;
  timeNanos: number;
  durationNanos: number;
  period: number;
  defaultSampleType: number;
}

/** First pass over the top-level message: scalars and small messages are read, big tables only located. */
export function scanProfile(r: ProtoReader): Scan {
  const scan: Scan = {
    sampleTypes: [],
    samples: new RangeList(),
    mappings: new RangeList(),
    locations: new RangeList(),
    functions: new RangeList(),
    strings: new RangeList(),
    timeNanos: 0,
    durationNanos: 0,
    period: 0,
    defaultSampleType: 0,
  };
  const ranges: Partial<Record<number, [RangeList, string]>> = {
    [ProfileField.sample]: [scan.samples, 'sample'],
    [ProfileField.mapping]: [scan.mappings, 'mapping'],
    [ProfileField.location]: [scan.locations, 'location'],
    [ProfileField.function]: [scan.functions, 'function'],
    [ProfileField.stringTable]: [scan.strings, 'string_table'],
  };
  while (!r.atEnd) {
    const key = r.readKey();
    const field = key >>> 3;
    const list = ranges[field];
    if (list) {
      r.expectWireType(key, WireType.LengthDelimited, list[1]);
      const length = r.readLength();
      list[0].push(r.pos, r.pos + length);
      r.pos += length;
      continue;
    }
    switch (field) {
      case ProfileField.sampleType:
        r.expectWireType(key, WireType.LengthDelimited, 'sample_type');
        scan.sampleTypes.push(readValueType(r));
        break;
      case ProfileField.periodType:
        r.expectWireType(key, WireType.LengthDelimited, 'period_type');
        scan.periodType = readValueType(r);
        break;
      case ProfileField.timeNanos:
        r.expectWireType(key, WireType.Varint, 'time_nanos');
        scan.timeNanos = r.readInt64();
        break;
      case ProfileField.durationNanos:
        r.expectWireType(key, WireType.Varint, 'duration_nanos');
        scan.durationNanos = r.readInt64();
        break;
      case ProfileField.period:
        r.expectWireType(key, WireType.Varint, 'period');
        scan.period = r.readInt64();
        break;
      case ProfileField.defaultSampleType:
        r.expectWireType(key, WireType.Varint, 'default_sample_type');
        scan.defaultSampleType = r.readInt64();
        break;
      default:
        // drop_frames, keep_frames, comment and unknown fields: `go tool pprof -top` output does not depend on them
        // for the profiles agents write (drop_frames is empty in them).
        r.skipField(key & 7);
    }
  }
  return scan;
}

/** Reads a `ValueType` message: [type, unit] string indexes. */
function readValueType(r: ProtoReader): [number, number] {
  const outer = r.enter();
  const pair: [number, number] = [0, 0];
  while (!r.atEnd) {
    const key = r.readKey();
    const field = key >>> 3;
    if (field === ValueTypeField.type) {
      r.expectWireType(key, WireType.Varint, 'value_type.type');
      pair[0] = r.readInt64();
    } else if (field === ValueTypeField.unit) {
      r.expectWireType(key, WireType.Varint, 'value_type.unit');
      pair[1] = r.readInt64();
    } else {
      r.skipField(key & 7);
    }
  }
  r.leave(outer);
  return pair;
}

/** The sample type to read, chosen like `go tool pprof -sample_index`. */
export function selectSampleType(
  types: PprofValueType[],
  requested: string | number | undefined,
  defaultType: string
): number {
  if (types.length === 0) {
    throw new ProfileDecodeError('pprof', 'the profile has no sample types', { field: 'sample_type' });
  }
  const available = () => types.map((t, i) => `${i}: ${t.type} (${t.unit})`).join(', ');
  if (typeof requested === 'number') {
    if (Number.isInteger(requested) && requested >= 0 && requested < types.length) {
      return requested;
    }
    throw new ProfileDecodeError('pprof', `sample type index ${requested} is out of range; available: ${available()}`, {
      field: 'sample_type',
    });
  }
  if (requested !== undefined) {
    const withoutInuse = requested.startsWith('inuse_') ? requested.slice('inuse_'.length) : requested;
    const found = types.findIndex((t) => t.type === requested || t.type === withoutInuse);
    if (found < 0) {
      throw new ProfileDecodeError('pprof', `no sample type "${requested}"; available: ${available()}`, {
        field: 'sample_type',
      });
    }
    return found;
  }
  // pprof falls back to the last type when default_sample_type names none of them.
  const byDefault = defaultType === '' ? -1 : types.findIndex((t) => t.type === defaultType);
  return byDefault >= 0 ? byDefault : types.length - 1;
}

/**
 * Calls `visit` for every sample with a non-zero value of type `typeIndex`: its location ids (leaf first; the list
 * is reused between calls) and that value. Checks what every reader of samples needs: one value per sample type
 * and no negative values.
 */
export function forEachSample(
  r: ProtoReader,
  ranges: RangeList,
  typeCount: number,
  typeIndex: number,
  visit: (locationIds: NumberList, value: number, offset: number) => void
): void {
  const locationIds = new NumberList();
  const values = new NumberList();
  for (let s = 0; s < ranges.length; s++) {
    const at = ranges.start(s);
    r.reset(at, ranges.end(s));
    locationIds.clear();
    values.clear();
    while (!r.atEnd) {
      const key = r.readKey();
      const field = key >>> 3;
      if (field === SampleField.locationId) {
        r.readRepeatedUint64(key & 7, locationIds, 'sample.location_id');
      } else if (field === SampleField.value) {
        r.readRepeatedInt64(key & 7, values, 'sample.value');
      } else {
        r.skipField(key & 7);
      }
    }
    if (values.length !== typeCount) {
      throw new ProfileDecodeError('pprof', `sample has ${values.length} values for ${typeCount} sample types`, {
        field: 'sample.value',
        offset: at,
      });
    }
    const value = values.values[typeIndex];
    if (value === 0) {
      continue;
    }
    if (value < 0) {
      throw new ProfileDecodeError('pprof', `sample value ${value} is negative (diff profiles are not supported)`, {
        field: 'sample.value',
        offset: at,
      });
    }
    visit(locationIds, value, at);
  }
}

/** The dense index of location `id` of a sample; an unknown id is a decode error. */
export function sampleLocation(locations: Locations, id: number, offset: number): number {
  const l = locations.index.get(id);
  if (l < 0) {
    throw new ProfileDecodeError('pprof', `sample refers to unknown location id ${id}`, {
      field: 'sample.location_id',
      offset,
    });
  }
  return l;
}

/** Second pass over the samples: each one's value of the chosen type goes to the leaf of its stack. */
function addSamples(
  r: ProtoReader,
  ranges: RangeList,
  locations: Locations,
  typeCount: number,
  typeIndex: number,
  builder: StackTreeBuilder,
  limits: Required<Pick<DecodePprofOptions, 'maxNodes' | 'maxFrames'>>
): void {
  const { frameStart } = locations;
  const frames = locations.frames.values;
  let framesWalked = 0;
  forEachSample(r, ranges, typeCount, typeIndex, (locationIds, value, at) => {
    let node = 0;
    // Location ids are leaf first: walk them backwards to go from the root down.
    for (let i = locationIds.length - 1; i >= 0; i--) {
      const l = sampleLocation(locations, locationIds.values[i], at);
      for (let k = frameStart[l]; k < frameStart[l + 1]; k++) {
        node = builder.child(node, frames[k]);
      }
      framesWalked += frameStart[l + 1] - frameStart[l];
    }
    builder.addSelf(node, value);
    if (builder.nodeCount > limits.maxNodes || framesWalked > limits.maxFrames) {
      const what = builder.nodeCount > limits.maxNodes ? `${limits.maxNodes} nodes` : `${limits.maxFrames} frames`;
      throw new ProfileDecodeError('pprof', `the profile expands to more than ${what}; it is too large to show`, {
        field: 'sample',
        offset: at,
      });
    }
  });
}
