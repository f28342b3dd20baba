import type { DataFrame, Field, FieldType } from '@grafana/data';

import { describe, emptyProfile } from './connect';
import { FLAMEGRAPH_FIELD, FLAMEGRAPH_VISUALISATION } from './contract';
import { clip, readLabels, readShape, readSide } from './frameColumns';
import { ProfileDecodeError } from './errors';
import { rememberIndex, type Profile } from './profile';
import { runSteps, type Steps } from './steps';
import { grafanaUnit, unitFromGrafana } from './units';

// Type-only import of @grafana/data keeps the model loadable in plain Node (the test server, benchmarks): its
// runtime expects a browser. FieldType is a string enum, so its values are written out here.
const NUMBER = 'number' as FieldType.number;
const ENUM = 'enum' as FieldType.enum;

/** Options for `profileToDataFrame`. */
export interface ProfileFrameOptions {
  refId?: string;
  name?: string;
  /** Goes to `meta.custom` (a `ProfileFrameMeta` for Flamelens frames, see contract.ts). */
  custom?: Record<string, unknown>;
  /**
   * The profile's columns already copied to plain arrays, in `plainColumnsOf`'s order (level, total, self, nameId,
   * then right total and self): the datasource copies large profiles in slices so that no task runs long.
   */
  plainColumns?: readonly number[][];
}

/** A profile's columns in the order `ProfileFrameOptions.plainColumns` lists them. */
export function columnsOf(profile: Profile): Array<ArrayLike<number>> {
  const columns: Array<ArrayLike<number>> = [profile.level, profile.total, profile.self, profile.nameId];
  if (profile.right) {
    columns.push(profile.right.total, profile.right.self);
  }
  return columns;
}

/**
 * Encodes a profile as a nested-set flame graph frame (field names: `FLAMEGRAPH_FIELD` in contract.ts). The label is
 * an enum field (values index `config.type.enum.text`), as Grafana's Pyroscope datasource sends it, so names are
 * stored once.
 * Diff profiles add `valueRight`/`selfRight`; `value`/`self` hold the baseline (Grafana draws a diff node
 * `value + valueRight` wide). Value arrays are plain arrays so every Grafana feature (inspect, JSON download,
 * transformations) sees ordinary field values.
 */
export function profileToDataFrame(profile: Profile, options: ProfileFrameOptions = {}): DataFrame {
  const unit = grafanaUnit(profile.unit);
  const plain = options.plainColumns;
  const column = (i: number, values: ArrayLike<number>) => plain?.[i] ?? toPlainArray(values);
  const numberField = (name: string, values: number[], withUnit: boolean): Field => ({
    name,
    type: NUMBER,
    values,
    config: withUnit ? { unit } : {},
  });
  const fields: Field[] = [
    numberField(FLAMEGRAPH_FIELD.level, column(0, profile.level), false),
    numberField(FLAMEGRAPH_FIELD.value, column(1, profile.total), true),
    numberField(FLAMEGRAPH_FIELD.self, column(2, profile.self), true),
    {
      name: FLAMEGRAPH_FIELD.label,
      type: ENUM,
      values: column(3, profile.nameId),
      config: { type: { enum: { text: [...profile.names] } } },
    },
  ];
  if (profile.right) {
    fields.push(numberField(FLAMEGRAPH_FIELD.valueRight, column(4, profile.right.total), true));
    fields.push(numberField(FLAMEGRAPH_FIELD.selfRight, column(5, profile.right.self), true));
  }
  return {
    ...(options.refId !== undefined ? { refId: options.refId } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
    fields,
    length: profile.level.length,
    meta: {
      preferredVisualisationType: FLAMEGRAPH_VISUALISATION,
      ...(options.custom ? { custom: options.custom } : {}),
    },
  };
}

/** Copies a typed array into a plain array; a counted loop is ~3x faster than `Array.from` at 1M elements. */
function toPlainArray(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i];
  }
  return out;
}

/** True when the frame has the four fields of a flame graph, whatever its meta says. */
export function isFlameGraphFrame(frame: DataFrame): boolean {
  // A malformed series (no fields list, holes in it) is simply not a flame graph frame: the caller explains.
  const names = new Set(fieldsOf(frame).map((f) => f.name));
  return [FLAMEGRAPH_FIELD.level, FLAMEGRAPH_FIELD.value, FLAMEGRAPH_FIELD.self, FLAMEGRAPH_FIELD.label].every((n) =>
    names.has(n)
  );
}

