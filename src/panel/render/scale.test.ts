import { buildFlameIndex } from './flameIndex';
import { drawFlameGraph, type DrawInput } from './draw';
import { hitTest } from './hitTest';
import { layoutVisible } from './layout';
import { FakeContext } from './testing/fakeContext';
import { chainProfile, randomProfile, wideProfile } from './testing/syntheticProfiles';
import { maxScrollTopPx, type Viewport } from './viewport';

/*
 * The shapes that break other flame graphs: thousands of levels (canvas height limits, recursion) and a node with
 * hundreds of thousands of children (stack overflow in spreads and recursive layouts). Timings are not asserted.
 */

const viewport: Viewport = {
  widthPx: 1200,
  heightPx: 800,
  scrollTopPx: 0,
  rowHeightPx: 20,
  pixelRatio: 2,
  orientation: 'flame',
};

describe('large profiles', () => {
  it('renders the bottom and the top of a 10,000-level chain', () => {
    const profile = chainProfile(10_000);
    const index = buildFlameIndex(profile);
    const top = { ...viewport, scrollTopPx: maxScrollTopPx(index, viewport, { node: 0 }) };
    const levels: number[] = [];
    layoutVisible(index, profile, top, { node: 0 }, (bar) => levels.push(bar.level));
    expect(levels[levels.length - 1]).toBe(10_000);
    expect(levels).toHaveLength(40);
    // The deepest frame is at the top of the canvas in flame orientation.
    expect(hitTest(index, profile, top, { node: 0 }, 10, 10)).toBe(10_000);
    const ctx = new FakeContext(false);
    const stats = drawFlameGraph(ctx, { ...input(profile), viewport: top, focus: { node: 9_990 } });
    expect(stats.bars).toBe(40);
  });

  it('merges the 500,000 children of one node into one bar', () => {
    const profile = wideProfile(500_000);
    const index = buildFlameIndex(profile);
    const merged: number[] = [];
    layoutVisible(index, profile, viewport, { node: 0 }, (bar) => merged.push(bar.mergedCount));
    expect(merged).toEqual([1, 1, 500_000]);
    const zoomed: number[] = [];
    // Focused on their parent, 500,000 children in 2,400 device px: still one run.
    layoutVisible(index, profile, viewport, { node: 1 }, (bar) => zoomed.push(bar.mergedCount));
    expect(zoomed).toEqual([1, 1, 500_000]);
    expect(hitTest(index, profile, viewport, { node: 0 }, 600, 770)).toBe(1);
    expect(hitTest(index, profile, viewport, { node: 0 }, 600, 750)).toBe(-1);
  });

  it('lays out a million-node profile and hit-tests it consistently', () => {
    const profile = randomProfile(1_000_000, 7, true);
    const index = buildFlameIndex(profile);
    let bars = 0;
    let misses = 0;
    layoutVisible(index, profile, viewport, { node: 0 }, (bar) => {
      bars++;
      if (bar.mergedCount === 1 && bars % 50 === 0) {
        const hit = hitTest(index, profile, viewport, { node: 0 }, bar.xPx + bar.widthPx / 2, bar.yPx + 10);
        misses += hit === bar.node ? 0 : 1;
      }
    });
    expect(bars).toBeGreaterThan(100);
    expect(misses).toBe(0);
    const stats = drawFlameGraph(new FakeContext(false), { ...input(profile), colorScheme: 'diff' });
    expect(stats.bars).toBe(bars);
  });
});

function input(profile: ReturnType<typeof chainProfile>): DrawInput {
  return {
    profile,
    index: buildFlameIndex(profile),
    viewport,
    focus: { node: 0 },
    colorScheme: 'package',
    theme: 'dark',
    font: '12px sans-serif',
  };
}
