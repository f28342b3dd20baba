import { indexOf, pathTo, type Profile } from '../../model/profile';

/**
 * Carries view state from one profile to the next (a frame filter added or removed, a refreshed answer): node and
 * name ids differ between them, so state is moved by what it means — a call path, a function name — and dropped
 * when the new profile has no such path or function.
 */

/** The node of `next` on the same call path (same names from the root) as `node` of `prev`; 0 (the root) if none. */
export function samePathNode(prev: Profile, node: number, next: Profile): number {
  if (node <= 0 || node >= prev.level.length) {
    return 0;
  }
  const names = pathTo(prev, node)
    .slice(1)
    .map((i) => prev.names[prev.nameId[i]]);
  const { subtreeEnd } = indexOf(next);
  let at = 0;
  for (const name of names) {
    let found = -1;
    // Children of `at`: from at + 1, each child's subtree skipped, until the end of at's subtree.
    for (let c = at + 1; c < subtreeEnd[at]; c = subtreeEnd[c]) {
      if (next.names[next.nameId[c]] === name) {
        found = c;
        break;
      }
    }
    if (found < 0) {
      return 0;
    }
    at = found;
  }
  return at;
}

/** The name id in `next` of name `nameId` of `prev`, when some node of `next` has that name. */
export function sameName(prev: Profile, nameId: number | undefined, next: Profile): number | undefined {
  if (nameId === undefined) {
    return undefined;
  }
  const id = next.names.indexOf(prev.names[nameId]);
  return id >= 0 && next.nameId.includes(id) ? id : undefined;
}
