/**
 * @jest-environment node
 */
import fc from 'fast-check';

import { decodePprof } from '../../src/model/pprof';
import { parseTree, printTree, tree } from '../../src/model/testing/asciiTree';
import { referenceDecode } from '../../src/model/testing/pprofReference';
import { StackTreeBuilder } from '../../src/model/treeBuilder';
import type { ValueUnit } from '../../src/model/units';
import { profileToPprof } from './pprofExport';
import { pprofTrees } from './pprofTrees';

/**
 * The server's pprof download: the datasource's decoder, the plain reference reader and the server's own ingest
 * must all read the same tree back, and the output must be plain, valid pprof.
 */

const NAMES = ['main', 'a', 'b', 'total', '__proto__', 'constructor', '<b>x</b>', 'ünï;cødé', '日本語', 'x y\tz'];
const UNITS: ValueUnit[] = ['nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes', 'count'];

const arbitraryProfile = fc
  .tuple(
    fc.array(fc.tuple(fc.array(fc.constantFrom(...NAMES), { maxLength: 8 }), fc.integer({ min: 1, max: 2 ** 40 })), {
      maxLength: 40,
    }),
    fc.constantFrom(...UNITS)
  )
  .map(([stacks, unit]) => {
    const b = new StackTreeBuilder();
    for (const [frames, value] of stacks) {
      b.addStack(
        frames.map((f) => b.intern(f)),
        value
      );
    }
    return b.build(unit);
  });

describe('profileToPprof', () => {
  it('round-trips any profile through decodePprof (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile, (profile) => {
        const bytes = profileToPprof(profile);
        const back = decodePprof(bytes).profile;
        expect(printTree(back)).toBe(printTree(profile));
        expect(printTree(pprofTrees(bytes).groups[0].profiles[0])).toBe(printTree(profile));
        expect(Array.from(back.self)).toEqual(Array.from(profile.self));
        expect(back.unit).toBe(profile.unit);
      })
    );
  });

  it('writes one function and one location per distinct name, ids from 1, stacks leaf first', () => {
    const profile = parseTree(tree`
      total 10
        main 10
          a 6
            main 4
          b 3
    `);
    const ref = referenceDecode(profileToPprof(profile, { sampleType: { type: 'samples', unit: 'count' } }));
    expect(ref.sampleTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    expect([...ref.functions]).toEqual([
      [1, 'main'],
      [2, 'a'],
      [3, 'b'],
    ]);
    expect([...ref.locations.keys()]).toEqual([1, 2, 3]);
    expect(ref.samples).toEqual([
      { locationIds: [1], values: [1] },
      { locationIds: [2, 1], values: [2] },
      { locationIds: [1, 2, 1], values: [4] },
      { locationIds: [3, 1], values: [3] },
    ]);
  });

  it('writes the root self as a sample without locations', () => {
    const profile = parseTree(tree`
      total 5
        a 3
    `);
    expect(referenceDecode(profileToPprof(profile)).samples).toEqual([
      { locationIds: [], values: [2] },
      { locationIds: [1], values: [3] },
    ]);
  });

  it('drops subtrees of zero value, which pprof cannot express, and rounds to integers', () => {
    const profile = parseTree(tree`
      total 7.6
        a 0
          b 0
        c 7.6
    `);
    expect(printTree(decodePprof(profileToPprof(profile)).profile)).toBe(tree`
      total 8
        c 8
    `);
  });

  it('names a sample type after the unit unless told, and keeps times', () => {
    const profile = parseTree('total 1\n  a 1', 'bytes');
    const decoded = decodePprof(profileToPprof(profile, { timeNanos: 1_700_000_000_000_000_000, durationNanos: 10e9 }));
    expect(decoded.sampleTypes).toEqual([{ type: 'space', unit: 'bytes' }]);
    expect(decoded.timeNanos).toBe(1_700_000_000_000_000_000);
    expect(decoded.durationNanos).toBe(10e9);
  });

  it('writes the file and start line the store kept for a function', () => {
    const profile = parseTree('total 3\n  main 3\n    work 2');
    const sources = new Map([['work', { filename: 'src/work.go', startLine: 42 }]]);
    const ref = referenceDecode(profileToPprof(profile, { sourceOf: (n) => sources.get(n) }));
    const trees = pprofTrees(profileToPprof(profile, { sourceOf: (n) => sources.get(n) }));
    expect([...trees.functions]).toEqual([['work', { filename: 'src/work.go', startLine: 42 }]]);
    expect(ref.samples).toEqual([
      { locationIds: [1], values: [1] },
      { locationIds: [2, 1], values: [2] },
    ]);
  });
});
