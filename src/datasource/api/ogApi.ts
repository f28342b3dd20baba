import { Observable, catchError, map, switchMap, throwError } from 'rxjs';
import { gzipSync } from 'fflate';

import { decodeFlamebearer, flamebearerUnit } from '../../model/flamebearer';
import { isGzip } from '../../model/gzip';
import { decodePprof } from '../../model/pprof';
import type { Profile } from '../../model/profile';
import { ogSuffixForProfileType, profileTypeForOgSuffix, splitOgAppName } from '../query/ogNames';
import { FlameQlRefusal, flameQlAppName, flameQlTerm } from '../query/flameql';
import { parseSelector, type Matcher } from '../query/selector';
import { asObject, checkOgBody, decodeFailed, invalidAnswer, parseJsonBody, stringArray } from './body';
import { mainThreadDecoder, type ProfileDecoder } from './decode/profileDecoder';
import { PyroscopeRequestError } from './errors';
import type { HttpTransport } from './transport';
import {
  SERVICE_LABEL,
  type FlameGraphRequest,
  type LabelScope,
  type PprofRequest,
  type ProfileSeries,
  type ProfileTypeInfo,
  type PyroscopeApi,
  type SeriesRequest,
  type TimeRangeMs,
} from './types';

/**
 * The original pyroscope-io server (v0.37): GET routes at the root, FlameQL queries
 * `app.suffix{k="v"}`, flamebearer answers. Queries written for Grafana Pyroscope are translated: `service_name`
 * becomes the app name, the profile type its suffix, and regexes are anchored (`^(?:re)$`) because pyroscope-io
 * matches anywhere, so both servers select the same series.
 */
export class OgApi implements PyroscopeApi {
  readonly flavor = 'og' as const;

  constructor(
    private readonly http: HttpTransport,
    private readonly decoder: ProfileDecoder = mainThreadDecoder
  ) {}

  profileTypes(_range: TimeRangeMs): Observable<ProfileTypeInfo[]> {
    return this.apps().pipe(
      map((apps) => {
        const ids = new Map<string, ProfileTypeInfo>();
        for (const app of apps) {
          const { suffix } = splitOgAppName(app.name);
          const id = profileTypeForOgSuffix(suffix, app.units);
          const [name, sampleType, sampleUnit, periodType, periodUnit] = id.split(':');
          ids.set(id, { id, name, sampleType, sampleUnit, periodType, periodUnit });
        }
        return [...ids.values()].sort((a, b) => a.id.localeCompare(b.id));
      })
    );
  }

  labelNames(scope: LabelScope): Observable<string[]> {
    const app = this.appOf(scope, false);
    return this.get('labels', app ? { query: `${app}{}` } : {}).pipe(
      map(({ body, endpoint }) => {
        const names = stringArray(body, endpoint, 'labels').filter((n) => n !== '__name__');
        return [SERVICE_LABEL, ...names.filter((n) => n !== SERVICE_LABEL)];
      })
    );
  }

  labelValues(name: string, scope: LabelScope): Observable<string[]> {
    if (name === SERVICE_LABEL) {
      const suffix = scope.profileTypeId ? ogSuffixForProfileType(scope.profileTypeId) : undefined;
      return this.apps().pipe(
        map((apps) => {
          const services = apps
            .map((a) => splitOgAppName(a.name))
            .filter((a) => suffix === undefined || a.suffix === suffix)
            .map((a) => a.service);
          return [...new Set(services)].sort();
        })
      );
    }
    const app = this.appOf(scope, false);
    return this.get('label-values', app ? { label: name, query: `${app}{}` } : { label: name }).pipe(
      map(({ body, endpoint }) => stringArray(body, endpoint, 'label values'))
    );
  }

  /** Flame graph answers go to the instance's decoder: large ones are decoded in the worker (docs/decode-worker.md). */
  flameGraph(req: FlameGraphRequest): Observable<Profile> {
    if (req.callSite && req.callSite.length > 0) {
      return throwError(() => unsupported('render', CALL_SITE_UNSUPPORTED));
    }
    let params: Record<string, string | number>;
    try {
      params = renderParams(req);
    } catch (err) {
      return throwError(() => err);
    }
    return this.decodeAnswer('render', params, req);
  }

