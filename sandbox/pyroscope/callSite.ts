import type { Profile } from '../../src/model/profile';
import { StackTreeBuilder } from '../../src/model/treeBuilder';

/**
 * `stackTraceSelector.callSite` of `SelectMergeStacktraces` and of each side of `Diff`: keep only the stacks that
 * start, from the root, with the given frames (Grafana Pyroscope's `funcNamesMatchSelection` in
 * `pkg/phlaredb/symdb/resolver_tree.go`). Frames on the prefix keep no self value (the samples that stopped there did
 * not reach the call site); the call site keeps its own, and its subtree is kept whole. The caller applies the
 * `maxNodes` cut afterwards, as the server does.
 */
export function filterByCallSite(profile: Profile, callSite: readonly string[]): Profile {
  if (callSite.length === 0) {
    return profile;
  }
  const builder = new StackTreeBuilder();
  const n = profile.level.length;
  const depth = callSite.length;
  // onPrefix[d]: the open node at depth d (<= depth) spells the call site so far; mapped[d]: its builder node
  // (for d >= depth), or -1 when it is not kept.
  const onPrefix = new Uint8Array(n + 1);
  const mapped = new Int32Array(n + 1).fill(-1);
  onPrefix[0] = 1;
  for (let i = 1; i < n; i++) {
    const d = profile.level[i];
    const name = profile.names[profile.nameId[i]];
    onPrefix[d] = 0;
    mapped[d] = -1;
    if (d <= depth) {
      if (!onPrefix[d - 1] || name !== callSite[d - 1]) {
        continue;
      }
      onPrefix[d] = 1;
      if (d < depth) {
        continue;
      }
      // Siblings have distinct names, so at most one node spells the whole call site: create its path now.
      let node = 0;
      for (const frame of callSite) {
        node = builder.child(node, builder.intern(frame));
      }
      mapped[d] = node;
    } else {
      if (mapped[d - 1] < 0) {
        continue;
      }
      mapped[d] = builder.child(mapped[d - 1], builder.intern(name));
    }
    builder.addSelf(mapped[d], profile.self[i]);
  }
  return builder.build(profile.unit);
}
