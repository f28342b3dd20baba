/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';

import { nodeName, type Profile } from '../../src/model/profile';
import { DEFAULT_TENANT, PROFILE_TYPE_LABEL, ProfileStore, type Series } from '../pyroscope/store';
import { seedWorkloadHistory, type WorkloadHistoryOptions } from './history';
import { agentSeriesLabels, WORKLOAD_PROFILE_TYPES, WORKLOAD_SCRIPT } from './workloadShape';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 7); // not on a step boundary
const CPU = WORKLOAD_PROFILE_TYPES.cpu;
const STEP_NS = 15e9;
const OPTIONS: WorkloadHistoryOptions = {
  nowMs: NOW,
  hours: 2,
  spikeFirstMs: 60_000,
  spikeEveryMs: 300_000,
  spikeMs: 45_000,
};

function seriesOf(store: ProfileStore, typeId: string): Series {
  const [s] = store.select(
    [DEFAULT_TENANT],
    (l) => l.service_name === 'demo-workload' && l[PROFILE_TYPE_LABEL] === typeId
  );
  if (!s) {
    throw new Error(`no ${typeId} series`);
  }
  return s;
}

function totals(store: ProfileStore, typeId: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const s = seriesOf(store, typeId);
  store.forEachTotal(s, 0, Number.MAX_SAFE_INTEGER, (t, v) => out.push([t, v]));
  return out;
}

function share(profile: Profile, frameSuffix: string): number {
  let value = 0;
  for (let i = 0; i < profile.level.length; i++) {
    if (nodeName(profile, i).includes(frameSuffix)) {
      value += profile.total[i];
    }
  }
  return profile.total[0] === 0 ? 0 : value / profile.total[0];
}

function lineOf(source: string, declaration: string): number {
  return source.split('\n').findIndex((l) => l.startsWith(declaration)) + 1;
}

