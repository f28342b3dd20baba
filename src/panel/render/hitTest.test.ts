import fc from 'fast-check';

import { arbitraryProfile } from '../../model/testing/arbitraryProfile';
import { parseTree, tree } from '../../model/testing/asciiTree';
import { buildFlameIndex } from './flameIndex';
import { hitTest } from './hitTest';
import { createBarRef, type LayoutOptions } from './bar';
import { layoutVisible } from './layout';
import { arbitraryLayoutOptions, arbitraryViewport, focusFor, testViewport } from './testing/arbitraryViewport';
import { ROOT_FOCUS, type FocusState, type Viewport } from './viewport';
import type { Profile } from '../../model/profile';

const view = testViewport;

const sample = parseTree(tree`
  total 100
    a 60
      c 30
      d 20
    b 30
      e 30
`);

interface SeenBar {
  node: number;
  merged: boolean;
  xPx: number;
  widthPx: number;
  yPx: number;
}

function bars(profile: Profile, viewport: Viewport, focus: FocusState, options?: LayoutOptions): SeenBar[] {
  const out: SeenBar[] = [];
  layoutVisible(
    buildFlameIndex(profile),
    profile,
    viewport,
    focus,
    (b) => out.push({ node: b.node, merged: b.mergedCount > 1, xPx: b.xPx, widthPx: b.widthPx, yPx: b.yPx }),
    options
  );
  return out;
}

/** The y in the middle of the part of a row that is on the canvas. */
function visibleMiddleY(yPx: number, viewport: Viewport): number {
  const top = Math.max(0, yPx);
  const bottom = Math.min(viewport.heightPx, yPx + viewport.rowHeightPx);
  return (top + bottom) / 2;
}

describe('hitTest', () => {
  const index = buildFlameIndex(sample);
  const hit = (x: number, y: number, viewport = view(), focus: FocusState = ROOT_FOCUS) =>
    hitTest(index, sample, viewport, focus, x, y);

  it('finds the node under the point', () => {
    // nodes: 0 total, 1 a, 2 c, 3 d, 4 b, 5 e
    expect(hit(50, 10)).toBe(0);
    expect(hit(10, 30)).toBe(1);
    expect(hit(59.9, 30)).toBe(1);
    expect(hit(60, 30)).toBe(4);
    expect(hit(35, 50)).toBe(3);
    expect(hit(75, 50)).toBe(5);
  });

  it('misses self space, rows below leaves and points off the canvas', () => {
    expect(hit(95, 30)).toBe(-1);
    expect(hit(55, 50)).toBe(-1);
    expect(hit(10, 70)).toBe(-1);
    expect(hit(-1, 10)).toBe(-1);
    expect(hit(100, 10)).toBe(-1);
    expect(hit(10, 100)).toBe(-1);
    expect(hit(10, -0.5)).toBe(-1);
    expect(hit(Number.NaN, 10)).toBe(-1);
  });

  it('reads rows from the bottom in flame orientation', () => {
    const flame = view({ orientation: 'flame' });
    expect(hit(50, 90, flame)).toBe(0);
    expect(hit(10, 70, flame)).toBe(1);
    expect(hit(35, 50, flame)).toBe(3);
    expect(hit(10, 30, flame)).toBe(-1);
  });

  it('hits focus ancestors and the focus at full width, nothing outside the focused subtree', () => {
    const focus = { node: 4 };
    expect(hit(10, 10, view(), focus)).toBe(0);
    expect(hit(10, 30, view(), focus)).toBe(4);
    expect(hit(10, 50, view(), focus)).toBe(5);
  });

  it('fills the bar option with the hit geometry', () => {
    const bar = createBarRef();
    expect(hitTest(index, sample, view(), ROOT_FOCUS, 70, 30, { bar })).toBe(4);
    expect([bar.xPx, bar.widthPx, bar.yPx]).toEqual([60, 30, 20]);
  });

  it('hits nothing on a merged bar', () => {
    const profile = parseTree(tree`
      total 1000
        big 990
        s1 3
        s2 3
    `);
    const i = buildFlameIndex(profile);
    expect(hitTest(i, profile, view(), ROOT_FOCUS, 99.5, 30)).toBe(-1);
    expect(hitTest(i, profile, view(), ROOT_FOCUS, 50, 30)).toBe(1);
  });

  it('does not lay out a row whose visible sliver is float noise, so every laid-out row can be hit', () => {
    // CI counterexample: scrolled by 8.9e-16 px, row 2 reached into the canvas by that much.
    const profile = parseTree(tree`
      total 1
        main 1
          main 1
    `);
    const viewport = view({
      widthPx: 1,
      heightPx: 8,
      rowHeightPx: 4,
      scrollTopPx: 8.881784197001254e-16,
      orientation: 'flame',
    });
    const laid = bars(profile, viewport, ROOT_FOCUS);
    expect(laid.map((b) => b.node)).toEqual([0, 1]);
    for (const b of laid) {
      expect(
        hitTest(buildFlameIndex(profile), profile, viewport, ROOT_FOCUS, 0.5, visibleMiddleY(b.yPx, viewport))
      ).toBe(b.node);
    }
  });

  it('hits the centre of every visited bar, and nothing for merged bars (property)', () => {
    fc.assert(
      fc.property(
        arbitraryProfile({ diff: true }),
        arbitraryViewport(),
        fc.nat(),
        arbitraryLayoutOptions(),
        (profile, viewport, seed, options) => {
          const i = buildFlameIndex(profile);
          const focus = focusFor(seed, profile.level.length);
          for (const b of bars(profile, viewport, focus, options)) {
            const got = hitTest(
              i,
              profile,
              viewport,
              focus,
              b.xPx + b.widthPx / 2,
              visibleMiddleY(b.yPx, viewport),
              options
            );
            expect(got).toBe(b.merged ? -1 : b.node);
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('agrees with the layout at every point: a node exactly where a single bar is drawn (property)', () => {
    fc.assert(
      fc.property(
        arbitraryProfile(),
        arbitraryViewport(),
        fc.nat(),
        fc.array(
          fc.tuple(fc.double({ min: -5, max: 1700, noNaN: true }), fc.double({ min: -5, max: 420, noNaN: true })),
          {
            minLength: 20,
            maxLength: 60,
          }
        ),
        (profile, viewport, seed, points) => {
          const i = buildFlameIndex(profile);
          const focus = focusFor(seed, profile.level.length);
          const laid = bars(profile, viewport, focus);
          for (const [x, y] of points) {
            const under = laid.filter(
              (b) => x >= b.xPx && x < b.xPx + b.widthPx && y >= Math.max(0, b.yPx) && y < b.yPx + viewport.rowHeightPx
            );
            const got = hitTest(i, profile, viewport, focus, x, y);
            // Points on a bar's exact edge can fall either side by float rounding of css px; skip those.
            const onEdge = laid.some(
              (b) => Math.abs(x - b.xPx) < 1e-6 || Math.abs(x - b.xPx - b.widthPx) < 1e-6 || Math.abs(y - b.yPx) < 1e-6
            );
            if (!onEdge && y < viewport.heightPx) {
              expect(got).toBe(under.length === 1 && !under[0].merged ? under[0].node : -1);
            }
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});
