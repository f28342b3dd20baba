import type { Profile } from '../../src/model/profile';
import { seededRandom } from '../../src/model/seededRandom';
import { StackTreeBuilder } from '../../src/model/treeBuilder';
import type { ValueUnit } from '../../src/model/units';
import { DEFAULT_TENANT, type ProfileStore } from '../pyroscope/store';
import { checkSchedule, spikeOverlapMs, spikeWindowsIn, type SpikeSchedule, type SpikeWindow } from './spikeSchedule';
import {
  agentSeriesLabels,
  DEFAULT_WORKLOAD_APP,
  NODE_FRAMES,
  WORKLOAD_PROFILE_TYPES,
  workloadFrames,
  type WorkloadFunction,
  type WorkloadProfileKind,
} from './workloadShape';

/**
 * Hours of `demo-workload` history, as the live workload (workload.js) with its agent would have uploaded them: one
 * profile of each of the agent's five types every step (the agent flushes every 15 s), with the agent's labels and
 * frame names, a quiet baseline (~7% of a core, mostly idle and Node's own threads) and, on the live workload's spike
 * grid, `flowAdv` keeping a core ~85% busy. Deterministic for a given `nowMs`.
 */
export interface WorkloadHistoryOptions {
  /** End of the history; the live workload's start (its `ready` event's `startedAt`). No profile reaches past it. */
  nowMs: number;
  /** Hours before `nowMs` (default 6). */
  hours?: number;
  /** `SPIKE_FIRST_MS` of the live workload (default 60 s): its first spike starts at `nowMs + spikeFirstMs`. */
  spikeFirstMs?: number;
  /** `SPIKE_EVERY_MS` (default 10 min). */
  spikeEveryMs?: number;
  /** `SPIKE_MS` (default 45 s). */
  spikeMs?: number;
  /** Seconds between profiles (default 15, the workload's flush interval). */
  stepSec?: number;
  appName?: string;
  tenant?: string;
  /** `process_runtime_version` label (default: this Node's version, which the demo also runs the workload with). */
  runtimeVersion?: string;
}

export interface WorkloadHistory {
  /** First profile's time and the end of the last profile's interval (≤ `nowMs`). */
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Profiles stored (five per step). */
  profiles: number;
  /**
   * CPU time of each step's `cpu` profile in ns, step i being `[fromMs + i·stepMs, + stepMs)`: what the profile-derived
   * CPU series shows, and what the demo backfills Prometheus' `process_cpu_seconds_total` with (prometheusHistory.ts).
   */
  cpuNs: number[];
  /** The spikes inside the history, in time order. */
  spikes: SpikeWindow[];
}

/** Average share of a core the baseline uses. */
const BASELINE_CORES = 0.07;
/** Wall profiles sample every 10 ms (100 Hz), so wall values are multiples of it. */
const WALL_SAMPLE_NS = 10_000_000;
/** Share of the idle time the wall profiler records as `(idle)` samples. */
const IDLE_SAMPLE_SHARE = 0.8;

/**
 * One call path and what it weighs per step. Baseline `cpu` is a share of the baseline's CPU; spike `cpu` a share of
 * a core while the spike runs. `wall` is a share of the wall time (the agent's wall profile leaves idle out).
 * `bytes` is in use at the end of a step, `bytesPerObject` turns it into an object count.
 */
interface StackWeight {
  frames: readonly string[];
  cpu: number;
  wall: number;
  bytes: number;
  bytesPerObject: number;
}

type Frames = Record<WorkloadFunction, string>;

function stack(frames: readonly string[], w: Partial<Omit<StackWeight, 'frames'>>): StackWeight {
  return { frames, cpu: w.cpu ?? 0, wall: w.wall ?? 0, bytes: w.bytes ?? 0, bytesPerObject: w.bytesPerObject ?? 64 };
}

/** The stacks of a quiet step, shares as observed from the live workload. */
function baselineStacks(f: Frames): StackWeight[] {
  const timers = [NODE_FRAMES.processTimers, NODE_FRAMES.listOnTimeout];
  const request = [...timers, f.requestTick, f.handleRequest];
  return [
    stack([NODE_FRAMES.idle], { cpu: 0.74 }),
    stack([NODE_FRAMES.nodeJs, NODE_FRAMES.nonJsThreads], { cpu: 0.15 }),
    stack([NODE_FRAMES.nodeJs, NODE_FRAMES.garbageCollection], { cpu: 0.03, wall: 0.0015 }),
    stack([NODE_FRAMES.processTimers], { cpu: 0.005, wall: 0.0012 }),
    stack(timers, { cpu: 0.005, wall: 0.001 }),
    stack([...timers, f.requestTick], { cpu: 0.002, wall: 0.0004 }),
    stack(request, { cpu: 0.008, wall: 0.002, bytes: 64_000, bytesPerObject: 48 }),
    stack([...request, f.parseRequest], { cpu: 0.01, wall: 0.0012, bytes: 24_000, bytesPerObject: 40 }),
    stack([...request, f.lookupCatalog], { cpu: 0.015, wall: 0.002, bytes: 160_000, bytesPerObject: 56 }),
    stack([...request, f.rankItems], { cpu: 0.03, wall: 0.0045 }),
    stack([...request, f.renderResponse], { cpu: 0.005, wall: 0.0006, bytes: 48_000, bytesPerObject: 120 }),
    stack([NODE_FRAMES.external], { bytes: 3_500_000, bytesPerObject: 87_500 }),
  ];
}

