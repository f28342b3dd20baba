/**
 * The demo workload's spike grid: spike k runs over `[originMs + k·everyMs, + durationMs)` for every integer k, where
 * `originMs` is the workload's start plus `SPIKE_FIRST_MS`. The live workload runs the spikes with k ≥ 0; the seeded
 * history holds those with k < 0, so both sit on one grid.
 */
export interface SpikeSchedule {
  /** Start of one spike (epoch ms); every other one is a whole number of `everyMs` away. */
  originMs: number;
  everyMs: number;
  durationMs: number;
}

/** One spike, `[startMs, endMs)`. */
export interface SpikeWindow {
  startMs: number;
  endMs: number;
}

/** Throws when the schedule cannot describe separate spikes. */
export function checkSchedule(s: SpikeSchedule): void {
  if (!(s.everyMs > 0) || !(s.durationMs > 0) || s.durationMs >= s.everyMs) {
    throw new Error(
      `spike schedule needs 0 < spike duration < spike period, got duration ${s.durationMs} ms every ${s.everyMs} ms`
    );
  }
}

/** The spikes that overlap `[fromMs, toMs)`, in time order. */
export function spikeWindowsIn(s: SpikeSchedule, fromMs: number, toMs: number): SpikeWindow[] {
  checkSchedule(s);
  const windows: SpikeWindow[] = [];
  // First k whose spike ends after fromMs; last k whose spike starts before toMs.
  const firstK = Math.floor((fromMs - s.originMs - s.durationMs) / s.everyMs) + 1;
  const lastK = Math.ceil((toMs - s.originMs) / s.everyMs) - 1;
  for (let k = firstK; k <= lastK; k++) {
    const startMs = s.originMs + k * s.everyMs;
    windows.push({ startMs, endMs: startMs + s.durationMs });
  }
  return windows;
}

/** Milliseconds of `[fromMs, toMs)` inside a spike. */
export function spikeOverlapMs(s: SpikeSchedule, fromMs: number, toMs: number): number {
  let overlap = 0;
  for (const w of spikeWindowsIn(s, fromMs, toMs)) {
    overlap += Math.min(toMs, w.endMs) - Math.max(fromMs, w.startMs);
  }
  return overlap;
}
