import { FunctionField, LineField, LocationField, MappingField, ProfileField, SampleField } from '../pprofSchema';
import { ProtoWriter } from './protobufWriter';

/**
 * Hand-made pprof messages for tests, described by names rather than string indexes, so a test can state exactly
 * the wire shape it needs: sparse ids, inlined lines, locations without lines, unpacked lists, odd field order.
 */
export interface PprofSpec {
  sampleTypes: Array<[type: string, unit: string]>;
  defaultSampleType?: string;
  /** `file` and `startLine` are written only when given. */
  functions?: Array<{ id: number; name: string; file?: string; startLine?: number }>;
  mappings?: Array<{ id: number; file: string }>;
  /** `functionIds` are the location's lines in file order: innermost (inlined) first, caller last. */
  /** `lines` are the line numbers of `functionIds`, in the same order (default 42 each). */
  locations?: Array<{ id: number; functionIds?: number[]; lines?: number[]; mappingId?: number; address?: number }>;
  /** `locationIds` leaf first, as pprof stores them. */
  samples?: Array<{ locationIds: number[]; values: number[] }>;
  /** Write repeated varints one key per value instead of packed. */
  unpacked?: boolean;
  /** Write the string table first instead of last. */
  stringsFirst?: boolean;
}

export function buildPprof(spec: PprofSpec): Uint8Array {
  const table: string[] = [''];
  const str = (s: string): number => {
    const i = table.indexOf(s);
    return i >= 0 ? i : table.push(s) - 1;
  };
  const w = new ProtoWriter();
  const writeStrings = () => table.forEach((s) => w.stringField(ProfileField.stringTable, s));
  // String ids must be known before the table is written when it comes first.
  spec.sampleTypes.forEach(([t, u]) => (str(t), str(u)));
  spec.functions?.forEach((f) => (str(f.name), f.file !== undefined && str(f.file)));
  spec.mappings?.forEach((m) => str(m.file));
  if (spec.defaultSampleType !== undefined) {
    str(spec.defaultSampleType);
  }
  if (spec.stringsFirst) {
    writeStrings();
  }
  for (const [t, u] of spec.sampleTypes) {
    w.begin(ProfileField.sampleType);
    w.int64Field(1, str(t));
    w.int64Field(2, str(u));
    w.end();
  }
  for (const s of spec.samples ?? []) {
    w.begin(ProfileField.sample);
    repeated(w, SampleField.locationId, s.locationIds, false, spec.unpacked);
    repeated(w, SampleField.value, s.values, true, spec.unpacked);
    w.end();
  }
  for (const m of spec.mappings ?? []) {
    w.begin(ProfileField.mapping);
    w.uint64Field(MappingField.id, m.id);
    w.int64Field(MappingField.filename, str(m.file));
    w.end();
  }
  for (const l of spec.locations ?? []) {
    w.begin(ProfileField.location);
    w.uint64Field(LocationField.id, l.id);
    if (l.mappingId !== undefined) {
      w.uint64Field(LocationField.mappingId, l.mappingId);
    }
    if (l.address !== undefined) {
      w.uint64Field(LocationField.address, l.address);
    }
    for (const [i, fid] of (l.functionIds ?? []).entries()) {
      w.begin(LocationField.line);
      w.uint64Field(LineField.functionId, fid);
      w.int64Field(LineField.line, l.lines?.[i] ?? 42);
      w.end();
    }
    w.end();
  }
  for (const f of spec.functions ?? []) {
    w.begin(ProfileField.function);
    w.uint64Field(FunctionField.id, f.id);
    w.int64Field(FunctionField.name, str(f.name));
    if (f.file !== undefined) {
      w.int64Field(FunctionField.filename, str(f.file));
    }
    if (f.startLine !== undefined) {
      w.int64Field(FunctionField.startLine, f.startLine);
    }
    w.end();
  }
  if (spec.defaultSampleType !== undefined) {
    w.int64Field(ProfileField.defaultSampleType, str(spec.defaultSampleType));
  }
  if (!spec.stringsFirst) {
    writeStrings();
  }
  return w.finish();
}

function repeated(w: ProtoWriter, field: number, values: number[], signed: boolean, unpacked = false): void {
  if (unpacked) {
    values.forEach((v) => (signed ? w.int64Field(field, v) : w.uint64Field(field, v)));
    return;
  }
  w.begin(field);
  values.forEach((v) => (signed ? w.int64(v) : w.uint64(v)));
  w.end();
}
