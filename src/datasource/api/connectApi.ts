import { Observable, map, of, switchMap } from 'rxjs';
import { gzipSync } from 'fflate';

import type { Profile } from '../../model/profile';
import type { ValueUnit } from '../../model/units';
import { unitOfProfileType } from '../../model/profileType';
import { scopeSelector } from '../query/selector';
import { asObject, decodeFailed, invalidAnswer, stringArray } from './body';
import { checkConnectBody } from './connectAnswer';
import { mainThreadDecoder, type ProfileDecoder } from './decode/profileDecoder';
import { PyroscopeRequestError } from './errors';
import { pprofFromJson } from './pprofJson';
import { orderPoints } from './seriesPoints';
import type { HttpTransport } from './transport';
import type {
  FlameGraphRequest,
  LabelScope,
  PprofRequest,
  ProfileSeries,
  ProfileTypeInfo,
  PyroscopeApi,
  SeriesRequest,
  TimeRangeMs,
} from './types';

const QUERIER = 'querier.v1.QuerierService';

/**
 * Grafana Pyroscope through its Connect API (JSON over HTTP POST). Responses are decoded
 * from text: int64 arrive as strings and empty fields are left out, so every field has a default.
 */
export class ConnectApi implements PyroscopeApi {
  readonly flavor = 'grafana' as const;
  /**
   * Whether the server answers `SelectMergeStacktraces` in `PROFILE_FORMAT_PPROF` (Grafana Pyroscope 2.2+):
   * unknown until a download asks, false once an answer came back without `pprof`.
   */
  private pprofFormat: boolean | undefined;

  constructor(
    private readonly http: HttpTransport,
    private readonly decoder: ProfileDecoder = mainThreadDecoder
  ) {}

  profileTypes(range: TimeRangeMs): Observable<ProfileTypeInfo[]> {
    return this.call('ProfileTypes', { start: range.fromMs, end: range.toMs }).pipe(
      map(({ body, endpoint }) => {
        const list = asObject(body)?.profileTypes ?? [];
        if (!Array.isArray(list)) {
          throw invalidAnswer(endpoint, 'profileTypes is not a list');
        }
        return list.map((item: unknown) => {
          const t = asObject(item) ?? {};
          const str = (k: string) => (typeof t[k] === 'string' ? (t[k] as string) : '');
          return {
            id: str('ID'),
            name: str('name'),
            sampleType: str('sampleType'),
            sampleUnit: str('sampleUnit'),
            periodType: str('periodType'),
            periodUnit: str('periodUnit'),
          };
        });
      })
    );
  }

  labelNames(scope: LabelScope): Observable<string[]> {
    return this.call('LabelNames', {
      matchers: matchers(scope),
      start: scope.range.fromMs,
      end: scope.range.toMs,
    }).pipe(
      map(({ body, endpoint }) =>
        stringArray(asObject(body)?.names, endpoint, 'names').filter((n) => !n.startsWith('__'))
      )
    );
  }

  labelValues(name: string, scope: LabelScope): Observable<string[]> {
    const req = { name, matchers: matchers(scope), start: scope.range.fromMs, end: scope.range.toMs };
    return this.call('LabelValues', req).pipe(
      map(({ body, endpoint }) => stringArray(asObject(body)?.names, endpoint, 'names'))
    );
  }

  flameGraph(req: FlameGraphRequest): Observable<Profile> {
    const unit = unitOfProfileType(req.profileTypeId);
    return this.flameGraphCall('SelectMergeStacktraces', stacktracesRequest(req), 'connect', unit, req.requestId);
  }

  /**
   * `SelectSeries` places its buckets at `start − step + k·step`: the start is moved back to a multiple of the step
   * since the epoch, so a bucket covers the same time whatever range asks for it (as Grafana aligns `$__interval`
   * queries).
   */
  series(req: SeriesRequest): Observable<ProfileSeries[]> {
    const body = {
      profileTypeID: req.profileTypeId,
      labelSelector: req.labelSelector,
      start: alignedStart(req.range.fromMs, req.stepSec),
      end: req.range.toMs,
      step: req.stepSec,
      groupBy: req.groupBy,
      aggregation:
        req.aggregation === 'average' ? 'TIME_SERIES_AGGREGATION_TYPE_AVERAGE' : 'TIME_SERIES_AGGREGATION_TYPE_SUM',
    };
    return this.call('SelectSeries', body, req.requestId).pipe(
      map(({ body: res, endpoint }) => readSeries(res, endpoint, req.stepSec))
    );
  }

  diff(left: FlameGraphRequest, right: FlameGraphRequest): Observable<Profile> {
    const unit = unitOfProfileType(left.profileTypeId);
    const body = { left: stacktracesRequest(left), right: stacktracesRequest(right) };
    return this.flameGraphCall('Diff', body, 'connect-diff', unit, right.requestId);
  }

