import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Profile } from '../../src/model/profile';
import { decodeUpload, type DecodedSeries } from './pprofIngest';
import { DEFAULT_TENANT, PROFILE_TYPE_LABEL, type ProfileStore } from './store';
import { seededRandom } from '../../src/model/seededRandom';

/**
 * Demo and test data from the real pprof fixtures (`fixtures/pprof`, provenance in `fixtures/README.md`).
 * `seedDemoData` gives a few services several hours of history: every interval a variant of the fixture (a random
 * subset of its stacks, scaled by a slow daily-like wave, values kept on the sampling quantum), and once, at the
 * anchor time, the fixture itself, so that a query covering only the anchor returns exactly the fixture's totals
 * (e.g. ad-server CPU = 470 ms). The data is deterministic for a given `nowMs`.
 */

/** Directory of the pprof fixtures. */
export const FIXTURES_DIR = resolve(__dirname, '../../fixtures/pprof');

export interface FixtureIngest {
  /** File name in `fixtures/pprof` (or an absolute path), or the bytes themselves. */
  fixture: string | Uint8Array;
  serviceName: string;
  timeMs: number;
  tenant?: string;
  /** Extra series labels (`env`, `pod`...). */
  labels?: Record<string, string>;
  /** `pyroscope_spy` label, as the agent would send it (default `gospy`). */
  spyName?: string;
}

function fixtureBytes(fixture: string | Uint8Array): Uint8Array {
  return typeof fixture === 'string' ? readFileSync(resolve(FIXTURES_DIR, fixture)) : fixture;
}

/** A fixture's series, their frames with file and line (for pprof downloads). */
function decodeFixture(f: Omit<FixtureIngest, 'timeMs' | 'tenant'>): DecodedSeries[] {
  const labels = { __delta__: 'false', pyroscope_spy: f.spyName ?? 'gospy', service_name: f.serviceName, ...f.labels };
  const { series } = decodeUpload({ labels, bytes: fixtureBytes(f.fixture) });
  return series;
}

/**
 * Stores a pprof fixture exactly (every sample type, split by sample labels) at `timeMs`, as if an agent had
 * uploaded it then. Returns the total of each profile type id written.
 */
export function ingestPprofFixture(store: ProfileStore, f: FixtureIngest): Record<string, number> {
  const series = decodeFixture(f);
  store.checkCapacity(series.length);
  const totals: Record<string, number> = {};
  for (const s of series) {
    store.append(f.tenant ?? DEFAULT_TENANT, s.labels, f.timeMs, s.profile);
    const id = s.labels[PROFILE_TYPE_LABEL];
    totals[id] = (totals[id] ?? 0) + s.profile.total[0];
  }
  return totals;
}

/** Where the exact fixture of a seeded service was stored. */
export interface SeedAnchor {
  serviceName: string;
  fixture: string;
  timeMs: number;
  /** Fixture total per profile type id (a query covering only `timeMs` returns these). */
  totals: Record<string, number>;
}

interface SeedService {
  serviceName: string;
  fixture: string;
  spyName: string;
  intervalSec: number;
}

/** The seeded services: a Go service (CPU and heap), a Node one (wall), a Java one, and a Go one with pprof labels. */
export const SEED_SERVICES: readonly SeedService[] = [
  { serviceName: 'ad-server', fixture: 'go-cpu.pb.gz', spyName: 'gospy', intervalSec: 15 },
  { serviceName: 'ad-server', fixture: 'go-heap.pb.gz', spyName: 'gospy', intervalSec: 60 },
  { serviceName: 'checkout', fixture: 'nodejs-cpu.pb.gz', spyName: 'nodespy', intervalSec: 15 },
  { serviceName: 'kafka-consumer', fixture: 'java-kafka-cpu.pb.gz', spyName: 'javaspy', intervalSec: 15 },
  { serviceName: 'worker', fixture: 'go-cpu-exemplars.pb.gz', spyName: 'gospy', intervalSec: 15 },
];

export interface SeedOptions {
  nowMs: number;
  /** Hours of history before `nowMs` (default 6). */
  hours?: number;
  tenant?: string;
  /** Minutes before `nowMs` of the anchors (default 30), rounded down to a whole minute. */
  anchorMinutesAgo?: number;
}

/** Seeds the demo services; returns where each exact fixture is. */
export function seedDemoData(store: ProfileStore, options: SeedOptions): SeedAnchor[] {
  const hours = options.hours ?? 6;
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const anchorMs = Math.floor((options.nowMs - (options.anchorMinutesAgo ?? 30) * 60_000) / 60_000) * 60_000;
  const anchors: SeedAnchor[] = [];
  for (const service of SEED_SERVICES) {
    const series = decodeFixture({ ...service, labels: { namespace: 'flamelens-demo' } });
    const stepMs = service.intervalSec * 1000;
    const first = Math.ceil((options.nowMs - hours * 3600_000) / stepMs) * stepMs;
    const random = seededRandom(hashString(service.serviceName + service.fixture) ^ first);
    for (let t = first; t <= options.nowMs; t += stepMs) {
      const wave = 1 + 0.35 * Math.sin((2 * Math.PI * t) / (3 * 3600_000));
      for (const s of series) {
        store.append(tenant, s.labels, t, t === anchorMs ? s.profile : variant(s.profile, wave, random));
      }
    }
    const totals: Record<string, number> = {};
    for (const s of series) {
      const id = s.labels[PROFILE_TYPE_LABEL];
      totals[id] = (totals[id] ?? 0) + s.profile.total[0];
    }
    anchors.push({ serviceName: service.serviceName, fixture: service.fixture, timeMs: anchorMs, totals });
  }
  return anchors;
}

/** Values of a time unit stay multiples of a sampling period (10 ms CPU ticks, 1 ms Node wall samples). */
function quantum(profile: Profile): number {
  switch (profile.unit) {
    case 'nanoseconds':
      return 1e7;
    case 'microseconds':
      return 1e3;
    default:
      return 1;
  }
}

/** A plausible neighbour of `profile`: about 70% of its stacks, each scaled by `wave` ± 40%. */
function variant(profile: Profile, wave: number, random: () => number): Profile {
  const q = quantum(profile);
  const self = profile.self.map((v) =>
    v === 0 || random() > 0.7 ? 0 : Math.round((v * wave * (0.6 + 0.8 * random())) / q) * q
  );
  // The store reads only self values, so totals are left as they were.
  return { ...profile, self };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}
