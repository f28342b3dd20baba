/**
 * @jest-environment node
 */
import { decodeFlamebearer } from '../../src/model/flamebearer';
import { ingestPprofFixture } from './seed';
import { startPyroscopeServer, type PyroscopeServer } from './server';
import { obj, request } from './testClient';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const NOW = Date.now();
// Whole minutes, so that the 15 s timeline grid has them on its boundaries.
const T1 = Math.floor((NOW - 40 * 60_000) / 60_000) * 60_000;
const T2 = T1 + 5 * 60_000;

let server: PyroscopeServer;
beforeAll(async () => {
  server = await startPyroscopeServer();
  ingestPprofFixture(server.store, {
    fixture: 'go-cpu.pb.gz',
    serviceName: 'ad-server',
    timeMs: T1,
    labels: { pod: 'a' },
  });
  ingestPprofFixture(server.store, {
    fixture: 'go-cpu.pb.gz',
    serviceName: 'ad-server',
    timeMs: T2,
    labels: { pod: 'b' },
  });
  ingestPprofFixture(server.store, { fixture: 'go-heap.pb.gz', serviceName: 'ad-server', timeMs: T1 });
});
afterAll(() => server.close());

function renderUrl(params: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    (Array.isArray(v) ? v : [v]).forEach((x) => q.append(k, x));
  }
  return `${server.url}/pyroscope/render?${q.toString()}`;
}

describe('GET /pyroscope/render', () => {
  it('answers flamebearer JSON with plain numbers that decode to the fixture totals', async () => {
    const res = await request(
      renderUrl({ query: `${CPU}{service_name="ad-server"}`, from: String(T1 - 60_000), until: String(T1 + 60_000) })
    );
    expect(res.status).toBe(200);
    const body = obj(res.json);
    const fb = obj(body.flamebearer);
    expect(fb.numTicks).toBe(470e6);
    expect(body.metadata).toEqual({ format: 'single', spyName: '', sampleRate: 1e9, units: 'samples', name: 'cpu' });
    const decoded = decodeFlamebearer(body);
    expect(decoded.profile.unit).toBe('nanoseconds');
    expect(decoded.profile.total[0]).toBe(470e6);
    expect(body.groups).toBeNull();
    expect(body.heatmap).toBeNull();
  });

  it('reads the query with the Prometheus grammar and words its parse errors as the server does', async () => {
    const bad = await request(renderUrl({ query: `${CPU}{service_name="ad-server"`, from: String(T1 - 60_000) }));
    expect([bad.status, bad.json]).toEqual([
      400,
      {
        code: 'invalid_argument',
        message: 'failed to parse "query": 1:69: parse error: unexpected end of input inside braces',
      },
    ]);
    const noType = await request(renderUrl({ query: '{service_name="ad-server"}' }));
    expect(obj(noType.json).message).toBe('"query" must contain a profile-type selection');
    // The profile type may also come as a quoted metric name, and values in any PromQL quoting.
    const quoted = await request(
      renderUrl({
        query: `{"${CPU}", service_name=\`ad-server\`}`,
        from: String(T1 - 60_000),
        until: String(T1 + 60_000),
      })
    );
    expect(obj(obj(quoted.json).flamebearer).numTicks).toBe(470e6);
  });

  it('builds the timeline on a zero-filled 15 s grid from `from`', async () => {
    const from = T1 - 60_000;
    const until = T1 + 60_000;
    const res = await request(renderUrl({ query: `${CPU}{}`, from: String(from), until: String(until) }));
    const timeline = obj(obj(res.json).timeline);
    expect(timeline.startTime).toBe(from / 1000);
    expect(timeline.durationDelta).toBe(15);
    expect(timeline.watermarks).toBeNull();
    // 8 buckets of 15 s. The profile at T1 makes a SelectSeries point stamped T1 (its bucket's end), which the
    // timeline then puts in the slot starting at T1: index 4, as the server does.
    expect(timeline.samples).toEqual([0, 0, 0, 0, 470e6, 0, 0, 0]);
  });

  it('keys groups by the first groupBy label, and reads memory units', async () => {
    const res = await request(
      renderUrl({
        query: `${CPU}{service_name="ad-server"}`,
        from: String(T1 - 60_000),
        until: String(T2 + 60_000),
        groupBy: 'pod',
      })
    );
    const body = obj(res.json);
    expect(Object.keys(obj(body.groups)).sort()).toEqual(['a', 'b']);
    expect(obj(body.flamebearer).numTicks).toBe(940e6);
    const heap = await request(
      renderUrl({ query: 'memory:inuse_objects:count:space:bytes{}', from: String(T1), until: String(T1) })
    );
    expect(obj(obj(heap.json).metadata)).toMatchObject({ units: 'objects', sampleRate: 100, name: 'inuse_objects' });
    const space = await request(
      renderUrl({ query: 'memory:inuse_space:bytes:space:bytes{}', from: String(T1), until: String(T1) })
    );
    expect(obj(obj(space.json).metadata)).toMatchObject({ units: 'bytes', sampleRate: 100 });
    expect(decodeFlamebearer(space.json).profile.total[0]).toBe(1602645059);
  });

  it('rejects queries without a profile type, in OG syntax, or with bad max-nodes', async () => {
    const missing = await request(`${server.url}/pyroscope/render`);
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ code: 'invalid_argument', message: '"query" is required' });
    expect((await request(renderUrl({ query: '{service_name="x"}' }))).status).toBe(400);
    expect((await request(renderUrl({ query: 'ad-server.cpu{}' }))).status).toBe(400);
    expect((await request(renderUrl({ query: `${CPU}{}`, 'max-nodes': '-5' }))).status).toBe(400);
    const tooLong = await request(renderUrl({ query: `${CPU}{}`, from: 'now-2d', until: 'now' }));
    expect(tooLong.status).toBe(400);
    expect(obj(tooLong.json).message).toContain('max_query_length');
  });
});

