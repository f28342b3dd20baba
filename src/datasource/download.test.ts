import { gunzipSync } from 'fflate';

import { decodePprof } from '../model/pprof';
import { type FakeAnswer, type FakeCall } from './testing/fakeBackend';
import { templateSrvWith } from './testing/templateSrv';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';
import { fakeDataSource } from './testing/fakeDataSource';

/**
 * `downloadProfile` with a fake backend: which calls it makes for each flavor and server version, that the query is
 * read as `query()` reads it, and how failures are worded. The files themselves are checked against `go tool pprof`
 * in tests/pprofDownload.integration.test.ts.
 */

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const STACKTRACES = 'querier.v1.QuerierService/SelectMergeStacktraces';
const MERGE_PROFILE = 'querier.v1.QuerierService/SelectMergeProfile';
const RANGE = { fromMs: 1_700_000_000_000, toMs: 1_700_003_600_000 };

/** A protojson google.v1.Profile: main → work, 30 ns in work at line 12, 10 ns in main. */
const PROFILE_JSON = {
  sampleType: [{ type: '1', unit: '2' }],
  sample: [
    { locationId: ['2', '1'], value: ['30'] },
    { locationId: ['1'], value: ['10'] },
  ],
  location: [
    { id: '1', line: [{ functionId: '1', line: '40' }] },
    { id: '2', line: [{ functionId: '2', line: '12' }] },
  ],
  function: [
    { id: '1', name: '3', systemName: '3', filename: '5', startLine: '38' },
    { id: '2', name: '4', systemName: '4', filename: '5', startLine: '10' },
  ],
  stringTable: ['', 'cpu', 'nanoseconds', 'main', 'work', 'main.go'],
  timeNanos: '1700003600000000000',
};

function makeDs(
  answer: (call: FakeCall) => FakeAnswer,
  jsonData: ProfileDataSourceOptions = { flavor: 'grafana' },
  variables: Record<string, string> = {}
) {
  return fakeDataSource(answer, { jsonData, templateSrv: templateSrvWith(variables) });
}

/** A Grafana Pyroscope 2.2+ server: answers the pprof format. */
const newServer = (call: FakeCall): FakeAnswer =>
  call.path === STACKTRACES
    ? { body: JSON.stringify({ pprof: { profile: PROFILE_JSON } }) }
    : { status: 404, body: '404 page not found' };

/** An older server: ignores the format (a flame graph comes back), serves SelectMergeProfile. */
const oldServer = (call: FakeCall): FakeAnswer =>
  call.path === STACKTRACES
    ? { body: JSON.stringify({ flamegraph: { names: ['total'], levels: [{ values: ['0', '40', '0', '0'] }] } }) }
    : call.path === MERGE_PROFILE
      ? { body: JSON.stringify(PROFILE_JSON) }
      : { status: 404, body: '404 page not found' };

const query = (q: Partial<ProfileQuery> = {}): ProfileQuery => ({
  refId: 'A',
  profileTypeId: CPU,
  labelSelector: '{service_name="api"}',
  ...q,
});

