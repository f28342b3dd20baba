/**
 * The datasource against the Pyroscope-compatible test server over real HTTP, both flavors, fed with the real pprof
 * fixtures the way agents upload them (multipart). Totals and top functions queried back must equal what
 * `go tool pprof -top` reports for each file (fixtures/README.md).
 */
import fs from 'fs';
import path from 'path';
import { firstValueFrom } from 'rxjs';

import type { ProfileDataSourceOptions, ProfileQuery } from '../src/datasource/types';
import { dataFrameToProfile } from '../src/model/frame';
import { decodePprof } from '../src/model/pprof';
import type { Profile } from '../src/model/profile';
import { topTable } from '../src/model/transforms/topTable';
import { multipartBody } from '../sandbox/pyroscope/testClient';
import { NO_TIME_LIMITS } from '../sandbox/pyroscope/options';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { readFrameMeta } from '../src/model/contract';
import { parseFilterEntries } from '../src/model/transforms/filterEntries';
import { readPanelInput } from '../src/panel/panelData';
import { deriveFilterView } from '../src/panel/frameFilterView';
import { headerParts } from '../src/panel/components/Header';
import { mergedIntoOther } from '../src/model/transforms/truncation';
import { templateSrvWith } from '../src/datasource/testing/templateSrv';
import { pprofTop } from './support/goPprof';
import { httpPost } from './support/httpPost';
import { datasourceFor, queryRequest } from './support/datasource';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pprof');

interface Case {
  file: string;
  service: string;
  /** Which profile type to query, by sample type. */
  sampleType: string;
  total: number;
  topSelf: [string, number];
}

// Numbers from fixtures/README.md (go tool pprof -top).
const CASES: Case[] = [
  { file: 'go-cpu.pb.gz', service: 'go-cpu', sampleType: 'cpu', total: 470e6, topSelf: ['runtime.kevent', 250e6] },
  {
    file: 'java-kafka-cpu.pb.gz',
    service: 'kafka',
    sampleType: 'cpu',
    total: 6130e6,
    topSelf: ['java/util/regex/Pattern$Slice.match', 540e6],
  },
  {
    file: 'nodejs-cpu.pb.gz',
    service: 'node-api',
    sampleType: 'wall',
    total: 8849e3,
    topSelf: ['(anonymous)', 7742e3],
  },
  {
    file: 'go-heap.pb.gz',
    service: 'go-heap',
    sampleType: 'inuse_space',
    total: 1_602_645_059,
    topSelf: ['tree.newNode', 480_277_120],
  },
];

function datasource(server: PyroscopeServer, jsonData: ProfileDataSourceOptions = {}) {
  return datasourceFor(server.url, jsonData);
}

function topSelf(p: Profile): [string, number] {
  const t = topTable(p);
  let best = 0;
  for (let r = 1; r < t.self.length; r++) {
    if (t.self[r] > t.self[best]) {
      best = r;
    }
  }
  return [p.names[t.nameId[best]], t.self[best]];
}

async function upload(server: PyroscopeServer, c: Case): Promise<number> {
  const bytes = fs.readFileSync(path.join(FIXTURES, c.file));
  const timeMs = Math.round(decodePprof(new Uint8Array(bytes)).timeNanos / 1e6);
  const { body, contentType } = multipartBody([
    { name: 'profile', filename: 'profile.pprof', data: new Uint8Array(bytes) },
  ]);
  const fromSec = Math.floor(timeMs / 1000);
  const params = new URLSearchParams({
    name: `${c.service}{env=it}`,
    from: String(fromSec),
    until: String(fromSec + 10),
    spyName: 'gospy',
  });
  const res = await httpPost(`${server.url}/ingest?${params}`, body, contentType);
  expect(res.status).toBe(200);
  return timeMs;
}

