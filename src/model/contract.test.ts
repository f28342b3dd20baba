import fc from 'fast-check';

import {
  COMPARE_MODES,
  DIFF_PALETTES,
  diffPaletteOf,
  isVariableName,
  MAX_FILTER_LIST_CHARS,
  readFrameMeta,
  type ProfileFrameMeta,
} from './contract';

const FROM = Date.UTC(2024, 4, 1, 1, 55);
const TO = FROM + 5 * 60_000;

const META: ProfileFrameMeta = {
  profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
  labelSelector: '{service_name="ad-server"}',
  fromMs: FROM,
  toMs: TO,
  maxNodes: 1024,
  flavor: 'grafana',
  truncated: false,
  nodeCount: 3456,
};

describe('readFrameMeta', () => {
  it('reads every key of a whole meta back as written', () => {
    const whole: ProfileFrameMeta = {
      ...META,
      focusVariable: 'focus',
      focusMs: FROM + 150_000,
      focusWindowMs: 300_000,
      dashboardFromMs: FROM - 3_600_000,
      dashboardToMs: TO + 60_000,
      compare: 'before',
      baselineFromMs: FROM - 300_000,
      baselineToMs: FROM - 1,
      frameFilters: 'preset:go;focus:exact:main.work',
      frameFiltersVariable: 'filters',
    };
    expect(readFrameMeta(whole)).toEqual(whole);
  });

  it('reads the frame filters as a string and their variable only when it is a variable name', () => {
    expect(readFrameMeta({ frameFilters: '', frameFiltersVariable: 'x&var-y=1' })).toEqual({ frameFilters: '' });
    expect(readFrameMeta({ frameFilters: ['hide:re:x'], frameFiltersVariable: 'f' })).toEqual({
      frameFiltersVariable: 'f',
    });
    expect(readFrameMeta({ frameFilters: 'x'.repeat(MAX_FILTER_LIST_CHARS + 1) })).toEqual({});
  });

  it('keeps valid keys and drops the rest', () => {
    expect(readFrameMeta({ ...META, fromMs: TO + 1, maxNodes: -3, extra: true })).toEqual({
      profileTypeId: META.profileTypeId,
      labelSelector: META.labelSelector,
      flavor: 'grafana',
      truncated: false,
      nodeCount: 3456,
    });
  });

  it('reads a group only when it is whole', () => {
    const view = readFrameMeta({
      focusMs: FROM,
      focusVariable: 'focus',
      compare: '1d',
      baselineFromMs: FROM,
      dashboardFromMs: FROM,
    });
    expect(view).toEqual({});
  });

  it('drops a focus variable that is no variable name, and keeps the moment', () => {
    expect(readFrameMeta({ focusMs: FROM, focusWindowMs: 60_000, focusVariable: 'x&var-y=1' })).toEqual({
      focusMs: FROM,
      focusWindowMs: 60_000,
    });
  });

  it('reads each compare mode but off, which has no baseline', () => {
    const base = { baselineFromMs: FROM, baselineToMs: TO };
    const read = COMPARE_MODES.map((compare) => readFrameMeta({ ...base, compare }).compare);
    expect(read).toEqual([undefined, 'before', '1d', '1w', 'custom']);
    expect(readFrameMeta({ ...base, compare: '2d' }).compare).toBeUndefined();
  });

  it('drops times a Date cannot hold', () => {
    expect(readFrameMeta({ fromMs: 0, toMs: 1e300 })).toEqual({});
  });

  it('never throws and returns only known keys, whatever it is given', () => {
    const keys = new Set(
      Object.keys({ ...META, focusVariable: '', focusMs: 0, compare: '' }).concat(
        'focusWindowMs',
        'dashboardFromMs',
        'dashboardToMs',
        'baselineFromMs',
        'baselineToMs',
        'frameFilters',
        'frameFiltersVariable'
      )
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), fc.anything())), (custom) => {
        const view = readFrameMeta(custom);
        expect(Object.keys(view).every((k) => keys.has(k))).toBe(true);
      })
    );
  });
});

describe('diffPaletteOf', () => {
  it('keeps the saved palettes and reads anything else as red-green', () => {
    expect(DIFF_PALETTES.map(diffPaletteOf)).toEqual(['red-green', 'colorblind']);
    for (const other of [undefined, null, '', 'redGreen', 'colorBlind', 'blue', 3, {}]) {
      expect(diffPaletteOf(other)).toBe('red-green');
    }
  });
});

describe('isVariableName', () => {
  it('accepts Grafana variable names only', () => {
    expect(['focus', '_x', 'a1_b'].every(isVariableName)).toBe(true);
    expect(['', '1a', '$focus', 'a-b', 'a b', 'x&var-y=1'].some(isVariableName)).toBe(false);
  });
});
