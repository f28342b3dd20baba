import type { ProfileStore, Series } from './store';

/**
 * `SelectSeries` points as Grafana Pyroscope builds them (`query_select_time_series.go`,
 * `timeseries/range.go`): bucket times are `t_k = start − step + k·step` up to `end`; a point sums (or averages)
 * the profiles with timestamps in `(t_k − step, t_k]`; empty buckets are left out; timestamps are not rounded to the
 * step. Profiles later than the last bucket time are not counted, as in the server's loop.
 */

export interface LabelPair {
  name: string;
  value: string;
}

export interface RangePoint {
  timestamp: number;
  value: number;
}

export interface RangeSeriesResult {
  labels: LabelPair[];
  points: RangePoint[];
}

export interface RangeQuery {
  start: number;
  end: number;
  stepMs: number;
  groupBy: readonly string[];
  average: boolean;
  /** Keep only the `limit` series with the largest sums (0 keeps all). */
  limit?: number;
}

export function rangeSeries(store: ProfileStore, series: readonly Series[], q: RangeQuery): RangeSeriesResult[] {
  const first = q.start - q.stepMs;
  const lastK = Math.floor((q.end - first) / q.stepMs);
  const groups = new Map<string, { labels: LabelPair[]; sums: Map<number, number>; counts: Map<number, number> }>();
  for (const s of series) {
    const labels = q.groupBy.filter((n) => n in s.labels).map((name) => ({ name, value: s.labels[name] }));
    const key = labels.map((l) => `${l.name}\u0001${l.value}`).join('\u0002');
    let group = groups.get(key);
    if (!group) {
      group = { labels, sums: new Map(), counts: new Map() };
      groups.set(key, group);
    }
    const g = group;
    store.forEachTotal(s, first, first + lastK * q.stepMs, (timeMs, total) => {
      // Smallest k with t_k >= time: the bucket (t_k − step, t_k] holding the profile.
      const k = Math.max(0, Math.ceil((timeMs - first) / q.stepMs));
      g.sums.set(k, (g.sums.get(k) ?? 0) + total);
      g.counts.set(k, (g.counts.get(k) ?? 0) + 1);
    });
  }
  let out: Array<RangeSeriesResult & { sum: number }> = [];
  for (const g of groups.values()) {
    if (g.sums.size === 0) {
      continue;
    }
    const ks = [...g.sums.keys()].sort((a, b) => a - b);
    let sum = 0;
    const points = ks.map((k) => {
      const total = g.sums.get(k) ?? 0;
      sum += total;
      return { timestamp: first + k * q.stepMs, value: q.average ? total / (g.counts.get(k) ?? 1) : total };
    });
    out.push({ labels: g.labels, points, sum });
  }
  out.sort((a, b) => compareLabelPairs(a.labels, b.labels));
  if (q.limit && q.limit > 0 && out.length > q.limit) {
    const top = new Set([...out].sort((a, b) => b.sum - a.sum).slice(0, q.limit));
    out = out.filter((s) => top.has(s));
  }
  return out.map(({ labels, points }) => ({ labels, points }));
}

/** Orders label lists pair by pair (name, then value), shorter first on a tie, like `CompareLabelPairs`. */
function compareLabelPairs(a: readonly LabelPair[], b: readonly LabelPair[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i].name !== b[i].name) {
      return a[i].name < b[i].name ? -1 : 1;
    }
    if (a[i].value !== b[i].value) {
      return a[i].value < b[i].value ? -1 : 1;
    }
  }
  return a.length - b.length;
}
