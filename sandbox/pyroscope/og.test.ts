/**
 * @jest-environment node
 */
import { decodeFlamebearer } from '../../src/model/flamebearer';
import { startPyroscopeServer, type PyroscopeServer } from './server';
import { fixture, ingest, multipartBody, obj, request } from './testClient';

const NOW_SEC = Math.floor(Date.now() / 10_000) * 10 - 600;

let server: PyroscopeServer;
beforeAll(async () => {
  server = await startPyroscopeServer({ flavor: 'og' });
  // pyroscope-io/client: no suffix in the name, from/until in seconds, multipart pprof.
  const upload = async (name: string, file: string, fromSec: number) => {
    const { body, contentType } = multipartBody([{ name: 'profile', filename: 'profile.pprof', data: fixture(file) }]);
    const res = await ingest(
      server.url,
      { name, from: String(fromSec), until: String(fromSec + 10), spyName: 'gospy', sampleRate: '100' },
      body,
      contentType
    );
    expect(res.status).toBe(200);
  };
  await upload('og-app{env=prod}', 'go-cpu.pb.gz', NOW_SEC);
  await upload('og-app{env=staging}', 'go-cpu.pb.gz', NOW_SEC + 20);
  await upload('og-app{env=prod}', 'go-heap.pb.gz', NOW_SEC);
  await upload('og-app{env=prod}', 'go-heap.pb.gz', NOW_SEC + 10);
  const folded = await ingest(
    server.url,
    { name: 'py-app.cpu{region=eu}', sampleRate: '100', from: String(NOW_SEC), spyName: 'pyspy' },
    'main;work 5\nmain 2\n'
  );
  expect(folded.status).toBe(200);
});
afterAll(() => server.close());

function render(
  params: Record<string, string>
): Promise<ReturnType<typeof request> extends Promise<infer R> ? R : never> {
  const q = new URLSearchParams({ from: String(NOW_SEC - 60), until: String(NOW_SEC + 60), format: 'json', ...params });
  return request(`${server.url}/render?${q.toString()}`);
}

describe('GET /render', () => {
  it('answers CPU as samples at 100 Hz that decode back to the fixture nanoseconds', async () => {
    const res = await render({ query: 'og-app.cpu{env="prod"}' });
    expect(res.status).toBe(200);
    const body = obj(res.json);
    expect(obj(body.flamebearer).numTicks).toBe(47);
    expect(body.metadata).toEqual({
      format: 'single',
      spyName: 'gospy',
      sampleRate: 100,
      units: 'samples',
      name: `og-app.cpu ${new Date((NOW_SEC - 60) * 1000).toISOString().replace('.000Z', 'Z')}`,
      appName: 'og-app.cpu',
      startTime: NOW_SEC - 60,
      endTime: NOW_SEC + 60,
      query: 'og-app.cpu{env="prod"}',
      maxNodes: 8192,
    });
    expect(body.annotations).toEqual([]);
    expect(decodeFlamebearer(body).profile.total[0]).toBe(470e6);
  });

  it('marks non-empty timeline buckets with 1 + their sum, and always answers groups as an object', async () => {
    const body = obj((await render({ query: 'og-app.cpu{}', groupBy: 'env' })).json);
    const timeline = obj(body.timeline);
    expect([timeline.startTime, timeline.durationDelta, timeline.watermarks]).toEqual([NOW_SEC - 60, 10, {}]);
    const samples = timeline.samples as number[];
    expect(samples.length).toBe(12);
    expect([samples[6], samples[7], samples[8]]).toEqual([48, 0, 48]);
    expect(Object.keys(obj(body.groups)).sort()).toEqual(['prod', 'staging']);
    const empty = obj((await render({ query: 'nothing.cpu{}' })).json);
    expect([empty.groups, obj(empty.metadata).units, obj(empty.metadata).sampleRate]).toEqual([{}, '', 0]);
  });

  it('matches regexes anywhere in the value (unanchored) and averages inuse_* over writes', async () => {
    expect(obj(obj((await render({ query: 'og-app.cpu{env=~"ro"}' })).json).flamebearer).numTicks).toBe(47);
    const inuse = decodeFlamebearer((await render({ query: 'og-app.inuse_space' })).json);
    expect(inuse.metadata.units).toBe('bytes');
    expect(inuse.profile.total[0]).toBe(1602645059);
    const alloc = decodeFlamebearer((await render({ query: 'og-app.alloc_space{}' })).json);
    expect(alloc.profile.total[0]).toBe(2 * 13434386318);
  });

  it('reads folded uploads and cuts at max-nodes (-1 = no limit)', async () => {
    const all = obj((await render({ query: 'py-app.cpu', maxNodes: '-1' })).json);
    expect(obj(all.flamebearer).names).toEqual(['total', 'main', 'work']);
    expect(obj(all.flamebearer).numTicks).toBe(7);
    const cut = obj((await render({ query: 'py-app.cpu', 'max-nodes': '1' })).json);
    expect(obj(cut.flamebearer).names).toEqual(['total', 'main', 'other']);
    const collapsed = await render({ query: 'py-app.cpu', format: 'collapsed' });
    expect(collapsed.text).toBe('main 2\nmain;work 5\n');
    expect(collapsed.headers.get('content-disposition')).toMatch(
      /^attachment; filename="py-app.cpu .*\.collapsed\.txt"$/
    );
  });

  it('answers an empty 200 without format, 400 text for an unknown format or a bad query', async () => {
    const q = (p: Record<string, string>) => request(`${server.url}/render?${new URLSearchParams(p).toString()}`);
    const noFormat = await q({ query: 'og-app.cpu' });
    expect([noFormat.status, noFormat.text]).toEqual([200, '']);
    const badFormat = await q({ query: 'og-app.cpu', format: 'svg' });
    expect([badFormat.status, badFormat.text]).toEqual([400, 'invalid parameter: "unknown format"\n']);
    const badQuery = await q({ query: 'og-app.cpu{env=prod}', format: 'json' });
    expect([badQuery.status, badQuery.text]).toEqual([
      400,
      'invalid parameter: "query: invalid tag value syntax: env=prod"\n',
    ]);
    expect((await q({ format: 'json' })).status).toBe(400);
  });
});

