import { ProfileDecodeError, type ProfileFormat } from './errors';
import { DIFF_STRIDE, SINGLE_STRIDE, levelsToProfile } from './flamegraphLevels';
import type { Profile } from './profile';
import type { ValueUnit } from './units';

/** Connect JSON `FlameGraph` (`SelectMergeStacktraces` response's `flamegraph`); int64 values are strings. */
export interface ConnectFlameGraph {
  names?: string[];
  levels?: Array<{ values?: Array<string | number> }>;
  total?: string | number;
  maxSelf?: string | number;
}

/** Connect JSON `FlameGraphDiff` (`Diff` response's `flamegraph`). */
export interface ConnectFlameGraphDiff extends ConnectFlameGraph {
  leftTicks?: string | number;
  rightTicks?: string | number;
}

/**
 * Decodes a `SelectMergeStacktraces` response (or its `flamegraph` member). Int64 values may be strings or numbers;
 * protojson leaves out empty fields, so a missing `flamegraph` or `levels` is an empty profile (root only, total 0),
 * as Grafana treats it.
 */
export function decodeConnectFlameGraph(body: unknown, unit: ValueUnit): Profile {
  return decodeConnect(body, unit, 'connect-flamegraph');
}

/** Decodes a `Diff` response (or its `flamegraph` member): 7 numbers per node, left = baseline, right = compared. */
export function decodeConnectFlameGraphDiff(body: unknown, unit: ValueUnit): Profile {
  return decodeConnect(body, unit, 'connect-flamegraph-diff');
}

function decodeConnect(body: unknown, unit: ValueUnit, format: ProfileFormat): Profile {
  if (!isObject(body)) {
    throw new ProfileDecodeError(format, `expected a JSON object, got ${describe(body)}`);
  }
  const fg = 'flamegraph' in body || !('levels' in body || 'names' in body) ? body.flamegraph : body;
  const prefix = fg === body ? '' : 'flamegraph.';
  if (fg === undefined || fg === null) {
    return emptyProfile(unit, format === 'connect-flamegraph-diff');
  }
  if (!isObject(fg)) {
    throw new ProfileDecodeError(format, `expected an object, got ${describe(fg)}`, { field: 'flamegraph' });
  }
  const names = fg.names ?? [];
  if (!Array.isArray(names) || !names.every((s) => typeof s === 'string')) {
    throw new ProfileDecodeError(format, 'expected an array of strings', { field: `${prefix}names` });
  }
  const rawLevels = fg.levels ?? [];
  if (!Array.isArray(rawLevels)) {
    throw new ProfileDecodeError(format, `expected an array, got ${describe(rawLevels)}`, { field: `${prefix}levels` });
  }
  if (rawLevels.length === 0) {
    return emptyProfile(unit, format === 'connect-flamegraph-diff');
  }
  const levels = rawLevels.map((row: unknown, d) => {
    if (!isObject(row)) {
      throw new ProfileDecodeError(format, `expected {values: [...]}, got ${describe(row)}`, {
        field: `${prefix}levels`,
        level: d,
      });
    }
    return toNumbers(row.values ?? [], format, `${prefix}levels[${d}].values`, d);
  });
  const stride = format === 'connect-flamegraph-diff' ? DIFF_STRIDE : SINGLE_STRIDE;
  return levelsToProfile({ names, levels, stride, unit, format });
}

/** Converts a JSON array of int64 strings or numbers to doubles, rejecting anything else. */
export function toNumbers(values: unknown, format: ProfileFormat, field: string, level: number): Float64Array {
  if (!Array.isArray(values)) {
    throw new ProfileDecodeError(format, `expected an array of numbers, got ${describe(values)}`, { field, level });
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Number('') is 0 and Number(' 1') is 1: accept only real numbers and non-empty numeric strings.
    const x = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
    if (!Number.isFinite(x)) {
      throw new ProfileDecodeError(format, `value ${JSON.stringify(v)} is not a number`, { field, level, offset: i });
    }
    out[i] = x;
  }
  return out;
}

/** A root-only profile with total 0: what Pyroscope answers when there is no data. */
export function emptyProfile(unit: ValueUnit, diff = false): Profile {
  const zero = () => new Float64Array(1);
  const base: Profile = {
    names: ['total'],
    level: new Int32Array(1),
    nameId: new Int32Array(1),
    total: zero(),
    self: zero(),
    unit,
  };
  return diff ? { ...base, right: { total: zero(), self: zero() } } : base;
}

/** Narrows to a plain JSON object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Short description of a JSON value for error messages. */
export function describe(v: unknown): string {
  if (v === null) {
    return 'null';
  }
  if (v === undefined) {
    // A missing field: "undefined undefined" told the user nothing.
    return 'nothing (the field is missing)';
  }
  if (Array.isArray(v)) {
    return 'an array';
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}
