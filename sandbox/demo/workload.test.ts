/**
 * @jest-environment node
 */
/**
 * The demo workload for real: workload.js with the @pyroscope/nodejs agent uploading to the test server, a fast spike
 * schedule, its metrics endpoint, and the seeded history next to the live profiles (same series, same frames).
 */
import { nodeName } from '../../src/model/profile';
import { DEFAULT_TENANT, PROFILE_TYPE_LABEL, type Series } from '../pyroscope/store';
import { startPyroscopeServer, type PyroscopeServer } from '../pyroscope/server';
import { seedWorkloadHistory } from './history';
import { startWorkload, type RunningWorkload } from './workloadProcess';
import { WORKLOAD_PROFILE_TYPES, workloadFrames } from './workloadShape';

jest.setTimeout(60_000);

const SPIKE = { firstMs: 800, everyMs: 60_000, durationMs: 2500 };

function metricValue(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) {
    throw new Error(`no ${name} sample in:\n${text}`);
  }
  return Number(m[1]);
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text();
}

describe('the demo workload', () => {
  let server: PyroscopeServer;
  let workload: RunningWorkload;
  let metricsDuringSpike = '';
  let metricsAtSpikeStart = '';
  let metricsAtSpikeEnd = '';
  let stopped: Awaited<ReturnType<RunningWorkload['stop']>>;

  beforeAll(async () => {
    server = await startPyroscopeServer({});
    workload = await startWorkload({ pyroscopeUrl: server.url, metricsPort: 0, spike: SPIKE, flushIntervalMs: 1000 });
    seedWorkloadHistory(server.store, {
      nowMs: workload.ready.startedAt,
      hours: 0.25,
      spikeFirstMs: SPIKE.firstMs,
      spikeEveryMs: SPIKE.everyMs,
      spikeMs: SPIKE.durationMs,
    });
    await workload.waitFor('spike-start', { sinceMs: 0 });
    metricsAtSpikeStart = await scrape(workload.ready.metricsUrl);
    await new Promise((r) => setTimeout(r, 1000));
    metricsDuringSpike = await scrape(workload.ready.metricsUrl);
    await workload.waitFor('spike-end', { sinceMs: 0 });
    metricsAtSpikeEnd = await scrape(workload.ready.metricsUrl);
    // Let one more flush go out, then stop: the agent uploads what is left.
    await new Promise((r) => setTimeout(r, 1200));
    stopped = await workload.stop();
  });

  afterAll(async () => {
    await workload?.stop();
    await server?.close();
  });

  it('announces itself with where it listens and when its schedule started', () => {
    expect(workload.ready).toMatchObject({ event: 'ready', app: 'demo-workload', pyroscopeUrl: server.url });
    expect(workload.ready.metricsUrl).toBe(`http://127.0.0.1:${workload.ready.metricsPort}/metrics`);
    expect(workload.ready.startedAt).toBeLessThanOrEqual(workload.ready.at);
  });

  it('runs the spike on schedule and reports it', () => {
    const start = workload.events.find((e) => e.event === 'spike-start');
    const end = workload.events.find((e) => e.event === 'spike-end');
    expect(start).toMatchObject({
      spike: 1,
      scheduledAt: workload.ready.startedAt + SPIKE.firstMs,
      endsAt: workload.ready.startedAt + SPIKE.firstMs + SPIKE.durationMs,
    });
    expect(end!.at).toBeGreaterThanOrEqual(start!.endsAt as number);
    expect(end!.at - (start!.endsAt as number)).toBeLessThan(500);
  });

  it('serves Prometheus metrics with HELP and TYPE lines, and the spike flag', () => {
    for (const [name, type] of [
      ['process_cpu_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['demo_requests_total', 'counter'],
      ['demo_spike_active', 'gauge'],
    ]) {
      expect(metricsDuringSpike).toMatch(new RegExp(`^# HELP ${name} .+$`, 'm'));
      expect(metricsDuringSpike).toMatch(new RegExp(`^# TYPE ${name} ${type}$`, 'm'));
    }
    expect(metricValue(metricsDuringSpike, 'demo_spike_active')).toBe(1);
    expect(metricValue(metricsAtSpikeEnd, 'demo_spike_active')).toBe(0);
    expect(metricValue(metricsDuringSpike, 'demo_requests_total')).toBeGreaterThan(20);
    expect(metricValue(metricsDuringSpike, 'process_resident_memory_bytes')).toBeGreaterThan(1e6);
  });

  it('keeps a core busy during the spike', () => {
    const cpu = metricValue(metricsAtSpikeEnd, 'process_cpu_seconds_total');
    const before = metricValue(metricsAtSpikeStart, 'process_cpu_seconds_total');
    const seconds = SPIKE.durationMs / 1000;
    // ~0.9 of a core on an idle machine; leave room for a busy CI runner.
    expect((cpu - before) / seconds).toBeGreaterThan(0.5);
  });

  it('stops on SIGTERM after flushing its last profile', () => {
    expect(stopped.exit).toBe('exited with code 0');
    expect(stopped.stopped).toMatchObject({ event: 'stopped', signal: 'SIGTERM', flushed: true });
  });

  describe('in the test server, beside the seeded history', () => {
    const series = (): Series[] => server.store.select([DEFAULT_TENANT], (l) => l.service_name === 'demo-workload');

    it('writes the live profiles into the same five series as the history', () => {
      const all = series();
      expect(all.map((s) => s.labels[PROFILE_TYPE_LABEL]).sort()).toEqual(Object.values(WORKLOAD_PROFILE_TYPES).sort());
      const startedAt = workload.ready.startedAt;
      for (const s of all) {
        expect(s.times.some((t) => t < startedAt)).toBe(true);
        expect(s.times.some((t) => t >= startedAt - 1000)).toBe(true);
      }
    });

    it("shows the live flowAdv under the history's frame names", () => {
      const cpu = series().find((s) => s.labels[PROFILE_TYPE_LABEL] === WORKLOAD_PROFILE_TYPES.cpu)!;
      const live = server.store.merge([cpu], workload.ready.startedAt - 1000, Date.now(), 'nanoseconds').profile;
      const frames = workloadFrames();
      const names = new Set(Array.from({ length: live.level.length }, (_, i) => nodeName(live, i)));
      expect(names).toContain(frames.flowAdv);
      // flowAdv is the timer callback: its parent is Node's listOnTimeout, as in the history.
      const flowAdv = Array.from({ length: live.level.length }, (_, i) => i).find(
        (i) => nodeName(live, i) === frames.flowAdv
      )!;
      expect(live.level[flowAdv]).toBe(3);
      // Every workload function the history knows carries the history's line in the live data too.
      for (const name of names) {
        const fn = /^\.\/sandbox\/demo\/workload\.js:([^:]+):\d+$/.exec(name)?.[1];
        if (fn !== undefined && fn in frames) {
          expect(name).toBe(frames[fn as keyof typeof frames]);
        }
      }
    });
  });
});
