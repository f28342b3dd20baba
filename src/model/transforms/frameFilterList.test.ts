import fc from 'fast-check';

import { FilterListSyntaxError } from '../errors';
import { arbitraryHostileName, HOSTILE_NAMES } from '../testing/hostileNames';
import { formatFrameFilters, parseFrameFilters } from './frameFilterList';
import type { FrameFilter } from './frameFilters';

describe('formatFrameFilters / parseFrameFilters', () => {
  const list: FrameFilter[] = [
    { kind: 'hide', mode: 'regex', pattern: '^runtime\\.' },
    { kind: 'focus', mode: 'exact', pattern: 'main.flowAdv' },
    { kind: 'ignore', mode: 'regex', pattern: 'a;b%3B:c' },
  ];

  it('writes a short string that reads as typed, escaping only % and ; in patterns', () => {
    expect(formatFrameFilters(list)).toBe('hide:re:^runtime\\.;focus:exact:main.flowAdv;ignore:re:a%3Bb%253B:c');
    expect(formatFrameFilters([])).toBe('');
  });

  it('reads it back', () => {
    expect(parseFrameFilters(formatFrameFilters(list))).toEqual({ filters: list, errors: [] });
    expect(parseFrameFilters('')).toEqual({ filters: [], errors: [] });
  });

  it('accepts what a hand-written URL may hold: regex spelled out, other %-escapes, a trailing ;', () => {
    expect(parseFrameFilters('focus:regex:a%20b%C3%A9;hide:exact:x;').filters).toEqual([
      { kind: 'focus', mode: 'regex', pattern: 'a bé' },
      { kind: 'hide', mode: 'exact', pattern: 'x' },
    ]);
  });

  it('reports each unreadable entry and keeps the others', () => {
    const { filters, errors } = parseFrameFilters(
      'hide:^x;show:re:y;focus:glob:z;ignore:re:100%;hide:re:%E0%A4;focus:re:ok'
    );
    expect(filters).toEqual([{ kind: 'focus', mode: 'regex', pattern: 'ok' }]);
    expect(errors.every((e) => e instanceof FilterListSyntaxError)).toBe(true);
    expect(errors.map((e) => [e.index, e.entry])).toEqual([
      [0, 'hide:^x'],
      [1, 'show:re:y'],
      [2, 'focus:glob:z'],
      [3, 'ignore:re:100%'],
      [4, 'hide:re:%E0%A4'],
    ]);
    expect(errors[0].message).toBe('filter 1 "hide:^x": expected kind:mode:pattern, e.g. hide:re:^runtime\\.');
    expect(errors[1].message).toMatch(/unknown kind "show"/);
    expect(errors[2].message).toMatch(/unknown mode "glob"/);
    expect(errors[3].message).toMatch(/malformed %-escape/);
    expect(errors[4].message).toMatch(/malformed %-escape/);
    expect(parseFrameFilters('__proto__:re:x;hide:constructor:x').errors).toHaveLength(2);
  });

  it('round-trips any list, hostile patterns included (property)', () => {
    const pattern = fc.oneof(
      arbitraryHostileName(),
      fc.string({ unit: fc.constantFrom(';', '%', ':', '3', 'B', '2', '5', 'a', '\\', ' ', '\n') }),
      fc.constantFrom(...Object.values(HOSTILE_NAMES))
    );
    const filter = fc.record({
      kind: fc.constantFrom('hide', 'focus', 'ignore'),
      mode: fc.constantFrom('regex', 'exact'),
      pattern,
    }) as fc.Arbitrary<FrameFilter>;
    fc.assert(
      fc.property(fc.array(filter, { maxLength: 6 }), (filters) => {
        const text = formatFrameFilters(filters);
        expect(parseFrameFilters(text)).toEqual({ filters, errors: [] });
        // Entries are separated by ; alone: no pattern leaks one.
        expect(text === '' ? 0 : text.split(';').length).toBe(filters.length);
      }),
      { numRuns: 300 }
    );
  });
});
