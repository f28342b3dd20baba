import fc from 'fast-check';

import { arbitraryHostileName } from '../testing/hostileNames';
import {
  expandFilterEntries,
  formatFilterEntries,
  parseFilterEntries,
  readFilterEntries,
  sameEntry,
  type FilterEntry,
} from './filterEntries';
import { filterPreset, presetFilters } from './filterPresets';

const HIDE_RUNTIME: FilterEntry = { kind: 'hide', mode: 'regex', pattern: '^runtime\\.' };
const FOCUS_FLOW: FilterEntry = { kind: 'focus', mode: 'exact', pattern: 'main.flowAdv' };

describe('formatFilterEntries / parseFilterEntries', () => {
  it('writes a preset as preset:<id> among the filter list entries', () => {
    const entries: FilterEntry[] = [{ preset: 'go' }, FOCUS_FLOW, HIDE_RUNTIME];
    const text = formatFilterEntries(entries);
    expect(text).toBe('preset:go;focus:exact:main.flowAdv;hide:re:^runtime\\.');
    expect(parseFilterEntries(text)).toEqual({ entries, errors: [] });
  });

  it('keeps what it can read and says which entry it cannot, by its place in the list', () => {
    const { entries, errors } = parseFilterEntries('preset:go; preset:cobol;hide:re:x;nonsense;;ignore:exact:y');
    expect(entries).toEqual([
      { preset: 'go' },
      { kind: 'hide', mode: 'regex', pattern: 'x' },
      { kind: 'ignore', mode: 'exact', pattern: 'y' },
    ]);
    expect(errors.map((e) => [e.index, e.entry])).toEqual([
      [1, 'preset:cobol'],
      [3, 'nonsense'],
    ]);
    expect(errors[0].message).toBe(
      'filter 2 "preset:cobol": unknown preset "cobol": expected one of go, node, jvm, python, dotnet'
    );
    expect(errors[1].message).toBe('filter 4 "nonsense": expected kind:mode:pattern, e.g. hide:re:^runtime\\.');
  });

  it('round-trips any list of entries, hostile patterns included', () => {
    const entry = fc.oneof(
      fc.record({
        kind: fc.constantFrom('hide' as const, 'focus' as const, 'ignore' as const),
        mode: fc.constantFrom('regex' as const, 'exact' as const),
        pattern: arbitraryHostileName().filter((s) => s !== ''),
      }),
      fc.record({ preset: fc.constantFrom('go' as const, 'node' as const, 'jvm' as const) })
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
        expect(parseFilterEntries(formatFilterEntries(entries))).toEqual({ entries, errors: [] });
      })
    );
  });
});

describe('readFilterEntries', () => {
  it('reads the saved array and drops what it cannot use', () => {
    expect(
      readFilterEntries([
        HIDE_RUNTIME,
        { preset: 'node' },
        { preset: 'cobol' },
        { kind: 'show', mode: 'regex', pattern: 'x' },
        { kind: 'hide', pattern: 'no mode means regex' },
        { kind: 'hide', mode: 'regex', pattern: '' },
        null,
        'hide:re:x',
        42,
      ])
    ).toEqual([HIDE_RUNTIME, { preset: 'node' }, { kind: 'hide', mode: 'regex', pattern: 'no mode means regex' }]);
  });

  it('reads a filter list string (a dashboard edited by hand) and nothing else', () => {
    expect(readFilterEntries('preset:go;focus:exact:main.flowAdv')).toEqual([{ preset: 'go' }, FOCUS_FLOW]);
    expect(readFilterEntries(undefined)).toEqual([]);
    expect(readFilterEntries({ kind: 'hide' })).toEqual([]);
  });
});

describe('expandFilterEntries', () => {
  it("puts a preset's patterns in its place and says which entry each filter came from", () => {
    const go = presetFilters(filterPreset('go'));
    const { filters, entryOf } = expandFilterEntries([FOCUS_FLOW, { preset: 'go' }, HIDE_RUNTIME]);
    expect(filters).toEqual([FOCUS_FLOW, ...go, HIDE_RUNTIME]);
    expect(entryOf).toEqual([0, ...go.map(() => 1), 2]);
  });
});

describe('sameEntry', () => {
  it('compares kind, mode and pattern, or the preset', () => {
    expect(sameEntry(HIDE_RUNTIME, { ...HIDE_RUNTIME })).toBe(true);
    expect(sameEntry(HIDE_RUNTIME, { ...HIDE_RUNTIME, mode: 'exact' })).toBe(false);
    expect(sameEntry({ preset: 'go' }, { preset: 'go' })).toBe(true);
    expect(sameEntry({ preset: 'go' }, HIDE_RUNTIME)).toBe(false);
  });
});
