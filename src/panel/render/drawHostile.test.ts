import fc from 'fast-check';

import type { Profile } from '../../model/profile';
import { parseTree, tree } from '../../model/testing/asciiTree';
import { arbitraryHostileName, HOSTILE_NAMES } from '../../model/testing/hostileNames';
import { StackTreeBuilder } from '../../model/treeBuilder';
import { drawFlameGraph, redrawHover, type DrawInput } from './draw';
import { createBarRef } from './bar';
import { buildFlameIndex } from './flameIndex';
import { hitTest } from './hitTest';
import { locateBar } from './locateBar';
import { themeColors } from './colors';
import { arbitraryViewport, testViewport } from './testing/arbitraryViewport';
import { FakeContext, monospaceWidth, type RecordedCall } from './testing/fakeContext';
import { canvasSizeDev, type Viewport } from './viewport';

/*
 * The renderer on hostile profiles (names from HOSTILE_NAMES and random UTF-16, values from 1 to 1e300, any
 * viewport, focus and hover): every fill, outline and label stays inside its bar and the canvas, labels are cut to
 * their bar's width, and nothing throws. The fake context measures 7 px per UTF-16 unit.
 */

const PAD_PX = 4;

function arbitraryHostileProfile(): fc.Arbitrary<Profile> {
  const stack = fc.tuple(
    fc.array(arbitraryHostileName(), { minLength: 1, maxLength: 6 }),
    fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1e-6, max: 1e300, noNaN: true }))
  );
  const stacks = fc.array(fc.tuple(stack, fc.boolean()), { minLength: 1, maxLength: 25 });
  return fc.tuple(stacks, fc.boolean()).map(([list, diff]) => {
    const b = new StackTreeBuilder(diff);
    for (const [[frames, value], right] of list) {
      b.addStack(
        frames.map((f) => b.intern(f)),
        value,
        diff && right ? 1 : 0
      );
    }
    return b.build('count');
  });
}

function inputFor(profile: Profile, viewport: Viewport, focusSeed: number, hoverSeed: number, right: boolean) {
  const n = profile.level.length;
  const input: DrawInput = {
    profile,
    index: buildFlameIndex(profile),
    viewport,
    focus: { node: focusSeed % n },
    hoveredNode: (hoverSeed % (n + 1)) - 1,
    colorScheme: profile.right ? 'diff' : 'package',
    theme: 'dark',
    font: '12px sans-serif',
    textAlign: right ? 'right' : 'left',
    labelPaddingPx: PAD_PX,
  };
  return input;
}

const EPS = 1e-9;
type Rect = { x: number; y: number; w: number; h: number };
const rectOf = (c: RecordedCall): Rect => {
  const [x, y, w, h] = c.args as number[];
  return { x, y, w, h };
};

/** Every recorded coordinate is a finite number and every size non-negative. */
function expectFinite(ctx: FakeContext): void {
  for (const c of ctx.calls) {
    for (const a of c.args) {
      if (typeof a === 'number') {
        expect(Number.isFinite(a)).toBe(true);
      }
    }
    if (c.op === 'fillRect' || c.op === 'strokeRect') {
      const r = rectOf(c);
      expect(r.w).toBeGreaterThanOrEqual(0);
      expect(r.h).toBeGreaterThanOrEqual(0);
    }
  }
}

/**
 * Within the backing store (device px: css px rounded at the pixel ratio, so compared after scaling). Bars lie across
 * it horizontally; a row may be cut by the top or bottom edge when scrolled.
 */
function expectInCanvas(r: Rect, v: Viewport): void {
  const { widthDev, heightDev } = canvasSizeDev(v);
  const pr = v.pixelRatio;
  expect(r.x).toBeGreaterThanOrEqual(-EPS);
  expect((r.x + r.w) * pr).toBeLessThanOrEqual(widthDev + EPS);
  // The row (its fill and the gap below it) meets the canvas: layout's rule for which rows are visited.
  expect(r.y + v.rowHeightPx).toBeGreaterThanOrEqual(-EPS);
  expect(r.y * pr).toBeLessThan(heightDev);
}

/** Checks each label against the bar it is drawn on: same row, text extent within the bar minus padding. */
function expectLabelsInBars(ctx: FakeContext, v: Viewport, align: 'left' | 'right'): void {
  const bars = ctx.ops('fillRect').map(rectOf);
  for (const c of ctx.ops('fillText')) {
    const [text, x, y] = c.args as [string, number, number];
    const widthPx = monospaceWidth(text);
    const left = align === 'left' ? x : x - widthPx;
    const bar = bars.find((b) => Math.abs(b.y + b.h / 2 - y) < EPS && b.x - EPS <= x && x <= b.x + b.w + EPS);
    expect(bar).toBeDefined();
    expect(left).toBeGreaterThanOrEqual(bar!.x + PAD_PX - EPS);
    expect(left + widthPx).toBeLessThanOrEqual(bar!.x + bar!.w - PAD_PX + EPS);
    expect(text.length).toBeGreaterThan(0);
    expectInCanvas({ x: left, y: bar!.y, w: widthPx, h: bar!.h }, v);
  }
}

