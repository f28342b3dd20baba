/**
 * @jest-environment node
 */
import { decodeConnectFlameGraph } from '../../src/model/connect';
import type { Profile } from '../../src/model/profile';
import { topTable } from '../../src/model/transforms/topTable';
import type { ValueUnit } from '../../src/model/units';
import { setPprofTimeNanos } from './pprofFile';
import { startPyroscopeServer, type PyroscopeServer } from './server';
import { connect, fixture, ingest, multipartBody, obj } from './testClient';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const WALL = 'wall:wall:microseconds:wall:microseconds';

let server: PyroscopeServer;
beforeAll(async () => {
  server = await startPyroscopeServer();
});
afterAll(() => server.close());

/** A fixture as an agent would upload it now: same samples, `time_nanos` of the upload. */
function fresh(name: string, nowMs = Date.now()): Uint8Array {
  return setPprofTimeNanos(fixture(name), nowMs * 1e6);
}

async function merged(
  typeId: string,
  selector: string,
  unit: ValueUnit
): Promise<{ profile: Profile; body: Record<string, unknown> }> {
  const now = Date.now();
  const res = await connect(server.url, 'SelectMergeStacktraces', {
    profileTypeID: typeId,
    labelSelector: selector,
    start: now - 3600_000,
    end: now + 60_000,
  });
  expect(res.status).toBe(200);
  return { profile: decodeConnectFlameGraph(res.json, unit), body: obj(res.json) };
}

/** The function with the largest self value, as `go tool pprof -top` lists it first. */
function topSelf(profile: Profile): [string, number] {
  const t = topTable(profile);
  let best = 0;
  for (let r = 1; r < t.self.length; r++) {
    if (t.self[r] > t.self[best]) {
      best = r;
    }
  }
  return [profile.names[t.nameId[best]], t.self[best]];
}

describe('POST /ingest with pprof, as the agents send it', () => {
  it('stores a Go CPU upload (multipart, from/until in ns) with the totals go tool pprof reports', async () => {
    const nowNs = Date.now() * 1e6;
    const { body, contentType } = multipartBody([
      { name: 'profile', filename: 'profile.pprof', data: fresh('go-cpu.pb.gz') },
    ]);
    const res = await ingest(
      server.url,
      {
        name: 'ad-server{env=prod,process.runtime.name=go}',
        from: String(nowNs - 10e9),
        until: String(nowNs),
        spyName: 'gospy',
        sampleRate: '100',
        units: 'samples',
        aggregationType: 'sum',
      },
      body,
      contentType
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const { profile, body: fg } = await merged(CPU, '{service_name="ad-server"}', 'nanoseconds');
    // fixtures/README.md: Total samples = 470ms; top self runtime.kevent 250ms.
    expect(obj(fg.flamegraph).total).toBe('470000000');
    expect(profile.total[0]).toBe(470e6);
    expect(topSelf(profile)).toEqual(['runtime.kevent', 250e6]);
    const ticks = await merged('process_cpu:samples:count:cpu:nanoseconds', '{service_name="ad-server"}', 'count');
    expect(ticks.profile.total[0]).toBe(47);
    // Tags become labels; dots in names are sanitized.
    const values = await connect(server.url, 'LabelValues', {
      name: 'process_runtime_name',
      start: Date.now() - 60_000,
      end: Date.now() + 60_000,
    });
    expect(values.json).toEqual({ names: ['go'] });
  });

  it('stores a Node wall upload (from/until in seconds, one `profile` part)', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const { body, contentType } = multipartBody([
      { name: 'profile', filename: 'profile', data: fresh('nodejs-cpu.pb.gz') },
    ]);
    const res = await ingest(
      server.url,
      {
        from: String(nowSec - 10),
        name: 'checkout{otel.scope.name=com.grafana.pyroscope/nodejs,region=eu}',
        spyName: 'nodespy',
        until: String(nowSec),
        sampleRate: '100',
      },
      body,
      contentType
    );
    expect(res.status).toBe(200);
    const { profile } = await merged(WALL, '{service_name="checkout", region="eu"}', 'microseconds');
    // 8849ms in total, (anonymous) 7742ms self.
    expect(profile.total[0]).toBe(8849e3);
    expect(topSelf(profile)).toEqual(['(anonymous)', 7742e3]);
  });

  it('stores a Java CPU upload and a Go heap upload with sample_type_config', async () => {
    const java = multipartBody([{ name: 'profile', filename: 'profile.pprof', data: fresh('java-kafka-cpu.pb.gz') }]);
    expect(
      (await ingest(server.url, { name: 'kafka-consumer', spyName: 'javaspy' }, java.body, java.contentType)).status
    ).toBe(200);
    const { profile } = await merged(CPU, '{service_name="kafka-consumer"}', 'nanoseconds');
    expect(profile.total[0]).toBe(6130e6);
    expect(topSelf(profile)).toEqual(['java/util/regex/Pattern$Slice.match', 540e6]);

    const config = JSON.stringify({
      inuse_space: { units: 'bytes', aggregation: 'average' },
      alloc_space: { units: 'bytes' },
    });
    const heap = multipartBody([
      { name: 'profile', filename: 'profile.pprof', data: fresh('go-heap.pb.gz') },
      { name: 'sample_type_config', filename: 'sample_type_config.json', data: config },
    ]);
    expect((await ingest(server.url, { name: 'heap-app', spyName: 'gospy' }, heap.body, heap.contentType)).status).toBe(
      200
    );
    const inuse = await merged('memory:inuse_space:bytes:space:bytes', '{service_name="heap-app"}', 'bytes');
    // 1528.40 MB in use; tree.newNode 458.03 MB.
    expect(inuse.profile.total[0] / 2 ** 20).toBeCloseTo(1528.4, 1);
    const [name, self] = topSelf(inuse.profile);
    expect(name).toMatch(/pkg\/storage\/tree\.newNode$/);
    expect(self / 2 ** 20).toBeCloseTo(458.03, 1);
  });

  it('splits a profile by its sample labels (pprof labels become series labels)', async () => {
    const data = fresh('go-cpu-exemplars.pb.gz');
    expect(
      (await ingest(server.url, { name: 'labelled', format: 'pprof' }, data, 'application/octet-stream')).status
    ).toBe(200);
    const all = await merged(CPU, '{service_name="labelled"}', 'nanoseconds');
    expect(all.profile.total[0]).toBe(8730e6);
    const slow = await merged(CPU, '{service_name="labelled", function="slow"}', 'nanoseconds');
    const fast = await merged(CPU, '{service_name="labelled", function="fast"}', 'nanoseconds');
    // README: slow 6.7 s / fast 1.5 s.
    expect(Math.round(slow.profile.total[0] / 1e8) / 10).toBe(6.7);
    expect(Math.round(fast.profile.total[0] / 1e8) / 10).toBe(1.5);
  });
});

