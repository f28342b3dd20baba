import type { WorkloadHistory } from './history';

/**
 * The demo workload's `process_cpu_seconds_total` over the seeded history, as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics`: Prometheus then has the same hours of CPU the profiles have, so the
 * CPU panel (`rate(process_cpu_seconds_total{job="demo-workload"}[30s])`) shows the history's spikes where the profiles
 * have them instead of starting empty at the demo's start.
 *
 * The counter rises by each step's CPU time (`history.cpuNs`, the `cpu` profiles' totals) evenly over the step, sampled
 * every scrape interval from the history's start; it starts at 0 and ends before `history.toMs`, where the live
 * workload (a new process, whose counter starts again near 0: a counter reset to `rate`) takes over.
 */
export interface CpuHistoryOptions {
  /** `job` and `instance` of the live target, so that the history and the live samples are one series. */
  job: string;
  instance: string;
  /** Seconds between samples: the scrape interval (default 5). */
  scrapeIntervalSec?: number;
}

/** The metric family of the workload's CPU counter (workload.js writes `process_cpu_seconds_total`). */
const FAMILY = 'process_cpu_seconds';

/** OpenMetrics label value escaping: backslash, double quote and newline. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The samples (time in ms, counter in seconds) of the CPU counter over the history. */
export function cpuCounterSamples(
  history: Pick<WorkloadHistory, 'fromMs' | 'toMs' | 'stepMs' | 'cpuNs'>,
  scrapeIntervalSec = 5
): Array<[timeMs: number, seconds: number]> {
  const intervalMs = scrapeIntervalSec * 1000;
  if (!(intervalMs > 0)) {
    throw new Error(`scrape interval must be positive, got ${scrapeIntervalSec} s`);
  }
  // Cumulative CPU seconds at each step boundary.
  const atStep = [0];
  for (const ns of history.cpuNs) {
    atStep.push(atStep[atStep.length - 1] + ns / 1e9);
  }
  const samples: Array<[number, number]> = [];
  for (let t = history.fromMs; t < history.toMs; t += intervalMs) {
    const i = Math.min(Math.floor((t - history.fromMs) / history.stepMs), history.cpuNs.length - 1);
    const into = (t - history.fromMs - i * history.stepMs) / history.stepMs;
    samples.push([t, atStep[i] + into * (atStep[i + 1] - atStep[i])]);
  }
  return samples;
}

/** The OpenMetrics exposition (`# EOF`-terminated) of the CPU counter over the history. */
export function cpuHistoryOpenMetrics(
  history: Pick<WorkloadHistory, 'fromMs' | 'toMs' | 'stepMs' | 'cpuNs'>,
  options: CpuHistoryOptions
): string {
  const labels = `{instance="${labelValue(options.instance)}",job="${labelValue(options.job)}"}`;
  const lines = [
    `# HELP ${FAMILY} Total user and system CPU time spent in seconds.`,
    `# TYPE ${FAMILY} counter`,
    ...cpuCounterSamples(history, options.scrapeIntervalSec).map(
      ([t, seconds]) => `${FAMILY}_total${labels} ${seconds.toFixed(9)} ${(t / 1000).toFixed(3)}`
    ),
    '# EOF',
  ];
  return `${lines.join('\n')}\n`;
}
