import { indexOf, type Profile } from '../profile';
import { runSteps, type Steps } from '../steps';

/**
 * Self and total per function name, as `go tool pprof -top` reports them: self is the sum of the function's self
 * values; total counts each stack once even when the function recurses (nodes under an ancestor of the same name
 * are not added again). Columns are aligned: row r is `names[nameId[r]]`. Rows are in first-seen order; sort in
 * the view.
 */
export interface TopTable {
  readonly nameId: Int32Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
  /** Compared side, for diff profiles. */
  readonly selfRight?: Float64Array;
  readonly totalRight?: Float64Array;
}

const cache = new WeakMap<Profile, TopTable>();

/** Nodes per step of `topTableSteps`: a few milliseconds of work. */
export const TOP_TABLE_NODES_PER_STEP = 250_000;

/**
 * The top table of `profile`, built in one pass over the nested set (no recursion, no per-node objects) and cached
 * per profile object, so a view can build it ahead (in steps, `topTableSteps`) before it renders it.
 */
export function topTable(profile: Profile): TopTable {
  return runSteps(topTableSteps(profile));
}

/** `topTable` in steps of `nodesPerStep` nodes, for a caller that yields between them. */
export function* topTableSteps(profile: Profile, nodesPerStep = TOP_TABLE_NODES_PER_STEP): Steps<TopTable> {
  const cached = cache.get(profile);
  if (cached) {
    return cached;
  }
  const pass = newPass(profile);
  const n = profile.level.length;
  // Node 0 is the synthetic root: it is not a function.
  const step = Math.max(1, nodesPerStep);
  for (let from = 1; from < n; from += step) {
    yield;
    tableRange(pass, from, Math.min(n, from + step));
  }
  const { order, selfBy, totalBy, selfRBy, totalRBy } = pass;
  const pick = (a: Float64Array) => Float64Array.from(order, (id) => a[id]);
  const table: TopTable = {
    nameId: Int32Array.from(order),
    self: pick(selfBy),
    total: pick(totalBy),
    ...(selfRBy && totalRBy ? { selfRight: pick(selfRBy), totalRight: pick(totalRBy) } : {}),
  };
  cache.set(profile, table);
  return table;
}

/** Sums per name so far, and the open path where the walk stopped. */
interface TablePass {
  profile: Profile;
  subtreeEnd: Int32Array;
  selfBy: Float64Array;
  totalBy: Float64Array;
  selfRBy?: Float64Array;
  totalRBy?: Float64Array;
  seen: Uint8Array;
  /** How many nodes of each name are open on the current root-to-node path. */
  onPath: Int32Array;
  /** The open nodes of the current path (the root excluded): one per depth. */
  open: Int32Array;
  depth: number;
  /** Name ids in first-seen order. */
  order: number[];
}

function newPass(profile: Profile): TablePass {
  const nameCount = profile.names.length;
  const right = profile.right;
  const { subtreeEnd, maxLevel } = indexOf(profile);
  return {
    profile,
    subtreeEnd,
    selfBy: new Float64Array(nameCount),
    totalBy: new Float64Array(nameCount),
    ...(right ? { selfRBy: new Float64Array(nameCount), totalRBy: new Float64Array(nameCount) } : {}),
    seen: new Uint8Array(nameCount),
    onPath: new Int32Array(nameCount),
    open: new Int32Array(maxLevel + 2),
    depth: 0,
    order: [],
  };
}

/** Adds nodes `[from, to)` (a plain function, so its loop is optimised; see `dataFrameToProfileSteps`). */
function tableRange(pass: TablePass, from: number, to: number): void {
  const { profile, subtreeEnd, selfBy, totalBy, selfRBy, totalRBy, seen, onPath, open, order } = pass;
  const right = profile.right;
  let depth = pass.depth;
  for (let i = from; i < to; i++) {
    while (depth > 0 && subtreeEnd[open[depth - 1]] <= i) {
      onPath[profile.nameId[open[--depth]]]--;
    }
    const id = profile.nameId[i];
    if (!seen[id]) {
      seen[id] = 1;
      order.push(id);
    }
    selfBy[id] += profile.self[i];
    if (right && selfRBy && totalRBy) {
      selfRBy[id] += right.self[i];
      if (onPath[id] === 0) {
        totalRBy[id] += right.total[i];
      }
    }
    if (onPath[id] === 0) {
      totalBy[id] += profile.total[i];
    }
    onPath[id]++;
    open[depth++] = i;
  }
  pass.depth = depth;
}
