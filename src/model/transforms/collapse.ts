import { indexOf, type Profile } from '../profile';

/** A profile with single-child chains folded into their first node, and where each output node came from. */
export interface CollapsedProfile {
  profile: Profile;
  /** For each output node, the input node at the head of its chain (the node whose name it shows). */
  source: Int32Array;
  /** For each output node, how many input nodes it stands for (1 when nothing was folded into it). */
  chainLength: Int32Array;
}

/**
 * Folds chains of single children into their head: a node that is the only child of its parent and holds at least
 * `threshold` of the parent's total (on both sides of a diff) disappears, its self value moves to the head and its
 * children move up. The root's children are never folded into the synthetic root. `threshold` 1 folds only
 * exact pass-through frames; Grafana's flame graph uses 0.99.
 */
export function collapseChains(profile: Profile, threshold = 1): CollapsedProfile {
  const n = profile.level.length;
  const { parent, subtreeEnd } = indexOf(profile);
  const right = profile.right;
  const absorbed = new Uint8Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p > 0 && subtreeEnd[i] === subtreeEnd[p] && i === p + 1) {
      const ok =
        profile.total[i] >= threshold * profile.total[p] && (!right || right.total[i] >= threshold * right.total[p]);
      absorbed[i] = ok ? 1 : 0;
    }
    kept += absorbed[i] ? 0 : 1;
  }
  const level = new Int32Array(kept);
  const nameId = new Int32Array(kept);
  const total = new Float64Array(kept);
  const self = new Float64Array(kept);
  const rTotal = right ? new Float64Array(kept) : undefined;
  const rSelf = right ? new Float64Array(kept) : undefined;
  const source = new Int32Array(kept);
  const chainLength = new Int32Array(kept);
  // Output index of each input node (absorbed nodes point at their chain head's output).
  const outOf = new Int32Array(n);
  let out = 0;
  for (let i = 0; i < n; i++) {
    if (absorbed[i]) {
      const head = outOf[parent[i]];
      outOf[i] = head;
      self[head] += profile.self[i];
      if (rSelf && right) {
        rSelf[head] += right.self[i];
      }
      chainLength[head]++;
      continue;
    }
    const p = parent[i];
    level[out] = p < 0 ? 0 : level[outOf[p]] + 1;
    nameId[out] = profile.nameId[i];
    total[out] = profile.total[i];
    self[out] = profile.self[i];
    if (rTotal && rSelf && right) {
      rTotal[out] = right.total[i];
      rSelf[out] = right.self[i];
    }
    source[out] = i;
    chainLength[out] = 1;
    outOf[i] = out++;
  }
  const result: Profile = { names: profile.names, level, nameId, total, self, unit: profile.unit };
  return {
    profile: rTotal && rSelf ? { ...result, right: { total: rTotal, self: rSelf } } : result,
    source,
    chainLength,
  };
}
