import type { Field } from '@grafana/data';

import { describe } from './connect';
import { ProfileDecodeError } from './errors';

/*
 * Column readers and checks of the flame graph frame reader (frame.ts): each failure is a ProfileDecodeError that
 * names the field and the row, with any value from the frame shortened so a hostile cell cannot flood the message.
 */

/** A numeric column as doubles; levels must be non-negative integers, values non-negative finite numbers. */
export function readNumbers(field: Field, integer: boolean): Float64Array {
  const values = field.values as ArrayLike<unknown>;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity || (integer && !Number.isInteger(v))) {
      throw new ProfileDecodeError('frame', `value ${shown(v)} is not a ${integer ? 'level' : 'non-negative number'}`, {
        field: field.name,
        node: i,
      });
    }
    out[i] = v;
  }
  return out;
}

/** The label column: enum indexes into `config.type.enum.text`, or any values read as strings. */
export function readLabels(field: Field): { names: string[]; ids: Int32Array } {
  const values = field.values as ArrayLike<unknown>;
  const ids = new Int32Array(values.length);
  const enumText = field.config?.type?.enum?.text;
  if (Array.isArray(enumText)) {
    const names = enumText.map((t) => String(t));
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= names.length) {
        throw new ProfileDecodeError('frame', `enum value ${shown(v)} is outside its ${names.length} texts`, {
          field: field.name,
          node: i,
        });
      }
      ids[i] = v;
    }
    return { names, ids };
  }
  const names: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const text = String(values[i]);
    let id = index.get(text);
    if (id === undefined) {
      id = names.length;
      names.push(text);
      index.set(text, id);
    }
    ids[i] = id;
  }
  return { names, ids };
}

/** Prepends a synthetic root whose value is the sum of the level-1 nodes (the former roots) when `shift` is 1. */
export function withRoot(values: Float64Array, shift: number, level: Int32Array, isSelf = false): Float64Array {
  if (!shift) {
    return values;
  }
  const out = new Float64Array(values.length + 1);
  out.set(values, 1);
  if (!isSelf) {
    for (let i = 1; i < out.length; i++) {
      if (level[i] === 1) {
        out[0] += out[i];
      }
    }
  }
  return out;
}

/**
 * A node's self time is part of its total: more self than total would show shares over 100 %. The synthetic root
 * of several roots is checked too: their sum can pass the largest double and draw nothing.
 */
export function checkSides(
  total: Float64Array,
  self: Float64Array,
  totalField: string,
  selfField: string,
  shift: number
) {
  if (shift && !Number.isFinite(total[0])) {
    throw new ProfileDecodeError('frame', 'the roots add up to more than the largest number', { field: totalField });
  }
  for (let i = shift; i < total.length; i++) {
    if (self[i] > total[i] * (1 + 1e-9)) {
      throw new ProfileDecodeError('frame', `self ${self[i]} is more than the node's total ${total[i]}`, {
        field: selfField,
        node: i - shift,
      });
    }
  }
}

/** A value as a short text for a message: a hostile 100 KB string must not become a 100 KB message. */
function shown(v: unknown): string {
  return clip(
    typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' && v !== null ? describe(v) : String(v)
  );
}

/** At most 40 characters of `text`. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Children wider than their parent cannot be laid out; say which row. */
export function checkChildren(level: Int32Array, total: Float64Array, field: string, shift: number): void {
  const n = level.length;
  // One slot per depth on the current path (not per node: a 1M-row frame would allocate 12 MB for nothing).
  let maxLevel = 0;
  for (let i = 0; i < n; i++) {
    if (level[i] > maxLevel) {
      maxLevel = level[i];
    }
  }
  const open = new Int32Array(maxLevel + 1);
  const childSum = new Float64Array(maxLevel + 1);
  let depth = -1;
  const close = (d: number) => {
    const node = open[d];
    if (childSum[d] > total[node] * (1 + 1e-9)) {
      throw new ProfileDecodeError('frame', `children add up to ${childSum[d]}, more than the node's ${total[node]}`, {
        field,
        node: node - shift,
      });
    }
  };
  for (let i = 0; i < n; i++) {
    while (depth >= level[i]) {
      close(depth--);
    }
    if (depth >= 0) {
      childSum[depth] += total[i];
    }
    depth = level[i];
    open[depth] = i;
    childSum[depth] = 0;
  }
  while (depth >= 0) {
    close(depth--);
  }
}
