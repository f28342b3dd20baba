import fc from 'fast-check';

import { parseTree, tree } from '../../model/testing/asciiTree';
import { arbitraryProfile } from '../../model/testing/arbitraryProfile';
import type { Profile } from '../../model/profile';
import { buildFlameIndex } from './flameIndex';
import type { LayoutOptions } from './bar';
import { layoutVisible } from './layout';
import { arbitraryLayoutOptions, arbitraryViewport, focusFor, testViewport } from './testing/arbitraryViewport';
import { referenceLayout, type PlainBar } from './testing/referenceLayout';
import { fanProfile, randomProfile } from './testing/syntheticProfiles';
import { ROOT_FOCUS, type FocusState, type Viewport } from './viewport';

const view = testViewport;

function collect(profile: Profile, viewport: Viewport, focus: FocusState = ROOT_FOCUS, options?: LayoutOptions) {
  const bars: PlainBar[] = [];
  layoutVisible(
    buildFlameIndex(profile),
    profile,
    viewport,
    focus,
    (b) => {
      bars.push({
        node: b.node,
        level: b.level,
        x0Dev: b.x0Dev,
        x1Dev: b.x1Dev,
        yPx: b.yPx,
        mergedCount: b.mergedCount,
        isFocusAncestor: b.isFocusAncestor,
      });
      expect(b.xPx).toBeCloseTo(b.x0Dev / viewport.pixelRatio, 9);
      expect(b.widthPx).toBeCloseTo((b.x1Dev - b.x0Dev) / viewport.pixelRatio, 9);
      expect(b.heightPx).toBe(viewport.rowHeightPx);
    },
    options
  );
  return bars;
}

/** `name x..x+width` per bar, in visit order: readable expectations. */
function picture(profile: Profile, bars: PlainBar[]): string[] {
  return bars.map((b) => {
    const name = b.mergedCount > 1 ? `[${b.mergedCount} small]` : profile.names[profile.nameId[b.node]];
    return `${b.level} ${name} ${b.x0Dev}..${b.x1Dev}${b.isFocusAncestor ? ' (ancestor)' : ''}`;
  });
}

const sample = parseTree(tree`
  total 100
    a 60
      c 30
      d 20
    b 30
      e 30
`);

