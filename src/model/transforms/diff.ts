import { type Profile } from '../profile';
import { StackTreeBuilder, type Side } from '../treeBuilder';

/**
 * Merges two profiles into one diff profile: the union of their call paths, with `total`/`self` from the
 * baseline (`left`) and `right.total`/`right.self` from the compared profile. A path present on one side only has
 * zeros on the other. Paths are matched by the names from the root down, so the two inputs may have different
 * string tables and sibling orders. Linear in the two sizes (plus sorting siblings by name).
 */
export function mergeDiff(left: Profile, right: Profile): Profile {
  if (left.unit !== right.unit) {
    throw new Error(`cannot compare profiles in different units: ${left.unit} and ${right.unit}`);
  }
  const builder = new StackTreeBuilder(true);
  addProfile(builder, left, 0);
  addProfile(builder, right, 1);
  return builder.build(left.unit);
}

/** Adds every node's self value of `profile` on `side`, mapping nodes by path (the root maps to the root). */
function addProfile(builder: StackTreeBuilder, profile: Profile, side: Side): void {
  const n = profile.level.length;
  const nameMap = profile.names.map((name) => builder.intern(name));
  // mapped[d] is the builder node of the open profile node at depth d.
  const mapped = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const d = profile.level[i];
    const node = d === 0 ? 0 : builder.child(mapped[d - 1], nameMap[profile.nameId[i]]);
    mapped[d] = node;
    builder.addSelf(node, profile.self[i], side);
  }
}
