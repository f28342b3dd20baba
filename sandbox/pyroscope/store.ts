import type { Profile } from '../../src/model/profile';
import type { ValueUnit } from '../../src/model/units';
import { FrameTable } from './frames';
import { unitOfProfileType } from './profileTypeId';
import { NameTable, StackTrie, TrieMerger, type StoredSamples } from './stackTrie';

/**
 * The test server's in-memory profile store: tenants → series (a label set that includes `__profile_type__`) →
 * profiles ordered by time. Each profile keeps only its (trie node, self) pairs (see `stackTrie.ts`), so a query
 * merges thousands of small profiles in milliseconds. Memory is bounded by a profile count and a byte estimate;
 * past either, `append` throws `StoreFullError` and ingestion answers 429 `resource_exhausted`.
 * Node runs one request at a time and every method here is synchronous, so concurrent requests cannot interleave.
 */

/** Labels of a series, e.g. `{__profile_type__: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds', service_name: 'api'}`. */
export type Labels = Readonly<Record<string, string>>;

/** The label every series has: its full profile type id. */
export const PROFILE_TYPE_LABEL = '__profile_type__';

/** The tenant of every request when multi-tenancy is off, as in Grafana Pyroscope. */
export const DEFAULT_TENANT = 'anonymous';

export interface StoreLimits {
  /** Most profiles kept (a pprof upload with four sample types is four profiles). */
  maxProfiles: number;
  /** Rough upper bound on the bytes the stored data takes. */
  maxBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxProfiles: 200_000, maxBytes: 512 * 1024 * 1024 };

/** The store is at its limit; the message says which limit and how to raise it. */
export class StoreFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreFullError';
  }
}

/** One series: its labels, the call paths of all its profiles, and the profiles in time order. */
export class Series {
  readonly trie: StackTrie;
  readonly unit: ValueUnit;
  readonly profileTypeId: string;
  /** Profile timestamps in ms, ascending; `samples[i]` belongs to `times[i]`. */
  readonly times: number[] = [];
  readonly samples: StoredSamples[] = [];

  constructor(
    readonly tenant: string,
    readonly key: string,
    readonly labels: Labels,
    frames: FrameTable
  ) {
    this.trie = new StackTrie(frames);
    this.profileTypeId = labels[PROFILE_TYPE_LABEL];
    this.unit = unitOfProfileType(this.profileTypeId);
  }

  /** Index range `[lo, hi)` of the profiles with `startMs <= time <= endMs`. */
  range(startMs: number, endMs: number): [number, number] {
    return [lowerBound(this.times, startMs), lowerBound(this.times, endMs + 1)];
  }

  hasProfilesIn(startMs: number, endMs: number): boolean {
    const [lo, hi] = this.range(startMs, endMs);
    return hi > lo;
  }

  insert(timeMs: number, samples: StoredSamples): void {
    const last = this.times.length - 1;
    if (last < 0 || this.times[last] <= timeMs) {
      this.times.push(timeMs);
      this.samples.push(samples);
      return;
    }
    // Agents upload in order; out-of-order inserts (seeding, replays) keep the arrays sorted.
    const at = lowerBound(this.times, timeMs + 1);
    this.times.splice(at, 0, timeMs);
    this.samples.splice(at, 0, samples);
  }
}

/** First index whose value is >= `value` in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Canonical key of a label set: names sorted, joined with separators that cannot appear in names. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0001${labels[k]}`)
    .join('\u0002');
}

/** A series' stored profiles in a range, summed per trie node (see `ProfileStore.accumulate`). */
export interface SummedTrie {
  trie: StackTrie;
  /** Self value per trie node, already scaled. */
  self: Float64Array;
}

