import { useEffect } from 'react';

import { nodeCount, type Profile } from '../../model/profile';
import { collapseChains, type CollapsedProfile } from '../../model/transforms/collapse';
import { callSiteOf } from '../../model/transforms/refine';

/**
 * Tells the panel which call site the view is focused on (refine on focus: `docs/refine-on-focus.md`), after the
 * focus has been painted, so a click costs nothing more. The call site is spelled in `input`, the profile before
 * chain collapsing: a collapsed node stands for a chain of frames and shows the subtree of the chain's last one, so
 * that last frame's path is the call site the server knows.
 */

const collapsedOf = new WeakMap<Profile, CollapsedProfile>();

/** The chain collapsing the view applies (same threshold), cached per input profile. */
function collapsed(input: Profile): CollapsedProfile {
  let c = collapsedOf.get(input);
  if (!c) {
    c = collapseChains(input, 0.99);
    collapsedOf.set(input, c);
  }
  return c;
}

/** The call site of `focusNode` of `shown` (`input`, or `input` with chains collapsed); undefined for the root. */
export function focusCallSite(
  input: Profile,
  shown: Profile,
  isCollapsed: boolean,
  focusNode: number
): string[] | undefined {
  if (focusNode <= 0 || focusNode >= nodeCount(shown)) {
    return undefined;
  }
  if (!isCollapsed) {
    return callSiteOf(shown, focusNode);
  }
  const c = collapsed(input);
  if (c.profile.level.length !== shown.level.length) {
    return undefined;
  }
  return callSiteOf(input, c.source[focusNode] + c.chainLength[focusNode] - 1);
}

export function useReportFocusCallSite(
  input: Profile,
  shown: Profile,
  isCollapsed: boolean,
  focusNode: number,
  report: ((callSite: readonly string[] | undefined) => void) | undefined
): void {
  useEffect(() => {
    report?.(focusCallSite(input, shown, isCollapsed, focusNode));
  }, [input, shown, isCollapsed, focusNode, report]);
}
