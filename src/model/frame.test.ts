import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { FieldType, type DataFrame } from '@grafana/data';

import { decodeConnectFlameGraph } from './connect';
import { ProfileDecodeError } from './errors';
import { FLAMEGRAPH_FIELD } from './contract';
import { dataFrameToProfile, isFlameGraphFrame, profileToDataFrame } from './frame';
import { checkProfile, indexOf, rootTotal, type Profile } from './profile';
import { arbitraryProfile } from './testing/arbitraryProfile';
import { parseTree, printTree, tree } from './testing/asciiTree';

describe('profileToDataFrame', () => {
  it('writes the nested-set contract Grafana reads: level, value, self, enum label, units, meta', () => {
    const p = parseTree('total 60\n  main 60\n    bar 20\n    foo 30', 'nanoseconds');
    const frame = profileToDataFrame(p, {
      refId: 'A',
      custom: { profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds' },
    });
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['level', FieldType.number],
      ['value', FieldType.number],
      ['self', FieldType.number],
      ['label', FieldType.enum],
    ]);
    expect(frame.fields[0].values).toEqual([0, 1, 2, 2]);
    expect(frame.fields[1].values).toEqual([60, 60, 20, 30]);
    expect(frame.fields[2].values).toEqual([0, 10, 20, 30]);
    expect(frame.fields[1].config.unit).toBe('ns');
    expect(frame.fields[3].config.type?.enum?.text).toEqual(['total', 'main', 'bar', 'foo']);
    expect(frame.meta?.preferredVisualisationType).toBe('flamegraph');
    expect(frame.meta?.custom?.profileTypeId).toBe('process_cpu:cpu:nanoseconds:cpu:nanoseconds');
    expect(frame.length).toBe(4);
    expect(frame.refId).toBe('A');
    expect(Array.isArray(frame.fields[1].values)).toBe(true);
  });

  it('adds valueRight and selfRight for a diff', () => {
    const frame = profileToDataFrame(parseTree('total 10 | 14\n  a 10 | 14', 'bytes'));
    expect(frame.fields.map((f) => f.name)).toEqual(['level', 'value', 'self', 'label', 'valueRight', 'selfRight']);
    expect(frame.fields[4].values).toEqual([14, 14]);
    expect(frame.fields[4].config.unit).toBe('bytes');
  });
});

describe('dataFrameToProfile', () => {
  it('round-trips every profile through the frame (property)', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryProfile(), arbitraryProfile({ diff: true, unit: 'bytes' })), (p) => {
        const back = dataFrameToProfile(profileToDataFrame(p));
        expect(printTree(back)).toBe(printTree(p));
        expect(Array.from(back.self)).toEqual(Array.from(p.self));
        expect(back.right ? Array.from(back.right.self) : undefined).toEqual(
          p.right ? Array.from(p.right.self) : undefined
        );
        expect(back.unit).toBe(p.unit);
        expect(checkProfile(back)).toEqual([]);
      })
    );
  });

  it('hands the model the parent and subtree indexes it would build itself (property)', () => {
    const indexes = (p: Profile) => {
      const { parent, subtreeEnd, maxLevel } = indexOf(p);
      return { parent: Array.from(parent), subtreeEnd: Array.from(subtreeEnd), maxLevel };
    };
    fc.assert(
      fc.property(fc.oneof(arbitraryProfile(), arbitraryProfile({ diff: true })), fc.boolean(), (p, severalRoots) => {
        const frame = profileToDataFrame(p);
        if (severalRoots) {
          // Drop the root row: its children become several roots, read under a synthetic root.
          for (const f of frame.fields) {
            const values = (f.values as number[]).slice(1);
            f.values = f.name === FLAMEGRAPH_FIELD.level ? values.map((v) => v - 1) : values;
          }
          if (frame.fields[0].values.length === 0) {
            return;
          }
        }
        const back = dataFrameToProfile(frame);
        // A copy is another object, so indexOf builds its indexes from the levels alone.
        expect(indexes(back)).toEqual(indexes({ ...back }));
      })
    );
  });

  it('reads the fixture as a frame with the same totals', () => {
    const body = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8')
    );
    const p = decodeConnectFlameGraph(body, 'nanoseconds');
    const back = dataFrameToProfile(profileToDataFrame(p));
    expect(back.level.length).toBe(2110);
    expect(rootTotal(back)).toBe(11_100_000_000);
  });

  it("reads a frame shaped like Grafana's own Pyroscope datasource output (enum label, int64 numbers)", () => {
    const frame: DataFrame = {
      name: 'response',
      length: 3,
      meta: { preferredVisualisationType: 'flamegraph' },
      fields: [
        { name: 'level', type: FieldType.number, values: [0, 1, 1], config: {} },
        { name: 'value', type: FieldType.number, values: [100, 70, 30], config: { unit: 'ns' } },
        { name: 'self', type: FieldType.number, values: [0, 70, 30], config: { unit: 'ns' } },
        {
          name: 'label',
          type: FieldType.enum,
          values: [0, 1, 2],
          config: { type: { enum: { text: ['total', 'main.a', 'main.b'] } } },
        },
      ],
    };
    expect(isFlameGraphFrame(frame)).toBe(true);
    const p = dataFrameToProfile(frame);
    expect(p.unit).toBe('nanoseconds');
    expect(printTree(p)).toBe(tree`
      total 100
        main.a 70
        main.b 30
    `);
  });

  it('reads a plain frame with a string label and several roots under a synthetic root', () => {
    const frame: DataFrame = {
      length: 3,
      fields: [
        { name: 'level', type: FieldType.number, values: [0, 1, 0], config: {} },
        { name: 'value', type: FieldType.number, values: [5, 2, 7], config: {} },
        { name: 'self', type: FieldType.number, values: [3, 2, 7], config: {} },
        { name: 'label', type: FieldType.string, values: ['x', '__proto__', 'y'], config: {} },
      ],
    };
    expect(printTree(dataFrameToProfile(frame))).toBe(tree`
      total 12
        x 5
          __proto__ 2
        y 7
    `);
  });

  const good = () => profileToDataFrame(parseTree('total 10\n  a 6\n  b 4'));
  const withField = (name: string, values: unknown[]) => {
    const f = good();
    f.fields = f.fields.map((fld) => (fld.name === name ? { ...fld, values } : fld));
    return f;
  };
  it.each([
    ['a missing field', { ...good(), fields: good().fields.filter((f) => f.name !== 'self') }, /missing fields self/],
    ['NaN values', withField(FLAMEGRAPH_FIELD.value, [10, NaN, 4]), /NaN.*field value, node 1/],
    ['negative values', withField(FLAMEGRAPH_FIELD.self, [0, -6, 4]), /-6.*field self, node 1/],
    ['a level jump', withField(FLAMEGRAPH_FIELD.level, [0, 2, 1]), /level jumps from 0 to 2.*node 1/],
    ['an enum index outside the texts', withField(FLAMEGRAPH_FIELD.label, [0, 1, 9]), /enum value 9.*node 2/],
    ['children wider than the parent', withField(FLAMEGRAPH_FIELD.value, [5, 6, 4]), /children add up to 10.*node 0/],
    ['fields of different lengths', withField(FLAMEGRAPH_FIELD.self, [0, 6]), /2 rows but level has 3/],
  ])('explains %s', (_what, frame, message) => {
    expect(() => dataFrameToProfile(frame)).toThrow(ProfileDecodeError);
    expect(() => dataFrameToProfile(frame)).toThrow(message);
  });
});
