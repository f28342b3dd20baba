import { indexOf, type Profile } from '../profile';

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

/**
 * The top table of `profile`, built in one pass over the nested set (no recursion, no per-node objects) and cached
 * per profile object, so a view can build it in a task of its own before it renders it.
 */
export function topTable(profile: Profile): TopTable {
  let table = cache.get(profile);
  if (!table) {
    table = build(profile);
    cache.set(profile, table);
  }
  return table;
}

function build(profile: Profile): TopTable {
  const n = profile.level.length;
  const nameCount = profile.names.length;
  const right = profile.right;
  const selfBy = new Float64Array(nameCount);
  const totalBy = new Float64Array(nameCount);
  const selfRBy = right ? new Float64Array(nameCount) : undefined;
  const totalRBy = right ? new Float64Array(nameCount) : undefined;
  const seen = new Uint8Array(nameCount);
  // How many nodes of each name are open on the current root-to-node path.
  const onPath = new Int32Array(nameCount);
  const { subtreeEnd, maxLevel } = indexOf(profile);
  // The open nodes of the current path: one per depth.
  const open = new Int32Array(maxLevel + 2);
  let depth = 0;
  const order: number[] = [];
  // Node 0 is the synthetic root: it is not a function.
  for (let i = 1; i < n; i++) {
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
  const ids = Int32Array.from(order);
  const pick = (a: Float64Array) => Float64Array.from(order, (id) => a[id]);
  return {
    nameId: ids,
    self: pick(selfBy),
    total: pick(totalBy),
    ...(selfRBy && totalRBy ? { selfRight: pick(selfRBy), totalRight: pick(totalRBy) } : {}),
  };
}
