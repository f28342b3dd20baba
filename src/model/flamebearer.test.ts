import fc from 'fast-check';

import { decodeConnectFlameGraph } from './connect';
import { ProfileDecodeError } from './errors';
import { decodeFlamebearer } from './flamebearer';
import { encodeFlamebearer } from '../../sandbox/pyroscope/wire/flamebearer';
import { checkProfile } from './profile';
import { arbitraryProfile } from './testing/arbitraryProfile';
import { printTree, tree } from './testing/asciiTree';

/** A /render answer as pyroscope-io 0.37 writes it: CPU in 100 Hz samples, numbers not strings. */
const ogSingle = {
  version: 1,
  flamebearer: {
    names: ['total', 'main', 'foo', 'bar'],
    levels: [
      [0, 6, 0, 0],
      [0, 6, 1, 1],
      [1, 2, 2, 3, 0, 3, 3, 2],
    ],
    numTicks: 6,
    maxSelf: 3,
  },
  metadata: {
    format: 'single',
    spyName: 'gospy',
    sampleRate: 100,
    units: 'samples',
    name: 'app.cpu 2026-11-26T02:00:00Z',
    appName: 'app.cpu',
  },
  timeline: { startTime: 1, samples: [1, 7], durationDelta: 10, watermarks: {} },
  groups: { '*': { startTime: 1, samples: [1, 7], durationDelta: 10 } },
  heatmap: null,
};

describe('decodeFlamebearer', () => {
  it('decodes a pyroscope-io 0.37 single answer and turns 100 Hz samples into nanoseconds', () => {
    const { profile, metadata } = decodeFlamebearer(ogSingle);
    expect(profile.unit).toBe('nanoseconds');
    expect(printTree(profile)).toBe(tree`
      total 60000000
        main 60000000
          bar 20000000
          foo 30000000
    `);
    expect(metadata).toMatchObject({ format: 'single', appName: 'app.cpu', sampleRate: 100, units: 'samples' });
  });

  it('keeps Grafana Pyroscope render values (CPU sampleRate 1e9: ticks already are ns) and byte units', () => {
    const grafanaCpu = {
      ...ogSingle,
      metadata: { format: 'single', spyName: '', sampleRate: 1e9, units: 'samples', name: 'cpu' },
    };
    expect(decodeFlamebearer(grafanaCpu).profile.total[0]).toBe(6);
    const heap = { ...ogSingle, metadata: { format: 'single', sampleRate: 100, units: 'bytes', name: 'inuse_space' } };
    const { profile } = decodeFlamebearer(heap);
    expect(profile.unit).toBe('bytes');
    expect(profile.total[0]).toBe(6);
    const objects = { ...ogSingle, metadata: { format: 'single', sampleRate: 100, units: 'objects' } };
    expect(decodeFlamebearer(objects).profile.unit).toBe('count');
  });

  it('decodes a double (diff) answer from render-diff', () => {
    const body = {
      version: 1,
      flamebearer: {
        names: ['total', 'a', 'b'],
        levels: [
          [0, 3, 0, 0, 5, 0, 0],
          [0, 3, 0, 0, 5, 0, 1],
          [0, 3, 3, 0, 5, 5, 2],
        ],
        numTicks: 8,
        maxSelf: 5,
      },
      metadata: { format: 'double', sampleRate: 100, units: 'samples', name: 'diff' },
      leftTicks: 3,
      rightTicks: 5,
      timeline: null,
    };
    const { profile } = decodeFlamebearer(body);
    expect(printTree(profile)).toBe(tree`
      total 30000000 | 50000000
        a 30000000 | 50000000
          b 30000000 | 50000000
    `);
    expect(checkProfile(profile)).toEqual([]);
  });

  it.each([
    ['no flamebearer', { metadata: {} }, /field flamebearer/],
    ['an unknown format', { ...ogSingle, metadata: { format: 'triple' } }, /unknown format "triple"/],
    [
      'a row that is not an array',
      { ...ogSingle, flamebearer: { ...ogSingle.flamebearer, levels: [{ values: [] }] } },
      /expected an array of numbers.*level 0/,
    ],
  ])('rejects %s with a ProfileDecodeError', (_what, body, message) => {
    expect(() => decodeFlamebearer(body)).toThrow(ProfileDecodeError);
    expect(() => decodeFlamebearer(body)).toThrow(message);
  });

  it('round-trips single and diff profiles through both envelopes (property)', () => {
    const profiles = fc.oneof(
      arbitraryProfile({ unit: 'nanoseconds' }),
      arbitraryProfile({ unit: 'bytes' }),
      arbitraryProfile({ unit: 'count', diff: true })
    );
    fc.assert(
      fc.property(profiles, fc.constantFrom(100, 1e9), (p, sampleRate) => {
        // Values that are whole multiples of the tick size survive the conversion exactly.
        const scaled = p.unit === 'nanoseconds' ? scaleProfile(p, 1e9 / sampleRate) : p;
        const back = decodeFlamebearer(JSON.parse(JSON.stringify(encodeFlamebearer(scaled, { sampleRate })))).profile;
        expect(printTree(back)).toBe(printTree(scaled));
        expect(back.unit).toBe(scaled.unit);
      })
    );
  });

  it('gives the same tree as the Connect decoder for the same levels', () => {
    const connect = decodeConnectFlameGraph(
      {
        flamegraph: {
          names: ogSingle.flamebearer.names,
          levels: ogSingle.flamebearer.levels.map((values) => ({ values })),
        },
      },
      'count'
    );
    const fb = decodeFlamebearer({ ...ogSingle, metadata: { format: 'single', units: 'objects' } }).profile;
    expect(printTree(fb)).toBe(printTree(connect));
  });
});

function scaleProfile<P extends ReturnType<typeof decodeFlamebearer>['profile']>(p: P, k: number): P {
  const s = (a: Float64Array) => a.map((v) => v * k);
  return {
    ...p,
    total: s(p.total),
    self: s(p.self),
    ...(p.right ? { right: { total: s(p.right.total), self: s(p.right.self) } } : {}),
  };
}
