/**
 * @jest-environment node
 */
/**
 * The demo's Prometheus history: the CPU counter written from the seeded profile history (unit), and, with the real
 * promtool and Prometheus, the demo's CPU panel query over the seeded hours showing the profile history's spikes at
 * their times (integration; needs the built plugin in dist/ for the host, as every demo test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_TENANT } from '../pyroscope/store';
import { DEFAULT_SPIKE, startDemo, type RunningDemo } from './demo';
import { cpuCounterSamples, cpuHistoryOpenMetrics } from './prometheusHistory';
import { WORKLOAD_PROFILE_TYPES } from './workloadShape';

jest.setTimeout(90_000);

const HISTORY = { fromMs: 1_000_000, toMs: 1_045_000, stepMs: 15_000, cpuNs: [1.5e9, 15e9, 0.75e9] };

describe('cpuCounterSamples', () => {
  it('rises by each step’s CPU evenly over the step, one sample per scrape interval, ending before the history does', () => {
    expect(cpuCounterSamples(HISTORY, 5)).toEqual([
      [1_000_000, 0],
      [1_005_000, 0.5],
      [1_010_000, 1],
      [1_015_000, 1.5],
      [1_020_000, 6.5],
      [1_025_000, 11.5],
      [1_030_000, 16.5],
      [1_035_000, 16.75],
      [1_040_000, 17],
    ]);
  });

  it('refuses a scrape interval that is not positive', () => {
    expect(() => cpuCounterSamples(HISTORY, 0)).toThrow('scrape interval must be positive');
  });
});

describe('cpuHistoryOpenMetrics', () => {
  it('writes the counter family with the live target’s labels, seconds as timestamps, and # EOF', () => {
    const text = cpuHistoryOpenMetrics(HISTORY, { job: 'demo-workload', instance: '127.0.0.1:9464' });
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '# HELP process_cpu_seconds Total user and system CPU time spent in seconds.',
      '# TYPE process_cpu_seconds counter',
      'process_cpu_seconds_total{instance="127.0.0.1:9464",job="demo-workload"} 0.000000000 1000.000',
    ]);
    expect(lines).toContain(
      'process_cpu_seconds_total{instance="127.0.0.1:9464",job="demo-workload"} 16.750000000 1035.000'
    );
    expect(lines.slice(-2)).toEqual(['# EOF', '']);
    expect(cpuHistoryOpenMetrics(HISTORY, { job: 'a"b\\c', instance: 'x' })).toContain('job="a\\"b\\\\c"');
  });
});

interface RangeResult {
  status: string;
  data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

/** Maximal runs of consecutive points above `threshold`, as [first, last] times in ms. */
function runsAbove(points: ReadonlyArray<[number, number]>, threshold: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let open: [number, number] | undefined;
  for (const [t, v] of points) {
    if (v > threshold) {
      open = open ? [open[0], t] : [t, t];
    } else if (open) {
      runs.push(open);
      open = undefined;
    }
  }
  return open ? [...runs, open] : runs;
}

describe('the demo with Prometheus: the seeded history in both panels (real promtool and Prometheus)', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    // The real demo's spike grid (45 s every 10 min); its first live spike comes after this suite is done.
    demo = await startDemo({
      ports: { host: 0, pyroscope: 0, metrics: 0, prometheus: 0 },
      historyHours: 1,
      spike: DEFAULT_SPIKE,
      flushIntervalMs: 1000,
      scrapeIntervalSec: 5,
      prometheus: true,
    });
  });
  afterAll(() => demo?.close());

  it('answers the CPU panel’s query over the seeded hour with the profile history’s spikes at their times', async () => {
    const dashboard = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'provisioning', 'dashboards', 'flamelens-demo.json'), 'utf8')
    ) as { panels: Array<{ id: number; targets?: Array<{ expr?: string }> }> };
    const expr = dashboard.panels.find((p) => p.id === 1)?.targets?.[0]?.expr;
    expect(expr).toBe('rate(process_cpu_seconds_total{job="demo-workload"}[30s])');
    const { history } = demo;
    expect(history.spikes.length).toBe(6);

    const params = new URLSearchParams({
      query: expr ?? '',
      start: String(history.fromMs / 1000),
      end: String(history.toMs / 1000),
      step: String(history.stepMs / 1000),
    });
    const res = (await (await fetch(`${demo.urls.prometheus}/api/v1/query_range?${params}`)).json()) as RangeResult;
    expect(res.status).toBe('success');
    expect(res.data.result.map((r) => r.metric.instance)).toEqual([`127.0.0.1:${demo.workload.ready.metricsPort}`]);
    const prometheus = res.data.result[0].values.map(([t, v]): [number, number] => [t * 1000, Number(v)]);
    // The whole hour, not only the minutes since the demo started.
    expect(prometheus.length).toBeGreaterThan(230);
    expect(prometheus[0][0]).toBeLessThan(history.fromMs + 60_000);

    // The profile-derived CPU of each step, from the profiles the test server holds (cores).
    const [cpu] = demo.pyroscope.store.select(
      [DEFAULT_TENANT],
      (l) => l.service_name === 'demo-workload' && l.__profile_type__ === WORKLOAD_PROFILE_TYPES.cpu
    );
    const profiles: Array<[number, number]> = [];
    for (let t = history.fromMs; t < history.toMs; t += history.stepMs) {
      const { profile } = demo.pyroscope.store.merge([cpu], t, t, 'nanoseconds');
      profiles.push([t, profile.total[0] / 1e6 / history.stepMs]);
    }

    // Spikes use ~0.85 cores against a quiet ~0.07: both series show each spike, when it ran.
    const fromPrometheus = runsAbove(prometheus, 0.4);
    const fromProfiles = runsAbove(profiles, 0.4);
    expect(fromPrometheus).toHaveLength(history.spikes.length);
    expect(fromProfiles).toHaveLength(history.spikes.length);
    history.spikes.forEach((spike, i) => {
      // rate()'s 30 s window trails the spike by up to 30 s; a step (15 s) is the series' resolution.
      const [first, last] = fromPrometheus[i];
      expect([i, first >= spike.startMs, first <= spike.startMs + 30_000]).toEqual([i, true, true]);
      expect([i, last >= spike.endMs - 15_000, last <= spike.endMs + 30_000]).toEqual([i, true, true]);
      expect([i, Math.abs(first - fromProfiles[i][0]) <= 30_000]).toEqual([i, true]);
    });
    // Between spikes, the quiet baseline in both.
    const quiet = prometheus.filter(([t]) => history.spikes.every((s) => t < s.startMs || t > s.endMs + 45_000));
    expect(quiet.length).toBeGreaterThan(150);
    expect(Math.max(...quiet.map(([, v]) => v))).toBeLessThan(0.2);
  });
});