/** What a spike adds while it runs. */
function spikeStacks(f: Frames): StackWeight[] {
  // flowAdv is the timer callback itself (workload.js), right below Node's timer frames.
  const slice = [NODE_FRAMES.processTimers, NODE_FRAMES.listOnTimeout, f.flowAdv];
  return [
    stack(slice, { cpu: 0.782, wall: 0.862, bytes: 2_200_000, bytesPerObject: 96 }),
    stack([NODE_FRAMES.nodeJs, NODE_FRAMES.garbageCollection], { cpu: 0.03, wall: 0.035 }),
    stack([NODE_FRAMES.nodeJs, NODE_FRAMES.nonJsThreads], { cpu: 0.04 }),
  ];
}

const KINDS = Object.keys(WORKLOAD_PROFILE_TYPES) as WorkloadProfileKind[];

const UNITS: Record<WorkloadProfileKind, ValueUnit> = {
  cpu: 'nanoseconds',
  wall: 'nanoseconds',
  samples: 'count',
  inuseSpace: 'bytes',
  inuseObjects: 'count',
};

/** Builds the five profiles of one step. */
class StepProfiles {
  private readonly builders: Record<WorkloadProfileKind, StackTreeBuilder> = {
    cpu: new StackTreeBuilder(),
    wall: new StackTreeBuilder(),
    samples: new StackTreeBuilder(),
    inuseSpace: new StackTreeBuilder(),
    inuseObjects: new StackTreeBuilder(),
  };

  add(kind: WorkloadProfileKind, frames: readonly string[], value: number): void {
    if (value <= 0) {
      return;
    }
    const b = this.builders[kind];
    b.addStack(
      frames.map((name) => b.intern(name)),
      value
    );
  }

  build(): Array<[WorkloadProfileKind, Profile]> {
    return KINDS.map((kind) => [kind, this.builders[kind].build(UNITS[kind])]);
  }
}

/** Seeds the history into `store`; returns where it is and its spikes. */
export function seedWorkloadHistory(store: ProfileStore, options: WorkloadHistoryOptions): WorkloadHistory {
  const stepMs = (options.stepSec ?? 15) * 1000;
  const hours = options.hours ?? 6;
  const schedule: SpikeSchedule = {
    originMs: options.nowMs + (options.spikeFirstMs ?? 60_000),
    everyMs: options.spikeEveryMs ?? 600_000,
    durationMs: options.spikeMs ?? 45_000,
  };
  checkSchedule(schedule);
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const frames = workloadFrames();
  const baseline = baselineStacks(frames);
  const spike = spikeStacks(frames);
  const labelOptions = {
    appName: options.appName ?? DEFAULT_WORKLOAD_APP,
    ...(options.runtimeVersion !== undefined ? { runtimeVersion: options.runtimeVersion } : {}),
  };
  const labels = Object.fromEntries(
    KINDS.map((kind) => [kind, agentSeriesLabels(WORKLOAD_PROFILE_TYPES[kind], labelOptions)])
  ) as Record<WorkloadProfileKind, Record<string, string>>;

  const fromMs = Math.ceil((options.nowMs - hours * 3600_000) / stepMs) * stepMs;
  const random = seededRandom(Math.floor(options.nowMs) ^ 0x5eed);
  const stepNs = stepMs * 1e6;
  let profiles = 0;
  const cpuNs: number[] = [];
  let t = fromMs;
  for (; t + stepMs <= options.nowMs; t += stepMs) {
    const spikeShare = spikeOverlapMs(schedule, t, t + stepMs) / stepMs;
    // A slow two-hour wave and per-step noise keep the baseline from being a flat line.
    const wave = 1 + 0.25 * Math.sin((2 * Math.PI * t) / (2 * 3600_000));
    const baselineCpuNs = BASELINE_CORES * wave * (0.85 + 0.3 * random()) * stepNs;
    const step = new StepProfiles();
    let busyWallNs = 0;
    let stepCpuNs = 0;
    const addStack = (s: StackWeight, cpuShareNs: number, wallNs: number, bytes: number): void => {
      const jitter = 0.9 + 0.2 * random();
      const cpu = Math.max(0, Math.round(cpuShareNs * jitter));
      step.add('cpu', s.frames, cpu);
      stepCpuNs += cpu;
      // Random rounding keeps the expected sample count of stacks that get less than one sample per step.
      const samples = wallNs > 0 ? Math.max(0, Math.round((wallNs * jitter) / WALL_SAMPLE_NS + random() - 0.5)) : 0;
      step.add('wall', s.frames, samples * WALL_SAMPLE_NS);
      step.add('samples', s.frames, samples);
      busyWallNs += samples * WALL_SAMPLE_NS;
      const inUse = Math.round(bytes * jitter);
      step.add('inuseSpace', s.frames, inUse);
      step.add('inuseObjects', s.frames, Math.round(inUse / s.bytesPerObject));
    };
    for (const s of baseline) {
      addStack(s, s.cpu * baselineCpuNs, s.wall * stepNs, s.bytes);
    }
    for (const s of spike) {
      addStack(s, s.cpu * spikeShare * stepNs, s.wall * spikeShare * stepNs, s.bytes * spikeShare);
    }
    // The wall profiler records idle time as `(idle)` samples, with no wall value.
    const idleNs = Math.max(0, stepNs - busyWallNs);
    step.add('samples', [NODE_FRAMES.idle], Math.round((idleNs / WALL_SAMPLE_NS) * IDLE_SAMPLE_SHARE));

    for (const [kind, profile] of step.build()) {
      store.append(tenant, labels[kind], t, profile);
      profiles++;
    }
    cpuNs.push(stepCpuNs);
  }
  return { fromMs, toMs: t, stepMs, profiles, cpuNs, spikes: spikeWindowsIn(schedule, fromMs, t) };
}
