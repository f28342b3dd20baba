import fc from 'fast-check';

import { parseTree, tree } from '../../model/testing/asciiTree';
import { buildFlameIndex } from './flameIndex';
import {
  canvasSizeDev,
  contentHeightPx,
  focusNodeOf,
  levelToYPx,
  maxScrollTopPx,
  scrollTopFromNative,
  scrollTopToCenterLevel,
  valueToDevX,
  valueToXPx,
  visibleLevels,
  xPxToValue,
  xScaleFor,
  yPxToLevel,
  type Viewport,
} from './viewport';

const view = (over: Partial<Viewport> = {}): Viewport => ({
  widthPx: 200,
  heightPx: 100,
  scrollTopPx: 0,
  rowHeightPx: 20,
  pixelRatio: 2,
  orientation: 'icicle',
  ...over,
});

const profile = parseTree(tree`
  total 100
    a 50
      b 50
        c 10
`);
const index = buildFlameIndex(profile);

describe('viewport', () => {
  it('maps the focused node onto the canvas width in device px', () => {
    const scale = xScaleFor(index, 0, view());
    expect(scale.widthDev).toBe(400);
    expect(valueToDevX(50, scale)).toBe(200);
    expect(valueToXPx(50, scale)).toBe(100);
    expect(xPxToValue(100, scale)).toBe(50);
    const focused = xScaleFor(index, 3, view());
    expect(valueToDevX(5, focused)).toBe(200);
  });

  it('sizes the canvas backing store at the pixel ratio', () => {
    expect(canvasSizeDev(view({ widthPx: 100.3, heightPx: 50, pixelRatio: 1.5 }))).toEqual({
      widthDev: 150,
      heightDev: 75,
    });
  });

  it('falls back to the root for an unknown focus', () => {
    expect(focusNodeOf(index, { node: 99 })).toBe(0);
    expect(focusNodeOf(index, { node: -1 })).toBe(0);
    expect(focusNodeOf(index, { node: 2 })).toBe(2);
  });

  it('inverts level to y in both orientations (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.constantFrom<Viewport['orientation']>('flame', 'icicle'),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (level, scrollTopPx, orientation, within) => {
          const v = view({ scrollTopPx, orientation });
          expect(yPxToLevel(levelToYPx(level, v) + within * v.rowHeightPx, v)).toBe(level);
        }
      )
    );
  });

  it('lists the rows that meet the canvas', () => {
    expect(visibleLevels(view(), 10)).toEqual({ first: 0, last: 4 });
    expect(visibleLevels(view({ scrollTopPx: 30 }), 10)).toEqual({ first: 1, last: 6 });
    expect(visibleLevels(view({ scrollTopPx: 30 }), 3)).toEqual({ first: 1, last: 3 });
    expect(visibleLevels(view({ heightPx: 0 }), 3).first).toBeGreaterThan(visibleLevels(view({ heightPx: 0 }), 3).last);
  });

  it('measures content height for the focus and converts native scroll offsets', () => {
    expect(contentHeightPx(index, view(), { node: 0 })).toBe(80);
    expect(maxScrollTopPx(index, view({ heightPx: 50 }), { node: 0 })).toBe(30);
    expect(scrollTopFromNative(10, 80, view({ heightPx: 50 }))).toBe(10);
    // Flame: the native top of the content is the deepest row, so scroll offsets are mirrored.
    expect(scrollTopFromNative(0, 80, view({ heightPx: 50, orientation: 'flame' }))).toBe(30);
    expect(scrollTopFromNative(30, 80, view({ heightPx: 50, orientation: 'flame' }))).toBe(0);
    expect(scrollTopToCenterLevel(10, view())).toBe(160);
  });
});
