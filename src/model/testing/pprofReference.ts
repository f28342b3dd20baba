import type { Profile } from '../profile';

/**
 * A slow, obviously correct pprof reader for tests, written independently of `decodePprof`: BigInt varints, plain
 * objects and Maps, no typed arrays. It states the aggregation rule in the plainest form (locations last to first,
 * each location's lines last to first, merged by function name) so the fast decoder can be compared with it.
 */

interface Field {
  field: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: { pos: number }): bigint {
  let result = BigInt(0);
  for (let shift = 0; shift < 70; shift += 7) {
    if (at.pos >= bytes.length) {
      throw new Error('reference: varint past the end');
    }
    const b = bytes[at.pos++];
    result |= BigInt(b & 0x7f) << BigInt(shift);
    if (b < 0x80) {
      return BigInt.asUintN(64, result);
    }
  }
  throw new Error('reference: varint too long');
}

/** All fields of one message, in order. */
export function parseFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  const at = { pos: 0 };
  while (at.pos < bytes.length) {
    const key = Number(readVarint(bytes, at));
    const field = key >> 3;
    switch (key & 7) {
      case 0:
        fields.push({ field, varint: readVarint(bytes, at) });
        break;
      case 1:
        at.pos += 8;
        break;
      case 2: {
        const length = Number(readVarint(bytes, at));
        fields.push({ field, bytes: bytes.subarray(at.pos, at.pos + length) });
        at.pos += length;
        break;
      }
      case 5:
        at.pos += 4;
        break;
      default:
        throw new Error(`reference: wire type ${key & 7}`);
    }
  }
  return fields;
}

/** Values of a repeated varint field occurrence, packed or not, as signed 64-bit numbers. */
function int64s(f: Field): number[] {
  if (f.varint !== undefined) {
    return [Number(BigInt.asIntN(64, f.varint))];
  }
  const bytes = f.bytes ?? new Uint8Array(0);
  const values: number[] = [];
  const at = { pos: 0 };
  while (at.pos < bytes.length) {
    values.push(Number(BigInt.asIntN(64, readVarint(bytes, at))));
  }
  return values;
}

function num(fields: Field[], field: number): number {
  const f = fields.filter((x) => x.field === field).pop();
  return f?.varint !== undefined ? Number(BigInt.asIntN(64, f.varint)) : 0;
}

function sub(fields: Field[], field: number): Field[][] {
  return fields.filter((f) => f.field === field).map((f) => parseFields(f.bytes ?? new Uint8Array(0)));
}

export interface ReferenceProfile {
  sampleTypes: Array<{ type: string; unit: string }>;
  defaultSampleType: string;
  samples: Array<{ locationIds: number[]; values: number[] }>;
  /** Location id -> function ids of its lines (in file order), mapping id and address. */
  locations: Map<number, { functionIds: number[]; mappingId: number; address: number }>;
  functions: Map<number, string>;
  mappingFiles: Map<number, string>;
}

/** Reads an uncompressed pprof into plain objects. */
export function referenceDecode(raw: Uint8Array): ReferenceProfile {
  const top = parseFields(raw);
  const strings = top.filter((f) => f.field === 6).map((f) => new TextDecoder().decode(f.bytes));
  const str = (i: number) => strings[i] ?? '';
  const locations = new Map<number, { functionIds: number[]; mappingId: number; address: number }>();
  for (const l of sub(top, 4)) {
    const functionIds = sub(l, 4).map((line) => num(line, 1));
    locations.set(num(l, 1), { functionIds, mappingId: num(l, 2), address: num(l, 3) });
  }
  const functions = new Map<number, string>();
  for (const f of sub(top, 5)) {
    functions.set(num(f, 1), str(num(f, 2)));
  }
  const mappingFiles = new Map<number, string>();
  for (const m of sub(top, 3)) {
    mappingFiles.set(num(m, 1), str(num(m, 5)));
  }
  return {
    sampleTypes: sub(top, 1).map((vt) => ({ type: str(num(vt, 1)), unit: str(num(vt, 2)) })),
    defaultSampleType: str(num(top, 14)),
    samples: sub(top, 2).map((s) => ({
      locationIds: s.filter((f) => f.field === 1).flatMap(int64s),
      values: s.filter((f) => f.field === 2).flatMap(int64s),
    })),
    locations,
    functions,
    mappingFiles,
  };
}

/** Folded stacks (JSON array of names, root first, without "total") -> summed value, skipping zero samples. */
export function referenceFolded(ref: ReferenceProfile, sampleTypeIndex: number): Map<string, number> {
  const folded = new Map<string, number>();
  for (const sample of ref.samples) {
    const value = sample.values[sampleTypeIndex];
    if (value === 0) {
      continue;
    }
    const names: string[] = [];
    for (const id of [...sample.locationIds].reverse()) {
      const loc = ref.locations.get(id);
      if (!loc) {
        throw new Error(`reference: unknown location ${id}`);
      }
      if (loc.functionIds.length === 0) {
        const file = ref.mappingFiles.get(loc.mappingId) ?? '';
        names.push(file !== '' ? `[${file.split('/').pop()}]` : `0x${loc.address.toString(16)}`);
      }
      for (const fid of [...loc.functionIds].reverse()) {
        const name = ref.functions.get(fid) ?? '';
        names.push(name === '' ? '<unknown>' : name);
      }
    }
    const key = JSON.stringify(names);
    folded.set(key, (folded.get(key) ?? 0) + value);
  }
  return folded;
}

/** Folded stacks of a decoded profile, in the same form as `referenceFolded`. */
export function foldedOf(profile: Profile): Map<string, number> {
  const folded = new Map<string, number>();
  const path: string[] = [];
  for (let i = 0; i < profile.level.length; i++) {
    // Keep the ancestors (levels 1 .. level - 1), then add this node.
    path.length = Math.max(0, profile.level[i] - 1);
    if (i > 0) {
      path.push(profile.names[profile.nameId[i]]);
    }
    if (profile.self[i] > 0) {
      folded.set(JSON.stringify(path), profile.self[i]);
    }
  }
  return folded;
}

/** Sum of self values per function name, largest first: what `go tool pprof -top` lists as flat. */
export function flatByName(profile: Profile): Array<[string, number]> {
  const flat = new Map<string, number>();
  for (let i = 0; i < profile.level.length; i++) {
    const name = profile.names[profile.nameId[i]];
    flat.set(name, (flat.get(name) ?? 0) + profile.self[i]);
  }
  return [...flat].sort((a, b) => b[1] - a[1]);
}
