import type { DataFrame } from '@grafana/data';

import { dataFrameToProfile, isFlameGraphFrame } from './frame';

/*
 * Regression tests for malformed flame graph frames: each is named after what a user saw before the fix. The
 * property test over random hostile frames is src/panel/panelDataHostile.test.ts.
 */

/** A frame with the four flame graph fields (string labels), and diff fields when given. */
function frameOf(columns: {
  level: unknown;
  value: unknown;
  self: unknown;
  label?: unknown;
  valueRight?: unknown;
  selfRight?: unknown;
}): DataFrame {
  const level = columns.level as unknown[];
  const fields = Object.entries({ label: level.map((_, i) => `f${i}`), ...columns }).map(([name, values]) => ({
    name,
    type: name === 'label' ? 'string' : 'number',
    values,
    config: {},
  }));
  return { length: level.length, fields } as unknown as DataFrame;
}

const message = (frame: DataFrame) => {
  try {
    dataFrameToProfile(frame);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};

describe('dataFrameToProfile on malformed frames', () => {
  it('says a field is not a list instead of "Cannot read properties of undefined"', () => {
    expect(message(frameOf({ level: [0, 1], value: [2, 1], self: undefined }))).toBe(
      'flame graph data frame: values must be a list, got nothing (the field is missing) (field self)'
    );
    expect(message(frameOf({ level: [0], value: 'abc', self: [0] }))).toBe(
      'flame graph data frame: values must be a list, got string "abc" (field value)'
    );
  });

  it('rejects self larger than total, which showed self shares over 100 %', () => {
    expect(message(frameOf({ level: [0, 1], value: [10, 5], self: [50, 5] }))).toBe(
      "flame graph data frame: self 50 is more than the node's total 10 (field self, node 0)"
    );
    expect(
      message(frameOf({ level: [0, 1], value: [10, 5], self: [5, 5], valueRight: [10, 5], selfRight: [5, 6] }))
    ).toBe("flame graph data frame: self 6 is more than the node's total 5 (field selfRight, node 1)");
  });

  it('names the first row with a fault when several rows have one (rows are read and checked in one pass)', () => {
    // Row 0 has more self than total; row 1 has no number at all.
    expect(message(frameOf({ level: [0, 1], value: [10, 'x'], self: [50, 5] }))).toBe(
      "flame graph data frame: self 50 is more than the node's total 10 (field self, node 0)"
    );
    // Row 1's children overflow it; row 3 jumps a level, which is found first, while the levels are read.
    expect(message(frameOf({ level: [0, 1, 2, 4], value: [10, 5, 9, 1], self: [0, 0, 0, 0] }))).toBe(
      'flame graph data frame: level jumps from 2 to 4 (field level, node 3)'
    );
    expect(message(frameOf({ level: [0, 1, 2, 2], value: [10, 5, 4, 4], self: [0, 0, 0, 0] }))).toBe(
      "flame graph data frame: children add up to 8, more than the node's 5 (field value, node 1)"
    );
  });

  it('rejects roots adding up past the largest number, which drew an empty graph', () => {
    expect(message(frameOf({ level: [0, 0], value: [1e308, 1e308], self: [0, 0] }))).toBe(
      'flame graph data frame: the roots add up to more than the largest number (field value)'
    );
  });

  it('says the first row must be a root instead of "level jumps from -1"', () => {
    expect(message(frameOf({ level: [1, 2], value: [10, 5], self: [5, 5] }))).toBe(
      'flame graph data frame: the first row must be a root, at level 0, not 1 (field level, node 0)'
    );
  });

  it('keeps a hostile 100 KB value out of the message', () => {
    const text = message(frameOf({ level: [0, 1], value: [10, 'x'.repeat(100_000)], self: [0, 0] }));
    expect(text.length).toBeLessThan(200);
    expect(text).toContain('(field value, node 1)');
  });

  it('does not crash on a series entry without a field list', () => {
    expect(isFlameGraphFrame({ fields: undefined } as unknown as DataFrame)).toBe(false);
    expect(isFlameGraphFrame(null as unknown as DataFrame)).toBe(false);
    expect(message({ fields: [null] } as unknown as DataFrame)).toMatch(/missing fields level, value, self, label/);
  });
});
