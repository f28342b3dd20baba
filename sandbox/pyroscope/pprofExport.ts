import { Function as PprofFunction, Line, Location, Sample, StringTable, ValueType } from 'pprof-format';

import type { Profile } from '../../src/model/profile';
import type { ValueUnit } from '../../src/model/units';
import { PprofFile } from './pprofFile';
import type { FunctionSource, PprofValueType } from './pprofTrees';

/**
 * A merged call tree as a pprof file (pyroscope-io's `format=pprof` download), built with `pprof-format`.
 * The tree is merged by function name, so the file has one Function and one Location per distinct name (ids from
 * 1), each Function with the file and start line the store kept for it (a Location's line is that start line), and
 * one Sample per node with a self value, whose stack is the node's path, leaf first, without the synthetic root.
 * Subtrees of value zero cannot be written; values are rounded to integers; a diff writes its left side.
 */

export interface PprofExportOptions {
  /** The one sample type; by default named after the profile's unit (`cpu`, `space`, `samples`). */
  sampleType?: PprofValueType;
  timeNanos?: number;
  durationNanos?: number;
  /** Where a function is defined, when known (`ProfileStore.functionSource`). */
  sourceOf?: (name: string) => FunctionSource | undefined;
}

/** Encodes `profile` as an uncompressed pprof. */
export function profileToPprof(profile: Profile, options: PprofExportOptions = {}): Uint8Array {
  const strings = new StringTable();
  const sampleType = options.sampleType ?? defaultSampleType(profile.unit);
  const ids = new Map<string, number>();
  const functions: PprofFunction[] = [];
  const locations: Location[] = [];
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(name, id);
      const source = options.sourceOf?.(name);
      const nameId = strings.dedup(name);
      functions.push(
        new PprofFunction({
          id,
          name: nameId,
          systemName: nameId,
          filename: strings.dedup(source?.filename ?? ''),
          startLine: source?.startLine ?? 0,
        })
      );
      locations.push(new Location({ id, line: [new Line({ functionId: id, line: source?.startLine ?? 0 })] }));
    }
    return id;
  };
  const samples: Sample[] = [];
  const path: number[] = [];
  for (let i = 0; i < profile.level.length; i++) {
    const depth = profile.level[i];
    if (depth > 0) {
      path.length = depth - 1;
      path.push(idOf(profile.names[profile.nameId[i]]));
    }
    const value = Math.round(profile.self[i]);
    if (value > 0) {
      samples.push(new Sample({ locationId: depth > 0 ? path.slice(0, depth).reverse() : [], value: [value] }));
    }
  }
  const file = new PprofFile({
    sampleType: [new ValueType({ type: strings.dedup(sampleType.type), unit: strings.dedup(sampleType.unit) })],
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings,
    // Times above 2^53 ns (today's ~1.7e18) go as bigints, which pprof-format writes exactly.
    ...(options.timeNanos ? { timeNanos: BigInt(Math.round(options.timeNanos)) } : {}),
    ...(options.durationNanos ? { durationNanos: BigInt(Math.round(options.durationNanos)) } : {}),
  });
  return file.encode();
}

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
