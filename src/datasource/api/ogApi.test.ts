import { firstValueFrom } from 'rxjs';

import { encodeFlamebearer } from '../../../sandbox/pyroscope/wire/flamebearer';
import { parseTree, printTree, tree } from '../../model/testing/asciiTree';
import { fakeBackend, type FakeAnswer, type FakeCall } from '../testing/fakeBackend';
import { PyroscopeRequestError } from './errors';
import { OgApi, flameQl } from './ogApi';
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
