import type { Observable } from 'rxjs';

import type { ServerFlavor } from '../../model/contract';
import type { Profile } from '../../model/profile';

/** A time range in milliseconds since the epoch (inclusive start, inclusive end, as Pyroscope reads them). */
export interface TimeRangeMs {
  fromMs: number;
  toMs: number;
}

/** A profile type as Grafana Pyroscope lists it. */
export interface ProfileTypeInfo {
  id: string;
  name: string;
  sampleType: string;
  sampleUnit: string;
  periodType: string;
  periodUnit: string;
}

/** What to merge into one flame graph. */
export interface FlameGraphRequest {
  profileTypeId: string;
  labelSelector: string;
  range: TimeRangeMs;
  maxNodes: number;
  /**
   * Only the stacks that start, from the root, with these frames (Grafana Pyroscope's `stackTraceSelector.callSite`;
   * refine on focus, `docs/refine-on-focus.md`). pyroscope-io has no such selector: its adapter refuses a non-empty
   * one rather than answer with the whole profile.
   */
  callSite?: readonly string[];
  /**
   * Grafana's cancellation key for the HTTP call (BackendSrvRequest.requestId): a newer call with the same id cancels
   * this one. Unique per query and part, so a query's own calls never cancel each other.
   */
  requestId?: string;
}

/** What to merge into one pprof file: everything the selector selects in the range, untruncated. */
export interface PprofRequest {
  profileTypeId: string;
  labelSelector: string;
  range: TimeRangeMs;
  /** See FlameGraphRequest.requestId. */
  requestId?: string;
}

/** What to sum into time series. */
export interface SeriesRequest {
  profileTypeId: string;
  labelSelector: string;
  range: TimeRangeMs;
  /** Bucket width in seconds. */
  stepSec: number;
  groupBy: string[];
  aggregation: 'sum' | 'average';
  /** See FlameGraphRequest.requestId. */
  requestId?: string;
}

/** One time series of raw profile values (sample unit per bucket), points sorted by time. */
export interface ProfileSeries {
  labels: Record<string, string>;
  timesMs: number[];
  values: number[];
  /** Bucket width the server used, in seconds (pyroscope-io picks its own). */
  stepSec: number;
  /** Points left out because their time or value was not a finite number (see orderPoints). */
  skippedPoints?: number;
}

/** Label scope for name/value lookups. */
export interface LabelScope {
  profileTypeId?: string;
  labelSelector?: string;
  range: TimeRangeMs;
}

/**
 * One interface over every server flavor: adapters translate to their wire format and decode into
 * the shared profile model. Every call is a cold Observable; unsubscribing cancels the HTTP request.
 */
export interface PyroscopeApi {
  readonly flavor: ServerFlavor;
  profileTypes(range: TimeRangeMs): Observable<ProfileTypeInfo[]>;
  labelNames(scope: LabelScope): Observable<string[]>;
  labelValues(name: string, scope: LabelScope): Observable<string[]>;
  flameGraph(req: FlameGraphRequest): Observable<Profile>;
  series(req: SeriesRequest): Observable<ProfileSeries[]>;
  diff(left: FlameGraphRequest, right: FlameGraphRequest): Observable<Profile>;
  /** The merged profile as a gzipped pprof file, as the server writes it (see each adapter). */
  pprof(req: PprofRequest): Observable<Uint8Array>;
}

/** Label holding the service in both flavors (pyroscope-io's app name maps to it). */
export const SERVICE_LABEL = 'service_name';