describe.each(['grafana', 'og'] as const)('datasource against the %s test server', (flavor) => {
  let server: PyroscopeServer;
  const times = new Map<string, number>();

  beforeAll(async () => {
    server = await startPyroscopeServer({ flavor, limits: NO_TIME_LIMITS });
    for (const c of CASES) {
      times.set(c.service, await upload(server, c));
    }
  });
  afterAll(() => server.close());

  it('detects the flavor and lists the services and profile types', async () => {
    const ds = datasource(server);
    const api = await firstValueFrom(ds.api());
    expect(api.flavor).toBe(flavor);
    // The fixtures were recorded on different days: cover them all.
    const all = [...times.values()];
    const range = { fromMs: Math.min(...all) - 600_000, toMs: Math.max(...all) + 600_000 };
    const types = await ds.getProfileTypes(range);
    expect(types.map((x) => x.id)).toContain('process_cpu:cpu:nanoseconds:cpu:nanoseconds');
    const services = await ds.getLabelValues('service_name', {
      profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      range,
    });
    expect(services).toEqual(expect.arrayContaining(['go-cpu', 'kafka']));
  });

  it.each(CASES.filter((c) => flavor === 'grafana' || c.sampleType !== 'wall'))(
    '$file: total and top function equal go tool pprof',
    async (c) => {
      const ds = datasource(server);
      const t = times.get(c.service)!;
      const range = { fromMs: t - 600_000, toMs: t + 600_000 };
      const type = (await ds.getProfileTypes(range)).find((x) => x.sampleType === c.sampleType);
      expect(type).toBeDefined();
      const q: ProfileQuery = {
        refId: 'A',
        queryType: 'both',
        profileTypeId: type!.id,
        labelSelector: `{service_name="${c.service}", env="it"}`,
      };
      const res = await firstValueFrom(ds.query(queryRequest([q], range.fromMs, range.toMs)));
      expect(res.errors).toBeUndefined();
      const flame = res.data.find((f) => f.meta?.preferredVisualisationType === 'flamegraph');
      const profile = dataFrameToProfile(flame);
      // pyroscope-io stores CPU as 100 Hz ticks: totals survive because they are whole 10 ms multiples.
      expect(profile.total[0]).toBeCloseTo(c.total, -1);
      const [name, self] = topSelf(profile);
      expect(name.endsWith(c.topSelf[0])).toBe(true);
      expect(self).toBeCloseTo(c.topSelf[1], -1);
      const series = res.data.filter((f) => f.meta?.preferredVisualisationType === 'graph');
      expect(series.length).toBeGreaterThan(0);
      const values = series[0].fields[1].values as number[];
      expect(values.some((v) => v > 0)).toBe(true);
    }
  );

  it('carries the frame filters of a $filters variable in the frame, unapplied; the panel then shows what pprof shows', async () => {
    const filters = 'focus:re:schedule;ignore:re:netpoll';
    const ds = datasourceFor(server.url, {}, {}, templateSrvWith({ filters }));
    const t = times.get('go-cpu')!;
    const q: ProfileQuery = {
      refId: 'A',
      queryType: 'profile',
      profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      labelSelector: '{service_name="go-cpu", env="it"}',
      frameFilters: '$filters',
    };
    const res = await firstValueFrom(ds.query(queryRequest([q], t - 600_000, t + 600_000)));
    expect(res.errors).toBeUndefined();
    const meta = readFrameMeta(res.data[0].meta?.custom);
    expect([meta.frameFilters, meta.frameFiltersVariable]).toEqual([filters, 'filters']);
    const input = readPanelInput(res.data);
    expect(input.profile!.total[0]).toBeCloseTo(470e6, -1);
    const view = deriveFilterView(
      input.profile!,
      parseFilterEntries(meta.frameFilters!).entries.map((entry) => ({ entry, source: 'query' as const }))
    );
    const top = pprofTop(path.join(FIXTURES, 'go-cpu.pb.gz'), {
      sampleUnit: 'nanoseconds',
      unit: 'ns',
      focus: 'schedule',
      ignore: 'netpoll',
    });
    expect(top.total.value).toBeLessThan(470e6);
    expect(view.profile.total[0]).toBeCloseTo(top.total.value, -1);
  });

  it('says how much of a truncated profile the server merged into "other", with the node limit', async () => {
    const ds = datasource(server);
    const t = times.get('go-heap')!;
    const type = (await ds.getProfileTypes({ fromMs: t - 600_000, toMs: t + 600_000 })).find(
      (x) => x.sampleType === 'inuse_space'
    )!;
    const query = async (maxNodes: number) => {
      const q: ProfileQuery = {
        refId: 'A',
        queryType: 'profile',
        profileTypeId: type.id,
        labelSelector: '{service_name="go-heap", env="it"}',
        maxNodes,
      };
      const res = await firstValueFrom(ds.query(queryRequest([q], t - 600_000, t + 600_000)));
      expect(res.errors).toBeUndefined();
      return { frame: res.data[0], profile: dataFrameToProfile(res.data[0]) };
    };
    const whole = await query(1 << 20);
    const cut = await query(32);
    expect(mergedIntoOther(whole.profile)).toBeUndefined();
    expect(readFrameMeta(cut.frame.meta?.custom)).toMatchObject({ truncated: true, maxNodes: 32 });
    const merged = mergedIntoOther(cut.profile)!;
    // Nothing is lost: what the cut tree no longer breaks down by function is all in "other".
    expect(cut.profile.total[0]).toBeCloseTo(whole.profile.total[0], -1);
    expect(merged.share).toBeGreaterThan(0);
    expect(merged.share).toBeLessThan(1);
    const hint = headerParts(cut.frame.meta?.custom, cut.profile, 'utc').find((p) => p.key === 'truncated');
    expect(hint?.text).toBe(
      `Truncated by the server: ${(merged.share * 100).toFixed(merged.share < 0.01 ? 2 : 1)}% of the total is in ` +
        '"other" — raise Max nodes (now 32) to see more'
    );
  });

  it('answers a selector that matches nothing with an empty profile, not an error', async () => {
    const ds = datasource(server);
    const t = times.get('go-cpu')!;
    const q: ProfileQuery = {
      refId: 'A',
      queryType: 'profile',
      profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      labelSelector: '{service_name="nope"}',
    };
    const res = await firstValueFrom(ds.query(queryRequest([q], t - 600_000, t + 600_000)));
    expect(res.errors).toBeUndefined();
    expect(dataFrameToProfile(res.data[0]).total[0]).toBe(0);
  });
});

