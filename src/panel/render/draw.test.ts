import { parseTree, tree } from '../../model/testing/asciiTree';
import { searchProfile } from '../../model/transforms/search';
import type { Profile } from '../../model/profile';
import { diffColor, packageColor, themeColors } from './colors';
import { drawFlameGraph, redrawHover, type DrawInput } from './draw';
import { buildFlameIndex } from './flameIndex';
import { createLabelFitter } from './textFit';
import { FakeContext, monospaceWidth } from './testing/fakeContext';
import type { Viewport } from './viewport';

const viewport: Viewport = {
  widthPx: 400,
  heightPx: 100,
  scrollTopPx: 0,
  rowHeightPx: 20,
  pixelRatio: 2,
  orientation: 'icicle',
};

const profile = parseTree(tree`
  total 1000
    github.com/acme/ads/pkg.(*Server).FlowAdv 800
      encoding/json.Marshal 300
      encoding/json.Unmarshal 100
    main.tiny 50
    runtime.a 1
    runtime.b 1
`);
// nodes: 0 total, 1 FlowAdv, 2 Marshal, 3 Unmarshal, 4 tiny, 5 runtime.a, 6 runtime.b

function input(over: Partial<DrawInput> = {}, p: Profile = profile): DrawInput {
  return {
    profile: p,
    index: buildFlameIndex(p),
    viewport,
    focus: { node: 0 },
    colorScheme: 'package',
    theme: 'light',
    font: '12px sans-serif',
    ...over,
  };
}

const texts = (ctx: FakeContext) => ctx.ops('fillText').map((c) => c.args[0]);
const fillOf = (ctx: FakeContext, xPx: number, yPx: number) =>
  ctx.ops('fillRect').find((c) => c.args[0] === xPx && c.args[1] === yPx)?.fillStyle;

