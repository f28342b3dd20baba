import { MAX_SCALE, MIN_SCALE, fitTransform, panBy, transformAttribute, wheelFactor, zoomAt } from './viewTransform';

describe('viewTransform', () => {
  it('fits a large drawing inside the viewport, centred', () => {
    const t = fitTransform(2000, 1000, 500, 400);
    expect(t.k).toBeLessThan(0.25);
    expect(t.x).toBeGreaterThanOrEqual(0);
    expect(t.x + 2000 * t.k).toBeLessThanOrEqual(500);
    expect(t.y + 1000 * t.k).toBeLessThanOrEqual(400);
    expect(t.x).toBeCloseTo(500 - (t.x + 2000 * t.k));
  });

  it('never enlarges a small drawing when fitting', () => {
    expect(fitTransform(100, 50, 800, 600).k).toBe(1);
  });

  it('zooms about a point, which stays where it is', () => {
    const t = { x: 30, y: -20, k: 0.5 };
    const z = zoomAt(t, 2, 200, 100);
    expect(z.k).toBe(1);
    // The drawing point under (200, 100) before and after.
    expect((200 - t.x) / t.k).toBeCloseTo((200 - z.x) / z.k);
    expect((100 - t.y) / t.k).toBeCloseTo((100 - z.y) / z.k);
  });

  it('clamps the scale', () => {
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 1e6, 0, 0).k).toBe(MAX_SCALE);
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 1e-6, 0, 0).k).toBe(MIN_SCALE);
  });

  it('pans and writes the SVG attribute', () => {
    expect(transformAttribute(panBy({ x: 1, y: 2, k: 0.5 }, 10, -5))).toBe('translate(11,-3) scale(0.5)');
  });

  it('zooms in on a wheel up and out on a wheel down, bounded per event', () => {
    expect(wheelFactor(-100)).toBeCloseTo(1.25);
    expect(wheelFactor(100)).toBeCloseTo(0.8);
    expect(wheelFactor(1e6)).toBe(wheelFactor(300));
  });
});