describe('POST /ingest with folded stacks', () => {
  it('scales .cpu samples by 1e9/sampleRate into process_cpu nanoseconds', async () => {
    const res = await ingest(
      server.url,
      { name: 'folded.cpu{env=dev}', sampleRate: '100', from: 'now-10s', until: 'now' },
      'main;work 30\nmain;idle 10\n'
    );
    expect(res.status).toBe(200);
    const { profile } = await merged(CPU, '{service_name="folded"}', 'nanoseconds');
    expect(profile.total[0]).toBe(40 * 1e7);
    expect(topSelf(profile)).toEqual(['work', 30e7]);
  });

  it('keeps other suffixes unscaled, without a period, and moves the app to app_name when service_name is given', async () => {
    const res = await ingest(
      server.url,
      { name: 'legacy.alloc_space{service_name=svc-a}', sampleRate: '100' },
      'a;b 1000\n'
    );
    expect(res.status).toBe(200);
    const { profile } = await merged(
      'memory:alloc_space:bytes::',
      '{service_name="svc-a", app_name="legacy"}',
      'bytes'
    );
    expect(profile.total[0]).toBe(1000);
  });
});

describe('ingest timestamps', () => {
  it('reads `from` in every attime form, and uses it for pprof without time_nanos', async () => {
    const t = Math.floor((Date.now() - 5 * 60_000) / 1000) * 1000;
    const forms: Array<[string, string]> = [
      ['secs.cpu', String(t / 1000)],
      ['millis.cpu', String(t)],
      ['micros.cpu', `${t}000`],
      ['nanos.cpu', `${t}000000`],
    ];
    for (const [name, from] of forms) {
      expect((await ingest(server.url, { name, from }, 'a 1\n')).status).toBe(200);
    }
    const untimed = multipartBody([
      { name: 'profile', filename: 'profile.pprof', data: setPprofTimeNanos(fixture('go-cpu.pb.gz'), 0) },
    ]);
    expect(
      (await ingest(server.url, { name: 'untimed', from: String(t / 1000) }, untimed.body, untimed.contentType)).status
    ).toBe(200);
    const res = await connect(server.url, 'SelectSeries', {
      profileTypeID: CPU,
      labelSelector: '{}',
      start: t,
      end: t,
      step: 1,
      groupBy: ['service_name'],
    });
    const services = (
      obj(res.json).series as Array<{ labels: Array<{ value: string }>; points: Array<{ timestamp: string }> }>
    ).map((s) => [s.labels[0].value, s.points.map((p) => p.timestamp)]);
    expect(services).toEqual(['micros', 'millis', 'nanos', 'secs', 'untimed'].map((name) => [name, [String(t)]]));
  });
});