describe('GET /pyroscope/render-diff', () => {
  it('answers a double flamebearer with leftTicks and rightTicks', async () => {
    const q = new URLSearchParams({
      leftQuery: `${CPU}{pod="a"}`,
      leftFrom: String(T1),
      leftUntil: String(T1),
      rightQuery: `${CPU}{pod=~"a|b"}`,
      rightFrom: String(T1),
      rightUntil: String(T2),
    });
    const res = await request(`${server.url}/pyroscope/render-diff?${q.toString()}`);
    expect(res.status).toBe(200);
    const body = obj(res.json);
    expect([body.leftTicks, body.rightTicks, body.timeline, body.groups]).toEqual([470e6, 940e6, null, null]);
    const decoded = decodeFlamebearer(body);
    expect(decoded.metadata.format).toBe('double');
    expect([decoded.profile.total[0], decoded.profile.right?.total[0]]).toEqual([470e6, 940e6]);
    q.set('rightQuery', 'memory:inuse_space:bytes:space:bytes{}');
    const mismatch = await request(`${server.url}/pyroscope/render-diff?${q.toString()}`);
    expect(mismatch.json).toEqual({ code: 'invalid_argument', message: 'profile types must match' });
  });
});

describe('GET /pyroscope/label-values', () => {
  it('lists profile type ids of the last hour for __name__, and reproduces the missing-time-range bug otherwise', async () => {
    const names = await request(`${server.url}/pyroscope/label-values?label=__name__`);
    expect(names.json).toEqual([
      'memory:alloc_objects:count:space:bytes',
      'memory:alloc_space:bytes:space:bytes',
      'memory:inuse_objects:count:space:bytes',
      'memory:inuse_space:bytes:space:bytes',
      'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      'process_cpu:samples:count:cpu:nanoseconds',
    ]);
    const other = await request(`${server.url}/pyroscope/label-values?label=service_name`);
    expect(other.json).toEqual({ code: 'invalid_argument', message: 'missing time range in the query' });
    expect((await request(`${server.url}/pyroscope/label-values`)).status).toBe(400);
  });
});

describe('health and version', () => {
  it('answers /ready and buildinfo', async () => {
    expect((await request(`${server.url}/ready`)).text).toBe('ready\n');
    const info = await request(`${server.url}/api/v1/status/buildinfo`);
    expect(obj(info.json).status).toBe('success');
    expect(obj(obj(info.json).data)).toMatchObject({ buildUser: '', buildDate: '' });
    expect((await request(`${server.url}/healthz`)).status).toBe(404);
  });
});