describe('downloadProfile, Grafana Pyroscope', () => {
  it('asks SelectMergeStacktraces for PROFILE_FORMAT_PPROF, without maxNodes, and gzips the profile', async () => {
    const { ds, calls } = makeDs(newServer);
    const bytes = await ds.downloadProfile(query({ maxNodes: 16 }), RANGE);
    expect(calls.map((c) => c.path)).toEqual([STACKTRACES]);
    expect(calls[0].body).toEqual({
      profileTypeID: CPU,
      labelSelector: '{service_name="api"}',
      start: RANGE.fromMs,
      end: RANGE.toMs,
      format: 'PROFILE_FORMAT_PPROF',
    });
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const decoded = decodePprof(gunzipSync(bytes));
    expect(decoded.profile.total[0]).toBe(40);
    expect(decoded.timeNanos).toBe(1_700_003_600_000_000_000);
  });

  it('falls back to SelectMergeProfile when the server answers with a flame graph, and remembers it', async () => {
    const { ds, calls } = makeDs(oldServer);
    const first = await ds.downloadProfile(query(), RANGE);
    expect(calls.map((c) => c.path)).toEqual([STACKTRACES, MERGE_PROFILE]);
    expect(calls[1].body).toEqual({
      profileTypeID: CPU,
      labelSelector: '{service_name="api"}',
      start: RANGE.fromMs,
      end: RANGE.toMs,
    });
    expect(decodePprof(first).profile.total[0]).toBe(40);
    await ds.downloadProfile(query(), RANGE);
    expect(calls.map((c) => c.path)).toEqual([STACKTRACES, MERGE_PROFILE, MERGE_PROFILE]);
  });

  it('reads the query as query() does: variables escaped, ad-hoc filters appended, focus window', async () => {
    const { ds, calls } = makeDs(
      newServer,
      { flavor: 'grafana' },
      { svc: 'a"b', focus: String(RANGE.fromMs + 600_000) }
    );
    await ds.downloadProfile(
      query({ labelSelector: '{service_name="$svc"}', focusVariable: '$focus', focusWindow: '2m' }),
      RANGE,
      { filters: [{ key: 'pod', operator: '=', value: 'web-1' }] }
    );
    const body = calls[0].body as Record<string, unknown>;
    expect(body.labelSelector).toBe('{service_name="a\\"b", pod="web-1"}');
    expect(body.start).toBe(RANGE.fromMs + 540_000);
    expect(body.end).toBe(RANGE.fromMs + 660_000);
  });

  it('writes the compared window for a compare query, never the baseline', async () => {
    const { ds, calls } = makeDs(newServer);
    await ds.downloadProfile(query({ compare: 'before' }), RANGE);
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toMatchObject({ start: RANGE.fromMs, end: RANGE.toMs });
  });

  it('says there is nothing to download when the profile has no samples', async () => {
    const { ds } = makeDs(() => ({ body: JSON.stringify({ pprof: { profile: {} } }) }));
    await expect(ds.downloadProfile(query(), RANGE)).rejects.toThrow(
      /^The pprof download failed: No profile to download: the server has no samples/
    );
  });

  it('words server errors as query errors do', async () => {
    const { ds } = makeDs(() => ({
      status: 400,
      body: JSON.stringify({ code: 'invalid_argument', message: 'parsing label selector "{a=}": 1:4: parse error' }),
    }));
    await expect(ds.downloadProfile(query(), RANGE)).rejects.toThrow(
      /^The pprof download failed: .*HTTP 400.*SelectMergeStacktraces.*parse error/
    );
  });

  it('refuses a query without a profile type', async () => {
    const { ds, calls } = makeDs(newServer);
    await expect(ds.downloadProfile(query({ profileTypeId: '' }), RANGE)).rejects.toThrow(/Choose a profile type/);
    expect(calls).toHaveLength(0);
  });

  it('cancels the request when the signal aborts', async () => {
    const { ds, calls } = makeDs(newServer);
    const controller = new AbortController();
    const download = ds.downloadProfile(query(), RANGE, { signal: controller.signal });
    controller.abort();
    await expect(download).rejects.toThrow('The pprof download was cancelled');
    expect(calls.every((c) => c.cancelled)).toBe(true);
  });
});

describe('downloadProfile, pyroscope-io', () => {
  // pyroscope-io's file: uncompressed, one function per name, no lines (written here with the same JSON profile).
  const { pprofFromJson } = jest.requireActual('./api/pprofJson') as typeof import('./api/pprofJson');
  const ogFile = pprofFromJson(PROFILE_JSON);

  it('reads /render?format=pprof as bytes and gzips the file', async () => {
    const { ds, calls } = makeDs(
      (c) => (c.path === 'render' ? { body: '', bytes: ogFile } : { status: 404, body: '' }),
      {
        flavor: 'og',
      }
    );
    const bytes = await ds.downloadProfile(query(), RANGE);
    expect(calls[0].params).toEqual({
      query: 'api.cpu{}',
      from: RANGE.fromMs,
      until: RANGE.toMs,
      format: 'pprof',
    });
    expect(gunzipSync(bytes)).toEqual(ogFile);
  });

  it("reads the server's error text from a body fetched as bytes", async () => {
    const { ds } = makeDs(
      () => ({ status: 400, body: '', bytes: new TextEncoder().encode('invalid parameter: "query: unknown app"') }),
      { flavor: 'og' }
    );
    await expect(ds.downloadProfile(query(), RANGE)).rejects.toThrow(
      /^The pprof download failed: .*HTTP 400.*render.*invalid parameter: "query: unknown app"/
    );
  });

  it('reports a JSON error body that came with a 2xx instead of saving it', async () => {
    const { ds } = makeDs(() => ({ body: '', bytes: new TextEncoder().encode('{"errors":["boom"]}') }), {
      flavor: 'og',
    });
    await expect(ds.downloadProfile(query(), RANGE)).rejects.toThrow(/The pprof download failed: .*boom/);
  });
});
