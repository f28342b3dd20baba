import fc from 'fast-check';

import { referenceParseSelector } from '../testing/selectorReference';
import { templateSrvWithFormats, type TestVariable } from '../testing/variableTemplateSrv';
import { interpolateSelector } from './interpolate';
import { isWellFormed, type MatchOp } from './selector';

/**
 * Random templates with hostile variable values in every position: what the server reads (parsed by the
 * independent reference reader) selects exactly the series the user chose, never more — or the query is refused.
 */

const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'b', '"', "'", '`', '\\', '\n', '}', '{', ',', '=~', '!=', '.', '*', '|', '(', ' '),
    fc.constantFrom('火', '😀', '\u202e', '\u200f', '\u0000', '$', '$x'),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
  ),
  maxLength: 8,
});
const plain = fc.stringMatching(/^[a-z]{0,4}$/);

/** One piece of a quoted value: literal text or a variable (single plain, single hostile, or multi). */
type Piece = { literal: string } | { variable: TestVariable };

interface Spec {
  name: { literal: string } | { variable: string };
  op: MatchOp;
  quote: '"' | "'";
  pieces: Piece[];
}

const stringOp = fc.constantFrom<MatchOp>('=', '!=');
const regexOp = fc.constantFrom<MatchOp>('=~', '!~');
const multi = fc.array(hostile, { minLength: 1, maxLength: 3 }).map((value): TestVariable => ({ value, multi: true }));
const piece = (regex: boolean) =>
  fc.oneof(
    (regex ? plain : hostile).map((literal): Piece => ({ literal })),
    (regex ? plain : hostile).map((value): Piece => ({ variable: { value } })),
    multi.map((variable): Piece => ({ variable }))
  );
const spec: fc.Arbitrary<Spec> = fc.boolean().chain((regex) =>
  fc.record({
    name: fc.oneof(
      fc.constantFrom({ literal: 'env' }, { literal: 'pod_1' }),
      hostile.map((variable) => ({ variable }))
    ),
    op: regex ? regexOp : stringOp,
    quote: fc.constantFrom<'"' | "'">('"', "'"),
    pieces: fc.array(piece(regex), { maxLength: 3 }),
  })
);

function escapeIn(text: string, quote: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\')).replaceAll(quote, `\\${quote}`);
}

/** A literal piece as the template holds it: `$` and `[[` dropped, so it never reads as a variable reference. */
const literalText = (literal: string) => literal.replaceAll('$', '').replaceAll('[[', '');

/** Writes the template and the variables it uses. */
function build(specs: Spec[]) {
  const vars: Record<string, TestVariable> = {};
  let n = 0;
  const ref = (v: TestVariable, form: number) => {
    const id = `v${n++}`;
    vars[id] = v;
    return [`\${${id}}`, `[[${id}]]`, `\${${id}}`][form % 3];
  };
  const body = specs.map((s, i) => {
    const name = 'literal' in s.name ? s.name.literal : `$${ref({ value: s.name.variable }, 0).slice(2, -1)}`;
    const value = s.pieces
      .map((p, j) => ('literal' in p ? escapeIn(literalText(p.literal), s.quote) : ref(p.variable, i + j)))
      .join('');
    return `${name} ${s.op} ${s.quote}${value}${s.quote}`;
  });
  return { template: `{${body.join(', ')}}`, vars };
}

/** The strings a matcher's value stands for: every combination of the pieces' values. */
function strings(pieces: Piece[]): string[] {
  return pieces.reduce<string[]>(
    (acc, p) => {
      const options = 'literal' in p ? [literalText(p.literal)] : [p.variable.value].flat();
      return acc.flatMap((a) => options.map((o) => a + o));
    },
    ['']
  );
}

const allText = (specs: Spec[]) =>
  specs.flatMap((s) => [
    'variable' in s.name ? s.name.variable : s.name.literal,
    ...s.pieces.flatMap((p) => ('literal' in p ? [literalText(p.literal)] : [p.variable.value].flat())),
  ]);

describe('interpolateSelector (property): the server selects what the user chose, never more', () => {
  it('every variable is escaped by its position, or the query is refused', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 3 }), hostile, (specs, other) => {
        const { template, vars } = build(specs);
        const run = () => referenceParseSelector(interpolateSelector(template, templateSrvWithFormats(vars)));
        const refused =
          !allText(specs).every(isWellFormed) || specs.some((s) => 'variable' in s.name && s.name.variable === '');
        if (refused) {
          expect(run).toThrow();
          return;
        }
        const read = run();
        expect(read.matchers).toHaveLength(specs.length);
        specs.forEach((s, i) => {
          const m = read.matchers[i];
          expect(m.name).toBe('variable' in s.name ? s.name.variable : s.name.literal);
          const chosen = strings(s.pieces);
          const negative = s.op.startsWith('!');
          expect(m.op.startsWith('!')).toBe(negative);
          if (m.op === '=' || m.op === '!=') {
            expect(chosen).toEqual([m.value]);
            return;
          }
          // A regex: it must accept exactly the chosen strings (regex literals in the template are plain letters).
          const re = new RegExp(`^(?:${m.value})$`, 'u');
          chosen.forEach((c) => expect(re.test(c)).toBe(true));
          expect(re.test(other)).toBe(chosen.includes(other));
        });
      }),
      { numRuns: 400 }
    );
  });
});
