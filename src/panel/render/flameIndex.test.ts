import fc from 'fast-check';

import { arbitraryProfile } from '../../model/testing/arbitraryProfile';
import { parseTree, tree } from '../../model/testing/asciiTree';
import { indexOf } from '../../model/profile';
import { NODES_PER_STEP, buildFlameIndex, buildFlameIndexSteps, gallopLowerBound } from './flameIndex';
import { chainProfile, randomProfile, wideProfile } from './testing/syntheticProfiles';

describe('buildFlameIndex', () => {
  it('lays children out from the parent start, self space at the right end', () => {
    const profile = parseTree(tree`
      total 100
        a 60
          c 30
          d 20
        b 30
    `);
    const index = buildFlameIndex(profile);
    // nodes: 0 total, 1 a, 2 c, 3 d, 4 b
    expect(Array.from(index.startValue)).toEqual([0, 0, 0, 30, 60]);
    expect(Array.from(index.endValue)).toEqual([100, 60, 30, 50, 90]);
    expect(index.levelNodes.map((row) => Array.from(row))).toEqual([[0], [1, 4], [2, 3]]);
    expect(index.levelNodes.map((row) => Array.from(row, (id) => index.startValue[id]))).toEqual([
      [0],
      [0, 60],
      [0, 30],
    ]);
    expect(Array.from(index.positionInLevel)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(index.subtreeMaxLevel)).toEqual([2, 2, 2, 2, 1]);
    expect(index.maxLevel).toBe(2);
  });

  it('gives diff nodes the width of both sides together', () => {
    const profile = parseTree(tree`
      total 100 | 50
        a 60 | 10
        b 30 | 40
    `);
    const index = buildFlameIndex(profile);
    expect(Array.from(index.widthValue)).toEqual([150, 70, 70]);
    expect(Array.from(index.startValue)).toEqual([0, 0, 70]);
    expect(Array.from(index.endValue)).toEqual([150, 70, 140]);
  });

  it('is cached per profile object', () => {
    const profile = parseTree('total 1');
    expect(buildFlameIndex(profile)).toBe(buildFlameIndex(profile));
  });

  it('builds the same index in steps, and caches it for buildFlameIndex', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (profile) => {
        const copy = { ...profile };
        const expected = buildFlameIndex(copy);
        const steps = buildFlameIndexSteps(profile);
        let yields = 0;
        let step = steps.next();
        for (; !step.done; step = steps.next()) {
          yields++;
        }
        expect(yields).toBeGreaterThanOrEqual(2);
        const index = step.value;
        expect({ ...index, profile: copy }).toEqual(expected);
        expect(buildFlameIndex(profile)).toBe(index);
        // Once cached, the steps return it at once.
        expect(buildFlameIndexSteps(profile).next()).toEqual({ done: true, value: index });
      })
    );
  });

  it('lays a large profile out over several steps, exactly as in one go', () => {
    const profile = randomProfile(2 * NODES_PER_STEP + 17, 5);
    const expected = buildFlameIndex({ ...profile });
    const steps = buildFlameIndexSteps(profile);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      yields++;
    }
    // The parent index, three node ranges, the subtree depths.
    expect(yields).toBe(5);
    // Compared as bytes: jest's deep equality takes seconds on arrays this long.
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const index = step.value;
    for (const key of ['startValue', 'endValue', 'positionInLevel', 'subtreeMaxLevel'] as const) {
      expect(bytes(index[key]).equals(bytes(expected[key]))).toBe(true);
    }
    expect(index.levelNodes.length).toBe(expected.levelNodes.length);
    index.levelNodes.forEach((row, l) => expect(bytes(row).equals(bytes(expected.levelNodes[l]))).toBe(true));
  });

  it('handles the empty profile', () => {
    const index = buildFlameIndex({
      names: [],
      level: new Int32Array(0),
      total: new Float64Array(0),
      self: new Float64Array(0),
      nameId: new Int32Array(0),
      unit: 'count',
    });
    expect(index.nodeCount).toBe(0);
    expect(index.levelNodes).toEqual([]);
  });

  it('keeps every child inside its parent and siblings apart (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), (profile) => {
        const index = buildFlameIndex(profile);
        const { parent } = indexOf(profile);
        for (let i = 1; i < index.nodeCount; i++) {
          const p = parent[i];
          expect(index.startValue[i]).toBeGreaterThanOrEqual(index.startValue[p]);
          expect(index.endValue[i]).toBeLessThanOrEqual(index.endValue[p]);
        }
        for (const row of index.levelNodes) {
          for (let j = 1; j < row.length; j++) {
            expect(row[j]).toBeGreaterThan(row[j - 1]);
            expect(index.startValue[row[j]]).toBeGreaterThanOrEqual(index.endValue[row[j - 1]]);
          }
        }
      })
    );
  });

  it('builds a 10,000-level chain and a node with 500,000 children without recursion', () => {
    const chain = buildFlameIndex(chainProfile(10_000));
    expect(chain.maxLevel).toBe(10_000);
    expect(chain.levelNodes[10_000][0]).toBe(10_000);
    const wide = buildFlameIndex(wideProfile(500_000));
    expect(wide.levelNodes[2].length).toBe(500_000);
    expect(wide.startValue[500_001]).toBe(499_999);
  });
});

describe('gallopLowerBound', () => {
  it('finds the first position not below the target from any start', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.nat(60), fc.nat(60), (values, from, target) => {
        const ids = Int32Array.from(values.sort((a, b) => a - b));
        const start = Math.min(from, ids.length);
        let expected = start;
        while (expected < ids.length && ids[expected] < target) {
          expected++;
        }
        expect(gallopLowerBound(ids, start, target)).toBe(expected);
      })
    );
  });
});
