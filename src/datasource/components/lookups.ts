import type { TimeRange } from '@grafana/data';

import type { LabelScope, ProfileTypeInfo, TimeRangeMs } from '../api/types';
import type { EditorDataSource, ProfileLookups } from '../editorDataSource';

/** What a lookup needs of the datasource: the three lookups and its uid (cache key). */
export type LookupSource = ProfileLookups & Pick<EditorDataSource, 'uid'>;

/** A lookup the editors make; `key` is undefined while its inputs are incomplete (nothing to load yet). */
export interface Lookup<T> {
  key: string | undefined;
  load: () => Promise<T>;
}

const MINUTE_MS = 60_000;
const LAST_HOUR_MS = 3600_000;

/**
 * The lookup range: the editor's range (or the last hour when there is none) widened to whole minutes. Rounding makes
 * a relative range such as `now-1h` give the same cache key for a minute instead of a new one on every render.
 */
export function lookupRange(range: TimeRange | undefined, now = Date.now()): TimeRangeMs {
  const fromMs = range ? range.from.valueOf() : now - LAST_HOUR_MS;
  const toMs = range ? range.to.valueOf() : now;
  return { fromMs: Math.floor(fromMs / MINUTE_MS) * MINUTE_MS, toMs: Math.ceil(toMs / MINUTE_MS) * MINUTE_MS };
}

function keyOf(ds: LookupSource, kind: string, range: TimeRangeMs, scope: Partial<LabelScope> = {}, name = ''): string {
  return JSON.stringify([
    ds.uid,
    kind,
    name,
    scope.profileTypeId ?? '',
    scope.labelSelector ?? '',
    range.fromMs,
    range.toMs,
  ]);
}

/** A lookup with nothing to load yet (its key is undefined, so `useLookup` never calls it). */
export function noLookup<T>(): Lookup<T> {
  return { key: undefined, load: () => Promise.reject(new Error('Nothing to look up')) };
}

export function profileTypesLookup(ds: LookupSource, range: TimeRangeMs): Lookup<ProfileTypeInfo[]> {
  return { key: keyOf(ds, 'types', range), load: () => ds.getProfileTypes(range) };
}

export function labelNamesLookup(ds: LookupSource, scope: LabelScope): Lookup<string[]> {
  return { key: keyOf(ds, 'names', scope.range, scope), load: () => ds.getLabelNames(scope) };
}

export function labelValuesLookup(ds: LookupSource, name: string, scope: LabelScope): Lookup<string[]> {
  return {
    key: name ? keyOf(ds, 'values', scope.range, scope, name) : undefined,
    load: () => ds.getLabelValues(name, scope),
  };
}

interface CacheEntry {
  promise: Promise<unknown>;
  /** Set once the promise resolved, so a cached answer renders without a loading flash. */
  settled?: { value: unknown };
}

/** Enough for a few editors' pickers; the oldest entries go first (a Map keeps insertion order). */
const MAX_ENTRIES = 200;
const cache = new Map<string, CacheEntry>();

/** Runs a lookup once per key; concurrent callers share the request. Failures are not cached, so a retry asks again. */
export function cachedLookup<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) {
    // Refresh the entry's place so that often used lookups stay.
    cache.delete(key);
    cache.set(key, hit);
    return hit.promise as Promise<T>;
  }
  const entry: CacheEntry = { promise: load() };
  entry.promise.then(
    (value) => {
      entry.settled = { value };
    },
    () => {
      if (cache.get(key) === entry) {
        cache.delete(key);
      }
    }
  );
  cache.set(key, entry);
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) {
      break;
    }
    cache.delete(oldest);
  }
  return entry.promise as Promise<T>;
}

/** The cached answer for `key`, when it has arrived. */
export function cachedValue<T>(key: string | undefined): { value: T } | undefined {
  const settled = key === undefined ? undefined : cache.get(key)?.settled;
  return settled as { value: T } | undefined;
}

/** Forgets every cached answer (tests, and nothing else, need this). */
export function clearLookupCache(): void {
  cache.clear();
}

/** The text of a failure, whatever was thrown (an Error, Grafana's `{data: {message}}` fetch error, a string). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    return err.message;
  }
  if (typeof err === 'object' && err !== null) {
    const rec = err as { message?: unknown; data?: { message?: unknown } };
    if (typeof rec.data?.message === 'string') {
      return rec.data.message;
    }
    if (typeof rec.message === 'string') {
      return rec.message;
    }
  }
  return String(err);
}
