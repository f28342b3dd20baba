import type { Profile } from '../profile';

/**
 * The two counting passes of the call graph (see callGraph.ts and docs/call-graph.md). Both walk the nested set
 * once, keeping on the current root-to-node path how many open nodes carry each function (or each caller→callee
 * pair): a value is added only where that count is zero, so every sample (a node's self value, whose stack is the
 * node's path) counts once per function and once per edge however often the stack recurses. Linear in the node
 * count, no per-node allocation; functions are identified by name ("canonical" ids: the first `nameId` of each
 * distinct string), as pprof's function granularity does.
 */

/** Flat and cum per canonical name id, on each side. */
export interface FunctionTotals {
  /** Canonical id of every `nameId` of the profile (ids with the same string map to the first one). */
  readonly canon: Int32Array;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly flatRight?: Float64Array;
  readonly cumRight?: Float64Array;
}

/** Edges between kept functions, as parallel arrays (edge k: `from[k]` → `to[k]`, canonical name ids). */
export interface EdgeTotals {
  readonly from: number[];
  readonly to: number[];
  readonly weight: number[];
  readonly weightRight?: number[];
  /** Whether the edge stands for a path through at least one dropped function. */
  readonly residual: boolean[];
}

/** Canonical name ids: equal strings get one id, so a name table with repeats still merges by name. */
export function canonicalNames(names: readonly string[]): Int32Array {
  const canon = new Int32Array(names.length);
  const first = new Map<string, number>();
  names.forEach((name, id) => {
    const seen = first.get(name);
    canon[id] = seen === undefined ? id : seen;
    if (seen === undefined) {
      first.set(name, id);
    }
  });
  return canon;
}

/** Greatest level in the profile (0 when empty). */
function maxLevel(profile: Profile): number {
  let max = 0;
  for (let i = 0; i < profile.level.length; i++) {
    max = Math.max(max, profile.level[i]);
  }
  return max;
}

/**
 * Flat (self summed per name) and cum (each node's total added unless an ancestor has the same name, so a sample
 * counts once per function) for every name. The root (node 0, "total") is not a function and is skipped.
 */
export function functionTotals(profile: Profile): FunctionTotals {
  const canon = canonicalNames(profile.names);
  const names = profile.names.length;
  const right = profile.right;
  const flat = new Float64Array(names);
  const cum = new Float64Array(names);
  const flatRight = right ? new Float64Array(names) : undefined;
  const cumRight = right ? new Float64Array(names) : undefined;
  const onPath = new Int32Array(names);
  const idAt = new Int32Array(maxLevel(profile) + 2);
  const { level, nameId, total, self } = profile;
  let depth = 0;
  for (let i = 1; i < level.length; i++) {
    const d = level[i];
    for (; depth >= d; depth--) {
      onPath[idAt[depth]]--;
    }
    depth = d;
    const id = canon[nameId[i]];
    idAt[d] = id;
    flat[id] += self[i];
    if (onPath[id] === 0) {
      cum[id] += total[i];
    }
    if (right && flatRight && cumRight) {
      flatRight[id] += right.self[i];
      if (onPath[id] === 0) {
        cumRight[id] += right.total[i];
      }
    }
    onPath[id]++;
  }
  return { canon, flat, cum, ...(flatRight && cumRight ? { flatRight, cumRight } : {}) };
}

/**
 * Caller→callee edges between the functions in `kept` (indexed by canonical id; 1 = kept). Each stack is read
 * with the dropped functions taken out: an edge joins each kept function to the nearest kept function above it,
 * and is residual when dropped functions were in between. A function calling itself (directly, or through
 * dropped functions only) makes no edge. Per stack each edge counts once; it is residual when its first
 * occurrence from the root is, in at least one stack with a non-zero value.
 */
export function edgeTotals(profile: Profile, canon: Int32Array, kept: Uint8Array): EdgeTotals {
  const right = profile.right;
  const rightTotal = right ? right.total : undefined;
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const weightRight: number[] = [];
  const residual: boolean[] = [];
  const index = new PairIndex();
  // How many open nodes on the current path are an occurrence of each edge.
  const onPath: number[] = [];
  const levels = maxLevel(profile) + 2;
  const idAt = new Int32Array(levels);
  const edgeAt = new Int32Array(levels);
  // Depth of the nearest kept node at or above each depth; 0 (the root) when there is none.
  const keptDepth = new Int32Array(levels);
  const { level, nameId, total } = profile;
  let depth = 0;
  for (let i = 1; i < level.length; i++) {
    const d = level[i];
    for (; depth >= d; depth--) {
      if (edgeAt[depth] >= 0) {
        onPath[edgeAt[depth]]--;
      }
    }
    depth = d;
    const id = canon[nameId[i]];
    idAt[d] = id;
    edgeAt[d] = -1;
    if (kept[id] === 0) {
      keptDepth[d] = keptDepth[d - 1];
      continue;
    }
    keptDepth[d] = d;
    const p = keptDepth[d - 1];
    const caller = idAt[p];
    const t = total[i];
    const tr = rightTotal ? rightTotal[i] : 0;
    if (p === 0 || caller === id || (t === 0 && tr === 0)) {
      continue;
    }
    let e = index.get(caller, id);
    if (e < 0) {
      e = from.length;
      index.set(caller, id, e);
      from.push(caller);
      to.push(id);
      weight.push(0);
      weightRight.push(0);
      residual.push(false);
      onPath.push(0);
    }
    if (onPath[e] === 0) {
      weight[e] += t;
      weightRight[e] += tr;
      if (p < d - 1) {
        residual[e] = true;
      }
    }
    onPath[e]++;
    edgeAt[d] = e;
  }
  return right ? { from, to, weight, weightRight, residual } : { from, to, weight, residual };
}

/**
 * A hash table from a pair of non-negative ints to a non-negative int (open addressing, linear probing; each slot
 * is three consecutive ints: first, second, value + 1, where 0 marks an empty slot), so the edge pass does no
 * per-lookup allocation and no boxing of large keys.
 */
class PairIndex {
  private table = new Int32Array(3 * 1024);
  private mask = 1023;
  private size = 0;

  private slot(a: number, b: number): number {
    const t = this.table;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
    while (t[3 * h + 2] !== 0 && (t[3 * h] !== a || t[3 * h + 1] !== b)) {
      h = (h + 1) & this.mask;
    }
    return 3 * h;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    return this.table[this.slot(a, b) + 2] - 1;
  }

  /** Sets the value of a pair that is not in the table yet. */
  set(a: number, b: number, v: number): void {
    if (2 * (this.size + 1) > this.mask + 1) {
      this.grow();
    }
    const k = this.slot(a, b);
    this.table[k] = a;
    this.table[k + 1] = b;
    this.table[k + 2] = v + 1;
    this.size++;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let k = 0; k < old.length; k += 3) {
      if (old[k + 2] !== 0) {
        const n = this.slot(old[k], old[k + 1]);
        this.table[n] = old[k];
        this.table[n + 1] = old[k + 1];
        this.table[n + 2] = old[k + 2];
      }
    }
  }
}
