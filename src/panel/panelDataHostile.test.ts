import fc from 'fast-check';
import type { DataFrame, Field } from '@grafana/data';

import { indexOf, type Profile, type ProfileSide } from '../model/profile';
import { arbitraryHostileName, HOSTILE_NAMES } from '../model/testing/hostileNames';
import { readPanelInput } from './panelData';
import { drawFlameGraph } from './render/draw';
import { buildFlameIndex } from './render/flameIndex';
import { testViewport } from './render/testing/arbitraryViewport';
import { FakeContext } from './render/testing/fakeContext';

/*
 * Hostile frames through readPanelInput: whatever arrives, the panel gets either a profile the renderer can lay out
 * or a sentence saying what is wrong and where; never an exception, never a JavaScript engine message.
 */

const NAMES = ['level', 'value', 'self', 'label', 'valueRight', 'selfRight'];

/** A cell of a numeric column: mostly plausible numbers, sometimes anything. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -1, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      NaN,
      Infinity,
      -Infinity,
      0.5,
      -0,
      1e308,
      Number.MAX_VALUE,
      '3',
      null,
      undefined,
      true,
      {},
      [1]
    ),
  }
);

/** Levels of a well-formed nested set (root first, steps of at most one down), so the checks after levels run. */
function wellFormedLevels(rows: number): fc.Arbitrary<unknown[]> {
  return fc.array(fc.nat(), { minLength: rows, maxLength: rows }).map((steps) => {
    const out: number[] = [];
    for (let i = 0; i < steps.length; i++) {
      out.push(i === 0 ? 0 : 1 + (steps[i] % (out[i - 1] + 1)));
    }
    return out;
  });
}

/** What a field's `values` may be in a hand-built or corrupted frame. */
function arbitraryValues(rows: number, name: string): fc.Arbitrary<unknown> {
  const column = name === 'label' ? fc.oneof(cell, arbitraryHostileName()) : cell;
  return fc.oneof(
    { weight: name === 'level' ? 8 : 0, arbitrary: wellFormedLevels(rows) },
    { weight: 8, arbitrary: fc.array(column, { minLength: rows, maxLength: rows }) },
    { weight: 1, arbitrary: fc.array(column, { maxLength: rows + 2 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 'abc', 42, { length: 2 }) }
  );
}

function arbitraryField(rows: number, name: string): fc.Arbitrary<Field> {
  return fc
    .record({
      values: arbitraryValues(rows, name),
      type: fc.constantFrom('number', 'string', 'enum', 'other'),
      enumText: fc.option(fc.array(arbitraryHostileName(), { maxLength: 5 }), { nil: undefined }),
    })
    .map(({ values, type, enumText }) => {
      const config = enumText !== undefined && name === 'label' ? { type: { enum: { text: enumText } } } : {};
      return { name, type, values, config } as unknown as Field;
    });
}

const arbitraryFrame: fc.Arbitrary<DataFrame> = fc.integer({ min: 0, max: 8 }).chain((rows) =>
  fc
    .record({
      present: fc.subarray(NAMES, { minLength: 0 }),
      mostlyComplete: fc.boolean(),
    })
    .chain(({ present, mostlyComplete }) => {
      const names = mostlyComplete ? Array.from(new Set([...NAMES.slice(0, 4), ...present])) : present;
      return fc.tuple(...names.map((n) => arbitraryField(rows, n)));
    })
    .map((fields) => ({ fields, length: rows }) as DataFrame)
);

/** A series entry that is not a frame at all, or a frame without a field list. */
const notAFrame = fc.constantFrom<unknown>(
  null,
  undefined,
  {},
  { fields: null },
  { fields: 'level' },
  { fields: [null] }
);

/** The renderer's needs: nested-set levels, finite non-negative values, children within parents, names in range. */
function layoutProblems(p: Profile): string[] {
  const problems: string[] = [];
  const n = p.level.length;
  if (n === 0) {
    return problems;
  }
  if (p.level[0] !== 0) {
    problems.push('root level');
  }
  for (let i = 1; i < n; i++) {
    if (p.level[i] < 1 || p.level[i] > p.level[i - 1] + 1) {
      problems.push(`level of ${i}`);
    }
    if (p.nameId[i] < 0 || p.nameId[i] >= p.names.length) {
      problems.push(`name of ${i}`);
    }
  }
  if (problems.length > 0) {
    return problems;
  }
  const { subtreeEnd } = indexOf(p);
  const sides: ProfileSide[] = p.right ? [p, p.right] : [p];
  for (const side of sides) {
    for (let i = 0; i < n; i++) {
      const t = side.total[i];
      const s = side.self[i];
      if (!Number.isFinite(t) || !Number.isFinite(s) || t < 0 || s < 0) {
        problems.push(`value of ${i}: ${t}, ${s}`);
        continue;
      }
      if (s > t * (1 + 1e-9)) {
        problems.push(`self of ${i} over its total`);
      }
      let sum = 0;
      for (let c = i + 1; c < subtreeEnd[i]; c = subtreeEnd[c]) {
        sum += side.total[c];
      }
      if (sum > t * (1 + 1e-9)) {
        problems.push(`children of ${i} over its total`);
      }
    }
  }
  return problems;
}

/** What the reader lets through, the renderer draws with finite coordinates (focused deep, hovering the root). */
function expectDrawable(p: Profile): void {
  const ctx = new FakeContext();
  drawFlameGraph(ctx, {
    profile: p,
    index: buildFlameIndex(p),
    viewport: testViewport({ widthPx: 300 }),
    focus: { node: p.level.length - 1 },
    hoveredNode: 0,
    colorScheme: p.right ? 'diff' : 'package',
    theme: 'light',
    font: '12px sans-serif',
  });
  expect(ctx.calls.every((c) => c.args.every((a) => typeof a !== 'number' || Number.isFinite(a)))).toBe(true);
}

/** Messages of the JavaScript engine leaking through instead of a sentence about the frame. */
const ENGINE_MESSAGE =
  /Cannot read properties|is not a function|is not iterable|undefined \(reading|Invalid array length/;

describe('readPanelInput on hostile frames', () => {
  it('never throws; gives either a profile the renderer can lay out or a specific message', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 9, arbitrary: arbitraryFrame }, { weight: 1, arbitrary: notAFrame }), {
          maxLength: 2,
        }),
        (series) => {
          const input = readPanelInput(series as DataFrame[]);
          if (input.profile) {
            expect(layoutProblems(input.profile)).toEqual([]);
            expectDrawable(input.profile);
            expect(input.problem).toBeUndefined();
          } else {
            expect(typeof input.problem).toBe('string');
            expect(input.problem).not.toMatch(ENGINE_MESSAGE);
            expect(input.problem!.length).toBeGreaterThan(20);
          }
        }
      ),
      { numRuns: 3000 }
    );
  });

  it('keeps hostile names as they are (text for the shell to show, never altered or dropped)', () => {
    const names = Object.values(HOSTILE_NAMES);
    const frame = {
      length: names.length + 1,
      fields: [
        { name: 'level', type: 'number', values: [0, ...names.map(() => 1)], config: {} },
        { name: 'value', type: 'number', values: [names.length, ...names.map(() => 1)], config: {} },
        { name: 'self', type: 'number', values: [0, ...names.map(() => 1)], config: {} },
        { name: 'label', type: 'string', values: ['total', ...names], config: {} },
      ],
    } as unknown as DataFrame;
    const { profile, problem } = readPanelInput([frame]);
    expect(problem).toBeUndefined();
    expect(names.map((_, i) => profile!.names[profile!.nameId[i + 1]])).toEqual(names);
  });
});