describe('credentials and tenancy against the test server', () => {
  it('reports 401 with the hint when the server wants credentials', async () => {
    const server = await startPyroscopeServer({ basicAuth: 'u:p' });
    try {
      const res = await datasource(server).testDatasource();
      expect(res.status).toBe('error');
      expect(res.message).toMatch(/HTTP 401.*Check the credentials/);
    } finally {
      await server.close();
    }
  });

  it('says a tenant is required when multi-tenancy is on', async () => {
    const server = await startPyroscopeServer({ multitenancy: true });
    try {
      const res = await datasource(server, { flavor: 'grafana' }).testDatasource();
      expect(res.status).toBe('error');
      expect(res.message).toMatch(/HTTP 401/);
      expect(res.message).toMatch(/tenant|X-Scope-OrgID|org/i);
    } finally {
      await server.close();
    }
  });

  it('succeeds with the tenant header and names the flavor', async () => {
    const server = await startPyroscopeServer({ multitenancy: true, seed: { hours: 1 } });
    try {
      // The tenant header is what Grafana's proxy adds from the plugin.json route.
      const ds = datasourceFor(server.url, {}, { 'X-Scope-OrgID': 'anonymous' });
      const res = await ds.testDatasource();
      expect(res).toEqual({
        status: 'success',
        message: expect.stringMatching(
          /^Connected to Grafana Pyroscope: \d+ profile types? and \d+ services? in the last hour\.$/
        ),
      });
    } finally {
      await server.close();
    }
  });
});
