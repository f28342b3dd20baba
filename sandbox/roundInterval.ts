/**
 * Grafana's "nice" interval rounding (`gtime.RoundInterval` in the plugin SDK, `rangeUtil.roundInterval` in
 * @grafana/data), which both emulated backends use: the Prometheus step of the sandbox host and the flame graph
 * timeline of the Pyroscope test server. Node code cannot import @grafana/data (it reads `window` when loaded), so the
 * table lives here once, checked against rangeUtil in the tests.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const YEAR_MS = 365 * DAY_MS;

/** `gtime.RoundInterval`: [upper bound, rounded value] pairs; above the last bound the step is a year. */
const ROUNDING: Array<[number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, SECOND_MS],
  [3500, 2 * SECOND_MS],
  [7500, 5 * SECOND_MS],
  [12500, 10 * SECOND_MS],
  [17500, 15 * SECOND_MS],
  [25000, 20 * SECOND_MS],
  [45000, 30 * SECOND_MS],
  [90000, MINUTE_MS],
  [210000, 2 * MINUTE_MS],
  [450000, 5 * MINUTE_MS],
  [750000, 10 * MINUTE_MS],
  [1050000, 15 * MINUTE_MS],
  [1500000, 20 * MINUTE_MS],
  [2700000, 30 * MINUTE_MS],
  [5400000, HOUR_MS],
  [9000000, 2 * HOUR_MS],
  [16200000, 3 * HOUR_MS],
  [32400000, 6 * HOUR_MS],
  [86400000, 12 * HOUR_MS],
  [172800000, DAY_MS],
  [604800000, DAY_MS],
  [1814400000, 7 * DAY_MS],
];

/** Rounds an interval to the nearest "nice" step, as `gtime.RoundInterval` (and the frontend's rangeUtil) do. */
export function roundIntervalMs(intervalMs: number): number {
  for (const [bound, rounded] of ROUNDING) {
    if (intervalMs <= bound) {
      return rounded;
    }
  }
  return intervalMs < 3628800000 ? 30 * DAY_MS : YEAR_MS;
}
