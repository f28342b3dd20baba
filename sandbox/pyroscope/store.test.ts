/**
 * @jest-environment node
 */
import fc from 'fast-check';

import type { Profile } from '../../src/model/profile';
import { printTree } from '../../src/model/testing/asciiTree';
import { arbitraryProfile } from '../../src/model/testing/arbitraryProfile';
import { toFolded } from '../../src/model/transforms/folded';
import { parseFolded } from './folded';
import { StackTreeBuilder } from '../../src/model/treeBuilder';
import { seedDemoData } from './seed';
import { ProfileStore, StoreFullError, PROFILE_TYPE_LABEL } from './store';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const labels = (service: string) => ({ [PROFILE_TYPE_LABEL]: CPU, service_name: service });

/** The slow reference: every profile's stacks added to one builder. */
function referenceMerge(profiles: readonly Profile[]): Profile {
  return parseFolded(profiles.map(toFolded).join(''), 'nanoseconds');
}

describe('ProfileStore.merge', () => {
  it('equals merging the stacks one by one (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryProfile({ unit: 'nanoseconds', maxStacks: 12 }), { maxLength: 8 }), (profiles) => {
        const store = new ProfileStore();
        profiles.forEach((p, i) => store.append('t', labels(i % 2 ? 'a' : 'b'), 1000 + i, p));
        const series = store.select(['t'], () => true);
        const { profile } = store.merge(series, 0, 1e15, 'nanoseconds');
        expect(printTree(profile)).toBe(printTree(referenceMerge(profiles)));
      }),
      { numRuns: 60 }
    );
  });

  it('takes the profiles with start <= time <= end, whatever the insertion order', () => {
    const store = new ProfileStore();
    for (const t of [30, 10, 20, 40]) {
      store.append('t', labels('a'), t, parseFolded(`f${t} ${t}\n`, 'nanoseconds'));
    }
    const [series] = store.select(['t'], () => true);
    expect(series.times).toEqual([10, 20, 30, 40]);
    const { profile, profiles } = store.merge([series], 20, 30, 'nanoseconds');
    expect(profiles).toBe(2);
    expect(printTree(profile)).toBe('total 50\n  f20 20\n  f30 30');
    expect(store.merge([series], 41, 50, 'nanoseconds').profile.total[0]).toBe(0);
  });

  it('merges an hour of one-second profiles over a 2000-frame program (within the test timeout, as queries need)', () => {
    const store = new ProfileStore();
    const builderNames = Array.from({ length: 2000 }, (_, i) => `pkg${i % 40}.func${i}`);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // 60 distinct one-second profiles of 40 stacks each, appended in turn (building 3600 would dominate the test).
    const variants = Array.from({ length: 60 }, () => {
      const b = new StackTreeBuilder();
      for (let s = 0; s < 40; s++) {
        const depth = 5 + Math.floor(random() * 25);
        const stack = Array.from({ length: depth }, (_, d) =>
          b.intern(builderNames[(d * 67 + Math.floor(random() * 4) * 500) % 2000])
        );
        b.addStack(stack, 1e7);
      }
      return b.build('nanoseconds');
    });
    for (let t = 0; t < 3600; t++) {
      store.append('t', labels(t % 3 === 0 ? 'a' : 'b'), t * 1000, variants[t % variants.length]);
    }
    const series = store.select(['t'], () => true);
    const { profile, profiles } = store.merge(series, 0, 3600_000, 'nanoseconds');
    expect(profiles).toBe(3600);
    expect(profile.total[0]).toBe(3600 * 40 * 1e7);
  });

  it('refuses profiles past maxProfiles with a StoreFullError that says how to raise the limit', () => {
    const store = new ProfileStore({ maxProfiles: 2 });
    const p = parseFolded('a 1\n', 'nanoseconds');
    store.append('t', labels('a'), 1, p);
    store.append('t', labels('a'), 2, p);
    expect(() => store.append('t', labels('a'), 3, p)).toThrow(StoreFullError);
    expect(() => store.checkCapacity(1)).toThrow(/--max-profiles/);
    expect(store.profileCount).toBe(2);
  });
});

describe('seedDemoData', () => {
  it('stores the exact fixtures at the anchor among hours of history, and a 1 h query merges every profile in it', () => {
    const store = new ProfileStore();
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const anchors = seedDemoData(store, { nowMs: now, hours: 3 });
    const at = (service: string, typeId: string, start: number, end: number) =>
      store.merge(
        store.select(['anonymous'], (l) => l.service_name === service && l[PROFILE_TYPE_LABEL] === typeId),
        start,
        end,
        'nanoseconds'
      );
    for (const anchor of anchors) {
      for (const [typeId, total] of Object.entries(anchor.totals)) {
        expect([
          anchor.fixture,
          typeId,
          at(anchor.serviceName, typeId, anchor.timeMs, anchor.timeMs).profile.total[0],
        ]).toEqual([anchor.fixture, typeId, total]);
      }
    }
    const adServer = anchors.find((a) => a.fixture === 'go-cpu.pb.gz');
    expect(adServer?.totals[CPU]).toBe(470e6);
    const hour = at('kafka-consumer', CPU, now - 3600_000, now);
    expect(hour.profiles).toBe(241);
    expect(hour.profile.total[0]).toBeGreaterThan(0);
  });
});
