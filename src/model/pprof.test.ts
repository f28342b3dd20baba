import * as fs from 'fs';
import * as path from 'path';

import { gunzipSync, gzipSync } from 'fflate';

import { decodePprof } from './pprof';
import { profileToPprof } from '../../sandbox/pyroscope/pprofExport';
import { checkProfile } from './profile';
import { printTree } from './testing/asciiTree';
import { flatByName, foldedOf, referenceDecode, referenceFolded } from './testing/pprofReference';

/**
 * The real pprof fixtures, checked several ways: totals and top functions as `go tool pprof -top` prints them
 * (fixtures/README.md), the model invariants, gzipped vs raw input, a slow reference decoder, and re-import of the
 * exported pprof.
 */

const FIXTURES = [
  'go-cpu',
  'go-cpu-exemplars',
  'go-heap',
  'go-heap-large',
  'nodejs-cpu',
  'java-kafka-cpu',
  'dotnet-cpu',
];

/** A fixture's bytes as stored, plus the uncompressed pprof (dotnet-cpu.pb.gz is in fact not gzipped). */
function load(name: string): { stored: Uint8Array; raw: Uint8Array; gzipped: Uint8Array } {
  // Copy into this realm's Uint8Array: jsdom's typed arrays are not Node's Buffer.
  const stored = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../fixtures/pprof', `${name}.pb.gz`)));
  const isGzip = stored[0] === 0x1f && stored[1] === 0x8b;
  const raw = isGzip ? gunzipSync(stored) : stored;
  return { stored, raw, gzipped: isGzip ? stored : gzipSync(raw) };
}

const MB = 1024 * 1024;

