/**
 * The ordering and edge pruning steps of the call graph, on a small working graph (see callGraph.ts). Values here
 * are "prune values": the profile's own values, or for a diff the larger of the two sides once the right side is
 * scaled to the left's total.
 */

/** A working graph: nodes are canonical name ids, edges parallel arrays over them, `alive` marks kept edges. */
export interface WorkGraph {
  readonly nodes: number[];
  readonly from: number[];
  readonly to: number[];
  readonly weight: Float64Array;
  readonly residual: boolean[];
  readonly alive: Uint8Array;
}

/**
 * Compares two names as Go compares strings (by UTF-8 bytes, which is code point order). JS `<` compares UTF-16
 * code units, which differs only between a surrogate pair and a code unit from U+E000 up.
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (0xD800–0xDFFF) encode code points above 0xFFFF: move them above 0xE000–0xFFFF.
      x = x >= 0xd800 && x <= 0xdfff ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
      y = y >= 0xd800 && y <= 0xdfff ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * `compareNames` on name ids, fast: names with no code unit from U+D800 up (nearly all) compare natively, which
 * for them is the same order; the check is made once per name.
 */
export function nameIdComparer(names: readonly string[]): (a: number, b: number) => number {
  // 0: not checked yet, 1: plain, 2: has a surrogate or a code unit from U+E000.
  const kind = new Uint8Array(names.length);
  const plain = (id: number) => {
    if (kind[id] === 0) {
      kind[id] = /[\ud800-\uffff]/.test(names[id]) ? 2 : 1;
    }
    return kind[id] === 1;
  };
  return (a, b) => {
    const x = names[a];
    const y = names[b];
    if (x === y) {
      return 0;
    }
    if (plain(a) && plain(b)) {
      return x < y ? -1 : 1;
    }
    return compareNames(x, y);
  };
}

/** Each node's place in name order (indexed by name id), so that sorts compare names as integers. */
function nameRanks(nodes: readonly number[], names: readonly string[]): Int32Array {
  const rank = new Int32Array(names.length);
  [...nodes].sort(nameIdComparer(names)).forEach((id, k) => {
    rank[id] = k;
  });
  return rank;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * log2 computed the way Go's math.Log2 does (mantissa and exponent split, natural log of the mantissa scaled),
 * so that the entropy scores below round as pprof's do. `x` is a positive finite number.
 */
export function goLog2(x: number): number {
  F64[0] = x;
  let shift = 0;
  if (U32[HI] >>> 20 === 0) {
    // Subnormal: normalise first.
    F64[0] = x * 2 ** 52;
    shift = -52;
  }
  const exp = ((U32[HI] >>> 20) & 0x7ff) - 1022 + shift;
  U32[HI] = (U32[HI] & 0x800fffff) | (1022 << 20);
  const frac = F64[0];
  if (frac === 0.5) {
    return exp - 1;
  }
  return Math.log(frac) * Math.LOG2E + exp;
}

/** -frac × log2(frac): one edge's (or the flat value's) share of a node's entropy. */
function entropyTerm(frac: number): number {
  return frac > 0 ? -frac * goLog2(frac) : 0;
}

/**
 * Sorts the graph's nodes in pprof's visual ("entropy") order: nodes whose in and out edges spread the value
 * over several callers or callees score higher than pass-through nodes; entry and leaf nodes get a bonus; the
 * score scales with cum, plus flat. Ties: name, then flat. Uses every edge of the graph, alive or not.
 */
export function entropyOrder(g: WorkGraph, flat: Float64Array, cum: Float64Array, names: readonly string[]): number[] {
  const m = g.nodes.length;
  const slot = new Int32Array(names.length);
  g.nodes.forEach((id, k) => {
    slot[id] = k;
  });
  const from = Int32Array.from(g.from, (id) => slot[id]);
  const to = Int32Array.from(g.to, (id) => slot[id]);
  const ins = new Int32Array(m);
  const outs = new Int32Array(m);
  // A node's in total is its callers' positive weights; its out total adds its own flat value.
  const inTotal = new Float64Array(m);
  const outTotal = Float64Array.from(g.nodes, (id) => flat[id]);
  for (let e = 0; e < from.length; e++) {
    const w = g.weight[e];
    outs[from[e]]++;
    ins[to[e]]++;
    if (w > 0) {
      outTotal[from[e]] += w;
      inTotal[to[e]] += w;
    }
  }
  const inScore = new Float64Array(m);
  const outScore = new Float64Array(m);
  for (let e = 0; e < from.length; e++) {
    const w = Math.abs(g.weight[e]);
    const s = from[e];
    const t = to[e];
    if (outTotal[s] !== 0) {
      outScore[s] += entropyTerm(w / outTotal[s]);
    }
    if (inTotal[t] !== 0) {
      inScore[t] += entropyTerm(w / inTotal[t]);
    }
  }
  const score = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const id = g.nodes[k];
    const self = flat[id];
    const out = outs[k] === 0 ? 1 : outScore[k] + (self > 0 && outTotal[k] !== 0 ? entropyTerm(self / outTotal[k]) : 0);
    const s = (ins[k] === 0 ? 1 : inScore[k]) + out;
    score[k] = Math.trunc(s * cum[id]) + self;
  }
  const rank = nameRanks(g.nodes, names);
  const order = Array.from({ length: m }, (_, k) => k);
  order.sort(
    (a, b) =>
      Math.abs(score[b]) - Math.abs(score[a]) ||
      rank[g.nodes[a]] - rank[g.nodes[b]] ||
      Math.abs(flat[g.nodes[b]]) - Math.abs(flat[g.nodes[a]])
  );
  return order.map((k) => g.nodes[k]);
}

