import { firstValueFrom } from 'rxjs';

import { encodeFlamebearer } from '../../../sandbox/pyroscope/wire/flamebearer';
import { parseTree, printTree, tree } from '../../model/testing/asciiTree';
import { fakeBackend, type FakeAnswer, type FakeCall } from '../testing/fakeBackend';
import { PyroscopeRequestError } from './errors';
import { OgApi, flameQl, ogTimelineFrom, ogTimelineStepMs } from './ogApi';
import { BackendSrvTransport } from './transport';

const BASE = '/api/datasources/proxy/uid/og';
const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const range = { fromMs: 1_700_000_000_000, toMs: 1_700_000_600_000 };

function api(answer: (call: FakeCall) => FakeAnswer) {
  const { backendSrv, calls } = fakeBackend(BASE, answer);
  return { og: new OgApi(new BackendSrvTransport(backendSrv, BASE, 5000)), calls };
}

describe('flameQl', () => {
  it('turns service_name into the app name, the profile type into its suffix, and anchors regexes', () => {
    expect(flameQl(CPU, '{service_name="ad-server", pod=~"web-.*", env!="dev"}')).toBe(
      'ad-server.cpu{pod=~"^(?:web-.*)$",env!="dev"}'
    );
    expect(flameQl('memory:inuse_space:bytes:space:bytes', '{service_name="a"}')).toBe('a.inuse_space{}');
  });

  it.each([
    ['{pod="x"}', /one application at a time/],
    ['{service_name=~"a|b"}', /exactly one service_name="..." matcher/],
    ['{service_name="a", v="x\\"y"}', /cannot match label values containing/],
  ])('explains what pyroscope-io cannot do: %s', (selector, message) => {
    expect(() => flameQl(CPU, selector)).toThrow(PyroscopeRequestError);
    expect(() => flameQl(CPU, selector)).toThrow(message);
  });
});

describe('OgApi', () => {
  const profile = parseTree(
    tree`
      total 60000000
        main 60000000
          flowAdv 50000000
          serve 10000000
    `,
    'nanoseconds'
  );
  const renderBody = {
    ...encodeFlamebearer(profile, { sampleRate: 100 }),
    timeline: { startTime: 1_700_000_000, samples: [0, 4, 1, 3], durationDelta: 10, watermarks: {} },
    groups: { '*': { startTime: 1_700_000_000, samples: [0, 4, 1, 3], durationDelta: 10 } },
  };

  it('renders a flame graph with format=json and converts 100 Hz samples to nanoseconds', async () => {
    const { og, calls } = api(() => ({ body: JSON.stringify(renderBody) }));
    const p = await firstValueFrom(
      og.flameGraph({ profileTypeId: CPU, labelSelector: '{service_name="ad"}', range, maxNodes: 1024 })
    );
    expect(printTree(p)).toBe(printTree(profile));
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: 'render',
      params: { query: 'ad.cpu{}', from: range.fromMs, until: range.toMs, format: 'json', 'max-nodes': 1024 },
    });
  });

  it('reads the timeline, subtracting the +1 of non-empty buckets and dropping empty ones', async () => {
    const { og } = api(() => ({ body: JSON.stringify(renderBody) }));
    const [s] = await firstValueFrom(
      og.series({
        profileTypeId: CPU,
        labelSelector: '{service_name="ad"}',
        range,
        stepSec: 15,
        groupBy: [],
        aggregation: 'sum',
      })
    );
    expect(s.timesMs).toEqual([1_700_000_010_000, 1_700_000_020_000, 1_700_000_030_000]);
    // 3 ticks at 100 Hz = 30 ms of CPU; the empty "1" bucket is a real zero.
    expect(s.values).toEqual([30_000_000, 0, 20_000_000]);
    expect(s.stepSec).toBe(10);
  });

  it("asks for the timeline from the start of the server's bucket, so buckets do not move with the range", async () => {
    const { og, calls } = api(() => ({ body: JSON.stringify(renderBody) }));
    const day = { fromMs: 1_700_000_123_456, toMs: 1_700_000_123_456 + 2 * 86_400_000 };
    await firstValueFrom(
      og.series({
        profileTypeId: CPU,
        labelSelector: '{service_name="ad"}',
        range: day,
        stepSec: 15,
        groupBy: [],
        aggregation: 'sum',
      })
    );
    // Two days: pyroscope-io picks 100 s buckets, truncated from Go's zero time (which is a multiple of 100 s before
    // the epoch), so `from` goes back to a multiple of 100 s.
    expect((calls[0].params as { from: number }).from).toBe(1_700_000_100_000);
  });

  it.each([
    [3_600_000, 10_000],
    [86_400_000, 10_000],
    [2 * 86_400_000, 100_000],
    [30 * 86_400_000, 1_000_000],
  ])('knows the step pyroscope-io picks for a %p ms range', (length, step) => {
    expect(ogTimelineStepMs(1_700_000_000_000, 1_700_000_000_000 + length)).toBe(step);
  });

  it("aligns `from` to the step grid from Go's zero time: 1000 s buckets start 200 s past a multiple of 1000 s", () => {
    const until = 1_700_000_000_000 + 30 * 86_400_000;
    const from = ogTimelineFrom(1_700_000_000_000, until);
    expect(from).toBe(1_699_999_200_000);
    for (const shift of [10_000, 123_000, 999_000]) {
      expect(ogTimelineFrom(from + shift, until)).toBe(from);
    }
  });

  it('lists profile types and services from /api/apps', async () => {
    const apps = [
      { name: 'ad.cpu', spyName: 'gospy', sampleRate: 100, units: 'samples' },
      { name: 'ad.inuse_space', units: 'bytes' },
      { name: 'checkout.cpu', sampleRate: 100, units: 'samples' },
    ];
    const { og } = api(() => ({ body: JSON.stringify(apps) }));
    const types = await firstValueFrom(og.profileTypes(range));
    expect(types.map((t) => t.id)).toEqual(['memory:inuse_space:bytes:space:bytes', CPU]);
    expect(await firstValueFrom(og.labelValues('service_name', { profileTypeId: CPU, range }))).toEqual([
      'ad',
      'checkout',
    ]);
  });

  it('falls back to /label-values?label=__name__ before v0.34', async () => {
    const { og } = api((call) =>
      call.path === 'api/apps' ? { status: 404, body: '<html>404</html>' } : { body: JSON.stringify(['ad.cpu']) }
    );
    expect((await firstValueFrom(og.profileTypes(range))).map((t) => t.id)).toEqual([CPU]);
  });

  it('reports pyroscope-io plain-text 400s and {"errors"} 401s', async () => {
    const text400 = api(() => ({ status: 400, body: 'invalid parameter: "query: invalid tag value syntax"' })).og;
    await expect(
      firstValueFrom(
        text400.flameGraph({ profileTypeId: CPU, labelSelector: '{service_name="a"}', range, maxNodes: 1 })
      )
    ).rejects.toThrow(/HTTP 400.*invalid tag value syntax/);
    const auth401 = api(() => ({ status: 401, body: '{"errors":["invalid credentials"]}' })).og;
    await expect(firstValueFrom(auth401.profileTypes(range))).rejects.toThrow(/HTTP 401.*invalid credentials/);
  });
});
