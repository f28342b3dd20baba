import { buildFlameIndex } from '../render/flameIndex';
import type { DrawInput } from '../render/draw';
import { FocusPreview, sameDrawInput } from './focusPreview';
import type { Profile } from '../../model/profile';

const profile: Profile = {
  names: ['total', 'a', 'b'],
  level: new Int32Array([0, 1, 1]),
  nameId: new Int32Array([0, 1, 2]),
  total: new Float64Array([10, 6, 4]),
  self: new Float64Array([0, 6, 4]),
  unit: 'nanoseconds',
};

function input(over: Partial<DrawInput> = {}): DrawInput {
  return {
    index: buildFlameIndex(profile),
    profile,
    viewport: { widthPx: 300, heightPx: 100, scrollTopPx: 0, rowHeightPx: 22, pixelRatio: 1, orientation: 'icicle' },
    focus: { node: 1 },
    font: '12px sans-serif',
    colorScheme: 'package',
    theme: 'dark',
    hoveredNode: 1,
    ...over,
  } as DrawInput;
}

describe('sameDrawInput', () => {
  const base = input();

  it('compares the viewport and the focus by value (the shell makes new objects for them on every render)', () => {
    expect(sameDrawInput(base, { ...base, viewport: { ...base.viewport }, focus: { node: 1 } })).toBe(true);
  });

  it('tells a different focus, hover, scroll, size or search apart', () => {
    expect(sameDrawInput(base, { ...base, focus: { node: 2 } })).toBe(false);
    expect(sameDrawInput(base, { ...base, hoveredNode: 2 })).toBe(false);
    expect(sameDrawInput(base, { ...base, viewport: { ...base.viewport, scrollTopPx: 22 } })).toBe(false);
    expect(sameDrawInput(base, { ...base, viewport: { ...base.viewport, widthPx: 301 } })).toBe(false);
    expect(sameDrawInput(base, { ...base, search: { matchedNames: new Uint8Array(3) } })).toBe(false);
  });

  it('compares other fields by identity (a new index or profile is a new paint)', () => {
    expect(sameDrawInput(base, { ...base, index: buildFlameIndex({ ...profile }) })).toBe(false);
  });
});

describe('FocusPreview', () => {
  it('pastes nothing before it has drawn (jsdom has no idle callbacks)', () => {
    const preview = new FocusPreview();
    preview.prepare(input());
    const ctx = { canvas: { width: 300, height: 100 } } as unknown as CanvasRenderingContext2D;
    expect(preview.paint(ctx, input())).toBe(false);
    preview.dispose();
  });
});
