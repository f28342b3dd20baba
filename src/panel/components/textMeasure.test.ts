import { textMeasurer } from './textMeasure';

describe('textMeasurer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shares one offscreen context per font across callers, with the font set once', () => {
    const made: Array<{ font: string; measureText: jest.Mock }> = [];
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => {
      const ctx: { font: string; measureText: jest.Mock } = {
        font: '',
        measureText: jest.fn((t: string): { width: number } => ({ width: t.length * (ctx.font === '12px a' ? 6 : 9) })),
      };
      made.push(ctx);
      return ctx as unknown as RenderingContext;
    });
    const a1 = textMeasurer('12px a');
    const a2 = textMeasurer('12px a');
    const b = textMeasurer('14px b');
    expect(made.map((c) => c.font)).toEqual(['12px a', '14px b']);
    expect(a1?.('abcd')).toBe(24);
    expect(a2?.('ab')).toBe(12);
    expect(b?.('ab')).toBe(18);
    expect(made[0].measureText).toHaveBeenCalledTimes(2);
  });

  it('has nothing to measure with where there is no 2D canvas, and says so with undefined', () => {
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
    expect(textMeasurer('11px nothing-here')).toBeUndefined();
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => {
      throw new Error('not implemented');
    });
    expect(textMeasurer('13px throws')).toBeUndefined();
  });
});
