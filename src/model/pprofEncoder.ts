import type { Profile } from './profile';
import {
  FunctionField,
  LineField,
  LocationField,
  ProfileField,
  SampleField,
  ValueTypeField,
  type PprofValueType,
} from './pprofSchema';
import { ProtoWriter } from './protobufWriter';
import type { ValueUnit } from './units';

/**
 * The columnar profile model to pprof, so a flame graph can be downloaded and opened with `go tool pprof`.
 *
 * The tree has already lost addresses, files and lines, so the pprof has one Function and one Location per
 * distinct name (ids from 1) and one Sample per node with a self value, whose stack is the node's path (leaf first,
 * without the synthetic root). Decoding the result gives the same tree back, except for nodes whose subtree is
 * all zero, which pprof cannot express. pprof values are integers: self values are rounded. Only the left side of
 * a diff profile is written. The output is not compressed: `gzipSync` from fflate makes the usual `.pb.gz`.
 */

export interface EncodePprofOptions {
  /** The single sample type to declare; by default derived from the profile's unit (`cpu`, `space`, `samples`). */
  sampleType?: PprofValueType;
  /** Collection start, nanoseconds since the Unix epoch. */
  timeNanos?: number;
  /** Collection duration in nanoseconds. */
  durationNanos?: number;
}

/** Encodes `profile` as an uncompressed pprof message. */
export function encodePprof(profile: Profile, options: EncodePprofOptions = {}): Uint8Array {
  const sampleType = options.sampleType ?? defaultSampleType(profile.unit);
  const table: string[] = [''];
  const stringIds = new Map<string, number>([['', 0]]);
  const stringId = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = table.length;
      table.push(s);
      stringIds.set(s, id);
    }
    return id;
  };

  // One location/function id per distinct name; the string table may hold the same text under several ids.
  const n = profile.level.length;
  const idOfNameId = new Int32Array(profile.names.length);
  const nameStringOfId: number[] = [0];
  const idOfName = new Map<string, number>();
  let maxLevel = 0;
  for (let i = 1; i < n; i++) {
    const nameId = profile.nameId[i];
    if (idOfNameId[nameId] === 0) {
      const name = profile.names[nameId];
      let id = idOfName.get(name);
      if (id === undefined) {
        id = nameStringOfId.length;
        nameStringOfId.push(stringId(name));
        idOfName.set(name, id);
      }
      idOfNameId[nameId] = id;
    }
    maxLevel = Math.max(maxLevel, profile.level[i]);
  }

  const w = new ProtoWriter();
  w.begin(ProfileField.sampleType);
  w.int64Field(ValueTypeField.type, stringId(sampleType.type));
  w.int64Field(ValueTypeField.unit, stringId(sampleType.unit));
  w.end();

  // path[d] is the location id of the open node at depth d on the walk (pre-order: ancestors come first).
  const path = new Int32Array(maxLevel + 1);
  for (let i = 0; i < n; i++) {
    const depth = profile.level[i];
    if (depth > 0) {
      path[depth] = idOfNameId[profile.nameId[i]];
    }
    const value = Math.round(profile.self[i]);
    if (!(value > 0)) {
      continue;
    }
    w.begin(ProfileField.sample);
    if (depth > 0) {
      w.begin(SampleField.locationId);
      for (let d = depth; d >= 1; d--) {
        w.uint64(path[d]);
      }
      w.end();
    }
    w.begin(SampleField.value);
    w.int64(value);
    w.end();
    w.end();
  }

  for (let id = 1; id < nameStringOfId.length; id++) {
    w.begin(ProfileField.location);
    w.uint64Field(LocationField.id, id);
    w.begin(LocationField.line);
    w.uint64Field(LineField.functionId, id);
    w.end();
    w.end();
  }
  for (let id = 1; id < nameStringOfId.length; id++) {
    w.begin(ProfileField.function);
    w.uint64Field(FunctionField.id, id);
    w.int64Field(FunctionField.name, nameStringOfId[id]);
    w.int64Field(FunctionField.systemName, nameStringOfId[id]);
    w.end();
  }
  for (const s of table) {
    w.stringField(ProfileField.stringTable, s);
  }
  if (options.timeNanos) {
    w.int64Field(ProfileField.timeNanos, options.timeNanos);
  }
  if (options.durationNanos) {
    w.int64Field(ProfileField.durationNanos, options.durationNanos);
  }
  return w.finish();
}

/** A sample type naming the profile's unit the way pprof writers do. */
function defaultSampleType(unit: ValueUnit): PprofValueType {
  switch (unit) {
    case 'nanoseconds':
    case 'microseconds':
    case 'milliseconds':
    case 'seconds':
      return { type: 'cpu', unit };
    case 'bytes':
      return { type: 'space', unit };
    case 'count':
      return { type: 'samples', unit };
  }
}
