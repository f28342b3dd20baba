import { ProfileDecodeError, type ProfileFormat } from './errors';
import type { Profile } from './profile';
import type { ValueUnit } from './units';

/** Numbers per node in a single (non-diff) level row: `[x delta, total, self, name index]`. */
export const SINGLE_STRIDE = 4;
/** Offsets within a single node. */
export const SINGLE = { X: 0, TOTAL: 1, SELF: 2, NAME: 3 } as const;
/** Numbers per node in a diff level row: `[left x, left total, left self, right x, right total, right self, name]`. */
export const DIFF_STRIDE = 7;
/** Offsets within a diff node. */
export const DIFF = {
  LEFT_X: 0,
  LEFT_TOTAL: 1,
  LEFT_SELF: 2,
  RIGHT_X: 3,
  RIGHT_TOTAL: 4,
  RIGHT_SELF: 5,
  NAME: 6,
} as const;

/** Flame graph rows as Pyroscope sends them, already turned into numbers. */
export interface LevelRows {
  names: readonly string[];
  /** One row per depth; each row holds `stride` numbers per node, x offsets still delta-encoded. */
  levels: readonly Float64Array[];
  stride: typeof SINGLE_STRIDE | typeof DIFF_STRIDE;
  unit: ValueUnit;
  /** Which wire format the rows came from, for error messages. */
  format: ProfileFormat;
}

/**
 * Turns Pyroscope's level rows (flamebearer / Connect `FlameGraph` and `FlameGraphDiff`) into the nested-set
 * profile. Rows have no parent links: a node at depth d+1 belongs to the depth-d node whose span contains its
 * start. Rows are ordered by x, so one cursor per row and a stack of open nodes give a linear, non-recursive walk.
 * For diffs the span is measured on both sides added together (left x + right x, left total + right total), which
 * keeps one shape for the two merged trees. Every node must be placed and every parent's self plus its children's
 * totals must equal its total; otherwise the error names the level and node.
 */
export function levelsToProfile(rows: LevelRows): Profile {
  const { levels, stride, names, format } = rows;
  const diff = stride === DIFF_STRIDE;
  const depthCount = levels.length;
  if (depthCount === 0) {
    throw new ProfileDecodeError(format, 'no levels: expected at least the root row', { field: 'levels' });
  }
  const counts = new Int32Array(depthCount);
  let n = 0;
  for (let d = 0; d < depthCount; d++) {
    if (levels[d].length % stride !== 0) {
      throw new ProfileDecodeError(format, `row length ${levels[d].length} is not a multiple of ${stride}`, {
        field: 'levels',
        level: d,
      });
    }
    counts[d] = levels[d].length / stride;
    n += counts[d];
  }
  if (counts[0] !== 1) {
    throw new ProfileDecodeError(format, `expected exactly one root node, found ${counts[0]}`, { level: 0 });
  }
  const starts = absoluteStarts(rows, counts);

  const level = new Int32Array(n);
  const nameId = new Int32Array(n);
  const total = new Float64Array(n);
  const self = new Float64Array(n);
  const totalR = diff ? new Float64Array(n) : undefined;
  const selfR = diff ? new Float64Array(n) : undefined;
  const cursor = new Int32Array(depthCount);
  // Open nodes on the current path: output index and the sums of their children's totals so far.
  const stackOut = new Int32Array(depthCount);
  const childSumL = new Float64Array(depthCount);
  const childSumR = new Float64Array(depthCount);
  const spanEnd = new Float64Array(depthCount);
  const nameCount = names.length;
  let out = 0;

  const emit = (d: number, k: number): void => {
    const row = levels[d];
    const base = k * stride;
    const id = row[base + stride - 1];
    if (!(id >= 0 && id < nameCount && Number.isInteger(id))) {
      throw new ProfileDecodeError(format, `name index ${id} is outside names (${nameCount} entries)`, {
        level: d,
        node: k,
      });
    }
    let width: number;
    if (diff && totalR && selfR) {
      total[out] = row[base + DIFF.LEFT_TOTAL];
      self[out] = row[base + DIFF.LEFT_SELF];
      totalR[out] = row[base + DIFF.RIGHT_TOTAL];
      selfR[out] = row[base + DIFF.RIGHT_SELF];
      width = totalR[out] + total[out];
      checkValues(format, d, k, totalR[out], selfR[out]);
      childSumR[d] = 0;
    } else {
      total[out] = row[base + SINGLE.TOTAL];
      self[out] = row[base + SINGLE.SELF];
      width = total[out];
    }
    checkValues(format, d, k, total[out], self[out]);
    level[out] = d;
    nameId[out] = id;
    stackOut[d] = out;
    childSumL[d] = 0;
    spanEnd[d] = starts[d][k] + width;
    if (d > 0) {
      childSumL[d - 1] += total[out];
      if (totalR) {
        childSumR[d - 1] += totalR[out];
      }
    }
    out++;
  };

  const close = (d: number): void => {
    const node = stackOut[d];
    checkSum(format, d, cursor[d] - 1, self[node], childSumL[d], total[node], diff ? 'left ' : '');
    if (totalR && selfR) {
      checkSum(format, d, cursor[d] - 1, selfR[node], childSumR[d], totalR[node], 'right ');
    }
  };

  emit(0, 0);
  cursor[0] = 1;
  let depth = 0;
  while (depth >= 0) {
    const next = depth + 1;
    if (next < depthCount && cursor[next] < counts[next]) {
      const k = cursor[next];
      const childStart = starts[next][k];
      const parentStart = starts[depth][cursor[depth] - 1];
      if (childStart < spanEnd[depth]) {
        if (childStart < parentStart) {
          throw new ProfileDecodeError(format, 'node starts before its parent: it has no parent', {
            level: next,
            node: k,
          });
        }
        emit(next, k);
        cursor[next] = k + 1;
        depth = next;
        continue;
      }
    }
    close(depth);
    depth--;
  }
  for (let d = 0; d < depthCount; d++) {
    if (cursor[d] !== counts[d]) {
      throw new ProfileDecodeError(format, 'node lies outside every node of the level above: it has no parent', {
        level: d,
        node: cursor[d],
      });
    }
  }
  const profile: Profile = { names, level, nameId, total, self, unit: rows.unit };
  return totalR && selfR ? { ...profile, right: { total: totalR, self: selfR } } : profile;
}

