import fc from 'fast-check';

import { arbitraryProfile } from '../../model/testing/arbitraryProfile';
import { parseTree, tree } from '../../model/testing/asciiTree';
import { createBarRef } from './bar';
import { buildFlameIndex } from './flameIndex';
import { layoutVisible } from './layout';
import { locateBar } from './locateBar';
import { arbitraryLayoutOptions, arbitraryViewport, focusFor, testViewport } from './testing/arbitraryViewport';
import { ROOT_FOCUS } from './viewport';

const sample = parseTree(tree`
  total 100
    a 60
      c 30
    b 30
`);

const view = testViewport();

interface Single {
  x0Dev: number;
  x1Dev: number;
  level: number;
  isFocusAncestor: boolean;
}

describe('locateBar', () => {
  it('finds exactly the bars layoutVisible visits on their own (property)', () => {
    fc.assert(
      fc.property(
        arbitraryProfile(),
        arbitraryViewport(),
        fc.nat(),
        arbitraryLayoutOptions(),
        (profile, viewport, seed, options) => {
          const index = buildFlameIndex(profile);
          const focus = focusFor(seed, profile.level.length);
          const single = new Map<number, Single>();
          layoutVisible(
            index,
            profile,
            viewport,
            focus,
            (b) => {
              if (b.mergedCount === 1) {
                single.set(b.node, {
                  x0Dev: b.x0Dev,
                  x1Dev: b.x1Dev,
                  level: b.level,
                  isFocusAncestor: b.isFocusAncestor,
                });
              }
            },
            options
          );
          const out = createBarRef();
          for (let k = 0; k < index.nodeCount; k++) {
            const found = locateBar(index, profile, viewport, focus, k, out, options);
            const want = single.get(k);
            expect(found).toBe(want !== undefined);
            if (want) {
              expect([out.x0Dev, out.x1Dev, out.level, out.isFocusAncestor]).toEqual([
                want.x0Dev,
                want.x1Dev,
                want.level,
                want.isFocusAncestor,
              ]);
            }
          }
        }
      ),
      { numRuns: 200 }
    );
  });

  it('places the focus and its ancestors at full width', () => {
    const index = buildFlameIndex(sample);
    const out = createBarRef();
    expect(locateBar(index, sample, view, { node: 1 }, 0, out)).toBe(true);
    expect([out.xPx, out.widthPx, out.isFocusAncestor]).toEqual([0, 100, true]);
    expect(locateBar(index, sample, view, { node: 1 }, 1, out)).toBe(true);
    expect(out.isFocusAncestor).toBe(false);
    // b is outside the focused subtree; c is inside and fills the width.
    expect(locateBar(index, sample, view, { node: 1 }, 3, out)).toBe(false);
    expect(locateBar(index, sample, view, { node: 1 }, 2, out)).toBe(true);
    expect([out.xPx, out.widthPx, out.yPx]).toEqual([0, 50, 40]);
  });

  it('rejects nodes outside the profile', () => {
    const index = buildFlameIndex(sample);
    expect(locateBar(index, sample, view, ROOT_FOCUS, -1, createBarRef())).toBe(false);
    expect(locateBar(index, sample, view, ROOT_FOCUS, 99, createBarRef())).toBe(false);
  });
});