describe('seedWorkloadHistory', () => {
  const store = new ProfileStore();
  const history = seedWorkloadHistory(store, OPTIONS);

  it('stores one profile of each of the agent types every 15 s, ending before nowMs', () => {
    expect(history.stepMs).toBe(15_000);
    expect(history.fromMs % 15_000).toBe(0);
    expect(history.fromMs).toBeGreaterThanOrEqual(NOW - 2 * 3600_000);
    expect(history.toMs).toBeLessThanOrEqual(NOW);
    expect(history.toMs).toBeGreaterThan(NOW - 15_000);
    const steps = (history.toMs - history.fromMs) / 15_000;
    expect(history.profiles).toBe(steps * 5);
    for (const typeId of Object.values(WORKLOAD_PROFILE_TYPES)) {
      const series = totals(store, typeId);
      expect(series).toHaveLength(steps);
      expect(series[series.length - 1][0] + 15_000).toBeLessThanOrEqual(NOW);
    }
  });

  it("labels every series as the live agent's uploads are labelled", () => {
    for (const typeId of Object.values(WORKLOAD_PROFILE_TYPES)) {
      expect(seriesOf(store, typeId).labels).toEqual(agentSeriesLabels(typeId));
    }
    expect(seriesOf(store, CPU).labels).toMatchObject({ env: 'demo', pyroscope_spy: 'nodespy', __name__: 'wall' });
  });

  it('puts the spikes on the live workload grid: first live spike at nowMs + 60 s, one every 5 min', () => {
    const origin = NOW + 60_000;
    expect(history.spikes.length).toBe(24);
    for (const w of history.spikes) {
      expect((origin - w.startMs) % 300_000).toBe(0);
      expect(w.endMs - w.startMs).toBe(45_000);
    }
    expect(history.spikes[history.spikes.length - 1].startMs).toBe(origin - 300_000);
  });

  it('keeps a quiet baseline of a few percent of a core, and spikes near a full core', () => {
    const inSpike = (t: number) => history.spikes.some((w) => t < w.endMs && t + 15_000 > w.startMs);
    const fullyInSpike = (t: number) => history.spikes.some((w) => t >= w.startMs && t + 15_000 <= w.endMs);
    const series = totals(store, CPU);
    const baseline = series.filter(([t]) => !inSpike(t)).map(([, v]) => v / STEP_NS);
    const spikes = series.filter(([t]) => fullyInSpike(t)).map(([, v]) => v / STEP_NS);
    expect(spikes.length).toBeGreaterThanOrEqual(24 * 2);
    for (const cores of baseline) {
      expect(cores).toBeGreaterThan(0.03);
      expect(cores).toBeLessThan(0.15);
    }
    for (const cores of spikes) {
      expect(cores).toBeGreaterThan(0.8);
      expect(cores).toBeLessThan(1.05);
    }
  });

  it('spends most of the CPU of a spike in flowAdv, and none of the baseline', () => {
    const cpu = seriesOf(store, CPU);
    const w = history.spikes[10];
    const during = store.merge([cpu], w.startMs, w.endMs - 1, 'nanoseconds').profile;
    expect(share(during, ':flowAdv:')).toBeGreaterThan(0.75);
    const quiet = store.merge([cpu], w.endMs + 30_000, w.endMs + 200_000, 'nanoseconds').profile;
    expect(quiet.total[0]).toBeGreaterThan(0);
    expect(share(quiet, ':flowAdv:')).toBe(0);
    expect(share(quiet, ':handleRequest:')).toBeGreaterThan(0.02);
  });

  it("names frames as the agent does, with workload.js's function lines", () => {
    const source = readFileSync(WORKLOAD_SCRIPT, 'utf8');
    const merged = store.merge([seriesOf(store, CPU)], history.fromMs, history.toMs, 'nanoseconds').profile;
    expect(merged.names).toContain(`./sandbox/demo/workload.js:flowAdv:${lineOf(source, 'function flowAdv(')}`);
    expect(merged.names).toContain(`./sandbox/demo/workload.js:rankItems:${lineOf(source, 'function rankItems(')}`);
    expect(merged.names).toContain(':(idle):0');
  });

  it('keeps wall values on the 10 ms sampling quantum, with one sample per 10 ms', () => {
    const wall = store.merge(
      [seriesOf(store, WORKLOAD_PROFILE_TYPES.wall)],
      history.fromMs,
      history.toMs,
      'nanoseconds'
    );
    const samples = store.merge(
      [seriesOf(store, WORKLOAD_PROFILE_TYPES.samples)],
      history.fromMs,
      history.toMs,
      'count'
    );
    expect(wall.profile.total[0] % 10_000_000).toBe(0);
    expect(wall.profile.names).not.toContain(':(idle):0');
    expect(samples.profile.names).toContain(':(idle):0');
    const idle = samples.profile.names.indexOf(':(idle):0');
    let idleSamples = 0;
    for (let i = 0; i < samples.profile.level.length; i++) {
      if (samples.profile.nameId[i] === idle) {
        idleSamples += samples.profile.total[i];
      }
    }
    expect(samples.profile.total[0] - idleSamples).toBe(wall.profile.total[0] / 10_000_000);
  });

  it('holds some memory in use, more during spikes', () => {
    const space = totals(store, WORKLOAD_PROFILE_TYPES.inuseSpace);
    const objects = totals(store, WORKLOAD_PROFILE_TYPES.inuseObjects);
    const w = history.spikes[5];
    const at = (series: Array<[number, number]>, t: number) => series.find(([s]) => s === t)?.[1] ?? 0;
    const spikeStep = Math.ceil(w.startMs / 15_000) * 15_000;
    const quietStep = spikeStep + 120_000;
    expect(at(space, quietStep)).toBeGreaterThan(3e6);
    expect(at(space, spikeStep)).toBeGreaterThan(at(space, quietStep) + 1e6);
    expect(at(objects, quietStep)).toBeGreaterThan(100);
  });

  it('is deterministic for a given nowMs', () => {
    const again = new ProfileStore();
    seedWorkloadHistory(again, OPTIONS);
    expect(totals(again, CPU)).toEqual(totals(store, CPU));
    const other = new ProfileStore();
    seedWorkloadHistory(other, { ...OPTIONS, nowMs: NOW + 15_000 });
    expect(totals(other, CPU).map(([, v]) => v)).not.toEqual(totals(store, CPU).map(([, v]) => v));
  });

  it('refuses a schedule whose spikes would overlap', () => {
    expect(() => seedWorkloadHistory(new ProfileStore(), { ...OPTIONS, spikeMs: 300_000 })).toThrow(
      /0 < spike duration < spike period/
    );
  });
});