export class ProfileStore {
  readonly limits: StoreLimits;
  private names = new NameTable();
  // Every frame (function, file, line) of every series, numbered once for the store.
  private frameTable = new FrameTable((name) => this.names.intern(name));
  private readonly tenants = new Map<string, Map<string, Series>>();
  private profiles = 0;
  private bytes = 0;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = { ...DEFAULT_STORE_LIMITS, ...limits };
  }

  /** Number of profiles stored. */
  get profileCount(): number {
    return this.profiles;
  }

  /** Rough number of bytes stored. */
  get bytesEstimate(): number {
    return this.bytes;
  }

  /**
   * Throws `StoreFullError` when `count` more profiles would not fit. Ingest calls it before storing anything, so a
   * multi-type upload is stored completely or not at all.
   */
  checkCapacity(count: number): void {
    const { maxProfiles, maxBytes } = this.limits;
    if (this.profiles + count > maxProfiles) {
      throw new StoreFullError(
        `the test server's store is full: ${this.profiles} profiles stored, limit ${maxProfiles} (raise it with ` +
          `--max-profiles, or restart the server to empty it)`
      );
    }
    if (this.bytes > maxBytes) {
      throw new StoreFullError(
        `the test server's store is full: about ${Math.round(this.bytes / 1048576)} MiB stored, limit ` +
          `${Math.round(maxBytes / 1048576)} MiB (restart the server to empty it)`
      );
    }
  }

  /** Stores one profile of series `labels` (which must include `__profile_type__`) at `timeMs`. */
  append(tenant: string, labels: Labels, timeMs: number, profile: Profile): Series {
    if (!labels[PROFILE_TYPE_LABEL]) {
      throw new Error(`series labels lack ${PROFILE_TYPE_LABEL}`);
    }
    this.checkCapacity(1);
    let series = this.tenants.get(tenant);
    if (!series) {
      series = new Map();
      this.tenants.set(tenant, series);
    }
    const key = labelsKey(labels);
    let s = series.get(key);
    if (!s) {
      s = new Series(tenant, key, { ...labels }, this.frameTable);
      series.set(key, s);
    }
    const before = s.trie.bytesEstimate() + this.frameTable.bytesEstimate();
    const samples = s.trie.add(profile);
    s.insert(timeMs, samples);
    this.profiles++;
    const after = s.trie.bytesEstimate() + this.frameTable.bytesEstimate();
    this.bytes += after - before + samples.nodes.byteLength + samples.values.byteLength + 96;
    return s;
  }

  /** The frames trie nodes refer to (function, file, line). */
  get frames(): FrameTable {
    return this.frameTable;
  }

  /** Series of the given tenants whose labels satisfy `match`, in tenant then label-key order. */
  select(tenants: readonly string[], match: (labels: Labels) => boolean): Series[] {
    const out: Series[] = [];
    for (const tenant of tenants) {
      const series = this.tenants.get(tenant);
      if (!series) {
        continue;
      }
      for (const s of series.values()) {
        if (match(s.labels)) {
          out.push(s);
        }
      }
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * Merges every profile of `series` with `startMs <= time <= endMs` into one call tree in `unit` (root only, total 0,
   * when nothing matches). `scale` converts a series' values into `unit` (e.g. µs → ns); it defaults to 1.
   */
  merge(
    series: readonly Series[],
    startMs: number,
    endMs: number,
    unit: ValueUnit,
    scale: (s: Series) => number = () => 1
  ): { profile: Profile; profiles: number } {
    const merger = new TrieMerger(this.names, this.frameTable);
    const { parts, profiles } = this.accumulate(series, startMs, endMs, scale);
    for (const { trie, self } of parts) {
      merger.add(trie, self);
    }
    return { profile: merger.build(unit), profiles };
  }

  /**
   * The profiles of each series in `[startMs, endMs]` summed per trie node, frames kept apart by line (for pprof
   * downloads); series without profiles in range are left out.
   */
  accumulate(
    series: readonly Series[],
    startMs: number,
    endMs: number,
    scale: (s: Series) => number = () => 1
  ): { parts: SummedTrie[]; profiles: number } {
    const parts: SummedTrie[] = [];
    let profiles = 0;
    for (const s of series) {
      const [lo, hi] = s.range(startMs, endMs);
      if (hi <= lo) {
        continue;
      }
      const acc = new Float64Array(s.trie.size);
      for (let p = lo; p < hi; p++) {
        const { nodes, values } = s.samples[p];
        for (let k = 0; k < nodes.length; k++) {
          acc[nodes[k]] += values[k];
        }
      }
      const factor = scale(s);
      if (factor !== 1) {
        for (let i = 0; i < acc.length; i++) {
          acc[i] *= factor;
        }
      }
      parts.push({ trie: s.trie, self: acc });
      profiles += hi - lo;
    }
    return { parts, profiles };
  }

  /** Calls `visit` with the time and total of each profile of `s` in `[startMs, endMs]`, in time order. */
  forEachTotal(s: Series, startMs: number, endMs: number, visit: (timeMs: number, total: number) => void): void {
    const [lo, hi] = s.range(startMs, endMs);
    for (let p = lo; p < hi; p++) {
      visit(s.times[p], s.samples[p].total);
    }
  }

  /** Every series of every tenant (for the OG app list, which has no time filter). */
  allSeries(tenants: readonly string[]): Series[] {
    return this.select(tenants, () => true);
  }

  /** Drops everything (tests). */
  clear(): void {
    this.tenants.clear();
    this.names = new NameTable();
    this.frameTable = new FrameTable((name) => this.names.intern(name));
    this.profiles = 0;
    this.bytes = 0;
  }
}
