import type { FilterMeta, ProfileFrameMeta, ServerFlavor, WindowMeta } from '../../model/contract';
import { nodeCount, type Profile } from '../../model/profile';
import { TRUNCATED_NODE_NAME } from '../../model/transforms/truncation';
import type { TimeRangeMs } from '../api/types';
import type { QueryWindows } from './window';

/*
 * The writing side of the frame contract: `meta.custom` of the flame graph frames this datasource sends
 * (`ProfileFrameMeta` in model/contract.ts says what each key means and who reads it).
 */

/** The window part of a frame's meta. */
export function windowMeta(w: QueryWindows): WindowMeta {
  const meta: WindowMeta = {};
  if (w.focus) {
    meta.focusVariable = w.focus.variable;
    meta.focusMs = w.focus.atMs;
    meta.focusWindowMs = w.focus.windowMs;
    meta.dashboardFromMs = w.dashboard.fromMs;
    meta.dashboardToMs = w.dashboard.toMs;
  }
  if (w.baseline) {
    meta.compare = w.compare;
    meta.baselineFromMs = w.baseline.fromMs;
    meta.baselineToMs = w.baseline.toMs;
  }
  return meta;
}

/** Builds the frame meta for a decoded profile. */
export function profileFrameMeta(
  profile: Profile,
  q: { profileTypeId: string; labelSelector: string; range: TimeRangeMs; maxNodes: number; flavor: ServerFlavor }
): ProfileFrameMeta {
  const otherId = profile.names.indexOf(TRUNCATED_NODE_NAME);
  const truncated = otherId >= 0 && profile.nameId.includes(otherId);
  return {
    profileTypeId: q.profileTypeId,
    labelSelector: q.labelSelector,
    fromMs: q.range.fromMs,
    toMs: q.range.toMs,
    maxNodes: q.maxNodes,
    flavor: q.flavor,
    truncated,
    nodeCount: nodeCount(profile),
  };
}

/**
 * The filter part of a frame's meta: the query's filter list, variables replaced (`interpolated`), and the variable
 * the field is when it is one reference (`$filters`, `${filters}`, `${filters:raw}`), so the panel can write chip
 * edits back to it. Nothing when the field is empty as written; an empty list when it names a variable the
 * dashboard does not have.
 */
export function filterMeta(written: string | undefined, interpolated: string | undefined): FilterMeta {
  if (!written?.trim()) {
    return {};
  }
  const reference = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?::raw)?\})$/.exec(written.trim());
  if (reference && interpolated === written.trim()) {
    // Left as written: the dashboard has no such variable, so there are no filters and nowhere to write edits.
    return { frameFilters: '' };
  }
  const meta: FilterMeta = { frameFilters: interpolated ?? '' };
  if (reference) {
    meta.frameFiltersVariable = reference[1] ?? reference[2];
  }
  return meta;
}