  series(req: SeriesRequest): Observable<ProfileSeries[]> {
    if (req.groupBy.length > 1) {
      return throwError(() =>
        unsupported('render', 'pyroscope-io groups by one label only: keep one label in group by')
      );
    }
    const groupBy = req.groupBy[0];
    const range = { fromMs: ogTimelineFrom(req.range.fromMs, req.range.toMs), toMs: req.range.toMs };
    return this.render({ ...req, range, maxNodes: 1 }, groupBy).pipe(
      map(({ body, endpoint }) => {
        const rec = asObject(body) ?? {};
        const meta = asObject(rec.metadata) ?? {};
        const { factor } = flamebearerUnit(
          typeof meta.units === 'string' ? meta.units : '',
          typeof meta.sampleRate === 'number' ? meta.sampleRate : 0
        );
        if (groupBy) {
          const groups = asObject(rec.groups) ?? {};
          return Object.entries(groups).map(([key, timeline]) =>
            readTimeline(timeline, endpoint, factor, key === '*' ? {} : { [groupBy]: key })
          );
        }
        return [readTimeline(rec.timeline, endpoint, factor, {})];
      })
    );
  }

  diff(left: FlameGraphRequest, right: FlameGraphRequest): Observable<Profile> {
    const endpoint = 'render-diff';
    if ((left.callSite?.length ?? 0) > 0 || (right.callSite?.length ?? 0) > 0) {
      return throwError(() => unsupported(endpoint, CALL_SITE_UNSUPPORTED));
    }
    let params: Record<string, string | number>;
    try {
      params = {
        leftQuery: flameQl(left.profileTypeId, left.labelSelector),
        leftFrom: left.range.fromMs,
        leftUntil: left.range.toMs,
        rightQuery: flameQl(right.profileTypeId, right.labelSelector),
        rightFrom: right.range.fromMs,
        rightUntil: right.range.toMs,
        'max-nodes': Math.max(left.maxNodes, right.maxNodes),
      };
    } catch (err) {
      return throwError(() => err);
    }
    return this.decodeAnswer(endpoint, params, right);
  }

  /**
   * `/render?format=pprof`: pyroscope-io writes its merged tree as a pprof (`tree.Pprof`), uncompressed, as a file.
   * Its trees hold function names only, so the file has one Function and Location per name and no files or lines;
   * the sample type has no name and the app's unit (`samples` for CPU, at the app's sample rate; `bytes`, `objects`).
   * The file is gzipped here, as pprof files usually are.
   */
  pprof(req: PprofRequest): Observable<Uint8Array> {
    const endpoint = 'render';
    let query: string;
    try {
      query = flameQl(req.profileTypeId, req.labelSelector);
    } catch (err) {
      return throwError(() => err);
    }
    const params = { query, from: req.range.fromMs, until: req.range.toMs, format: 'pprof' };
    return this.http.request({ method: 'GET', path: endpoint, params, requestId: req.requestId, bodyAs: 'bytes' }).pipe(
      map(({ bytes, status }) => {
        const file = bytes ?? new Uint8Array(0);
        const head = new TextDecoder().decode(file.subarray(0, 64)).trimStart();
        if (head.startsWith('{') || head.startsWith('<')) {
          // JSON errors passed with a 2xx by a proxy, or an HTML page: reported as such, not saved as a profile.
          checkOgBody(parseJsonBody(new TextDecoder().decode(file), endpoint), status, endpoint);
          throw invalidAnswer(endpoint, 'a pprof file was expected');
        }
        // No data is a file without samples: reported, not saved.
        let total = 0;
        try {
          total = file.length === 0 ? 0 : decodePprof(file).profile.total[0];
        } catch (err) {
          throw decodeFailed(endpoint, err);
        }
        if (total === 0) {
          throw new PyroscopeRequestError({
            status: 0,
            endpoint,
            problem: 'No profile to download: the server has no samples for this query in this time range',
          });
        }
        return isGzip(file) ? file : gzipSync(file);
      })
    );
  }

