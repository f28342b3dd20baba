/**
 * @jest-environment node
 */
import { gunzipSync } from 'node:zlib';

import { referenceDecode } from '../../src/model/testing/pprofReference';
import { NO_TIME_LIMITS } from './options';
import { ingestPprofFixture } from './seed';
import { startPyroscopeServer, type PyroscopeServer } from './server';
import { connect, obj } from './testClient';

/**
 * The pprof answers: `SelectMergeProfile`, `SelectMergeStacktraces` with `PROFILE_FORMAT_PPROF` (2.2+; ignored by
 * older servers) and pyroscope-io's `format=pprof`. Their agreement with `go tool pprof` on the fixtures is checked
 * in tests/pprofDownload.integration.test.ts; here, the shapes and what each server writes.
 */

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const T = 1_700_000_000_000;
const REQ = { profileTypeID: CPU, labelSelector: '{service_name="svc"}', start: T - 60_000, end: T + 60_000 };

type Json = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);

let server: PyroscopeServer;
let legacy: PyroscopeServer;
beforeAll(async () => {
  server = await startPyroscopeServer({ limits: NO_TIME_LIMITS });
  ingestPprofFixture(server.store, { fixture: 'go-cpu.pb.gz', serviceName: 'svc', timeMs: T });
  legacy = await startPyroscopeServer({ limits: NO_TIME_LIMITS, pprofFormat: false, store: server.store });
});
afterAll(async () => {
  await server.close();
  await legacy.close();
});

describe('SelectMergeProfile', () => {
  it('answers a google.v1.Profile with locations, lines and inlined frames, as protojson', async () => {
    const res = await connect(server.url, 'SelectMergeProfile', REQ);
    expect(res.status).toBe(200);
    const p = obj(res.json);
    const strings = p.stringTable as string[];
    const str = (i: unknown) => strings[Number(i ?? 0)];
    const [type] = list(p.sampleType);
    expect([str(type.type), str(type.unit)]).toEqual(['cpu', 'nanoseconds']);
    expect([str(obj(p.periodType).type), str(obj(p.periodType).unit)]).toEqual(['cpu', 'nanoseconds']);
    expect(p.timeNanos).toBe(`${REQ.end}000000`);
    // int64 as strings; the values add up to the fixture's 470 ms.
    const total = list(p.sample).reduce((sum, s) => sum + Number((s.value as string[])[0]), 0);
    expect(total).toBe(470e6);
    expect(list(p.sample).every((s) => (s.locationId as unknown[]).every((id) => typeof id === 'string'))).toBe(true);
    // In the fixture main.work is inlined into main.slowFunction, inlined into main.main: one location, three lines,
    // innermost first (go tool pprof -raw shows the same).
    const fn = new Map(list(p.function).map((f) => [f.id, f]));
    const inlined = list(p.location).find((l) => list(l.line).length > 1);
    expect(inlined).toBeDefined();
    const names = list(inlined!.line).map((l) => str(fn.get(l.functionId)?.name));
    expect(names).toEqual(['main.work', 'main.slowFunction', 'main.main']);
    expect(list(inlined!.line).map((l) => Number(l.line))).toEqual([13, 23, 38]);
    const work = list(inlined!.line)[0];
    expect(Number(work.line)).toBeGreaterThan(0);
    expect(str(fn.get(work.functionId)?.filename)).toMatch(/main\.go$/);
  });

  it('refers only to locations and functions it writes', async () => {
    const p = obj((await connect(server.url, 'SelectMergeProfile', REQ)).json);
    const locations = new Set(list(p.location).map((l) => l.id));
    const functions = new Set(list(p.function).map((f) => f.id));
    expect(list(p.sample).every((s) => (s.locationId as string[]).every((id) => locations.has(id)))).toBe(true);
    expect(list(p.location).every((l) => list(l.line).every((line) => functions.has(line.functionId)))).toBe(true);
  });

  it('answers {} for a selector that matches nothing', async () => {
    const res = await connect(server.url, 'SelectMergeProfile', { ...REQ, labelSelector: '{service_name="none"}' });
    expect(res.status).toBe(200);
    expect(obj(res.json).sample).toBeUndefined();
  });

  it('refuses a selector that does not parse, as the flame graph call does', async () => {
    const res = await connect(server.url, 'SelectMergeProfile', { ...REQ, labelSelector: '{a=}' });
    expect(res.status).toBe(400);
    expect(obj(res.json).code).toBe('invalid_argument');
  });
});

describe('SelectMergeStacktraces with PROFILE_FORMAT_PPROF', () => {
  it('wraps the same profile in {pprof: {profile}} on a 2.2+ server', async () => {
    const merged = (await connect(server.url, 'SelectMergeProfile', REQ)).json;
    for (const format of ['PROFILE_FORMAT_PPROF', 4]) {
      const res = await connect(server.url, 'SelectMergeStacktraces', { ...REQ, format });
      expect(res.status).toBe(200);
      expect(obj(res.json)).toEqual({ pprof: { profile: merged } });
    }
  });

  it('answers a flame graph on an older server, which ignores the format', async () => {
    const res = await connect(legacy.url, 'SelectMergeStacktraces', { ...REQ, format: 'PROFILE_FORMAT_PPROF' });
    expect(res.status).toBe(200);
    expect(obj(res.json).pprof).toBeUndefined();
    expect(obj(obj(res.json).flamegraph).total).toBe('470000000');
  });

  it('still merges flame graphs by function name, whatever the lines', async () => {
    const graph = obj(obj((await connect(server.url, 'SelectMergeStacktraces', REQ)).json).flamegraph);
    const names = graph.names as string[];
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => n.includes('\u0000'))).toBe(false);
    expect(names).toContain('main.work');
  });
});

describe('pyroscope-io format=pprof', () => {
  it('writes function names only, in the app units, uncompressed', async () => {
    const og = await startPyroscopeServer({ flavor: 'og', limits: NO_TIME_LIMITS, store: server.store });
    try {
      const q = new URLSearchParams({
        query: 'svc.cpu{}',
        from: String(REQ.start / 1000),
        until: String(REQ.end / 1000),
        format: 'pprof',
      });
      const res = await fetch(`${og.url}/render?${q}`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([bytes[0], bytes[1]]).not.toEqual([0x1f, 0x8b]);
      const ref = referenceDecode(bytes);
      expect(ref.sampleTypes).toEqual([{ type: '', unit: 'samples' }]);
      // 470 ms at 100 Hz.
      expect(ref.samples.reduce((sum, s) => sum + s.values[0], 0)).toBe(47);
      expect(new Set(ref.functions.values()).size).toBe(ref.functions.size);
      expect(() => gunzipSync(bytes)).toThrow();
    } finally {
      await og.close();
    }
  });
});
