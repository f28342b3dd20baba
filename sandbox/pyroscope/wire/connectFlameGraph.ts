import type { Profile } from '../../../src/model/profile';
import { profileToLevels } from './levels';

/** Connect JSON `FlameGraph` / `FlameGraphDiff` as protojson writes them: int64 as strings, zero fields left out. */
export interface ConnectFlameGraphJson {
  names: string[];
  levels: Array<{ values?: string[] }>;
  total?: string;
  maxSelf?: string;
  leftTicks?: string;
  rightTicks?: string;
}

/**
 * The `SelectMergeStacktraces` (or, for a diff profile, `Diff`) response of Grafana Pyroscope for a profile:
 * `{flamegraph: {names, levels: [{values}], total, maxSelf}}`, plus `leftTicks`/`rightTicks` for a diff.
 */
export function encodeConnectFlameGraph(profile: Profile): { flamegraph: ConnectFlameGraphJson } {
  const { names, levels, maxSelf } = profileToLevels(profile);
  const right = profile.right;
  const flamegraph: ConnectFlameGraphJson = {
    names: [...names],
    // protojson writes an empty repeated field as nothing: a row without nodes is `{}`.
    levels: levels.map((row) => (row.length > 0 ? { values: row.map(String) } : {})),
  };
  const leftTotal = profile.total[0] ?? 0;
  const rightTotal = right ? right.total[0] : 0;
  if (leftTotal + rightTotal !== 0) {
    flamegraph.total = String(leftTotal + rightTotal);
  }
  if (maxSelf !== 0) {
    flamegraph.maxSelf = String(maxSelf);
  }
  if (right) {
    if (leftTotal !== 0) {
      flamegraph.leftTicks = String(leftTotal);
    }
    if (rightTotal !== 0) {
      flamegraph.rightTicks = String(rightTotal);
    }
  }
  return { flamegraph };
}
