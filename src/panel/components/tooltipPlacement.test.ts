import fc from 'fast-check';

import { HOSTILE_NAMES } from '../../model/testing/hostileNames';
import { TOOLTIP_MAX_WIDTH_PX, tooltipName, tooltipPlacement } from './tooltipPlacement';

describe('tooltipPlacement', () => {
  it('opens right of and below the pointer when there is room', () => {
    expect(tooltipPlacement(100, 100, 1200, 800)).toEqual({ left: 112, top: 112, maxWidth: 480, maxHeight: 676 });
  });

  it('opens left of and above a pointer near the bottom-right corner, which put it off screen', () => {
    expect(tooltipPlacement(1150, 760, 1200, 800)).toEqual({ right: 62, bottom: 52, maxWidth: 480, maxHeight: 736 });
  });

  it('always fits in the viewport (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 4000 }),
        fc.integer({ min: 50, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (w, h, fx, fy) => {
          const p = tooltipPlacement(fx * w, fy * h, w, h);
          const left = p.left ?? w - p.right! - p.maxWidth;
          const top = p.top ?? h - p.bottom! - p.maxHeight;
          expect(p.maxWidth).toBeLessThanOrEqual(TOOLTIP_MAX_WIDTH_PX);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left + p.maxWidth).toBeLessThanOrEqual(w);
          expect(top).toBeGreaterThanOrEqual(0);
          expect(top + p.maxHeight).toBeLessThanOrEqual(h);
        }
      )
    );
  });
});

describe('tooltipName', () => {
  it('keeps ordinary names whole', () => {
    expect(tooltipName('main.work')).toBe('main.work');
  });

  it('cuts a 100 KB name to its start and end, which made a tooltip thousands of px tall', () => {
    const shown = tooltipName(HOSTILE_NAMES.huge);
    expect(shown.length).toBeLessThanOrEqual(600);
    expect(shown.startsWith('pkg.aaa')).toBe(true);
    expect(shown.endsWith('aaa.End')).toBe(true);
    expect(shown).toContain('…');
  });

  it('never splits a surrogate pair at either cut', () => {
    const emoji = '😀'.repeat(400);
    for (const max of [9, 10, 11, 12]) {
      const shown = tooltipName(emoji, max);
      expect(shown.length).toBeLessThanOrEqual(max);
      expect(shown.replace(/😀/g, '')).toBe('…');
    }
  });
});
