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
  // Written as a variable reference: Grafana re-runs a query when a variable it references changes, so the panel
  // follows the focus moment (an unknown variable stays as written and means "no focus").
  focusVariable: '$focus',
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
