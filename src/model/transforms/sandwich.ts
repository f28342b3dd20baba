import { indexOf, type Profile } from '../profile';
import { StackTreeBuilder, type Side } from '../treeBuilder';

/** Callers and callees of one function. */
export interface Sandwich {
  /** Inverted tree: the function at the root, its callers as children, their callers below, and so on. */
  callers: Profile;
  /** The function at the root with every call path below it merged. */
  callees: Profile;
}

/**
 * Sandwich view of the function named `names[nameId]`. Only the outermost occurrence on each path counts, so
 * recursion is not counted twice; both trees have the function's total (as the top table reports it) at the root.
 * Diff profiles keep both sides. Cost: the callees are linear; the callers walk each outermost occurrence's path.
 */
export function sandwich(profile: Profile, nameId: number): Sandwich {
  const n = profile.level.length;
  const { parent, subtreeEnd } = indexOf(profile);
  const diff = profile.right !== undefined;
  const callers = new StackTreeBuilder(diff);
  const callees = new StackTreeBuilder(diff);
  const calleeNames = profile.names.map((name) => callees.intern(name));
  const callerNames = profile.names.map((name) => callers.intern(name));
  const sides: Array<[Side, Float64Array, Float64Array]> = [[0, profile.total, profile.self]];
  if (profile.right) {
    sides.push([1, profile.right.total, profile.right.self]);
  }
  const mapped = new Int32Array(n + 1);
  const path: number[] = [];
  for (let i = 1; i < n;) {
    if (profile.nameId[i] !== nameId) {
      i++;
      continue;
    }
    // Outermost occurrence: merge its subtree under the callee root, then skip past it.
    const end = subtreeEnd[i];
    const base = profile.level[i];
    for (let j = i; j < end; j++) {
      const d = profile.level[j] - base;
      const node = d === 0 ? 0 : callees.child(mapped[d - 1], calleeNames[profile.nameId[j]]);
      mapped[d] = node;
      for (const [side, , self] of sides) {
        callees.addSelf(node, self[j], side);
      }
    }
    path.length = 0;
    for (let p = parent[i]; p > 0; p = parent[p]) {
      path.push(callerNames[profile.nameId[p]]);
    }
    for (const [side, total] of sides) {
      callers.addStack(path, total[i], side);
    }
    i = end;
  }
  const rename = (p: Profile, id: number): Profile => {
    const nameIds = p.nameId.slice();
    nameIds[0] = id;
    return { ...p, nameId: nameIds };
  };
  const name = profile.names[nameId];
  return {
    callers: rename(callers.build(profile.unit), callers.intern(name)),
    callees: rename(callees.build(profile.unit), callees.intern(name)),
  };
}
