import { ProfileDecodeError } from './errors';
import { decodePprof } from './pprof';
import { FunctionField, ProfileField, ValueTypeField } from './pprofSchema';
import { checkProfile } from './profile';
import { ProtoWriter } from './testing/protobufWriter';
import { printTree, tree } from './testing/asciiTree';
import { buildPprof, type PprofSpec } from './testing/pprofBuilder';

/** Hand-made wire shapes: inlining order, sparse ids, packing, field order, frames without functions, type choice. */

const CPU: PprofSpec['sampleTypes'] = [['cpu', 'nanoseconds']];

function decodeTree(spec: PprofSpec, sampleType?: string | number): string {
  const { profile } = decodePprof(buildPprof(spec), { sampleType });
  expect(checkProfile(profile)).toEqual([]);
  return printTree(profile);
}

function decodeError(bytes: Uint8Array, sampleType?: string | number): ProfileDecodeError {
  try {
    decodePprof(bytes, { sampleType });
  } catch (e) {
    if (e instanceof ProfileDecodeError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a ProfileDecodeError');
}

/** main calls handler, into which render and escape are inlined (escape innermost): one location, three lines. */
const INLINED: PprofSpec = {
  sampleTypes: CPU,
  functions: [
    { id: 1, name: 'main' },
    { id: 2, name: 'handler' },
    { id: 3, name: 'render' },
    { id: 4, name: 'escape' },
  ],
  locations: [
    { id: 10, functionIds: [4, 3, 2] },
    { id: 20, functionIds: [1] },
  ],
  samples: [
    { locationIds: [10, 20], values: [30] },
    { locationIds: [20], values: [5] },
  ],
};

describe('decodePprof stack order', () => {
  it('expands locations last to first and inlined lines last to first (root to leaf)', () => {
    expect(decodeTree(INLINED)).toBe(tree`
      total 35
        main 35
          handler 30
            render 30
              escape 30
    `);
  });

  it('reads the same profile with unpacked lists and the string table first', () => {
    expect(decodeTree({ ...INLINED, unpacked: true, stringsFirst: true })).toBe(decodeTree(INLINED));
  });

  it('merges functions of the same name and keeps recursion as nested frames', () => {
    const spec: PprofSpec = {
      sampleTypes: CPU,
      functions: [
        { id: 1, name: 'f' },
        { id: 2, name: 'f' },
        { id: 3, name: 'g' },
      ],
      locations: [
        { id: 1, functionIds: [1] },
        { id: 2, functionIds: [2] },
        { id: 3, functionIds: [3] },
      ],
      samples: [
        { locationIds: [2, 1], values: [4] },
        { locationIds: [1, 1], values: [1] },
        { locationIds: [3, 2], values: [2] },
        { locationIds: [], values: [7] },
        { locationIds: [3], values: [0] },
      ],
    };
    expect(decodeTree(spec)).toBe(tree`
      total 14
        f 7
          f 5
          g 2
    `);
  });

  it('maps sparse, large ids without confusing them', () => {
    const big = 2 ** 52 + 12345;
    const spec: PprofSpec = {
      sampleTypes: CPU,
      functions: [
        { id: big, name: 'big' },
        { id: 7, name: 'small' },
        { id: 2 ** 40, name: 'mid' },
      ],
      locations: [
        { id: big + 2, functionIds: [big] },
        { id: 3, functionIds: [7] },
        { id: 2 ** 33, functionIds: [2 ** 40] },
      ],
      samples: [{ locationIds: [big + 2, 2 ** 33, 3], values: [9] }],
    };
    expect(decodeTree(spec)).toBe(tree`
      total 9
        small 9
          mid 9
            big 9
    `);
  });

  it('names frames without a function as pprof does: [mapping file], else the address', () => {
    const spec: PprofSpec = {
      sampleTypes: CPU,
      functions: [{ id: 1, name: '' }],
      mappings: [
        { id: 1, file: '/usr/lib/x86_64-linux-gnu/libc.so.6' },
        { id: 2, file: '' },
      ],
      locations: [
        { id: 1, mappingId: 1, address: 0x7f00 },
        { id: 2, mappingId: 2, address: 0xbeef },
        { id: 3 },
        { id: 4, functionIds: [1] },
      ],
      samples: [
        { locationIds: [1, 2], values: [1] },
        { locationIds: [3], values: [2] },
        { locationIds: [4], values: [3] },
      ],
    };
    expect(decodeTree(spec)).toBe(tree`
      total 6
        0xbeef 1
          [libc.so.6] 1
        <unknown> 5
    `);
  });
});

describe('decodePprof sample type choice', () => {
  const spec: PprofSpec = {
    sampleTypes: [
      ['alloc_objects', 'count'],
      ['alloc_space', 'bytes'],
      ['space', 'bytes'],
    ],
    functions: [{ id: 1, name: 'main' }],
    locations: [{ id: 1, functionIds: [1] }],
    samples: [{ locationIds: [1], values: [1, 2, 3] }],
  };

  it('defaults to the last type, or to default_sample_type when it names one', () => {
    expect(decodePprof(buildPprof(spec)).sampleTypeIndex).toBe(2);
    expect(decodePprof(buildPprof({ ...spec, defaultSampleType: 'alloc_space' })).sampleTypeIndex).toBe(1);
    expect(decodePprof(buildPprof({ ...spec, defaultSampleType: 'nope' })).sampleTypeIndex).toBe(2);
  });

  it('selects by index, by name, and inuse_x finds x as in pprof', () => {
    const bytes = buildPprof(spec);
    expect(decodePprof(bytes, { sampleType: 0 }).profile.total[0]).toBe(1);
    expect(decodePprof(bytes, { sampleType: 'alloc_space' }).profile).toMatchObject({ unit: 'bytes' });
    expect(decodePprof(bytes, { sampleType: 'inuse_space' }).sampleTypeIndex).toBe(2);
  });

  it('lists the available types when the requested one does not exist', () => {
    const bytes = buildPprof(spec);
    expect(decodeError(bytes, 'cpu').message).toBe(
      'pprof profile: no sample type "cpu"; available: 0: alloc_objects (count), 1: alloc_space (bytes), 2: space (bytes) (field sample_type)'
    );
    expect(decodeError(bytes, 3).message).toMatch(/sample type index 3 is out of range; available: 0: alloc_objects/);
    expect(decodeError(bytes, -1).message).toMatch(/index -1 is out of range/);
  });
});

describe('decodePprof on inconsistent profiles', () => {
  const cases: Array<[string, Partial<PprofSpec>, RegExp]> = [
    ['no sample types', { sampleTypes: [] }, /the profile has no sample types/],
    ['too few values', { samples: [{ locationIds: [20], values: [] }] }, /sample has 0 values for 1 sample types/],
    ['negative values', { samples: [{ locationIds: [20], values: [-5] }] }, /sample value -5 is negative/],
    ['unknown location', { samples: [{ locationIds: [99], values: [1] }] }, /unknown location id 99/],
    ['unknown function', { locations: [{ id: 20, functionIds: [77] }] }, /unknown function id 77/],
    ['duplicate location id', { locations: [{ id: 20 }, { id: 20 }] }, /duplicate location id 20/],
    ['location id 0', { locations: [{ id: 0 }] }, /location has the reserved id 0/],
    ['unknown mapping', { locations: [{ id: 20, mappingId: 5 }] }, /unknown mapping id 5/],
  ];
  it.each(cases)('%s', (_, change, message) => {
    const error = decodeError(buildPprof({ ...INLINED, ...change }));
    expect(error.format).toBe('pprof');
    expect(error.message).toMatch(message);
  });

  it('reports string indexes outside the table', () => {
    const w = new ProtoWriter();
    w.begin(ProfileField.sampleType);
    w.int64Field(ValueTypeField.type, 1);
    w.int64Field(ValueTypeField.unit, 2);
    w.end();
    w.begin(ProfileField.function);
    w.uint64Field(FunctionField.id, 1);
    w.int64Field(FunctionField.name, 127);
    w.end();
    ['', 'cpu', 'nanoseconds'].forEach((text) => w.stringField(ProfileField.stringTable, text));
    expect(decodeError(w.finish()).message).toMatch(
      /string index 127 is outside the string table.*field function\.name/
    );
  });
});
