import { brushRange, nearestIndex, pxToTime, sparklinePath, timeToPx, type TimeScale } from './timelineMath';

// 10 minutes over 600 px: 1 px is 1 s.
const T0 = Date.UTC(2024, 4, 1, 1, 55);
const scale: TimeScale = { fromMs: T0, toMs: T0 + 600_000, widthPx: 600 };

describe('timeToPx / pxToTime', () => {
  it('map the domain onto the strip and back', () => {
    expect(timeToPx(scale, T0)).toBe(0);
    expect(timeToPx(scale, T0 + 300_000)).toBe(300);
    expect(timeToPx(scale, T0 + 600_000)).toBe(600);
    expect(pxToTime(scale, 0)).toBe(T0);
    expect(pxToTime(scale, 150)).toBe(T0 + 150_000);
    for (const px of [0, 1, 299.5, 600]) {
      expect(timeToPx(scale, pxToTime(scale, px))).toBeCloseTo(px, 9);
    }
  });

  it('clamp positions outside the strip to its ends', () => {
    expect(pxToTime(scale, -50)).toBe(T0);
    expect(pxToTime(scale, 900)).toBe(T0 + 600_000);
  });

  it('survive an empty domain or strip', () => {
    expect(timeToPx({ fromMs: T0, toMs: T0, widthPx: 600 }, T0)).toBe(0);
    expect(pxToTime({ fromMs: T0, toMs: T0 + 1000, widthPx: 0 }, 10)).toBe(T0);
  });
});

describe('brushRange', () => {
  it('turns a drag into a time range in either direction', () => {
    expect(brushRange(scale, 120, 180)).toEqual({ fromMs: T0 + 120_000, toMs: T0 + 180_000 });
    expect(brushRange(scale, 180, 120)).toEqual({ fromMs: T0 + 120_000, toMs: T0 + 180_000 });
  });

  it('clamps a drag that leaves the strip', () => {
    expect(brushRange(scale, 550, 1000)).toEqual({ fromMs: T0 + 550_000, toMs: T0 + 600_000 });
    expect(brushRange(scale, -20, 10)).toEqual({ fromMs: T0, toMs: T0 + 10_000 });
  });

  it('treats a short drag as a click', () => {
    expect(brushRange(scale, 100, 102)).toBeUndefined();
    expect(brushRange(scale, 700, 800)).toBeUndefined();
  });

  it('rounds to whole milliseconds', () => {
    const odd: TimeScale = { fromMs: 0, toMs: 1000, widthPx: 3 };
    expect(brushRange(odd, 0, 2, 1)).toEqual({ fromMs: 0, toMs: 667 });
  });
});

describe('nearestIndex', () => {
  const times = [0, 10, 20, 30];
  it.each([
    [-5, 0],
    [4, 0],
    [5, 0],
    [6, 1],
    [20, 2],
    [29, 3],
    [99, 3],
  ])('at %p is %p', (t, i) => {
    expect(nearestIndex(times, t)).toBe(i);
  });

  it('is -1 without points', () => {
    expect(nearestIndex([], 5)).toBe(-1);
  });
});

describe('sparklinePath', () => {
  it('draws the area under the series with the maximum at the top', () => {
    const s: TimeScale = { fromMs: 0, toMs: 100, widthPx: 100 };
    expect(sparklinePath(s, [0, 50, 100], [0, 10, 5], 40)).toBe('M0,40L0,40L50,0L100,20L100,40Z');
  });

  it('keeps one vertex per pixel column, the highest', () => {
    const s: TimeScale = { fromMs: 0, toMs: 1000, widthPx: 10 };
    expect(sparklinePath(s, [0, 10, 20, 1000], [1, 4, 2, 4], 40)).toBe('M0,40L0,0L10,0L10,40Z');
  });

  it('is empty without points and flat for zeros', () => {
    expect(sparklinePath(scale, [], [], 40)).toBe('');
    expect(sparklinePath({ fromMs: 0, toMs: 10, widthPx: 10 }, [0, 10], [0, 0], 40)).toBe('M0,40L0,40L10,40L10,40Z');
  });

  it('ignores an Infinity value, which flattened the whole strip', () => {
    const s: TimeScale = { fromMs: 0, toMs: 100, widthPx: 100 };
    expect(sparklinePath(s, [0, 50, 100], [0, Infinity, 10], 40)).toBe('M0,40L0,40L50,40L100,0L100,40Z');
  });

  it('skips points without a finite time, which put NaN in the path', () => {
    const s: TimeScale = { fromMs: 0, toMs: 100, widthPx: 100 };
    const path = sparklinePath(s, [0, NaN, 100], [5, 7, 10], 40);
    expect(path).not.toContain('NaN');
    expect(path).toBe('M0,40L0,20L100,0L100,40Z');
    expect(sparklinePath(s, [NaN], [1], 40)).toBe('');
  });
});