describe('GET /render-diff', () => {
  it('answers a double flamebearer and refuses different units', async () => {
    const q = new URLSearchParams({
      leftQuery: 'og-app.cpu{env="prod"}',
      leftFrom: String(NOW_SEC - 60),
      leftUntil: String(NOW_SEC + 60),
      rightQuery: 'og-app.cpu{}',
      rightFrom: String(NOW_SEC - 60),
      rightUntil: String(NOW_SEC + 60),
    });
    const res = await request(`${server.url}/render-diff?${q.toString()}`);
    const body = obj(res.json);
    expect([body.leftTicks, body.rightTicks, body.timeline, body.groups]).toEqual([47, 94, null, null]);
    expect(obj(body.metadata)).toMatchObject({
      format: 'double',
      name: 'diff',
      appName: 'diff_og-app.cpu_og-app.cpu',
      units: 'samples',
    });
    const decoded = decodeFlamebearer(body);
    expect([decoded.profile.total[0], decoded.profile.right?.total[0]]).toEqual([470e6, 940e6]);
    q.set('rightQuery', 'og-app.inuse_space{}');
    const mismatch = await request(`${server.url}/render-diff?${q.toString()}`);
    expect([mismatch.status, mismatch.text]).toEqual([
      400,
      'invalid parameter: "left units (samples) does not match right units (bytes)"\n',
    ]);
  });
});

describe('labels and apps', () => {
  it('lists label keys and values as plain sorted arrays', async () => {
    expect((await request(`${server.url}/labels?query=og-app.cpu{env="x"}`)).json).toEqual(['__name__', 'env']);
    expect((await request(`${server.url}/labels`)).json).toEqual(['__name__', 'env', 'region']);
    expect((await request(`${server.url}/label-values?label=env&query=og-app.cpu`)).json).toEqual(['prod', 'staging']);
    expect((await request(`${server.url}/label-values?label=env&query=unknown.cpu`)).json).toEqual([]);
    const apps = (await request(`${server.url}/label-values?label=__name__`)).json;
    expect(apps).toEqual([
      'og-app.alloc_objects',
      'og-app.alloc_space',
      'og-app.cpu',
      'og-app.inuse_objects',
      'og-app.inuse_space',
      'py-app.cpu',
    ]);
    const missing = await request(`${server.url}/label-values`);
    expect([missing.status, missing.text]).toEqual([400, 'invalid parameter: "label parameter is required"\n']);
  });

  it('lists apps with spyName, sampleRate only for CPU, and units', async () => {
    const apps = (await request(`${server.url}/api/apps`)).json as unknown[];
    expect(apps).toContainEqual({ name: 'og-app.cpu', spyName: 'gospy', sampleRate: 100, units: 'samples' });
    expect(apps).toContainEqual({ name: 'og-app.inuse_space', spyName: 'gospy', units: 'bytes' });
    expect(apps).toContainEqual({ name: 'og-app.alloc_objects', spyName: 'gospy', units: 'objects' });
    expect(apps).toContainEqual({ name: 'py-app.cpu', spyName: 'pyspy', sampleRate: 100, units: 'samples' });
  });
});

describe('routes pyroscope-io has and has not', () => {
  it('answers /healthz, and unknown paths (/ready, Connect, /pyroscope/render) with the HTML page and 404', async () => {
    const health = await request(`${server.url}/healthz`);
    expect([health.status, health.text]).toEqual([200, 'server is ready']);
    for (const path of [
      '/ready',
      '/querier.v1.QuerierService/ProfileTypes',
      '/pyroscope/render',
      '/pyroscope/label-values?label=__name__',
    ]) {
      const res = await request(`${server.url}${path}`, path.includes('querier') ? { method: 'POST', body: '{}' } : {});
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 404, 'text/html; charset=utf-8']);
    }
    const api = await request(`${server.url}/api/nope`);
    expect([api.status, api.json]).toEqual([404, { errors: ['not found'] }]);
  });
});
