import type { Profile } from '../../../model/profile';

/** A chain root → f1 → f2 → … `depth` levels deep (depth + 1 nodes), every node of total `valuePerNode`. */
export function chainProfile(depth: number): Profile {
  const n = depth + 1;
  const level = new Int32Array(n);
  const total = new Float64Array(n).fill(100);
  const self = new Float64Array(n);
  const nameId = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    level[i] = i;
    nameId[i] = i % 50;
  }
  self[n - 1] = 100;
  const names = Array.from({ length: 50 }, (_, i) => `github.com/acme/svc/pkg${i % 7}.(*T${i}).Method${i}`);
  return { names, level, total, self, nameId, unit: 'nanoseconds' };
}

/** A root with one child that has `children` leaf children of value 1 each. */
export function wideProfile(children: number): Profile {
  const n = children + 2;
  const level = new Int32Array(n);
  const total = new Float64Array(n);
  const self = new Float64Array(n);
  const nameId = new Int32Array(n);
  level[1] = 1;
  total[0] = children;
  total[1] = children;
  for (let i = 2; i < n; i++) {
    level[i] = 2;
    total[i] = 1;
    self[i] = 1;
    nameId[i] = 2 + ((i - 2) % 1000);
  }
  nameId[1] = 1;
  const names = ['total', 'main.fanOut', ...Array.from({ length: 1000 }, (_, i) => `main.leaf${i}`)];
  return { names, level, total, self, nameId, unit: 'count' };
}

/**
 * A random-shaped profile of exactly `n` nodes (deterministic for a seed), with values drawn so that a few
 * nodes are wide and most are narrow, like real CPU profiles.
 */
export function randomProfile(n: number, seed = 1, diff = false): Profile {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const level = new Int32Array(n);
  const self = new Float64Array(n);
  const selfRight = new Float64Array(n);
  const nameId = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    // Mostly one level deeper; otherwise back up a geometric number of levels. Depth stays around a few dozen.
    const previous = level[i - 1];
    let lv = previous;
    if (random() < 0.6 && previous < 40) {
      lv = previous + 1;
    } else {
      while (lv > 1 && random() < 0.5) {
        lv--;
      }
    }
    level[i] = Math.max(1, lv);
    const r = random();
    self[i] = Math.floor(r < 0.02 ? 1e6 * random() : r < 0.2 ? 1e4 * random() : 100 * random());
    selfRight[i] = Math.floor(self[i] * (0.5 + random()));
    nameId[i] = 1 + Math.floor(random() * 5000);
  }
  const total = totals(level, self);
  const names = ['total', ...Array.from({ length: 5000 }, (_, i) => `github.com/acme/svc/pkg${i % 97}.Func${i}`)];
  const profile: Profile = { names, level, total, self, nameId, unit: 'nanoseconds' };
  return diff ? { ...profile, right: { total: totals(level, selfRight), self: selfRight } } : profile;
}

/** Totals from selves in one backward pass, with an explicit stack of open nodes. */
function totals(level: Int32Array, self: Float64Array): Float64Array {
  const total = Float64Array.from(self);
  const parent = new Int32Array(level.length);
  const open = new Int32Array(level.length + 1);
  for (let i = 0; i < level.length; i++) {
    open[level[i]] = i;
    parent[i] = level[i] > 0 ? open[level[i] - 1] : -1;
  }
  for (let i = level.length - 1; i > 0; i--) {
    total[parent[i]] += total[i];
  }
  return total;
}

/** A root whose children have the given values; every child has one child of the same value (for skip tests). */
export function fanProfile(values: readonly number[]): Profile {
  const n = 1 + 2 * values.length;
  const level = new Int32Array(n);
  const total = new Float64Array(n);
  const self = new Float64Array(n);
  const nameId = new Int32Array(n);
  values.forEach((value, i) => {
    const child = 1 + 2 * i;
    level[child] = 1;
    level[child + 1] = 2;
    total[child] = value;
    total[child + 1] = value;
    self[child + 1] = value;
    nameId[child] = 1 + (i % 20);
    nameId[child + 1] = 21 + (i % 20);
    total[0] += value;
  });
  const names = ['total', ...Array.from({ length: 40 }, (_, i) => `pkg${i % 5}.fn${i}`)];
  return { names, level, total, self, nameId, unit: 'count' };
}