describe('drawFlameGraph', () => {
  it('clears the device-size canvas, then scales once to the pixel ratio and restores the context', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input());
    const [save, reset, clear, scale] = ctx.calls;
    expect(save.op).toBe('save');
    expect(reset.args).toEqual([1, 0, 0, 1, 0, 0]);
    expect(clear.args).toEqual([0, 0, 800, 200]);
    expect(scale.args).toEqual([2, 0, 0, 2, 0, 0]);
    expect(ctx.ops('setTransform')).toHaveLength(2);
    expect(ctx.calls[ctx.calls.length - 1].op).toBe('restore');
  });

  it('fills bars in css px with a device-pixel gap and package colours', () => {
    const ctx = new FakeContext();
    const stats = drawFlameGraph(ctx, input());
    // FlowAdv: 80% of 800 device px = 640 device px → 320 css px, minus one device px of gap.
    const flow = ctx.ops('fillRect').find((c) => c.args[1] === 20 && c.args[0] === 0);
    expect(flow?.args).toEqual([0, 20, 319.5, 19]);
    expect(flow?.fillStyle).toBe(packageColor('github.com/acme/ads/pkg', 'light'));
    expect(fillOf(ctx, 0, 40)).toBe(packageColor('encoding/json', 'light'));
    expect(stats.mergedBars).toBe(1);
  });

  it('draws labels only where they fit, truncated from the start', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input());
    const labels = texts(ctx);
    expect(labels).toContain('total');
    expect(labels).toContain('github.com/acme/ads/pkg.(*Server).FlowAdv');
    // Marshal: 120 css px - 0.5 gap - 8 padding = 111.5 px → 15 monospace characters, the end kept.
    expect(labels).toContain('…g/json.Marshal');
    // Unmarshal: 40 css px wide; 40 - 0.5 gap - 8 padding = 31.5 px → 4 monospace characters.
    expect(labels).toContain('…hal');
    // main.tiny: 20 css px, too narrow for any label; runtime.a/b: merged, never labelled.
    expect(labels.some((l) => String(l).includes('tiny') || String(l).includes('runtime'))).toBe(false);
    for (const call of ctx.ops('fillText')) {
      expect(monospaceWidth(String(call.args[0]))).toBeLessThanOrEqual(400);
      expect(call.font).toBe('12px sans-serif');
    }
  });

  it('aligns labels right when asked', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input({ textAlign: 'right' }));
    const total = ctx.ops('fillText').find((c) => c.args[0] === 'total');
    expect(total?.textAlign).toBe('right');
    expect(total?.args[1]).toBe(400 - 0.5 - 4);
  });

  it('paints merged bars grey without labels', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input());
    // runtime.a and runtime.b: 0.8 device px each, under the 2 device px (1 css px) minimum: one merged bar.
    const merged = ctx.ops('fillRect').filter((c) => c.fillStyle === themeColors('light').mergedBar);
    expect(merged).toHaveLength(1);
  });

  it('outlines the hovered bar inside its fill', () => {
    const ctx = new FakeContext();
    const stats = drawFlameGraph(ctx, input({ hoveredNode: 2 }));
    expect(stats.hoverOutlined).toBe(true);
    const [outline] = ctx.ops('strokeRect');
    expect(outline.strokeStyle).toBe(themeColors('light').hoverOutline);
    // Marshal spans css 0..120 (minus gap 0.5), row 2 at y 40; line width 2 drawn inside.
    expect(outline.args).toEqual([1, 41, 117.5, 17]);
    expect(ctx.calls.indexOf(outline)).toBeGreaterThan(ctx.calls.indexOf(ctx.ops('fillText')[0]));
  });

  it('does not outline a hovered node that is not drawn on its own', () => {
    const ctx = new FakeContext();
    expect(drawFlameGraph(ctx, input({ hoveredNode: 5 })).hoverOutlined).toBe(false);
    expect(ctx.ops('strokeRect')).toHaveLength(0);
  });

  it('colours a diff red for growth and green for shrink, orange and blue with the colour-blind palette', () => {
    const diff = parseTree(tree`
      total 100 | 100
        grew 20 | 60
        shrank 60 | 20
        same 20 | 20
    `);
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input({ colorScheme: 'diff' }, diff));
    // Diff widths add both sides: total 200 → 400 css px; grew 80 → 160 px, shrank 80 → 160 px.
    expect(fillOf(ctx, 0, 20)).toBe(diffColor(0.2, 0.6, 'light'));
    expect(fillOf(ctx, 160, 20)).toBe(diffColor(0.6, 0.2, 'light'));
    expect(fillOf(ctx, 320, 20)).toBe(diffColor(0.2, 0.2, 'light'));
    expect(fillOf(ctx, 0, 20)).toBe('rgb(228, 62, 68)');
    expect(fillOf(ctx, 160, 20)).toMatch(/^rgb\(\d+, 1[0-9]{2}, \d+\)$/);

    const blind = new FakeContext();
    drawFlameGraph(blind, input({ colorScheme: 'diff', diffPalette: 'colorblind' }, diff));
    expect(fillOf(blind, 0, 20)).toBe('rgb(240, 140, 0)');
    expect(fillOf(blind, 160, 20)).toBe(diffColor(0.6, 0.2, 'light', 'colorblind'));
    expect(fillOf(blind, 160, 20)).not.toBe(fillOf(ctx, 160, 20));
  });

  it('dims bars that do not match the search, and their labels', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input({ search: searchProfile(profile, { text: 'json' }) }));
    const colors = themeColors('light');
    expect(fillOf(ctx, 0, 40)).toBe(packageColor('encoding/json', 'light'));
    expect(fillOf(ctx, 0, 20)).toBe(colors.dimmedBar);
    const label = ctx.ops('fillText').find((c) => c.args[0] === 'total');
    expect(label?.fillStyle).toBe(colors.barTextDimmed);
  });

  it('highlights the selected function and greys focus ancestors', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input({ focus: { node: 1 }, highlightedNameId: profile.nameId[3] }));
    const colors = themeColors('light');
    expect(fillOf(ctx, 0, 0)).toBe(colors.ancestorBar);
    expect(ctx.ops('fillRect').some((c) => c.fillStyle === colors.highlightBar)).toBe(true);
    // The focused node fills the width.
    expect(ctx.ops('fillRect').find((c) => c.args[1] === 20)?.args).toEqual([0, 20, 399.5, 19]);
  });

  it('draws the dark theme with the given colour overrides', () => {
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input({ theme: 'dark', colors: { barText: '#abcdef' } }));
    expect(ctx.ops('fillText')[0].fillStyle).toBe('#abcdef');
    expect(fillOf(ctx, 0, 40)).toBe(packageColor('encoding/json', 'dark'));
  });

  it('reuses the shell label cache when its font matches', () => {
    const fitterCtx = new FakeContext();
    const labelFitter = createLabelFitter((t) => fitterCtx.measureText(t).width, { font: '12px sans-serif' });
    const ctx = new FakeContext();
    drawFlameGraph(ctx, input({ labelFitter }));
    drawFlameGraph(ctx, input({ labelFitter }));
    expect(ctx.measureCalls).toBe(0);
    const before = fitterCtx.measureCalls;
    drawFlameGraph(ctx, input({ labelFitter }));
    expect(fitterCtx.measureCalls).toBe(before);
  });
});

describe('redrawHover', () => {
  it('repaints the previous hovered bar and outlines the new one', () => {
    const ctx = new FakeContext();
    expect(redrawHover(ctx, input({ hoveredNode: 1 }), 2)).toBe(true);
    const fills = ctx.ops('fillRect');
    expect(fills).toHaveLength(1);
    expect(fills[0].args).toEqual([0, 40, 119.5, 19]);
    expect(texts(ctx)).toEqual(['…g/json.Marshal']);
    expect(ctx.ops('strokeRect')[0].args).toEqual([1, 21, 317.5, 17]);
    expect(ctx.ops('clearRect')).toHaveLength(0);
  });

  it('only clears the old outline when the mouse leaves', () => {
    const ctx = new FakeContext();
    redrawHover(ctx, input({ hoveredNode: -1 }), 0);
    expect(ctx.ops('fillRect')).toHaveLength(1);
    expect(ctx.ops('strokeRect')).toHaveLength(0);
  });
});