/** The frame's fields that are objects; `[]` when `fields` is not a list. */
export function fieldsOf(frame: unknown): Field[] {
  const fields = (frame as { fields?: unknown } | null | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is Field => typeof f === 'object' && f !== null) : [];
}

/**
 * Reads any nested-set flame graph frame back into the model: ours, Grafana's Pyroscope datasource's (enum label),
 * a plain one with a string label, and diff frames. Several level-0 rows get a synthetic `total` root. Throws a
 * `ProfileDecodeError` that names the field and row when the frame breaks the contract.
 */
export function dataFrameToProfile(frame: DataFrame): Profile {
  return runSteps(dataFrameToProfileSteps(frame));
}

/**
 * `dataFrameToProfile` as steps, one pass over the rows each (the levels, with the parent and subtree indexes; the
 * labels; each side's value and self, with their checks; 10–40 ms per million rows): a caller that must not block
 * (the panel, on a frame of a million rows) runs a step per task and yields between them.
 */
export function* dataFrameToProfileSteps(frame: DataFrame): Steps<Profile> {
  const fields = fieldsOf(frame);
  const get = (name: string): Field | undefined => fields.find((f) => f.name === name);
  const missing = [
    FLAMEGRAPH_FIELD.level,
    FLAMEGRAPH_FIELD.value,
    FLAMEGRAPH_FIELD.self,
    FLAMEGRAPH_FIELD.label,
  ].filter((n) => !get(n));
  if (missing.length > 0) {
    const present = fields.map((f) => clip(String(f.name))).join(', ') || 'none';
    throw new ProfileDecodeError('frame', `missing fields ${missing.join(', ')} (fields present: ${present})`);
  }
  const levelField = get(FLAMEGRAPH_FIELD.level)!;
  const valueField = get(FLAMEGRAPH_FIELD.value)!;
  const selfField = get(FLAMEGRAPH_FIELD.self)!;
  const labelField = get(FLAMEGRAPH_FIELD.label)!;
  const valueRight = get(FLAMEGRAPH_FIELD.valueRight);
  const selfRight = get(FLAMEGRAPH_FIELD.selfRight);
  if (Boolean(valueRight) !== Boolean(selfRight)) {
    throw new ProfileDecodeError('frame', 'a diff frame needs both valueRight and selfRight', {
      field: valueRight ? FLAMEGRAPH_FIELD.selfRight : FLAMEGRAPH_FIELD.valueRight,
    });
  }
  for (const f of [levelField, valueField, selfField, labelField, valueRight, selfRight]) {
    // A hand-built or corrupted frame may carry anything here; say so instead of failing on `.length`.
    if (f && !Array.isArray(f.values) && !ArrayBuffer.isView(f.values)) {
      throw new ProfileDecodeError('frame', `values must be a list, got ${describe(f.values)}`, { field: f.name });
    }
  }
  const rows = levelField.values.length;
  for (const f of [valueField, selfField, labelField, valueRight, selfRight]) {
    if (f && f.values.length !== rows) {
      throw new ProfileDecodeError('frame', `has ${f.values.length} rows but level has ${rows}`, { field: f.name });
    }
  }
  const unit = unitFromGrafana(valueField.config?.unit);
  if (rows === 0) {
    return emptyProfile(unit, Boolean(valueRight));
  }
  const shape = readShape(levelField);
  yield;
  const { shift } = shape;
  const { names, ids: nameId } = readLabels(labelField, shift);
  const allNames = shift ? [...names, 'total'] : names;
  if (shift) {
    nameId[0] = names.length;
  }
  yield;
  const left = readSide(valueField, selfField, shape);
  let profile: Profile = { names: allNames, level: shape.level, nameId, total: left.total, self: left.self, unit };
  if (valueRight && selfRight) {
    yield;
    profile = { ...profile, right: readSide(valueRight, selfRight, shape) };
  }
  // The parent and subtree-end indexes came out of reading the levels: the model need not build them again.
  rememberIndex(profile, { parent: shape.parent, subtreeEnd: shape.subtreeEnd, maxLevel: shape.maxLevel });
  return profile;
}