describe('layoutVisible', () => {
  it('lays out children from the parent start, self at the right end', () => {
    expect(picture(sample, collect(sample, view()))).toEqual([
      '0 total 0..100',
      '1 a 0..60',
      '1 b 60..90',
      '2 c 0..30',
      '2 d 30..50',
      '2 e 60..90',
    ]);
  });

  it('places rows from the top in icicle orientation and from the bottom in flame orientation', () => {
    const icicle = collect(sample, view());
    const flame = collect(sample, view({ orientation: 'flame' }));
    expect(icicle.map((b) => b.yPx)).toEqual([0, 20, 20, 40, 40, 40]);
    expect(flame.map((b) => b.yPx)).toEqual([80, 60, 60, 40, 40, 40]);
  });

  it('scrolls by rows: the icicle from the top, the flame graph from the bottom', () => {
    expect(picture(sample, collect(sample, view({ heightPx: 20, scrollTopPx: 20 })))).toEqual([
      '1 a 0..60',
      '1 b 60..90',
    ]);
    const flame = collect(sample, view({ heightPx: 30, scrollTopPx: 25, orientation: 'flame' }));
    // Rows 1 and 2 meet the canvas; row 1 sits 5 px below the bottom edge's row position.
    expect(picture(sample, flame)).toEqual(['1 a 0..60', '1 b 60..90', '2 c 0..30', '2 d 30..50', '2 e 60..90']);
    expect(flame.map((b) => b.yPx)).toEqual([15, 15, -5, -5, -5]);
  });

  it('rounds edges to device pixels at the pixel ratio', () => {
    const bars = collect(sample, view({ widthPx: 33, pixelRatio: 1.5 }));
    // 33 css px = 49.5 → 50 device px; a = 60% of 50 = 30, b = 30..45, d = 15..25.
    expect(picture(sample, bars)).toEqual([
      '0 total 0..50',
      '1 a 0..30',
      '1 b 30..45',
      '2 c 0..15',
      '2 d 15..25',
      '2 e 30..45',
    ]);
  });

  it('fills the width with the focused node, greys its ancestors and hides everything else', () => {
    // nodes: 0 total, 1 a, 2 c, 3 d, 4 b, 5 e
    expect(picture(sample, collect(sample, view(), { node: 4 }))).toEqual([
      '0 total 0..100 (ancestor)',
      '1 b 0..100',
      '2 e 0..100',
    ]);
  });

  it('merges runs of narrow siblings into one bar and skips their children', () => {
    const profile = parseTree(tree`
      total 1000
        big 900
          inner 900
        s1 3
          deep 3
        s2 3
        s3 3
        wide 50
        lone 4
        s4 3
    `);
    // 100 px for 1000: s1..s3 are 0.3 px each, lone 0.4 px, s4 0.3 px.
    expect(picture(profile, collect(profile, view()))).toEqual([
      '0 total 0..100',
      '1 big 0..90',
      '1 [3 small] 90..91',
      '1 wide 91..96',
      '1 [2 small] 96..97',
      '2 inner 0..90',
    ]);
  });

  it('visits a lone narrow bar as itself and drops runs that round to nothing', () => {
    const profile = parseTree(tree`
      total 1000
        a 980
          x 1
          y 1
        lone 8
    `);
    // x and y are 0.1 px each at the left edge of a: together they still round to nothing.
    const bars = collect(profile, view());
    expect(picture(profile, bars)).toEqual(['0 total 0..100', '1 a 0..98', '1 lone 98..99']);
    expect(bars[2].mergedCount).toBe(1);
  });

  it('entering a scrolled row, skips whole subtrees under narrow nodes', () => {
    const profile = parseTree(tree`
      total 1000
        a 990
          b 990
            c 990
        s 10
          t 10
            u 10
              v 10
    `);
    const bars = collect(profile, view({ scrollTopPx: 60, heightPx: 20 }), ROOT_FOCUS, { minWidthPx: 2 });
    expect(picture(profile, bars)).toEqual(['3 c 0..99']);
  });

  it('draws nothing for an empty profile or an empty canvas', () => {
    const empty = parseTree('total 0');
    expect(collect(empty, view())).toHaveLength(1);
    const none: Profile = {
      ...empty,
      level: new Int32Array(0),
      total: new Float64Array(0),
      self: new Float64Array(0),
      nameId: new Int32Array(0),
    };
    expect(collect(none, view())).toEqual([]);
    expect(collect(sample, view({ widthPx: 0 }))).toEqual([]);
    expect(collect(sample, view({ heightPx: 0 }))).toEqual([]);
  });

  it('matches the slow reference layout (property)', () => {
    fc.assert(
      fc.property(
        arbitraryProfile({ diff: false }),
        arbitraryViewport(),
        fc.nat(),
        arbitraryLayoutOptions(),
        (profile, viewport, seed, options) => {
          const focus = focusFor(seed, profile.level.length);
          const got = collect(profile, viewport, focus, options).sort(
            (a, b) => a.level - b.level || a.x0Dev - b.x0Dev || a.x1Dev - b.x1Dev
          );
          expect(got).toEqual(referenceLayout(buildFlameIndex(profile), viewport, focus, options));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('matches the reference on bushy profiles with long runs of narrow siblings (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        arbitraryViewport(),
        fc.nat(),
        arbitraryLayoutOptions(),
        (seed, viewport, focusSeed, options) => {
          const profile = randomProfile(3000, seed);
          const focus = focusFor(focusSeed % 4 === 0 ? focusSeed : 0, profile.level.length);
          const got = collect(profile, viewport, focus, options).sort(
            (a, b) => a.level - b.level || a.x0Dev - b.x0Dev || a.x1Dev - b.x1Dev
          );
          expect(got).toEqual(referenceLayout(buildFlameIndex(profile), viewport, focus, options));
        }
      ),
      { numRuns: 60 }
    );
  });

  it('matches the reference on a fan of mostly tiny siblings with a few wide ones (property)', () => {
    const value = fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 5000 }) }
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3000 }),
        arbitraryViewport(),
        arbitraryLayoutOptions(),
        (values, viewport, options) => {
          const profile = fanProfile(values);
          const got = collect(profile, viewport, ROOT_FOCUS, options).sort(
            (a, b) => a.level - b.level || a.x0Dev - b.x0Dev || a.x1Dev - b.x1Dev
          );
          expect(got).toEqual(referenceLayout(buildFlameIndex(profile), viewport, ROOT_FOCUS, options));
        }
      ),
      { numRuns: 100 }
    );
  });

  it('keeps bars on screen, sorted and apart, within the width (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), arbitraryViewport(), fc.nat(), (profile, viewport, seed) => {
        const bars = collect(profile, viewport, focusFor(seed, profile.level.length));
        const widthDev = Math.round(viewport.widthPx * viewport.pixelRatio);
        const rowEnd = new Map<number, number>();
        const rowSum = new Map<number, number>();
        for (const b of bars) {
          expect(b.yPx + viewport.rowHeightPx).toBeGreaterThan(0);
          expect(b.yPx).toBeLessThan(viewport.heightPx);
          expect(b.x0Dev).toBeGreaterThanOrEqual(rowEnd.get(b.level) ?? 0);
          expect(b.x1Dev).toBeGreaterThan(b.x0Dev);
          expect(b.x1Dev).toBeLessThanOrEqual(widthDev);
          rowEnd.set(b.level, b.x1Dev);
          rowSum.set(b.level, (rowSum.get(b.level) ?? 0) + b.x1Dev - b.x0Dev);
        }
        for (const sum of rowSum.values()) {
          expect(sum).toBeLessThanOrEqual(widthDev);
        }
      })
    );
  });

  it('visits every node wider than 2 px in the focused subtree and the visible rows exactly once (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), arbitraryViewport(), fc.nat(), (profile, viewport, seed) => {
        const index = buildFlameIndex(profile);
        const focus = focusFor(seed, profile.level.length);
        const bars = collect(profile, viewport, focus);
        const seen = new Map<number, number>();
        for (const b of bars) {
          if (b.mergedCount === 1) {
            seen.set(b.node, (seen.get(b.node) ?? 0) + 1);
          }
        }
        const f = focus.node;
        const pxPerValue = viewport.widthPx / (index.endValue[f] - index.startValue[f]);
        for (let k = f; k < index.subtreeEnd[f]; k++) {
          const top = (index.level[k] + 1) * viewport.rowHeightPx - viewport.scrollTopPx;
          const rowVisible = top > 0 && top - viewport.rowHeightPx < viewport.heightPx;
          if (rowVisible && (index.endValue[k] - index.startValue[k]) * pxPerValue > 2) {
            expect(seen.get(k)).toBe(1);
          }
        }
      })
    );
  });

  it('mirrors flame and icicle orientations (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), arbitraryViewport(), fc.nat(), (profile, viewport, seed) => {
        const focus = focusFor(seed, profile.level.length);
        const icicle = collect(profile, { ...viewport, orientation: 'icicle' }, focus);
        const flame = collect(profile, { ...viewport, orientation: 'flame' }, focus);
        expect(flame.map((b) => ({ ...b, yPx: viewport.heightPx - viewport.rowHeightPx - b.yPx }))).toEqual(
          icicle.map((b) => ({ ...b, yPx: expect.closeTo(b.yPx, 6) }))
        );
      })
    );
  });
});
