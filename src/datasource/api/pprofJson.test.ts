import { ProfileDecodeError } from '../../model/errors';
import { referenceDecode } from '../../model/testing/pprofReference';
import { decodePprof } from '../../model/pprof';
import { pprofFromJson } from './pprofJson';

/** The protojson → protobuf writer, read back by the model's decoder and by the plain reference reader. */

const PROFILE = {
  sampleType: [{ type: '1', unit: '2' }],
  sample: [
    { locationId: ['2', '1'], value: ['30'], label: [{ key: '6', str: '7' }] },
    { locationId: ['1'], value: ['10'] },
  ],
  mapping: [
    { id: '1', memoryStart: '4194304', memoryLimit: '18446744073709551615', filename: '5', hasFunctions: true },
  ],
  location: [
    { id: '1', mappingId: '1', address: '18446744073709551600', line: [{ functionId: '1', line: '40' }] },
    {
      id: '2',
      mappingId: '1',
      line: [
        { functionId: '2', line: '12' },
        { functionId: '1', line: '41' },
      ],
    },
  ],
  function: [
    { id: '1', name: '3', systemName: '3', filename: '5', startLine: '38' },
    { id: '2', name: '4', systemName: '4', filename: '5', startLine: '10' },
  ],
  stringTable: ['', 'cpu', 'nanoseconds', 'main', 'work', 'main.go', 'pod', 'web-1'],
  timeNanos: '1700003600000000000',
  durationNanos: 10_000_000_000,
  periodType: { type: '1', unit: '2' },
  period: '-1',
};

describe('pprofFromJson', () => {
  it('writes every field the decoders read, int64 exactly', () => {
    const bytes = pprofFromJson(PROFILE);
    const ref = referenceDecode(bytes);
    expect(ref.sampleTypes).toEqual([{ type: 'cpu', unit: 'nanoseconds' }]);
    expect(ref.samples).toEqual([
      { locationIds: [2, 1], values: [30] },
      { locationIds: [1], values: [10] },
    ]);
    expect([...ref.functions]).toEqual([
      [1, 'main'],
      [2, 'work'],
    ]);
    const decoded = decodePprof(bytes);
    expect(decoded.timeNanos).toBe(1_700_003_600_000_000_000);
    expect(decoded.durationNanos).toBe(10e9);
    expect(decoded.profile.total[0]).toBe(40);
  });

  it('accepts proto field names and numbers, and an empty profile', () => {
    const snake = pprofFromJson({
      sample_type: [{ type: 1, unit: 2 }],
      sample: [{ location_id: [1], value: [5] }],
      location: [{ id: 1, line: [{ function_id: 1 }] }],
      function: [{ id: 1, name: 3 }],
      string_table: ['', 'cpu', 'nanoseconds', 'f'],
    });
    expect(decodePprof(snake).profile.total[0]).toBe(5);
    expect(pprofFromJson({})).toEqual(new Uint8Array(0));
  });

  it.each([
    [{ sample: [{ value: ['1.5'] }] }, /profile\.sample\[0\]\.value\[0\] has an unexpected value "1\.5"/],
    [{ stringTable: [1] }, /profile\.stringTable\[0\]/],
    [{ timeNanos: '99999999999999999999999' }, /profile\.timeNanos/],
    [{ location: ['x'] }, /profile\.location\[0\]/],
    [[], /not a JSON object/],
  ])('refuses %j', (input, message) => {
    expect(() => pprofFromJson(input)).toThrow(ProfileDecodeError);
    expect(() => pprofFromJson(input)).toThrow(message);
  });
});
