import fc from 'fast-check';

import {
  SelectorParseError,
  escapeRegex,
  formatSelector,
  isWellFormed,
  parseSelector,
  regexAlternation,
  scopeSelector,
  type Matcher,
} from './selector';
import { referenceParseSelector } from '../testing/selectorReference';
import { matchesLabels } from '../../../sandbox/pyroscope/labelMatch';

describe('parseSelector', () => {
  it('reads the Prometheus forms Pyroscope accepts', () => {
    expect(parseSelector('{service_name="api", pod=~"web-.*", env!="dev",x!~\'a\'}')).toEqual({
      matchers: [
        { name: 'service_name', op: '=', value: 'api' },
        { name: 'pod', op: '=~', value: 'web-.*' },
        { name: 'env', op: '!=', value: 'dev' },
        { name: 'x', op: '!~', value: 'a' },
      ],
    });
    expect(parseSelector('process_cpu:cpu:nanoseconds:cpu:nanoseconds{service_name="a"}')).toEqual({
      metric: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      matchers: [{ name: 'service_name', op: '=', value: 'a' }],
    });
    expect(parseSelector('  ')).toEqual({ matchers: [] });
    expect(parseSelector('{}')).toEqual({ matchers: [] });
    expect(parseSelector('app.cpu')).toEqual({ metric: 'app.cpu', matchers: [] });
    expect(parseSelector('{a="x\\"y\\\\z\\n"}').matchers[0].value).toBe('x"y\\z\n');
  });

  it.each([
    ['{a="x"', /missing closing "}" at character 7/],
    ['{a=x}', /expected a quoted value, found "x" at character 4/],
    ['{1a="x"}', /invalid label name "1a"/],
    ['{a=="x"}', /expected a quoted value/],
    ['{a="x} ', /unterminated string at character 4/],
    ['{a<"x"}', /expected one of = != =~ !~ after "a"/],
    ['{a="x"} extra', /unexpected "extra"/],
    ['{a="\\q"}', /unknown escape/],
  ])('explains what is wrong with %s', (text, message) => {
    expect(() => parseSelector(text)).toThrow(SelectorParseError);
    expect(() => parseSelector(text)).toThrow(message);
  });
});

describe('escaping', () => {
  const labelValue = fc.string({
    unit: fc.constantFrom(
      'a',
      'b',
      '"',
      '\\',
      '\n',
      '\r',
      '\t',
      "'",
      '`',
      '{',
      '}',
      ',',
      '=',
      '~',
      'é',
      '火',
      '😀',
      ' ',
      '.',
      '*',
      '|',
      '(',
      ')'
    ),
  });
  const matcher = fc.record({
    name: fc.constantFrom('service_name', 'pod', 'env', '_x', 'A1'),
    op: fc.constantFrom<Matcher['op']>('=', '!=', '=~', '!~'),
    value: labelValue,
  });

  it('formatSelector and parseSelector round-trip any values (property)', () => {
    fc.assert(
      fc.property(fc.array(matcher, { maxLength: 5 }), (matchers) => {
        expect(parseSelector(formatSelector(matchers)).matchers).toEqual(matchers);
      })
    );
  });

  // Matched by the test server's matcher (Prometheus semantics: anchored, `.` matches line breaks), not ours.
  it('an escaped regex matches exactly the literal value (property)', () => {
    fc.assert(
      fc.property(labelValue, labelValue, (value, other) => {
        const m: Matcher = { name: 'a', op: '=~', value: escapeRegex(value) };
        expect(matchesLabels([m], { a: value })).toBe(true);
        expect(matchesLabels([m], { a: other })).toBe(other === value);
      })
    );
  });

  it('an alternation of escaped values matches each of them and nothing else (property)', () => {
    fc.assert(
      fc.property(fc.array(labelValue, { minLength: 1, maxLength: 4 }), labelValue, (values, other) => {
        const m: Matcher = { name: 'a', op: '=~', value: regexAlternation(values) };
        for (const v of values) {
          expect(matchesLabels([m], { a: v })).toBe(true);
        }
        expect(matchesLabels([m], { a: other })).toBe(values.includes(other));
      })
    );
  });
});

describe('label names that are not classic names', () => {
  it('are quoted when written and read back from quotes', () => {
    const text = formatSelector([{ name: 'k8s.pod', op: '=', value: 'web' }]);
    expect(text).toBe('{"k8s.pod"="web"}');
    expect(parseSelector(text).matchers).toEqual([{ name: 'k8s.pod', op: '=', value: 'web' }]);
  });

  it('are refused when empty', () => {
    expect(() => formatSelector([{ name: '', op: '=', value: 'x' }])).toThrow(/empty label name/);
    expect(() => parseSelector('{""="x"}')).toThrow(/empty label name/);
  });
});

describe('escapeLabelValue', () => {
  it('escapes every control character, so no value can end its string or line', () => {
    const value = 'a\u0000b\u001fc\u007f\n\r\t"\\';
    const text = formatSelector([{ name: 'a', op: '=', value }]);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(parseSelector(text).matchers[0].value).toBe(value);
  });

  it('refuses a lone surrogate, which has no UTF-8 form and would reach the server as another value', () => {
    expect(() => formatSelector([{ name: 'a', op: '!=', value: 'x\uD800' }])).toThrow(/lone surrogate/);
    expect(formatSelector([{ name: 'a', op: '=', value: '😀\u202e' }])).toBe('{a="😀\u202e"}');
  });

  it('writes U+FFFD as \\ufffd: Prometheus refuses it raw in a string ("invalid UTF-8 rune")', () => {
    const text = formatSelector([{ name: 'a\ufffd', op: '=', value: 'x\ufffd' }]);
    expect(text).toBe('{"a\\ufffd"="x\\ufffd"}');
    expect(parseSelector(text).matchers).toEqual([{ name: 'a\ufffd', op: '=', value: 'x\ufffd' }]);
  });
});

describe('scopeSelector (metric-prefixed selector gave a malformed LabelNames matcher)', () => {
  it('keeps the metric prefix in front of the braces and adds the profile type', () => {
    expect(scopeSelector('process_cpu{service_name="a"}', 'p:t')).toBe(
      'process_cpu{__profile_type__="p:t", service_name="a"}'
    );
    expect(scopeSelector('{service_name="a"}')).toBe('{service_name="a"}');
    expect(scopeSelector('', 'p:t')).toBe('{__profile_type__="p:t"}');
    expect(scopeSelector('')).toBe('{}');
  });
});

describe('formatSelector (property, against the reference reader)', () => {
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', '_', '1', '.', '"', "'", '\\', '\n', '\r', '\t', '\u0000', '\u007f', '}', '{', ',', '=~'),
      fc.constantFrom('火', '😀', '\u202e', '\u2028'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
    ),
    maxLength: 8,
  });
  const matcher = fc.record({
    name: text,
    op: fc.constantFrom<Matcher['op']>('=', '!=', '=~', '!~'),
    value: text,
  });

  it('the server reads back exactly the matchers written, or writing is refused', () => {
    fc.assert(
      fc.property(fc.array(matcher, { maxLength: 4 }), (matchers) => {
        let text: string;
        try {
          text = formatSelector(matchers);
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorParseError);
          expect(matchers.some((m) => m.name === '' || !isWellFormed(m.name) || !isWellFormed(m.value))).toBe(true);
          return;
        }
        expect(referenceParseSelector(text).matchers).toEqual(matchers);
        expect(parseSelector(text).matchers).toEqual(matchers);
      })
    );
  });
});