  /**
   * The merged profile with its locations, lines and mappings, gzipped. Grafana Pyroscope 2.2 and later answer
   * `SelectMergeStacktraces` with `format: PROFILE_FORMAT_PPROF` (`{pprof: {profile}}`); older servers do not know
   * the enum name, which Connect's JSON reader discards, so they answer with a flame graph: then the deprecated but
   * still served `SelectMergeProfile` (which answers a `google.v1.Profile`) is used, now and for later downloads.
   * No `maxNodes` is sent: both methods then return the whole profile, untruncated. The profile arrives as protojson
   * and is written back as protobuf (`pprofFromJson`).
   */
  pprof(req: PprofRequest): Observable<Uint8Array> {
    const body = {
      profileTypeID: req.profileTypeId,
      labelSelector: req.labelSelector,
      start: req.range.fromMs,
      end: req.range.toMs,
    };
    const mergeProfile = () =>
      this.call('SelectMergeProfile', body, req.requestId).pipe(map(({ body: res, endpoint }) => ({ res, endpoint })));
    const profile$ =
      this.pprofFormat === false
        ? mergeProfile()
        : this.call('SelectMergeStacktraces', { ...body, format: 'PROFILE_FORMAT_PPROF' }, req.requestId).pipe(
            switchMap(({ body: res, endpoint }) => {
              const pprof = asObject(res)?.pprof;
              if (pprof === undefined) {
                this.pprofFormat = false;
                return mergeProfile();
              }
              this.pprofFormat = true;
              return of({ res: asObject(pprof)?.profile ?? {}, endpoint });
            })
          );
    return profile$.pipe(map(({ res, endpoint }) => gzippedPprof(res, endpoint)));
  }

  /**
   * Flame graph answers are fetched as bytes and decoded straight from their text (the fast path; see
   * bench/model.bench.ts), by the instance's decoder: large answers in the decode worker, which also turns the bytes
   * into text (docs/decode-worker.md).
   */
  private flameGraphCall(
    method: string,
    body: unknown,
    kind: 'connect' | 'connect-diff',
    unit: ValueUnit,
    requestId: string | undefined
  ): Observable<Profile> {
    const endpoint = `${QUERIER}/${method}`;
    return this.http
      .request({ method: 'POST', path: endpoint, body, requestId, bodyAs: 'bytes' })
      .pipe(switchMap(({ text, bytes, status }) => this.decoder.decode({ kind, text, bytes, status, endpoint, unit })));
  }

  private call(method: string, body: unknown, requestId?: string): Observable<{ body: unknown; endpoint: string }> {
    const endpoint = `${QUERIER}/${method}`;
    return this.http
      .request({ method: 'POST', path: endpoint, body, requestId })
      .pipe(map(({ text, status }) => ({ body: checkConnectBody(text, status, endpoint), endpoint })));
  }
}

function stacktracesRequest(req: FlameGraphRequest) {
  return {
    profileTypeID: req.profileTypeId,
    labelSelector: req.labelSelector,
    start: req.range.fromMs,
    end: req.range.toMs,
    maxNodes: req.maxNodes,
    ...(req.callSite && req.callSite.length > 0
      ? { stackTraceSelector: { callSite: req.callSite.map((name) => ({ name })) } }
      : {}),
  };
}

/** `fromMs` moved back to a multiple of the step since the epoch. */
export function alignedStart(fromMs: number, stepSec: number): number {
  const stepMs = Math.round(stepSec * 1000);
  return stepMs > 0 ? Math.floor(fromMs / stepMs) * stepMs : fromMs;
}

/** Connect matchers: the selector, with the profile type added so names and values are scoped to it. */
function matchers(scope: LabelScope): string[] {
  const selector = scopeSelector(scope.labelSelector ?? '', scope.profileTypeId);
  return selector === '{}' ? [] : [selector];
}

function readSeries(body: unknown, endpoint: string, stepSec: number): ProfileSeries[] {
  const list = asObject(body)?.series ?? [];
  if (!Array.isArray(list)) {
    throw invalidAnswer(endpoint, 'series is not a list');
  }
  return list.map((item: unknown, s) => {
    const rec = asObject(item) ?? {};
    const labels: Record<string, string> = {};
    for (const pair of Array.isArray(rec.labels) ? rec.labels : []) {
      const p = asObject(pair);
      if (p && typeof p.name === 'string' && !p.name.startsWith('__')) {
        labels[p.name] = typeof p.value === 'string' ? p.value : '';
      }
    }
    const raw = (Array.isArray(rec.points) ? rec.points : []).map((point: unknown) => {
      const p = asObject(point) ?? {};
      // protojson: int64 timestamps as strings, doubles as numbers or "NaN"/"Infinity"; zero values left out.
      return { timeMs: Number(p.timestamp ?? 0), value: Number(p.value ?? 0) };
    });
    const { timesMs, values, skipped } = orderPoints(raw, endpoint, `series ${s}`);
    return { labels, timesMs, values, stepSec, ...(skipped > 0 ? { skippedPoints: skipped } : {}) };
  });
}

/** A protojson `google.v1.Profile` as a gzipped pprof; a profile without samples is an error saying so. */
function gzippedPprof(profile: unknown, endpoint: string): Uint8Array {
  const samples = asObject(profile)?.sample;
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new PyroscopeRequestError({
      status: 0,
      endpoint,
      problem: 'No profile to download: the server has no samples for this query in this time range',
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = pprofFromJson(profile);
  } catch (err) {
    throw decodeFailed(endpoint, err);
  }
  return gzipSync(bytes);
}
