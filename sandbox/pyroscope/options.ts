import type { ProfileStore } from './store';

/**
 * Options of the test server and the Grafana Pyroscope limits it emulates (`pkg/validation/limits.go` defaults). Every limit can be turned off with 0, which tests that replay old data need.
 */

/** Which server the test server pretends to be. */
export type Flavor = 'grafana' | 'og';

export interface ServerLimits {
  /** `max_query_length`: a longer query range is a 400 (default 24 h). */
  maxQueryLengthMs: number;
  /** `max_query_lookback`: older starts move forward, ranges entirely older are empty (default 7 d). */
  maxQueryLookbackMs: number;
  /** `reject_older_than`: profiles stamped earlier than now minus this are refused at ingest (default 1 h). */
  rejectOlderThanMs: number;
  /** `reject_newer_than`: profiles stamped later than now plus this are refused (default 10 min). */
  rejectNewerThanMs: number;
  /** Largest request body; beyond it ingest answers 413 (default 10 MiB). */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxQueryLengthMs: 24 * 3600_000,
  maxQueryLookbackMs: 7 * 24 * 3600_000,
  rejectOlderThanMs: 3600_000,
  rejectNewerThanMs: 600_000,
  maxBodyBytes: 10 * 1024 * 1024,
};

/** Limits with none of the time checks, for tests that store and query old timestamps. */
export const NO_TIME_LIMITS: Partial<ServerLimits> = {
  maxQueryLengthMs: 0,
  maxQueryLookbackMs: 0,
  rejectOlderThanMs: 0,
  rejectNewerThanMs: 0,
};

export interface PyroscopeServerOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** `grafana` (default): Grafana Pyroscope 1.x/2.x; `og`: pyroscope-io 0.37. */
  flavor?: Flavor;
  /** Load the pprof fixtures as a few services with several hours of history (see `seed.ts`). */
  seed?: boolean | { hours?: number };
  /** Require `X-Scope-OrgID` (grafana flavor) and keep each tenant's data apart. */
  multitenancy?: boolean;
  /** `user:password` for Basic auth on every data route. */
  basicAuth?: string;
  /** A token accepted as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** Most profiles kept (default 200,000); past it ingest answers 429. */
  maxProfiles?: number;
  /** Rough byte budget of the store (default 512 MiB). */
  maxBytes?: number;
  limits?: Partial<ServerLimits>;
  /** Called with one line per request (main.ts prints them; tests stay quiet). */
  log?: (line: string) => void;
  /** The clock, in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Use this store instead of a new one (to share data between servers of both flavors). */
  store?: ProfileStore;
  /**
   * Answer `SelectMergeStacktraces` with `format: PROFILE_FORMAT_PPROF` as Grafana Pyroscope 2.2+ does (default
   * true); false behaves as older servers, which ignore the format and return a flame graph.
   */
  pprofFormat?: boolean;
}
