/**
 * Node side of the first paint's long tasks (longTasks.ts measures them in the page): per case and implementation,
 * the medians over runs and the worst run, the table cell, and the target lines (issue 15 §1: our panel's first paint
 * of a 1M-node frame in main-thread tasks of at most 100 ms, printed beside `@grafana/flamegraph` given the frame).
 */
import type { FirstPaintTasks } from './longTasks';

/** Fields added to a case's JSON line. */
export interface LongTaskFields {
  /** Median over runs of the longest task from the render call to the first painted frame. */
  paintLongestTaskMs?: number;
  /** Median over runs of the longest task from the render call until the page went quiet (deferred work included). */
  quietLongestTaskMs?: number;
  /** The worst run's longest task until quiet. */
  quietLongestTaskWorstMs?: number;
  /** Median over runs of the sum of long tasks until quiet. */
  quietLongTasksTotalMs?: number;
  /** Each run's long tasks until quiet, `start+duration` ms from the render call. */
  longTasksRuns?: string[];
  longTasksSupported?: boolean;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) {
    return undefined;
  }
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Aggregates the runs that painted (runs without a report are left out). */
export function longTaskFields(runs: Array<FirstPaintTasks | undefined>): LongTaskFields {
  const ok = runs.filter((r): r is FirstPaintTasks => r !== undefined);
  if (ok.length === 0) {
    return {};
  }
  return {
    paintLongestTaskMs: median(ok.map((r) => r.toPaint.longestMs)),
    quietLongestTaskMs: median(ok.map((r) => r.toQuiet.longestMs)),
    quietLongestTaskWorstMs: Math.max(...ok.map((r) => r.toQuiet.longestMs)),
    quietLongTasksTotalMs: median(ok.map((r) => r.toQuiet.totalMs)),
    longTasksRuns: ok.map((r) => r.tasks || 'none'),
    longTasksSupported: ok.every((r) => r.supported),
  };
}

const fmt = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(0));

/** Table cell: longest task to paint / until quiet (sum of long tasks until quiet). */
export function longTaskCell(f: LongTaskFields): string {
  if (f.quietLongestTaskMs === undefined) {
    return '–';
  }
  if (f.longTasksSupported === false) {
    return 'n/a (no longtask entries)';
  }
  return `${fmt(f.paintLongestTaskMs)} / ${fmt(f.quietLongestTaskMs)} (Σ ${fmt(f.quietLongTasksTotalMs)})`;
}

/**
 * The target line: our longest first-paint task at 1M ≤ 100 ms (issue 15 §1), Grafana's beside it; the same numbers
 * at 100k as information (that frame is read in one task, see src/panel/usePanelInput.ts).
 */
export function longTaskTargets(
  get: (c: string, impl: 'grafana' | 'flamelens') => LongTaskFields | undefined,
  line: (label: string, verdict: 'met' | 'missed' | 'info' | 'n/a', detail: string) => void
): void {
  for (const c of ['synthetic-100k', 'synthetic-1M']) {
    const ours = get(c, 'flamelens');
    const g = get(c, 'grafana');
    const judged = c === 'synthetic-1M';
    const label = judged ? `first paint in main-thread tasks ≤ 100 ms at ${c}` : `first paint's longest task at ${c}`;
    const gText =
      g?.quietLongestTaskMs !== undefined
        ? `grafana longest ${fmt(g.quietLongestTaskMs)} ms, Σ ${fmt(g.quietLongTasksTotalMs)} ms`
        : 'grafana not measured';
    if (ours?.quietLongestTaskMs === undefined || ours.longTasksSupported === false) {
      line(label, 'n/a', `ours not measured; ${gText}`);
      continue;
    }
    line(
      label,
      !judged ? 'info' : ours.quietLongestTaskMs <= 100 ? 'met' : 'missed',
      `ours longest ${fmt(ours.quietLongestTaskMs)} ms (median of runs, until quiet; worst run ` +
        `${fmt(ours.quietLongestTaskWorstMs)} ms; to first paint ${fmt(ours.paintLongestTaskMs)} ms), ` +
        `Σ ${fmt(ours.quietLongTasksTotalMs)} ms; ${gText}`
    );
  }
}
