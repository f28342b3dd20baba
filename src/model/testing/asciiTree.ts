import type { Profile } from '../profile';
import type { ValueUnit } from '../units';

/**
 * Trees as pictures, for tests. One node per line, two spaces of indent per level, then `name total`; for a diff
 * `name left | right`. Self values are not written: they are total minus the children's totals.
 *
 * ```
 * total 60
 *   main 60
 *     bar 20
 *     foo 30
 * ```
 * Node order is kept exactly as written (no sorting), so a picture can describe any nested set.
 */
export function parseTree(picture: string, unit: ValueUnit = 'count'): Profile {
  const lines = picture.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const n = lines.length;
  const level = new Int32Array(n);
  const nameId = new Int32Array(n);
  const total = new Float64Array(n);
  const totalRight = new Float64Array(n);
  let diff = false;
  lines.forEach((line, i) => {
    const depth = (line.length - line.trimStart().length - indent) / 2;
    const m = /^(.*?)\s+([\d.e+-]+)(?:\s*\|\s*([\d.e+-]+))?$/.exec(line.trim());
    if (!Number.isInteger(depth) || !m) {
      throw new Error(`parseTree: cannot read line ${i + 1}: "${line}"`);
    }
    level[i] = depth;
    let id = nameIds.get(m[1]);
    if (id === undefined) {
      id = names.length;
      names.push(m[1]);
      nameIds.set(m[1], id);
    }
    nameId[i] = id;
    total[i] = Number(m[2]);
    if (m[3] !== undefined) {
      diff = true;
      totalRight[i] = Number(m[3]);
    }
  });
  const self = selfFromTotals(level, total);
  const base = { names, level, nameId, total, self, unit };
  return diff ? { ...base, right: { total: totalRight, self: selfFromTotals(level, totalRight) } } : base;
}

/** Prints a profile in the `parseTree` format. */
export function printTree(profile: Profile): string {
  const lines: string[] = [];
  for (let i = 0; i < profile.level.length; i++) {
    const right = profile.right ? ` | ${profile.right.total[i]}` : '';
    lines.push(`${'  '.repeat(profile.level[i])}${profile.names[profile.nameId[i]]} ${profile.total[i]}${right}`);
  }
  return lines.join('\n');
}

/** Removes the common indent of a template literal so pictures can be indented in test code. */
export function tree(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent).trimEnd()).join('\n');
}

function selfFromTotals(level: Int32Array, total: Float64Array): Float64Array {
  const self = Float64Array.from(total);
  // The parent of node i is the nearest earlier node one level up.
  const open: number[] = [];
  for (let i = 0; i < level.length; i++) {
    open.length = level[i];
    if (level[i] > 0) {
      self[open[level[i] - 1]] -= total[i];
    }
    open.push(i);
  }
  return self;
}
