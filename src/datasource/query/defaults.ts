import { DEFAULT_COMPARE_VARIABLE, DEFAULT_FOCUS_VARIABLE } from '../../model/contract';
import type { ProfileDataSourceOptions, ProfileQuery } from '../types';

/** Default max nodes of a flame graph (the server's own default is 8192). */
export const DEFAULT_MAX_NODES = 16384;
/** Smallest series step, as Grafana's Pyroscope datasource uses. */
export const DEFAULT_MIN_STEP = '15s';
/** Request timeout in seconds. */
export const DEFAULT_TIMEOUT_SEC = 30;
/** The profile type a new query starts with when the server has it. */
export const DEFAULT_PROFILE_TYPE = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

/** Defaults for a new query (the editor fills the profile type and service from the server). */
export const DEFAULT_QUERY: Partial<ProfileQuery> = {
  queryType: 'both',
  labelSelector: '{}',
  groupBy: [],
  // Written into the query as variable references: Grafana re-runs a query only when a variable written in it
  // changes, and a query reads no variable it does not name (docs/variables.md). An unknown variable stays as written
  // and means "no focus" / "no comparison", so these defaults are harmless on dashboards without them.
  focusVariable: `$${DEFAULT_FOCUS_VARIABLE}`,
  compare: `$${DEFAULT_COMPARE_VARIABLE}`,
};

/** Settings with every default applied. */
export function effectiveOptions(jsonData: ProfileDataSourceOptions | undefined) {
  return {
    flavor: jsonData?.flavor ?? 'auto',
    minStep: jsonData?.minStep || DEFAULT_MIN_STEP,
    maxNodes: jsonData?.maxNodes && jsonData.maxNodes > 0 ? jsonData.maxNodes : DEFAULT_MAX_NODES,
    timeoutSec: jsonData?.timeoutSec && jsonData.timeoutSec > 0 ? jsonData.timeoutSec : DEFAULT_TIMEOUT_SEC,
  };
}