/** Absolute x of each node per row (both sides added for diffs), decoding the per-row delta encoding. */
function absoluteStarts(rows: LevelRows, counts: Int32Array): Float64Array[] {
  const { levels, stride } = rows;
  const diff = stride === DIFF_STRIDE;
  const starts: Float64Array[] = [];
  for (let d = 0; d < levels.length; d++) {
    const row = levels[d];
    const abs = new Float64Array(counts[d]);
    let xL = 0;
    let xR = 0;
    for (let k = 0, base = 0; k < counts[d]; k++, base += stride) {
      if (diff) {
        const sL = xL + row[base + DIFF.LEFT_X];
        const sR = xR + row[base + DIFF.RIGHT_X];
        xL = sL + row[base + DIFF.LEFT_TOTAL];
        xR = sR + row[base + DIFF.RIGHT_TOTAL];
        abs[k] = sL + sR;
      } else {
        const s = xL + row[base + SINGLE.X];
        xL = s + row[base + SINGLE.TOTAL];
        abs[k] = s;
      }
      if (!Number.isFinite(abs[k])) {
        throw new ProfileDecodeError(rows.format, `x offset is not a number`, { level: d, node: k });
      }
    }
    starts.push(abs);
  }
  return starts;
}

function checkValues(format: ProfileFormat, d: number, k: number, total: number, self: number): void {
  // Written as a negated range check so that NaN fails too.
  if (!(total >= 0 && self >= 0 && self <= total && total !== Infinity)) {
    throw new ProfileDecodeError(format, `invalid values: total ${total}, self ${self}`, { level: d, node: k });
  }
}

function checkSum(
  format: ProfileFormat,
  d: number,
  k: number,
  self: number,
  children: number,
  total: number,
  side: string
): void {
  const sum = self + children;
  // Relative tolerance: values above 2^53 lose precision in doubles.
  if (Math.abs(sum - total) > 1e-9 * Math.max(1, total)) {
    throw new ProfileDecodeError(format, `${side}self ${self} + children ${children} does not equal total ${total}`, {
      level: d,
      node: k,
    });
  }
}
