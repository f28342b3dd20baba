/**
 * @jest-environment node
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Function as PprofFunction, Label, Line, Location, Sample, StringTable, ValueType } from 'pprof-format';

import { decodePprof } from '../../src/model/pprof';
import { printTree, tree } from '../../src/model/testing/asciiTree';
import { PprofFile, setPprofTimeNanos, writePprof } from './pprofFile';
import { pprofTrees } from './pprofTrees';
import { UploadDecodeError } from './uploadError';

const FIXTURES = resolve(__dirname, '../../fixtures/pprof');

describe('pprofTrees (pprof-format)', () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.pb.gz')))(
    "%s: every sample type gives the tree the datasource's own decoder gives",
    (name) => {
      const bytes = readFileSync(resolve(FIXTURES, name));
      const trees = pprofTrees(bytes);
      const product = decodePprof(bytes);
      expect(trees.sampleTypes).toEqual(product.sampleTypes);
      expect(trees.timeNanos).toBe(product.timeNanos);
      if (trees.groups.length === 1) {
        trees.sampleTypes.forEach((_, t) => {
          expect(printTree(trees.groups[0].profiles[t])).toBe(printTree(decodePprof(bytes, { sampleType: t }).profile));
        });
      } else {
        // Split by sample labels: the groups add up to the whole file.
        const sum = trees.groups.reduce((s, g) => s + g.profiles[0].total[0], 0);
        expect(sum).toBe(decodePprof(bytes, { sampleType: 0 }).profile.total[0]);
      }
    }
  );

  function file(): PprofFile {
    const s = new StringTable();
    const fn = (id: number, name: string) =>
      new PprofFunction({ id, name: s.dedup(name), filename: s.dedup(`src/${name}.go`), startLine: 10 * id });
    const key = s.dedup('function');
    return new PprofFile({
      sampleType: [new ValueType({ type: s.dedup('cpu'), unit: s.dedup('nanoseconds') })],
      function: [fn(1, 'main'), fn(2, 'slow'), fn(3, 'fast')],
      location: [1, 2, 3].map((id) => new Location({ id, line: [new Line({ functionId: id, line: 100 + id })] })),
      sample: [
        new Sample({ locationId: [2, 1], value: [30], label: [new Label({ key, str: s.dedup('slow') })] }),
        new Sample({ locationId: [3, 1], value: [5], label: [new Label({ key, str: s.dedup('fast') })] }),
        new Sample({
          locationId: [1],
          value: [2],
          label: [new Label({ key: s.dedup('span_id'), str: s.dedup('abc') }), new Label({ key, num: 3 })],
        }),
      ],
      stringTable: s,
    });
  }

  it('splits samples by string labels (not numeric ones, not exemplar ids) and keeps where functions are', () => {
    const trees = pprofTrees(writePprof(file(), true));
    expect(trees.groups.map((g) => g.labels)).toEqual([{ function: 'slow' }, { function: 'fast' }, {}]);
    expect(printTree(trees.groups[0].profiles[0])).toBe(tree`
      total 30
        main 30
          slow 30
    `);
    expect(trees.functions.get('slow')).toEqual({ filename: 'src/slow.go', startLine: 20 });
  });

  it('restamps time_nanos exactly, keeping the compression', () => {
    const bytes = setPprofTimeNanos(writePprof(file(), true), 1_700_000_000_123_456_789);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(pprofTrees(bytes).timeNanos).toBe(1_700_000_000_123_456_789);
  });

  it('refuses what it cannot read with an UploadDecodeError', () => {
    const bad = file();
    bad.sample[0].value = [1, 2];
    expect(() => pprofTrees(writePprof(bad))).toThrow(/2 values for 1 sample types/);
    expect(() => pprofTrees(new TextEncoder().encode('garbage, not a profile'))).toThrow(UploadDecodeError);
    expect(() => pprofTrees(Uint8Array.of(0x1f, 0x8b, 1, 2, 3))).toThrow(/gzip/);
    expect(() => pprofTrees(new Uint8Array(0))).toThrow(/no sample types/);
  });
});
