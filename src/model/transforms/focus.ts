import { indexOf, type Profile } from '../profile';

/**
 * The subtree of `node` as a profile of its own, with `node` as the root at level 0 (what a "focus" click zooms to).
 * The string table is shared with the input. Linear in the subtree size.
 */
export function focusSubtree(profile: Profile, node: number): Profile {
  const n = profile.level.length;
  if (!(node >= 0 && node < n)) {
    throw new RangeError(`focusSubtree: node ${node} is outside the profile (${n} nodes)`);
  }
  const end = indexOf(profile).subtreeEnd[node];
  const base = profile.level[node];
  const level = profile.level.slice(node, end);
  for (let i = 0; i < level.length; i++) {
    level[i] -= base;
  }
  const sub: Profile = {
    names: profile.names,
    level,
    nameId: profile.nameId.slice(node, end),
    total: profile.total.slice(node, end),
    self: profile.self.slice(node, end),
    unit: profile.unit,
  };
  return profile.right
    ? { ...sub, right: { total: profile.right.total.slice(node, end), self: profile.right.self.slice(node, end) } }
    : sub;
}
