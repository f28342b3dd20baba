import fc from 'fast-check';

import { goRegexpAnswers, goVersion } from '../../tests/support/goRegexp';
import { FilterPatternError } from './errors';
import { compileGoRegexp } from './goRegexp';

/**
 * compileGoRegexp against Go's own regexp package (the oracle needs Debian's golang-go; without it these tests fail
 * and say so): the same patterns are accepted, with the same error code when not, and match the same strings.
 */

const SUBJECTS = [
  '',
  'a',
  'ab',
  'abc',
  'aab',
  'ba',
  'A',
  'AB',
  'runtime.mcall',
  'main.work',
  'a\nb',
  'a b',
  'a_b',
  'a-b',
  '1a2',
  'k',
  'K',
  '\u212a',
  'é',
  'É',
  'λx',
  '😀a',
  '{a}',
  'a{2}',
  '[a]',
  'a.b',
  'x<y>',
  'q:e',
  '\\',
  'aaaa',
  '\t \f',
  'pkg.(*T).M',
];

/** Patterns chosen for the corners of Go's syntax. */
const CURATED = [
  '^runtime\\.',
  'main\\.(work|main)$',
  '(?i)RUNTIME',
  '(?i)k',
  '(?i)\\x{212a}',
  '(?i)[k]',
  '(?i)[^k]',
  '(?i)\\W',
  '(?i)[[:upper:]]',
  '(?i)[[:^lower:]]',
  '(?i)\\p{Lu}',
  '(?i)\\P{Lu}',
  '(?i)[^\\P{Lu}]',
  '(?i)é',
  '(?i:a)b',
  'a(?i)b|c',
  '(?i)a(?-i)b',
  '(?s).',
  '(?m)^b',
  '(?m)a$',
  '(?U)a+',
  '(?)',
  '(?:)',
  '()',
  '(|a)',
  'a|',
  '|',
  '^*',
  '$+',
  '\\b*',
  'a{,2}',
  'a{2,}',
  'a{01}',
  'a{1000}',
  'a{1001}',
  'a{1,1001}',
  '(a{10}){100}',
  '(a{10}){101}',
  'a{2}{3}',
  'a{2}*',
  'a**',
  'a*?',
  'a*??',
  'a+*',
  '**',
  '(*)',
  '[]a]',
  '[^]a]',
  '[]',
  '[^]',
  '[a-]',
  '[-a]',
  '[a-\\d]',
  '[\\d-z]',
  '[z-a]',
  '[[:alpha:]]',
  '[[:^alpha:]]',
  '[[:word:]]',
  '[[:foo:]]',
  '[[:alpha:]',
  '[[:alpha]',
  '[[a]',
  '[\\b]',
  '[\\Q]\\E]',
  '\\Qa.b\\E+',
  '\\Q',
  '\\Qab',
  '\\E',
  '\\A',
  '\\z',
  '\\Z',
  '\\C',
  '\\pL',
  '\\pN',
  '\\p{L}',
  '\\p{Greek}',
  '\\p{^Greek}',
  '\\P{^Greek}',
  '\\p{Latin}',
  '\\p{Foo}',
  '\\p{L',
  '\\p',
  '\\pX',
  '\\PL',
  '\\p{Any}',
  '[\\p{Lu}a]',
  '\\d\\D\\s\\S\\w\\W',
  '\\0',
  '\\07',
  '\\101',
  '\\1',
  '\\12',
  '\\8',
  '\\x41',
  '\\x4',
  '\\x{41}',
  '\\x{}',
  '\\x{110000}',
  '\\x{10FFFF}',
  '\\a\\f\\t\\n\\r\\v',
  '\\_',
  '\\-',
  '\\é',
  '\\k',
  '\\',
  'a\\',
  '(?P<n>a)',
  '(?P<n>a)(?P<n>b)',
  '(?P<>a)',
  '(?P<n!>a)',
  '(?P<n',
  '(?P=n)',
  '(?=a)',
  '(?!a)',
  '(?>a)',
  '(?#c)',
  '(?i',
  '(?i-',
  '(?-)',
  '(?i-)',
  '(?--i)',
  '(a',
  'a)',
  '((a)',
  '(a))',
  '.*',
  'a.c',
  '\\bab\\b',
  '\\Bb',
  '😀+',
  '[😀-😂]',
];

/** Known differences between Debian's Go and the Go pprof is built with today. */
function expectedDifference(pattern: string, version: string): boolean {
  // (?<name>re) is a named group from Go 1.22 on; older Go rejects every "(?<".
  const [major, minor] = /go(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number) ?? [1, 99];
  return pattern.includes('(?<') && major === 1 && minor < 22;
}

function compare(patterns: string[]): string[] {
  const version = goVersion();
  const answers = goRegexpAnswers(patterns, SUBJECTS);
  const problems: string[] = [];
  patterns.forEach((pattern, k) => {
    const go = answers[k];
    const ours = compileGoRegexp(pattern);
    if (expectedDifference(pattern, version)) {
      return;
    }
    if (ours instanceof FilterPatternError) {
      if (go.error !== ours.code) {
        problems.push(`${JSON.stringify(pattern)}: Go ${go.error || 'accepts it'}, ours ${ours.code}`);
      }
      return;
    }
    if (go.error !== '') {
      problems.push(`${JSON.stringify(pattern)}: Go ${go.error}, ours accepts it`);
      return;
    }
    SUBJECTS.forEach((s, j) => {
      if (ours.test(s) !== go.matches?.[j]) {
        problems.push(
          `${JSON.stringify(pattern)} on ${JSON.stringify(s)}: Go ${go.matches?.[j]}, ours ${!go.matches?.[j]}`
        );
      }
    });
  });
  return problems;
}

describe('compileGoRegexp agrees with Go regexp', () => {
  it('on patterns chosen for the corners of the syntax', () => {
    expect(compare(CURATED)).toEqual([]);
  });

  it('on random token soups (valid and invalid patterns alike)', () => {
    const token = fc.constantFrom(
      ...['a', 'b', 'k', 'é', '😀', '.', '-', ':', ',', '0', '1', '2', 'i', 's', 'm', 'U', 'P', 'L', 'd', 'w', 'x'],
      ...['(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '^', '$', '<', '>', '=', '!', '\\'],
      ...['(?:', '(?i)', '(?i:', '[^', '[[:alpha:]]', '\\b', '\\d', '\\pL', '\\p{Greek}', '\\Q', '\\E', '{2}', '{1,2}']
    );
    const seed = Date.now() % 2 ** 31;
    const patterns = fc.sample(
      fc.array(token, { minLength: 1, maxLength: 10 }).map((t) => t.join('')),
      { numRuns: 3000, seed }
    );
    const problems = compare(patterns);
    expect({ seed, problems: problems.slice(0, 20) }).toEqual({ seed, problems: [] });
  });
});
