import fc from 'fast-check';

import { FilterPatternError } from './errors';
import { compileGoRegexp, matchWork, MAX_PROGRAM, quoteMeta, type GoRegexp } from './goRegexp';

function re(pattern: string): GoRegexp {
  const r = compileGoRegexp(pattern);
  if (r instanceof FilterPatternError) {
    throw r;
  }
  return r;
}

function rejection(pattern: string): FilterPatternError {
  const r = compileGoRegexp(pattern);
  if (!(r instanceof FilterPatternError)) {
    throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
  }
  return r;
}

describe('compileGoRegexp: Go syntax and MatchString semantics', () => {
  it.each([
    // [pattern, matches, does not match]
    ['^runtime\\.', ['runtime.mcall'], ['xruntime.mcall', 'runtime_mcall']],
    ['runtime', ['runtime.mcall', 'x/runtime/y'], ['Runtime']],
    ['main\\.(?:work|main)$', ['main.work', 'pkg/main.main'], ['main.workx']],
    ['(?i)RUNTIME\\.', ['runtime.x', 'RunTime.x'], ['runtime_x']],
    ['a(?i)b', ['aB', 'ab'], ['AB']],
    ['(?i:a)b', ['Ab'], ['AB']],
    ['\\bfoo\\b', ['a foo b', 'foo'], ['afoob', 'foo_']],
    ['\\Bo\\B', ['foo'], ['o']],
    ['[[:upper:]]x', ['Ax'], ['ax']],
    ['[[:^digit:]]', ['a'], ['1']],
    ['(?i)[[:upper:]]x', ['ax', 'AX'], ['1x']],
    ['\\pLz', ['éz', 'Zz'], ['1z']],
    ['\\p{Greek}', ['λ'], ['l']],
    ['\\P{L}', ['1'], ['abc']],
    ['\\p{^L}', ['1'], ['abc']],
    ['\\Qa.b\\E', ['xa.by'], ['axb']],
    ['\\Qa.b', ['a.b'], ['axb']],
    ['x{2,3}y', ['xxy', 'xxxxy'], ['xy']],
    ['x{2,}y', ['xxxxxy'], ['xy']],
    ['a{,3}', ['a{,3}'], ['aaa']],
    ['a{01}', ['a{01}'], ['a']],
    ['a\\z', ['ba'], ['ab']],
    ['\\Aa', ['ab'], ['ba']],
    ['^$', [''], ['a']],
    ['a$', ['ba'], ['a\n']],
    ['(?m)a$', ['a\nb'], ['ab']],
    ['(?m)^b', ['a\nb'], ['ab']],
    ['a.b', ['axb'], ['a\nb']],
    ['(?s)a.b', ['a\nb'], ['ab']],
    ['[^a]', ['b', '\n'], ['a', '']],
    ['[]a]', [']', 'a'], ['b']],
    ['[a-]', ['-'], ['b']],
    ['\\x41\\x{42}\\101', ['ABA'], ['AB']],
    ['\\0', ['\0'], ['0']],
    ['\\_', ['_'], ['a']],
    ['a|', ['zzz', ''], []],
    ['(?U)a+?', ['a'], ['b']],
    ['(?P<name>ab)c', ['abc'], ['ab']],
    ['(?<name>ab)c', ['abc'], ['ab']],
    ['^*a', ['a'], ['b']],
    ['\\d+', ['x12'], ['xy']],
    ['\\s', [' ', '\t'], ['\v', '\u00a0']],
    ['\\w', ['_'], ['é', '-']],
    ['(?i)k', ['K', 'k', '\u212a'], ['x']],
    ['(?i)\\x{212a}', ['k', 'K'], ['x']],
    ['[\\d-z]', ['-', 'z', '5'], ['y']],
    ['😀+', ['a😀😀'], ['😁']],
    ['^.$', ['😀'], ['ab']],
  ] as Array<[string, string[], string[]]>)('%s', (pattern, yes, no) => {
    const r = re(pattern);
    for (const s of yes) {
      expect([s, r.test(s)]).toEqual([s, true]);
    }
    for (const s of no) {
      expect([s, r.test(s)]).toEqual([s, false]);
    }
  });

  it.each([
    ['', 'empty pattern', ''],
    ['(?=a)', 'invalid or unsupported Perl syntax', '(?='],
    ['(?!a)', 'invalid or unsupported Perl syntax', '(?!'],
    ['(?<=a)b', 'invalid named capture', '(?<=a)b'],
    ['(?>a)', 'invalid or unsupported Perl syntax', '(?>'],
    ['a\\1', 'invalid escape sequence', '\\1'],
    ['\\k<n>', 'invalid escape sequence', '\\k'],
    ['a**', 'invalid nested repetition operator', '**'],
    ['a*+', 'invalid nested repetition operator', '*+'],
    ['a*??', 'invalid nested repetition operator', '*??'],
    ['(a', 'missing closing )', '(a'],
    ['a)', 'unexpected )', 'a)'],
    ['[a', 'missing closing ]', '[a'],
    ['[]', 'missing closing ]', '[]'],
    ['x{1001}', 'invalid repeat count', '{1001}'],
    ['x{2,1}', 'invalid repeat count', '{2,1}'],
    ['(a{100}){100}', 'invalid repeat count', '{100}'],
    ['\\', 'trailing backslash at end of expression', '\\'],
    ['\\C', 'invalid escape sequence', '\\C'],
    ['\\é', 'invalid escape sequence', '\\é'],
    ['\\x4', 'invalid escape sequence', '\\x4'],
    ['\\x{110000}', 'invalid escape sequence', '\\x{110000'],
    ['[z-a]', 'invalid character class range', 'z-a'],
    ['[[:foo:]]', 'invalid character class range', '[:foo:]'],
    ['\\p{Foo}', 'invalid character class range', '\\p{Foo}'],
    ['\\pX', 'invalid character class range', '\\pX'],
    ['\\p{L', 'invalid character class range', '\\p{L'],
    ['*', 'missing argument to repetition operator', '*'],
    ['a|*', 'missing argument to repetition operator', '*'],
    ['(?P<n!>a)', 'invalid named capture', '(?P<n!>'],
    ['(?-)', 'invalid or unsupported Perl syntax', '(?-)'],
    ['(?i', 'invalid or unsupported Perl syntax', '(?i'],
    ['[\\b]', 'invalid escape sequence', '\\b'],
  ])('rejects %j: %s', (pattern, code, expr) => {
    const e = rejection(pattern);
    expect(e).toBeInstanceOf(FilterPatternError);
    expect({ code: e.code, expr: e.expr }).toEqual({ code, expr });
    expect(e.pattern).toBe(pattern);
    expect(pattern.slice(e.offset)).toContain(expr);
    expect(e.message).toContain(code);
  });

  it('says what to write instead of other dialects', () => {
    expect(rejection('(?<!a)b').hint).toMatch(/lookahead and lookbehind are not supported/);
    expect(rejection('(?=a)').hint).toMatch(/lookahead and lookbehind/);
    expect(rejection('(a)\\1').hint).toMatch(/backreferences are not supported/);
    expect(rejection('a++').hint).toMatch(/possessive quantifiers/);
    expect(rejection('(?>a)').hint).toMatch(/atomic groups/);
    expect(rejection('(a').hint).toBeUndefined();
    expect(rejection('(?=a)').message).toBe(
      'invalid pattern "(?=a)": invalid or unsupported Perl syntax `(?=` ' +
        '(lookahead and lookbehind are not supported: filters use Go regexp syntax, as pprof does)'
    );
  });

  it('rejects nesting deeper than Go does, and programs above MAX_PROGRAM', () => {
    expect(rejection('('.repeat(1001) + ')'.repeat(1001)).code).toBe('expression nests too deeply');
    expect(compileGoRegexp('('.repeat(500) + 'a' + ')'.repeat(500))).not.toBeInstanceOf(FilterPatternError);
    const big = 'a{1000}'.repeat(Math.ceil(MAX_PROGRAM / 1000) + 1);
    expect(rejection(big).code).toBe('expression too large');
  });

  it('matches in linear time: patterns that make a backtracking engine hang look at a few states per character', () => {
    const long = 'a'.repeat(50_000);
    const cases: Array<[string, string, boolean]> = [
      ['(a+)+$', `${long}!`, false],
      ['(a+)+$', long, true],
      ['(a|a)*b', long, false],
      ['(a*)*c', long, false],
      ['(?:a|aa)+$', `${long}!`, false],
      ['^(\\w+\\s?)*$', `${long}!`, false],
      ['^(\\w+\\s?)*$', long, true],
    ];
    for (const [pattern, subject, expected] of cases) {
      const compiled = re(pattern);
      expect([pattern, compiled.test(subject)]).toEqual([pattern, expected]);
      // A backtracking engine needs about 2^50000 steps for the first; a linear one a few states per position.
      const work = matchWork(compiled) ?? Infinity;
      expect([pattern, work]).toEqual([pattern, Math.min(work, 20 * (subject.length + 1))]);
    }
  });

  it('counts its work per position: twice the subject, about twice the states', () => {
    const compiled = re('(a|b)*c');
    compiled.test(`${'ab'.repeat(1000)}c`);
    const short = matchWork(compiled) ?? 0;
    compiled.test(`${'ab'.repeat(2000)}c`);
    const long = matchWork(compiled) ?? 0;
    expect(short).toBeGreaterThan(2000);
    expect(long / short).toBeGreaterThan(1.9);
    expect(long / short).toBeLessThan(2.1);
    expect(matchWork(re('plain'))).toBeUndefined();
  });

  it('matches like JS RegExp where the two dialects agree (property)', () => {
    // Patterns from a grammar both dialects read alike: no \s (Go's is ASCII), no quantified assertions (JS rejects
    // them), '.' only against subjects without \r or \u2028 (JS's dot skips them).
    const atom: fc.Arbitrary<string> = fc.constantFrom(
      'a',
      'b',
      'c',
      '\\.',
      '.',
      '[ab]',
      '[^a]',
      '[a-c_]',
      '\\d',
      '\\w',
      '\\W',
      '_',
      '1',
      'é',
      '😀'
    );
    const pattern = fc.letrec<{ re: string; piece: string }>((tie) => ({
      piece: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        tie('re').map((r) => `(?:${r})`),
        fc.tuple(atom, fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,}', '*?')).map(([a, q]) => a + q),
        tie('re').map((r) => `(?:${r})*`)
      ),
      re: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
        fc.tuple(tie('piece'), tie('piece')).map(([a, b]) => `${a}|${b}`),
        fc.tuple(fc.constantFrom('^', '\\b', ''), tie('piece'), fc.constantFrom('$', '\\b', '')).map((p) => p.join(''))
      ),
    })).re;
    const subject = fc.string({
      unit: fc.constantFrom('a', 'b', 'c', '.', '_', '1', ' ', 'é', '😀', '\n', 'A'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(pattern, fc.array(subject, { minLength: 1, maxLength: 8 }), (p, subjects) => {
        const ours = re(p);
        const js = new RegExp(p, 'u');
        for (const s of subjects) {
          expect([p, s, ours.test(s)]).toEqual([p, s, js.test(s)]);
        }
      }),
      { numRuns: 400 }
    );
  });

  it('gives literal patterns the same answers through the fast path as through the NFA', () => {
    const subjects = ['runtime.mcall', 'xruntime.', 'runtime.', '', 'main.work', 'a;b'];
    for (const lit of ['runtime\\.', '^runtime\\.', 'work$', '^main\\.work$', 'a;b', '^$', '^']) {
      const fast = re(lit);
      const slow = re(`(?:${lit})|\\b\\B\\b\\B`); // an alternation the fast path cannot take
      expect(subjects.map((s) => fast.test(s))).toEqual(subjects.map((s) => slow.test(s)));
    }
  });

  it('quoteMeta escapes what Go escapes, so the quoted text matches itself only', () => {
    const names = ['main.work', 'pkg.(*T).Method', 'a+b?c|d[e]{f}^$\\', 'java/util/regex/Pattern$Slice.match'];
    for (const name of names) {
      const r = re(`^${quoteMeta(name)}$`);
      expect(r.test(name)).toBe(true);
      expect(r.test(`${name}x`)).toBe(false);
    }
    expect(quoteMeta('a.b*c')).toBe('a\\.b\\*c');
  });
});