/** pprof's edge order: heavier first, then by caller name, then by callee name. */
export function edgeOrder(g: WorkGraph, names: readonly string[]): (a: number, b: number) => number {
  const rank = nameRanks(g.nodes, names);
  return (a, b) =>
    Math.abs(g.weight[b]) - Math.abs(g.weight[a]) || rank[g.from[a]] - rank[g.from[b]] || rank[g.to[a]] - rank[g.to[b]];
}

/** Marks dead every alive edge lighter than `cutoff`; returns how many. */
export function trimLightEdges(g: WorkGraph, cutoff: number): number {
  let dropped = 0;
  for (let e = 0; e < g.from.length; e++) {
    if (g.alive[e] && Math.abs(g.weight[e]) < cutoff) {
      g.alive[e] = 0;
      dropped++;
    }
  }
  return dropped;
}

/**
 * Removes residual edges whose callee the caller still reaches by another path, lightest first: nodes are walked
 * from the last of `order` to the first, each node's incoming edges from the lightest up, stopping at the first
 * edge that is not residual (a residual edge heavier than a direct one is kept, to avoid confusion).
 */
export function removeRedundantEdges(g: WorkGraph, order: number[], names: readonly string[]): void {
  if (!g.residual.some((r, e) => r && g.alive[e])) {
    return;
  }
  const incoming = new Map<number, number[]>();
  for (const id of g.nodes) {
    incoming.set(id, []);
  }
  for (let e = 0; e < g.from.length; e++) {
    if (g.alive[e]) {
      incoming.get(g.to[e])?.push(e);
    }
  }
  const byWeight = edgeOrder(g, names);
  for (let i = order.length - 1; i >= 0; i--) {
    const alive = (incoming.get(order[i]) ?? []).filter((e) => g.alive[e]);
    if (!alive.some((e) => g.residual[e])) {
      continue;
    }
    const ins = alive.sort(byWeight);
    for (let j = ins.length - 1; j >= 0; j--) {
      const e = ins[j];
      if (!g.residual[e]) {
        break;
      }
      if (reachesAround(g, incoming, e)) {
        g.alive[e] = 0;
      }
    }
  }
}

/** Whether the caller of edge `edge` reaches its callee by alive edges other than `edge` (walking callers up). */
function reachesAround(g: WorkGraph, incoming: Map<number, number[]>, edge: number): boolean {
  const src = g.from[edge];
  const seen = new Set<number>([g.to[edge]]);
  const queue = [g.to[edge]];
  for (let q = 0; q < queue.length; q++) {
    for (const e of incoming.get(queue[q]) ?? []) {
      const caller = g.from[e];
      if (e === edge || !g.alive[e] || seen.has(caller)) {
        continue;
      }
      if (caller === src) {
        return true;
      }
      seen.add(caller);
      queue.push(caller);
    }
  }
  return false;
}
