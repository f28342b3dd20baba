import fc from 'fast-check';

import type { LayoutOptions } from '../bar';
import type { FocusState, Viewport } from '../viewport';

/** Random viewports: odd sizes, fractional pixel ratios and scroll offsets, both orientations. */
export function arbitraryViewport(): fc.Arbitrary<Viewport> {
  return fc.record({
    widthPx: fc.oneof(fc.integer({ min: 1, max: 1600 }), fc.double({ min: 1, max: 1600, noNaN: true })),
    heightPx: fc.integer({ min: 1, max: 400 }),
    scrollTopPx: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 200 }),
      fc.double({ min: 0, max: 200, noNaN: true })
    ),
    rowHeightPx: fc.constantFrom(4, 16, 20, 22.5),
    pixelRatio: fc.constantFrom(1, 1.25, 1.5, 2, 3),
    orientation: fc.constantFrom<Viewport['orientation']>('flame', 'icicle'),
  });
}

/** A focus on node `seed mod nodeCount`. */
export function focusFor(seed: number, nodeCount: number): FocusState {
  return { node: nodeCount > 0 ? seed % nodeCount : 0 };
}

/** Random layout options. */
export function arbitraryLayoutOptions(): fc.Arbitrary<LayoutOptions> {
  return fc.record({ minWidthPx: fc.constantFrom(0.5, 1, 2, 5) }, { requiredKeys: [] });
}

/** A fixed 100×100 css px icicle viewport with 20 px rows at pixel ratio 1, for example-based tests. */
export function testViewport(over: Partial<Viewport> = {}): Viewport {
  return {
    widthPx: 100,
    heightPx: 100,
    scrollTopPx: 0,
    rowHeightPx: 20,
    pixelRatio: 1,
    orientation: 'icicle',
    ...over,
  };
}
