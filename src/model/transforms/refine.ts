import { indexOf, pathTo, type Profile } from '../profile';
import { TRUNCATED_NODE_NAME } from './truncation';

/**
 * Refine on focus, the model's part: which focused frame lost detail to the server's node limit, the call site that
 * names it for the server, and how the server's exact answer for that call site is put back into the profile.
 *
 * A call site is the list of frame names from the root's first child down to a node (the synthetic root is not part
 * of it), as Grafana Pyroscope's `stackTraceSelector.callSite` spells it. The server's answer to such a selector is a
 * tree from the root that holds only the stacks passing through the call site: the call site's frames, one node per
 * level, then the call site's whole subtree (truncated again, but within the whole node budget).
 */

/** Why a refined answer cannot be put into a profile. */
export class RefineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefineError';
  }
}

/** Names from the root's first child down to `node` (empty for the root). */
export function callSiteOf(profile: Profile, node: number): string[] {
  return pathTo(profile, node)
    .slice(1)
    .map((i) => profile.names[profile.nameId[i]]);
}

/** The node reached by following `callSite` from the root, child by child, by name; -1 when there is none. */
export function findCallSite(profile: Profile, callSite: readonly string[]): number {
  if (profile.level.length === 0) {
    return -1;
  }
  const { subtreeEnd } = indexOf(profile);
  let at = 0;
  for (const name of callSite) {
    let found = -1;
    for (let c = at + 1; c < subtreeEnd[at]; c = subtreeEnd[c]) {
      if (profile.names[profile.nameId[c]] === name) {
        found = c;
        break;
      }
    }
    if (found < 0) {
      return -1;
    }
    at = found;
  }
  return at;
}

/**
 * True when the server merged part of `node`'s subtree into an `other` node: some node below it (at any depth) is
 * named `other`. An `other` node itself is not a call site (there is nothing to ask the server for), so it is false
 * for one, and for the root (its refinement is the query itself).
 */
export function subtreeIsTruncated(profile: Profile, node: number): boolean {
  if (node <= 0 || node >= profile.level.length) {
    return false;
  }
  const otherId = profile.names.indexOf(TRUNCATED_NODE_NAME);
  if (otherId < 0 || profile.nameId[node] === otherId) {
    return false;
  }
  const end = indexOf(profile).subtreeEnd[node];
  for (let i = node + 1; i < end; i++) {
    if (profile.nameId[i] === otherId) {
      return true;
    }
  }
  return false;
}

/** A profile with one subtree replaced by the server's refined answer. */
export interface SplicedProfile {
  profile: Profile;
  /** The spliced node in `profile` (the call site). */
  node: number;
  /** True when the refined subtree has no `other` node: every value below the call site is exact. */
  exact: boolean;
  /**
   * The refined total minus the total the profile had at the call site (per side): 0 when both answers read the
   * same data; otherwise the ancestors' totals were moved by it so every node's self + children = total still holds.
   */
  delta: number;
  deltaRight?: number;
}

/**
 * Replaces the subtree at `callSite` in `profile` with the subtree at the same call site in `refined` (the server's
 * answer to that call site's selector). The call site node takes the refined total and self, its children are the
 * refined ones, and every ancestor's total moves by the difference, so the model's invariants hold; nodes outside
 * the call site's subtree are unchanged. A diff profile needs a diff answer (both sides are spliced). Throws a
 * RefineError when the profile has no such call site, the answer does not contain it, or the kinds differ.
 */
export function spliceSubtree(profile: Profile, callSite: readonly string[], refined: Profile): SplicedProfile {
  const at = findCallSite(profile, callSite);
  if (at <= 0) {
    throw new RefineError(`The profile has no frame at ${describeCallSite(callSite)}`);
  }
  if (Boolean(profile.right) !== Boolean(refined.right)) {
    throw new RefineError(
      profile.right ? 'The refined answer is not a comparison' : 'The refined answer is a comparison'
    );
  }
  const from = findCallSite(refined, callSite);
  if (from <= 0) {
    throw new RefineError(`The server's answer has no stack through ${describeCallSite(callSite)}`);
  }
  const { subtreeEnd, parent } = indexOf(profile);
  const refinedEnd = indexOf(refined).subtreeEnd[from];
  const atEnd = subtreeEnd[at];
  const inserted = refinedEnd - from;
  const n = profile.level.length - (atEnd - at) + inserted;

  const names = [...profile.names];
  const ids = new Map<string, number>();
  names.forEach((name, id) => {
    if (!ids.has(name)) {
      ids.set(name, id);
    }
  });
  const intern = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      ids.set(name, id);
    }
    return id;
  };

  const level = new Int32Array(n);
  const nameId = new Int32Array(n);
  const total = new Float64Array(n);
  const self = new Float64Array(n);
  const pr = profile.right;
  const rr = refined.right;
  const totalR = pr ? new Float64Array(n) : undefined;
  const selfR = pr ? new Float64Array(n) : undefined;

  // Before the call site, the call site's replacement, then the rest: three copies of columns.
  level.set(profile.level.subarray(0, at));
  nameId.set(profile.nameId.subarray(0, at));
  total.set(profile.total.subarray(0, at));
  self.set(profile.self.subarray(0, at));
  const shift = profile.level[at] - refined.level[from];
  for (let k = 0; k < inserted; k++) {
    const src = from + k;
    level[at + k] = refined.level[src] + shift;
    nameId[at + k] = intern(refined.names[refined.nameId[src]]);
    total[at + k] = refined.total[src];
    self[at + k] = refined.self[src];
  }
  const after = at + inserted;
  level.set(profile.level.subarray(atEnd), after);
  nameId.set(profile.nameId.subarray(atEnd), after);
  total.set(profile.total.subarray(atEnd), after);
  self.set(profile.self.subarray(atEnd), after);
  if (pr && rr && totalR && selfR) {
    totalR.set(pr.total.subarray(0, at));
    selfR.set(pr.self.subarray(0, at));
    totalR.set(rr.total.subarray(from, refinedEnd), at);
    selfR.set(rr.self.subarray(from, refinedEnd), at);
    totalR.set(pr.total.subarray(atEnd), after);
    selfR.set(pr.self.subarray(atEnd), after);
  }

  // The ancestors keep their selves; their totals follow the call site's new total.
  const delta = refined.total[from] - profile.total[at];
  const deltaRight = pr && rr ? rr.total[from] - pr.total[at] : undefined;
  for (let a = parent[at]; a >= 0; a = parent[a]) {
    total[a] += delta;
    if (totalR && deltaRight !== undefined) {
      totalR[a] += deltaRight;
    }
  }

  const otherId = refined.names.indexOf(TRUNCATED_NODE_NAME);
  let exact = true;
  for (let i = from + 1; i < refinedEnd && otherId >= 0; i++) {
    if (refined.nameId[i] === otherId) {
      exact = false;
      break;
    }
  }
  const spliced: Profile = {
    names,
    level,
    nameId,
    total,
    self,
    unit: profile.unit,
    ...(totalR && selfR ? { right: { total: totalR, self: selfR } } : {}),
  };
  return { profile: spliced, node: at, exact, delta, ...(deltaRight !== undefined ? { deltaRight } : {}) };
}

/** `main → foo → bar` (the last frames only, for a deep call site). */
export function describeCallSite(callSite: readonly string[]): string {
  const shown = callSite.length > 4 ? ['…', ...callSite.slice(-3)] : callSite;
  return shown.length > 0 ? shown.join(' → ') : 'the root';
}