describe('decodePprof on real profiles, as go tool pprof -top reports them', () => {
  it('go-cpu: 470ms, runtime.kevent 250ms', () => {
    const { profile, sampleTypes, sampleTypeIndex } = decodePprof(load('go-cpu').stored);
    expect(sampleTypes[sampleTypeIndex]).toEqual({ type: 'cpu', unit: 'nanoseconds' });
    expect(profile.unit).toBe('nanoseconds');
    expect(profile.total[0]).toBe(470_000_000);
    expect(flatByName(profile)[0]).toEqual(['runtime.kevent', 250_000_000]);
  });

  it('go-cpu-exemplars: 8730ms, main.work 7910ms', () => {
    const { profile } = decodePprof(load('go-cpu-exemplars').stored);
    expect(profile.total[0]).toBe(8_730_000_000);
    expect(flatByName(profile)[0]).toEqual(['main.work', 7_910_000_000]);
  });

  it('go-heap inuse_space: 1528.40MB, tree.newNode 458.03MB', () => {
    const { profile, sampleTypes, sampleTypeIndex } = decodePprof(load('go-heap').stored, {
      sampleType: 'inuse_space',
    });
    expect(sampleTypes.map((t) => t.type)).toEqual(['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
    expect(sampleTypeIndex).toBe(3);
    expect(profile.unit).toBe('bytes');
    expect(Math.round((profile.total[0] / MB) * 100) / 100).toBe(1528.4);
    const [name, flat] = flatByName(profile)[0];
    expect(name).toBe('github.com/pyroscope-io/pyroscope/pkg/storage/tree.newNode');
    expect(name.endsWith('/pkg/storage/tree.newNode')).toBe(true);
    expect(Math.round((flat / MB) * 100) / 100).toBe(458.03);
  });

  it('go-heap-large alloc_objects: 2223898853784, (*Reader).LabelValues 195880995010', () => {
    const { profile, sampleTypes } = decodePprof(load('go-heap-large').stored, { sampleType: 'alloc_objects' });
    expect(sampleTypes).toEqual([{ type: 'alloc_objects', unit: 'count' }]);
    expect(profile.unit).toBe('count');
    expect(profile.total[0]).toBe(2_223_898_853_784);
    const [name, flat] = flatByName(profile)[0];
    expect(name.endsWith('/tsdb/index.(*Reader).LabelValues')).toBe(true);
    expect(flat).toBe(195_880_995_010);
  });

  it('nodejs-cpu: wall 8849ms in microseconds, (anonymous) 7742ms', () => {
    const { profile, sampleTypes, sampleTypeIndex } = decodePprof(load('nodejs-cpu').stored);
    expect(sampleTypes[sampleTypeIndex]).toEqual({ type: 'wall', unit: 'microseconds' });
    expect(profile.unit).toBe('microseconds');
    expect(Math.round(profile.total[0] / 1000)).toBe(8849);
    const [name, flat] = flatByName(profile)[0];
    expect(name).toBe('(anonymous)');
    expect(Math.round(flat / 1000)).toBe(7742);
  });

  it('java-kafka-cpu: 6130ms, Pattern$Slice.match 540ms', () => {
    const { profile } = decodePprof(load('java-kafka-cpu').stored);
    expect(profile.total[0]).toBe(6_130_000_000);
    expect(flatByName(profile)[0]).toEqual(['java/util/regex/Pattern$Slice.match', 540_000_000]);
  });

  it('dotnet-cpu: the default (last) of six sample types sums to 0 and still decodes', () => {
    const { profile, sampleTypes, sampleTypeIndex } = decodePprof(load('dotnet-cpu').stored);
    expect(sampleTypes.map((t) => t.type)).toEqual([
      'cpu',
      'exception',
      'alloc_samples',
      'alloc_size',
      'lock_count',
      'lock_time',
    ]);
    expect(sampleTypeIndex).toBe(5);
    expect(profile.total[0]).toBe(0);
    expect(printTree(profile)).toBe('total 0');
    expect(checkProfile(profile)).toEqual([]);
    for (const type of ['cpu', 'alloc_samples', 'alloc_size']) {
      expect(decodePprof(load('dotnet-cpu').stored, { sampleType: type }).profile.total[0]).toBeGreaterThan(0);
    }
  });
});

describe.each(FIXTURES)('%s, every sample type', (name) => {
  const { stored, raw, gzipped } = load(name);
  const ref = referenceDecode(raw);
  const types = ref.sampleTypes.map((_, i) => i);

  it.each(types)('sample type %i keeps the model invariants', (sampleType) => {
    expect(checkProfile(decodePprof(stored, { sampleType }).profile)).toEqual([]);
  });

  it.each(types)('sample type %i matches the slow reference decoder', (sampleType) => {
    const { profile } = decodePprof(stored, { sampleType });
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(sorted(foldedOf(profile))).toEqual(sorted(referenceFolded(ref, sampleType)));
  });

  it('decodes gzipped and raw bytes the same', () => {
    const a = decodePprof(gzipped);
    const b = decodePprof(raw);
    expect(printTree(a.profile)).toBe(printTree(b.profile));
    expect(Array.from(a.profile.self)).toEqual(Array.from(b.profile.self));
    expect({ ...a, profile: null }).toEqual({ ...b, profile: null });
  });

  it('picks the sample type go tool pprof shows by default', () => {
    const byDefault = ref.sampleTypes.findIndex((t) => t.type === ref.defaultSampleType);
    expect(decodePprof(raw).sampleTypeIndex).toBe(byDefault >= 0 ? byDefault : ref.sampleTypes.length - 1);
  });

  // The export is the test server's (pprof-format): an encoder written independently of this decoder.
  it('reads back the pprof written from its own tree unchanged', () => {
    const { profile, sampleTypes, sampleTypeIndex, timeNanos, durationNanos } = decodePprof(raw, { sampleType: 0 });
    const exported = profileToPprof(profile, { sampleType: sampleTypes[0], timeNanos, durationNanos });
    const again = decodePprof(gzipSync(exported));
    expect(sampleTypeIndex).toBe(0);
    expect(again.sampleTypes).toEqual([sampleTypes[0]]);
    expect(again.timeNanos).toBe(timeNanos);
    expect(again.durationNanos).toBe(durationNanos);
    // Zero-valued subtrees cannot be expressed in pprof; decoding makes none (samples of value 0 are skipped).
    expect(printTree(again.profile)).toBe(printTree(profile));
    expect(foldedOf(again.profile)).toEqual(foldedOf(profile));
  });
});
