/**
 * Main-thread long tasks during a first paint (issue 15 §1: "the panel's first paint in tasks of at most 100 ms").
 *
 * Page side (bundled into kit.js): a `PerformanceObserver` for `longtask` entries (tasks over 50 ms, Chromium's
 * definition), installed before any page script with `buffered: true`. After a measured render, `firstPaintTasks`
 * waits until the page has gone quiet (no frame gap over 50 ms for `quietMs`, then one more delivery round for the
 * observer) and sums the tasks that overlap two windows, both starting at the render call (t0):
 * - `toPaint`: t0 → the frame that showed the first non-empty canvas (the probe's t1);
 * - `toQuiet`: t0 → the page going quiet, so the work a panel defers until after its first paint (a table, controls,
 *   an index warmed in idle time) counts too: deferring work must not hide a long task, only move it.
 * A task that started before t0 (the `page.evaluate` task that calls render, say) counts when it runs past t0.
 */

/** Long tasks in one window. */
export interface TaskSummary {
  /** The longest task, 0 when none was over 50 ms. */
  longestMs: number;
  /** Sum of the long tasks' durations. */
  totalMs: number;
  count: number;
}

/** What `firstPaintTasks` reports for the last measured render. */
export interface FirstPaintTasks {
  /** False when this Chromium has no `longtask` entries (then every number is 0 and means nothing). */
  supported: boolean;
  toPaint: TaskSummary;
  toQuiet: TaskSummary;
  /** t0 → the page went quiet, ms. */
  quietAfterMs: number;
  /** Every task in the quiet window as `start+duration` ms from t0 (for reading a run, not for judging). */
  tasks: string;
}

interface Entry {
  start: number;
  duration: number;
}

const BUSY_GAP_MS = 50;
const entries: Entry[] = [];
let supported = false;
let lastRender: { t0: number; t1: number | undefined } | undefined;

/** Starts recording long tasks; call once, before the page's own scripts. */
export function installLongTasks(): void {
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        entries.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  } catch {
    supported = false;
  }
}

/** Notes a measured render: t0 (just before the render call) and t1 (its first paint; undefined when none). */
export function noteRender(t0: number, paintMs: number | undefined): void {
  lastRender = { t0, t1: paintMs === undefined ? undefined : t0 + paintMs };
  // Older entries are of no use any more.
  const keep = entries.filter((e) => e.start + e.duration > t0);
  entries.length = 0;
  entries.push(...keep);
}

/** Sums the entries that overlap [from, to]. Pure; exported for its unit test. */
export function summarize(tasks: readonly Entry[], from: number, to: number): TaskSummary {
  let longestMs = 0;
  let totalMs = 0;
  let count = 0;
  for (const t of tasks) {
    if (t.start + t.duration > from && t.start < to) {
      longestMs = Math.max(longestMs, t.duration);
      totalMs += t.duration;
      count++;
    }
  }
  return { longestMs, totalMs, count };
}

/** Resolves once no frame gap over 50 ms has happened for `quietMs`; returns when the last busy frame ended. */
function quiet(quietMs: number): Promise<number> {
  return new Promise((resolve) => {
    let last = performance.now();
    let busyUntil = last;
    const step = () => {
      const now = performance.now();
      if (now - last > BUSY_GAP_MS) {
        busyUntil = now;
      }
      last = now;
      if (now - busyUntil >= quietMs) {
        resolve(busyUntil);
      } else {
        requestAnimationFrame(step);
      }
    };
    requestAnimationFrame(step);
  });
}

/** The long tasks of the last measured render (see the file comment). */
export async function firstPaintTasks(quietMs: number): Promise<FirstPaintTasks> {
  const render = lastRender;
  if (!render) {
    throw new Error('no measured render to report long tasks for');
  }
  const busyUntil = await quiet(quietMs);
  // Entries are delivered after their task ends: give the observer one more round.
  await new Promise((r) => setTimeout(r, 100));
  const end = Math.max(busyUntil, render.t1 ?? busyUntil);
  const inWindow = entries.filter((e) => e.start + e.duration > render.t0 && e.start < end);
  return {
    supported,
    toPaint:
      render.t1 === undefined ? { longestMs: 0, totalMs: 0, count: 0 } : summarize(entries, render.t0, render.t1),
    toQuiet: summarize(entries, render.t0, end),
    quietAfterMs: end - render.t0,
    tasks: inWindow.map((e) => `${(e.start - render.t0).toFixed(0)}+${e.duration.toFixed(0)}`).join(' '),
  };
}
