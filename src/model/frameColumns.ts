import type { Field } from '@grafana/data';

import { describe } from './connect';
import { ProfileDecodeError } from './errors';

/*
 * Column readers and checks of the flame graph frame reader (frame.ts): each failure is a ProfileDecodeError that
 * names the field and the row, with any value from the frame shortened so a hostile cell cannot flood the message.
 */

/**
 * The frame's tree shape, read and checked in one pass over the level column: each row's level (one deeper under a
 * synthetic root when the frame has several roots: `shift` 1), and the parent and subtree-end indexes the model
 * would otherwise build in a pass of its own (`indexOf`).
 */
export interface FrameShape {
  /** 1 when the rows hang under a synthetic root at index 0, else 0. */
  shift: number;
  level: Int32Array;
  parent: Int32Array;
  subtreeEnd: Int32Array;
  maxLevel: number;
}

/**
 * Reads the level column: levels must be non-negative integers, the first row a root, and no row more than one
 * level below the row before it. The tree's parent and subtree-end indexes come out of the same pass.
 */
export function readShape(field: Field): FrameShape {
  const values = field.values as ArrayLike<unknown>;
  const rows = values.length;
  // Several roots (a frame a user built by hand) are joined under one synthetic root.
  let roots = 0;
  for (let i = 0; i < rows; i++) {
    if (values[i] === 0) {
      roots++;
    }
  }
  const shift = values[0] === 0 && roots === 1 ? 0 : 1;
  const n = rows + shift;
  const level = new Int32Array(n);
  const parent = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  // open[d]: the open node at depth d on the current root-to-row path; `depth` is the previous row's level.
  let open = new Int32Array(64);
  let depth = -1;
  let maxLevel = 0;
  if (shift) {
    parent[0] = -1;
    depth = 0;
  }
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (i === 0 && v !== 0) || v + shift > depth + 1) {
      throw levelFault(field, i, v, depth - shift);
    }
    const lv = v + shift;
    const node = i + shift;
    while (depth >= lv) {
      subtreeEnd[open[depth]] = node;
      depth--;
    }
    parent[node] = depth >= 0 ? open[depth] : -1;
    depth = lv;
    if (depth >= open.length) {
      const grown = new Int32Array(open.length * 2);
      grown.set(open);
      open = grown;
    }
    open[depth] = node;
    level[node] = lv;
    if (lv > maxLevel) {
      maxLevel = lv;
    }
  }
  while (depth >= 0) {
    subtreeEnd[open[depth]] = n;
    depth--;
  }
  return { shift, level, parent, subtreeEnd, maxLevel };
}

/**
 * The label column: enum indexes into `config.type.enum.text`, or any values read as strings. Ids are written from
 * row `shift` on (row 0 is the caller's synthetic root when `shift` is 1).
 */
export function readLabels(field: Field, shift: number): { names: string[]; ids: Int32Array } {
  const values = field.values as ArrayLike<unknown>;
  const ids = new Int32Array(values.length + shift);
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
      ids[i + shift] = v;
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
    ids[i + shift] = id;
  }
  return { names, ids };
}

/**
 * One side's value and self columns, read and checked in one pass: values are non-negative finite numbers; a node's
 * self time is part of its total (more self than total would show shares over 100 %); children add up to no more
 * than their parent. A synthetic root (`shape.shift` 1) gets the sum of the former roots, which must stay finite.
 */
export function readSide(
  totalField: Field,
  selfField: Field,
  shape: FrameShape
): { total: Float64Array; self: Float64Array } {
  const totals = totalField.values as ArrayLike<unknown>;
  const selfs = selfField.values as ArrayLike<unknown>;
  const { level, shift, maxLevel } = shape;
  const n = level.length;
  const total = new Float64Array(n);
  const self = new Float64Array(n);
  // One slot per depth on the current path (not per node: a 1M-row frame would allocate 12 MB for nothing).
  const open = new Int32Array(maxLevel + 1);
  const childSum = new Float64Array(maxLevel + 1);
  let depth = shift ? 0 : -1;
  for (let node = shift; node < n; node++) {
    const row = node - shift;
    const v = totals[row];
    const s = selfs[row];
    if (!isAmount(v) || !isAmount(s) || s > v * (1 + 1e-9)) {
      throw rowFault(totalField, selfField, row, v, s);
    }
    total[node] = v;
    self[node] = s;
    const lv = level[node];
    // Close every open node at this depth or deeper: all their children have been added up.
    while (depth >= lv) {
      const closed = open[depth];
      if (closed >= shift && childSum[depth] > total[closed] * (1 + 1e-9)) {
        throw childrenFault(totalField, closed - shift, childSum[depth], total[closed]);
      }
      depth--;
    }
    if (depth >= 0) {
      childSum[depth] += v;
    }
    depth = lv;
    open[depth] = node;
    childSum[depth] = 0;
  }
  for (; depth >= 0; depth--) {
    const closed = open[depth];
    if (closed >= shift && childSum[depth] > total[closed] * (1 + 1e-9)) {
      throw childrenFault(totalField, closed - shift, childSum[depth], total[closed]);
    }
  }
  if (shift) {
    // The synthetic root is as wide as the former roots together.
    total[0] = childSum[0];
    if (!Number.isFinite(total[0])) {
      throw new ProfileDecodeError('frame', 'the roots add up to more than the largest number', {
        field: totalField.name,
      });
    }
  }
  return { total, self };
}

function isAmount(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v !== Infinity;
}

/** What is wrong with a row's level, given the level of the row before it (-1 before the first row). */
function levelFault(field: Field, row: number, v: unknown, previous: number): ProfileDecodeError {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    return new ProfileDecodeError('frame', `value ${shown(v)} is not a level`, { field: field.name, node: row });
  }
  if (row === 0) {
    return new ProfileDecodeError('frame', `the first row must be a root, at level 0, not ${v}`, {
      field: field.name,
      node: 0,
    });
  }
  // Said in the frame's own levels: "jumps from -1" would be the reader's bookkeeping, not the frame's fault.
  return new ProfileDecodeError('frame', `level jumps from ${previous} to ${v}`, { field: field.name, node: row });
}

/** What is wrong with a row's value and self (kept out of the read loop, which only calls it to throw). */
function rowFault(totalField: Field, selfField: Field, row: number, v: unknown, s: unknown): ProfileDecodeError {
  if (!isAmount(v)) {
    return new ProfileDecodeError('frame', `value ${shown(v)} is not a non-negative number`, {
      field: totalField.name,
      node: row,
    });
  }
  if (!isAmount(s)) {
    return new ProfileDecodeError('frame', `value ${shown(s)} is not a non-negative number`, {
      field: selfField.name,
      node: row,
    });
  }
  return new ProfileDecodeError('frame', `self ${s} is more than the node's total ${v}`, {
    field: selfField.name,
    node: row,
  });
}

function childrenFault(field: Field, node: number, sum: number, total: number): ProfileDecodeError {
  return new ProfileDecodeError('frame', `children add up to ${sum}, more than the node's ${total}`, {
    field: field.name,
    node,
  });
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