  /** `/render` read on the main thread, for the series (its body's timeline; the tree is cut to one node). */
  private render(
    req: FlameGraphRequest,
    groupBy?: string
  ): Observable<{ body: unknown; endpoint: string; profile: Profile }> {
    const endpoint = 'render';
    let params: Record<string, string | number>;
    try {
      params = renderParams(req, groupBy);
    } catch (err) {
      return throwError(() => err);
    }
    return this.get(endpoint, params, req.requestId).pipe(
      map(({ body }) => {
        try {
          return { body, endpoint, profile: decodeFlamebearer(body).profile };
        } catch (err) {
          throw decodeFailed(endpoint, err);
        }
      })
    );
  }

  /** A flamebearer answer, fetched as bytes and decoded (text included) by the instance's decoder. */
  private decodeAnswer(
    endpoint: string,
    params: Record<string, string | number>,
    req: FlameGraphRequest
  ): Observable<Profile> {
    return this.http
      .request({ method: 'GET', path: endpoint, params, requestId: req.requestId, bodyAs: 'bytes' })
      .pipe(
        switchMap(({ text, bytes, status }) =>
          this.decoder.decode({ kind: 'flamebearer', text, bytes, status, endpoint })
        )
      );
  }

  /** `/api/apps` (v0.34+), falling back to `/label-values?label=__name__` on older servers. */
  private apps(): Observable<Array<{ name: string; units?: string }>> {
    return this.get('api/apps', {}).pipe(
      map(({ body, endpoint }) => {
        if (!Array.isArray(body)) {
          throw invalidAnswer(endpoint, 'the app list is not an array');
        }
        return body.map((a: unknown) => {
          const rec = asObject(a) ?? {};
          return { name: String(rec.name ?? ''), ...(typeof rec.units === 'string' ? { units: rec.units } : {}) };
        });
      }),
      catchError((err: unknown) => {
        if (err instanceof PyroscopeRequestError && err.status === 404) {
          return this.get('label-values', { label: '__name__' }).pipe(
            map(({ body, endpoint }) => stringArray(body, endpoint, 'app names').map((name) => ({ name })))
          );
        }
        return throwError(() => err);
      })
    );
  }

  private appOf(scope: LabelScope, required: boolean): string | undefined {
    if (!scope.profileTypeId || !scope.labelSelector) {
      return undefined;
    }
    try {
      return appName(scope.profileTypeId, parseSelector(scope.labelSelector).matchers, required);
    } catch {
      // An unfinished selector in the editor scopes nothing.
      return undefined;
    }
  }

  private get(
    path: string,
    params: Record<string, string | number>,
    requestId?: string
  ): Observable<{ body: unknown; endpoint: string }> {
    return this.http
      .request({ method: 'GET', path, params, requestId })
      .pipe(
        map(({ text, status }) => ({ body: checkOgBody(parseJsonBody(text, path), status, path), endpoint: path }))
      );
  }
}

/** `/render`'s parameters for a flame graph (and its timeline); throws a request error for an untranslatable query. */
function renderParams(req: FlameGraphRequest, groupBy?: string): Record<string, string | number> {
  return {
    query: flameQl(req.profileTypeId, req.labelSelector),
    from: req.range.fromMs,
    until: req.range.toMs,
    // Without format=json pyroscope-io answers 200 with an empty body.
    format: 'json',
    'max-nodes': req.maxNodes,
    ...(groupBy ? { groupBy } : {}),
  };
}

/** Translates a profile type and a Prometheus selector into FlameQL, e.g. `api.cpu{pod=~"^(?:web-.*)$"}`. */
export function flameQl(profileTypeId: string, labelSelector: string): string {
  const matchers = parseSelector(labelSelector).matchers;
  const app = appName(profileTypeId, matchers, true) ?? '';
  const terms = matchers
    .filter((m) => m.name !== SERVICE_LABEL)
    .map((m) => refusedAsRequestError(() => flameQlTerm(m)));
  return `${app}{${terms.join(',')}}`;
}

