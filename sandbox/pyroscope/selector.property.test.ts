/**
 * @jest-environment node
 */
import fc from 'fast-check';

import { filtersToMatchers, type FilterLike } from '../../src/datasource/query/filters';
import { interpolateSelector } from '../../src/datasource/query/interpolate';
import {
  escapeRegex,
  formatSelector,
  isWellFormed,
  regexAlternation,
  SelectorParseError,
  type Matcher as ProductMatcher,
} from '../../src/datasource/query/selector';
import { templateSrvWithFormats } from '../../src/datasource/testing/variableTemplateSrv';
import { matchesLabels } from './labelMatch';
import { parsePromSelector, type Matcher } from './selector';

/**
 * The datasource's selector builder against the test server's independent reader (Prometheus' grammar, Go's string
 * rules): for hostile label values and names, what the datasource writes is read back exactly, and selects exactly
 * the series the datasource meant. A disagreement is a bug of one of the two, and the real server reads as this
 * one does.
 */

/** Units of hostile text: selector syntax, escapes, controls, bidi, astral, U+FFFD, BOM, lone surrogates. */
const hostileUnit = fc.oneof(
  fc.constantFrom('a', 'Z', '_', '0', ' ', '"', "'", '`', '\\', '\n', '\r', '\t', '}', '{', ',', '=', '~', '!', '#'),
  fc.constantFrom('.', '*', '+', '?', '^', '$', '(', ')', '[', ']', '|', '-', '/'),
  fc.constantFrom('火', 'é', '😀', '\u202e', '\u200f', '\u2028', '\ufeff', '\ufffd', '\u0000', '\u001b', '\u007f'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
);
const hostile = fc.string({ unit: hostileUnit, maxLength: 8 });
const name = fc.oneof(
  fc.constantFrom('service_name', 'env', 'pod_1', '_x', 'k8s.pod', 'service.name', 'a-b', '😀', '0lead'),
  hostile
);

/** Regexes the datasource writes for literal values, and hand-written ones with metacharacters. */
const regexValue = fc.oneof(
  hostile.map(escapeRegex),
  fc.array(hostile, { minLength: 1, maxLength: 3 }).map(regexAlternation),
  fc.constantFrom('', '.*', '.+', 'web-.*', 'a|b', '[a-z]+', '(x|y)?z', '\\.', '[^"\\\\]*', 'é|😀')
);
const matcher: fc.Arbitrary<ProductMatcher> = fc.oneof(
  fc.record({ name, op: fc.constantFrom<'=' | '!='>('=', '!='), value: hostile }),
  fc.record({ name, op: fc.constantFrom<'=~' | '!~'>('=~', '!~'), value: regexValue })
);

/** Why the datasource may refuse to write a matcher: text with no UTF-8 form, or an empty name. */
function unwritable(m: ProductMatcher): boolean {
  return m.name === '' || !isWellFormed(m.name) || !isWellFormed(m.value);
}

describe("the datasource's selectors as the test server reads them (property)", () => {
  it('every matcher written is read back exactly: same names, operators and values', () => {
    fc.assert(
      fc.property(fc.array(matcher, { maxLength: 4 }), (matchers) => {
        let text: string;
        try {
          text = formatSelector(matchers);
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorParseError);
          expect(matchers.some(unwritable)).toBe(true);
          return;
        }
        expect(matchers.some(unwritable)).toBe(false);
        expect(parsePromSelector(text)).toEqual(matchers);
      }),
      { numRuns: 300 }
    );
  });

  it('ad-hoc filters with hostile keys and values are read back as the matchers they stand for', () => {
    const filter: fc.Arbitrary<FilterLike> = fc.oneof(
      fc.record({ key: name, operator: fc.constantFrom('=', '!='), value: hostile }),
      fc.record({
        key: name,
        operator: fc.constantFrom('=|', '!=|'),
        value: fc.constant(''),
        values: fc.array(hostile, { minLength: 1, maxLength: 3 }),
      })
    );
    fc.assert(
      fc.property(fc.array(filter, { maxLength: 3 }), (filters) => {
        let matchers: ProductMatcher[];
        let text: string;
        try {
          matchers = filtersToMatchers(filters);
          text = formatSelector(matchers);
        } catch {
          return; // refused with a message: nothing is sent
        }
        expect(parsePromSelector(text)).toEqual(matchers);
      })
    );
  });
});

