import fc from 'fast-check';

import { referenceParseSelector } from '../testing/selectorReference';
import { AdHocFilterError, filtersToMatchers, type FilterLike } from './filters';
import { formatSelector } from './selector';

/** What the server reads for these filters alone. */
const served = (filters: FilterLike[]) => referenceParseSelector(formatSelector(filtersToMatchers(filters))).matchers;

describe('ad-hoc filters dropped without a word', () => {
  it('applies the multi-value operators =| and !=| (Grafana 12.4 to 13.2) as escaped alternations', () => {
    expect(
      served([
        { key: 'pod', operator: '=|', value: '', values: ['web.1', 'a|b'] },
        { key: 'env', operator: '!=|', value: '', values: ['dev', 'test"'] },
      ])
    ).toEqual([
      { name: 'pod', op: '=~', value: '(web\\.1|a\\|b)' },
      { name: 'env', op: '!~', value: '(dev|test")' },
    ]);
  });

  it('uses = and != for a multi-value operator with one value, and value when values is missing', () => {
    expect(
      served([
        { key: 'pod', operator: '=|', value: '', values: ['web.1'] },
        { key: 'env', operator: '!=|', value: 'dev' },
      ])
    ).toEqual([
      { name: 'pod', op: '=', value: 'web.1' },
      { name: 'env', op: '!=', value: 'dev' },
    ]);
  });

  it('keeps a key such as k8s.pod, quoted', () => {
    expect(formatSelector(filtersToMatchers([{ key: 'k8s.pod', operator: '=', value: 'x' }]))).toBe('{"k8s.pod"="x"}');
  });

  it('applies the four selector operators one to one', () => {
    const filters = ['=', '!=', '=~', '!~'].map((operator) => ({ key: 'a', operator, value: 'x"y' }));
    expect(served(filters).map((m) => m.op)).toEqual(['=', '!=', '=~', '!~']);
  });

  it.each([
    [{ key: 'n', operator: '<', value: '3' }, /"n < 3" cannot be applied: .*no "<" operator/],
    [{ key: 'n', operator: '>=', value: '3' }, /"n >= 3" cannot be applied/],
    [{ key: 'n', operator: '<=', value: '3' }, /"n <= 3" cannot be applied/],
    [{ key: 'n', operator: '>', value: '3' }, /"n > 3" cannot be applied/],
    [{ key: '', operator: '=', value: 'x' }, /" = x" cannot be applied: its key is not a label name/],
    [{ key: 'p', operator: '=|', value: '', values: [] }, /"p =| " cannot be applied: it has no values/],
    [{ key: 'p', operator: '=', value: 'a\uDC00' }, /cannot be applied: a value is not well-formed/],
  ])('refuses %j with a message naming it', (filter, message) => {
    expect(() => filtersToMatchers([filter])).toThrow(AdHocFilterError);
    expect(() => filtersToMatchers([filter])).toThrow(message);
  });
});

describe('filtersToMatchers (property)', () => {
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', '.', '"', '\\', '\n', '}', ',', '=~', '|', '*', '(', '😀', '\u202e'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
    ),
    maxLength: 6,
  });
  const filter = fc.record({
    key: fc.oneof(fc.constantFrom('pod', 'k8s.pod'), text),
    operator: fc.constantFrom('=', '!=', '=~', '!~', '=|', '!=|', '<', '>', '<=', '>='),
    value: text,
    values: fc.array(text, { maxLength: 3 }),
  });

  it('every filter is applied exactly or refused, never dropped', () => {
    fc.assert(
      fc.property(fc.array(filter, { maxLength: 3 }), text, (filters, other) => {
        let read: ReturnType<typeof served>;
        try {
          read = served(filters);
        } catch (e) {
          expect(e).toBeInstanceOf(AdHocFilterError);
          return;
        }
        expect(read).toHaveLength(filters.length);
        filters.forEach((f, i) => {
          expect(read[i].name).toBe(f.key);
          const m = read[i];
          if (f.operator === '=|' || f.operator === '!=|') {
            const chosen = f.values;
            const hit =
              m.op === '=' || m.op === '!=' ? other === m.value : new RegExp(`^(?:${m.value})$`, 'u').test(other);
            expect(hit).toBe(chosen.includes(other));
            expect(m.op.startsWith('!')).toBe(f.operator === '!=|');
          } else {
            expect(m).toEqual({ name: f.key, op: f.operator, value: f.value });
          }
        });
      })
    );
  });
});