describe('ingest errors', () => {
  it('answers 400 with {code, message} for a bad name', async () => {
    const res = await ingest(server.url, { name: 'bad app!' }, 'a 1\n');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: 'invalid_argument',
      message: "name: invalid service name: bad app!: character is not allowed: ' '",
    });
  });

  it('answers 400 for an unknown suffix and 422 for unreadable bodies', async () => {
    expect((await ingest(server.url, { name: 'app.nope' }, 'a 1\n')).status).toBe(400);
    const bad = await ingest(server.url, { name: 'app.cpu' }, 'no value here\n');
    expect(bad.status).toBe(422);
    expect(obj(bad.json).code).toBe('unknown');
    const garbage = await ingest(server.url, { name: 'app', format: 'pprof' }, new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
    expect(garbage.status).toBe(422);
    expect((await ingest(server.url, { name: 'app', format: 'jfr' }, 'x')).status).toBe(422);
  });

  it('rejects prev_profile with the documented message', async () => {
    const { body, contentType } = multipartBody([
      { name: 'profile', filename: 'profile.pprof', data: fresh('go-cpu.pb.gz') },
      { name: 'prev_profile', filename: 'profile.pprof', data: fresh('go-cpu.pb.gz') },
    ]);
    const res = await ingest(server.url, { name: 'old-agent' }, body, contentType);
    expect(res.status).toBe(422);
    expect(obj(res.json).message).toContain('unsupported client version');
  });

  it('refuses profiles outside the ingestion window (the fixtures carry their recording date)', async () => {
    const { body, contentType } = multipartBody([
      { name: 'profile', filename: 'profile.pprof', data: fixture('go-cpu.pb.gz') },
    ]);
    const res = await ingest(server.url, { name: 'too-old' }, body, contentType);
    expect(res.status).toBe(422);
    expect(obj(res.json).message).toContain('outside of ingestion window (profile timestamp: 2021-04-25');
  });

  it('answers 413 for a body over the limit and 429 when the store is full', async () => {
    const small = await startPyroscopeServer({ maxProfiles: 3, limits: { maxBodyBytes: 2000 } });
    try {
      expect((await ingest(small.url, { name: 'big.cpu' }, 'x'.repeat(5000) + ' 1\n')).status).toBe(413);
      expect((await ingest(small.url, { name: 'a.cpu' }, 'a 1\n')).status).toBe(200);
      const { body, contentType } = multipartBody([
        { name: 'profile', filename: 'profile.pprof', data: fresh('go-cpu.pb.gz') },
      ]);
      expect((await ingest(small.url, { name: 'b' }, body, contentType)).status).toBe(200);
      const full = await ingest(small.url, { name: 'c.cpu' }, 'a 1\n');
      expect(full.status).toBe(429);
      expect(obj(full.json).code).toBe('resource_exhausted');
      expect(obj(full.json).message).toContain('--max-profiles');
    } finally {
      await small.close();
    }
  });
});

describe('POST /push.v1.PusherService/Push', () => {
  it('stores base64 gzipped pprof per labelled series', async () => {
    const rawProfile = Buffer.from(fresh('go-cpu.pb.gz')).toString('base64');
    const labels = [
      { name: '__name__', value: 'process_cpu' },
      { name: 'service_name', value: 'pushed' },
    ];
    const res = await connect(
      server.url,
      'Push',
      { series: [{ labels, samples: [{ ID: 'x', rawProfile }] }] },
      {},
      'push.v1.PusherService'
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    const { profile } = await merged(CPU, '{service_name="pushed"}', 'nanoseconds');
    expect(profile.total[0]).toBe(470e6);
    const noService = await connect(
      server.url,
      'Push',
      { series: [{ labels: labels.slice(0, 1), samples: [{ rawProfile }] }] },
      {},
      'push.v1.PusherService'
    );
    expect(noService.status).toBe(400);
  });
});