/** A few series of one service, each with a hostile `env` (and sometimes no `env` at all). */
const seriesSet = fc.uniqueArray(fc.option(hostile, { nil: undefined }), { minLength: 1, maxLength: 5 });

function labelsOf(env: string | undefined): Record<string, string> {
  return env === undefined ? { service_name: 'svc' } : { service_name: 'svc', env };
}

/** The series the server selects for the interpolated selector. */
function selected(selector: string, envs: Array<string | undefined>): Array<string | undefined> {
  const matchers: Matcher[] = parsePromSelector(selector);
  return envs.filter((env) => matchesLabels(matchers, labelsOf(env)));
}

describe("the datasource's interpolated selectors select exactly the series meant (property)", () => {
  const pick = (envs: Array<string | undefined>) => fc.constantFrom(...envs.map((e) => e ?? ''));

  it('env="$v" selects the series whose env is v; env!="$v" all the others', () => {
    fc.assert(
      fc.property(
        seriesSet.chain((envs) => fc.tuple(fc.constant(envs), fc.oneof(pick(envs), hostile))),
        ([envs, value]) => {
          const t = templateSrvWithFormats({ v: { value } });
          let eq: string;
          let ne: string;
          try {
            eq = interpolateSelector('{service_name="svc", env="$v"}', t);
            ne = interpolateSelector('{service_name="svc", env!="$v"}', t);
          } catch {
            expect(isWellFormed(value)).toBe(false);
            return;
          }
          // A missing label reads as "", as in Prometheus.
          expect(selected(eq, envs)).toEqual(envs.filter((e) => (e ?? '') === value));
          expect(selected(ne, envs)).toEqual(envs.filter((e) => (e ?? '') !== value));
        }
      )
    );
  });

  it('a multi-value variable inside =~ selects exactly the values picked, read as text; !~ the rest', () => {
    fc.assert(
      fc.property(
        seriesSet.chain((envs) =>
          fc.tuple(fc.constant(envs), fc.array(fc.oneof(pick(envs), hostile), { minLength: 1, maxLength: 3 }))
        ),
        ([envs, values]) => {
          const t = templateSrvWithFormats({ v: { value: values, multi: true } });
          let eq: string;
          let ne: string;
          try {
            eq = interpolateSelector('{service_name="svc", env=~"$v"}', t);
            ne = interpolateSelector('{service_name="svc", env!~"$v"}', t);
          } catch {
            expect(values.every(isWellFormed)).toBe(false);
            return;
          }
          expect(selected(eq, envs)).toEqual(envs.filter((e) => values.includes(e ?? '')));
          expect(selected(ne, envs)).toEqual(envs.filter((e) => !values.includes(e ?? '')));
        }
      )
    );
  });

  it('ad-hoc filters "one of" / "none of" select exactly the values listed', () => {
    fc.assert(
      fc.property(
        seriesSet.chain((envs) =>
          fc.tuple(
            fc.constant(envs),
            fc.array(fc.oneof(pick(envs), hostile), { minLength: 1, maxLength: 3 }),
            fc.boolean()
          )
        ),
        ([envs, values, negative]) => {
          const filters = [{ key: 'env', operator: negative ? '!=|' : '=|', value: values[0], values }];
          let text: string;
          try {
            text = interpolateSelector('{service_name="svc"}', templateSrvWithFormats({}), {}, filters);
          } catch {
            expect(values.every(isWellFormed)).toBe(false);
            return;
          }
          const meant = (e: string | undefined) => values.includes(e ?? '') !== negative;
          expect(selected(text, envs)).toEqual(envs.filter(meant));
        }
      )
    );
  });
});