function appName(profileTypeId: string, matchers: Matcher[], required: boolean): string | undefined {
  const suffix = ogSuffixForProfileType(profileTypeId);
  if (!suffix) {
    if (!required) {
      return undefined;
    }
    throw unsupported('render', `pyroscope-io has no equivalent of profile type ${profileTypeId}`);
  }
  const service = matchers.filter((m) => m.name === SERVICE_LABEL);
  if (service.length !== 1 || service[0].op !== '=') {
    if (!required) {
      return undefined;
    }
    throw unsupported(
      'render',
      `pyroscope-io queries one application at a time: the selector needs exactly one ${SERVICE_LABEL}="..." matcher`
    );
  }
  return refusedAsRequestError(() => flameQlAppName(service[0].value, suffix));
}

function refusedAsRequestError<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    throw e instanceof FlameQlRefusal ? unsupported('render', e.message) : e;
  }
}

const TEN_SECONDS_MS = 10_000;
/** Unix time of Go's zero time (year 1): pyroscope-io truncates times to its buckets relative to it. */
const GO_ZERO_MS = -62_135_596_800_000;

/**
 * pyroscope-io chooses the timeline's step itself: the largest 10 s·10^k under a 1024th of the range (at least 10 s),
 * its buckets starting at `from` truncated to 10 s, while the profiles are counted in buckets truncated to the step
 * from Go's zero time. For steps over 10 s a bucket's reported start thus depends on `from`. This moves `from` back to
 * the start of the bucket it is in, for the step the server will choose for the range that results, so the buckets
 * are the same whatever range asks for them. A server that chooses its step otherwise gets its buckets as they come.
 */
export function ogTimelineFrom(fromMs: number, untilMs: number): number {
  let from = fromMs;
  // Moving `from` back can only widen the range, and so the step: a few rounds settle it.
  for (let round = 0; round < 4; round++) {
    const stepMs = ogTimelineStepMs(from, untilMs);
    const aligned = from - ((((from - GO_ZERO_MS) % stepMs) + stepMs) % stepMs);
    if (aligned === from) {
      break;
    }
    from = aligned;
  }
  return from;
}

/** The step pyroscope-io 0.37 gives the timeline of `[fromMs, untilMs]`. */
export function ogTimelineStepMs(fromMs: number, untilMs: number): number {
  const start = Math.floor(fromMs / TEN_SECONDS_MS) * TEN_SECONDS_MS;
  const endFloor = Math.floor(untilMs / TEN_SECONDS_MS) * TEN_SECONDS_MS;
  const end = endFloor === untilMs && start !== endFloor ? untilMs : endFloor + TEN_SECONDS_MS;
  const smallest = (end - start) / 1024;
  let step = TEN_SECONDS_MS;
  while (step * 10 < smallest) {
    step *= 10;
  }
  return step;
}

/** Timeline buckets to a sparse series: pyroscope-io adds 1 to every non-empty bucket; empty ones are dropped. */
function readTimeline(raw: unknown, endpoint: string, factor: number, labels: Record<string, string>): ProfileSeries {
  const t = asObject(raw) ?? {};
  const startSec = Number(t.startTime ?? 0);
  const stepSec = Number(t.durationDelta ?? 10);
  const samples = Array.isArray(t.samples) ? t.samples : [];
  if (!Number.isFinite(startSec) || !(stepSec > 0)) {
    throw invalidAnswer(endpoint, 'the timeline has no valid start or step');
  }
  const timesMs: number[] = [];
  const values: number[] = [];
  samples.forEach((v: unknown, i) => {
    const n = Number(v);
    if (n > 0) {
      timesMs.push((startSec + i * stepSec) * 1000);
      values.push((n - 1) * factor);
    }
  });
  return { labels, timesMs, values, stepSec };
}

/** pyroscope-io's render routes select by app and labels only: no stack (call site) selector. */
export const CALL_SITE_UNSUPPORTED = 'pyroscope-io cannot fetch exact subtrees (raise Max nodes instead)';

function unsupported(endpoint: string, problem: string): PyroscopeRequestError {
  return new PyroscopeRequestError({ status: 0, endpoint, problem });
}