describe('drawFlameGraph on hostile profiles', () => {
  it('keeps every fill, outline and label inside its bar and the canvas', () => {
    fc.assert(
      fc.property(
        arbitraryHostileProfile(),
        arbitraryViewport(),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (profile, viewport, focusSeed, hoverSeed, right) => {
          const ctx = new FakeContext();
          const input = inputFor(profile, viewport, focusSeed, hoverSeed, right);
          drawFlameGraph(ctx, input);
          expectFinite(ctx);
          for (const c of ctx.ops('fillRect')) {
            expectInCanvas(rectOf(c), viewport);
          }
          expectLabelsInBars(ctx, viewport, right ? 'right' : 'left');
          const bars = ctx.ops('fillRect').map(rectOf);
          for (const c of ctx.ops('strokeRect')) {
            const r = rectOf(c);
            const bar = bars.find(
              (b) => b.x <= r.x && r.x + r.w <= b.x + b.w + EPS && b.y <= r.y && r.y + r.h <= b.y + b.h + EPS
            );
            expect(bar).toBeDefined();
          }

          // The hover repaint follows the same rules.
          const hover = new FakeContext();
          redrawHover(hover, inputFor(profile, viewport, focusSeed, hoverSeed + 1, right), input.hoveredNode ?? -1);
          expectFinite(hover);
          for (const c of hover.ops('fillRect')) {
            expectInCanvas(rectOf(c), viewport);
          }
          expectLabelsInBars(hover, viewport, right ? 'right' : 'left');
        }
      ),
      { numRuns: 400 }
    );
  });

  it('hit-tests any point, even NaN, to nothing or to a node whose bar holds the point', () => {
    fc.assert(
      fc.property(
        arbitraryHostileProfile(),
        arbitraryViewport(),
        fc.nat(),
        fc.oneof(fc.double({ min: -50, max: 1700 }), fc.constantFrom(NaN, Infinity, -Infinity)),
        fc.oneof(fc.double({ min: -50, max: 450 }), fc.constantFrom(NaN, Infinity, -Infinity)),
        (profile, viewport, focusSeed, xPx, yPx) => {
          const input = inputFor(profile, viewport, focusSeed, 0, false);
          const node = hitTest(input.index, profile, viewport, input.focus, xPx, yPx);
          if (node < 0) {
            expect(node).toBe(-1);
            return;
          }
          const bar = createBarRef();
          expect(locateBar(input.index, profile, viewport, input.focus, node, bar)).toBe(true);
          expect(xPx).toBeGreaterThanOrEqual(bar.xPx - EPS);
          expect(xPx).toBeLessThanOrEqual(bar.xPx + bar.widthPx + EPS);
          expect(yPx).toBeGreaterThanOrEqual(bar.yPx - EPS);
          expect(yPx).toBeLessThanOrEqual(bar.yPx + bar.heightPx + EPS);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('cuts a 100 KB name to the bar width, keeping its end', () => {
    const b = new StackTreeBuilder(false);
    b.addStack([b.intern(HOSTILE_NAMES.huge)], 10, 0);
    const profile = b.build('count');
    const viewport: Viewport = {
      widthPx: 300,
      heightPx: 60,
      scrollTopPx: 0,
      rowHeightPx: 20,
      pixelRatio: 1,
      orientation: 'icicle',
    };
    const ctx = new FakeContext();
    drawFlameGraph(ctx, inputFor(profile, viewport, 0, 0, false));
    const label = ctx
      .ops('fillText')
      .map((c) => String(c.args[0]))
      .find((t) => t.endsWith('.End'));
    expect(label).toBeDefined();
    expect(monospaceWidth(label!)).toBeLessThanOrEqual(300 - 2 * PAD_PX);
    expect(label!.startsWith('…')).toBe(true);
  });

  it('outlines a hovered bar narrower than its outline without spilling over its neighbours', () => {
    const profile = parseTree(tree`
      total 100
        wide 99
        thin 1
    `);
    const ctx = new FakeContext();
    // thin: 1 css px at pixel ratio 1; a 1 px stroke of size 1 - 1 = 0 (or less) would paint outside it.
    drawFlameGraph(ctx, { ...inputFor(profile, testViewport(), 0, 0, false), hoveredNode: 2 });
    expect(ctx.ops('strokeRect')).toEqual([]);
    const mark = ctx.ops('fillRect').filter((c) => c.fillStyle === themeColors('dark').hoverOutline);
    expect(mark.map((c) => c.args)).toEqual([[99, 20, 1, 19]]);
  });

  it('draws a label with an RTL override in its real order, which read as "main.exe.png.handler"', () => {
    const b = new StackTreeBuilder(false);
    b.addStack([b.intern(HOSTILE_NAMES.rtlOverride)], 10, 0);
    const ctx = new FakeContext();
    drawFlameGraph(ctx, inputFor(b.build('count'), testViewport({ widthPx: 400 }), 0, 0, false));
    expect(ctx.ops('fillText').map((c) => c.args[0])).toEqual(['total', 'main.gnp.exe.handler']);
  });
});
