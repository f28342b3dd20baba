import { FilterPatternError, type PatternErrorCode } from './errors';

/**
 * Regular expressions in Go's syntax (package `regexp`, the RE2 dialect), matched in linear time.
 *
 * pprof's `-focus`, `-ignore` and `-hide` compile their argument with Go's `regexp.Compile` and test it with
 * `MatchString` (a search: unanchored unless the pattern says `^`/`$`). To make a frame filter mean here what it
 * means in `go tool pprof`, patterns are parsed by the rules of Go's `regexp/syntax` with Go's default flags (Perl
 * mode: `^`/`$` at the ends of the text, `.` not matching `\n`, ASCII `\d\s\w\b`, Unicode classes) and rejected
 * where Go rejects them, with Go's error texts. JavaScript's `RegExp` is not used to match: its syntax differs
 * (lookaround and backreferences it accepts, `(?i)`, `\z`, `\Q…\E`, `[[:alpha:]]`, `\pL`, octal escapes it reads
 * differently) and it backtracks, so a pattern like `(a+)+$` can hang a browser tab on one long name. Instead a
 * pattern compiles to a Thompson NFA simulated in lock step, as RE2 does: the work is at most
 * (name length) × (program size), for every pattern. Only the membership of a single character in a class (a
 * Unicode property, case folding) is asked of a one-character `RegExp`, which cannot backtrack.
 *
 * Differences from Go that remain: Unicode data is the JS engine's (a newer or older Unicode version than Go's for
 * recently assigned characters); script names JS knows as aliases (`\p{Latn}`) are accepted where Go knows only
 * `\p{Latin}`; case folding is JS's simple case folding, which Go's fold orbits follow for every cased letter we
 * know of; a program above `MAX_PROGRAM` instructions is rejected as `expression too large` (Go's limit is higher,
 * but such a pattern is thousands of characters of counted repetition). Named groups may be written `(?P<n>…)` or
 * `(?<n>…)` as in Go 1.22 and later.
 */

/** A compiled pattern: `test` says whether it matches anywhere in a string (Go's `MatchString`). */
export interface GoRegexp {
  readonly source: string;
  test(subject: string): boolean;
}

/** Largest NFA accepted, in instructions (`a{1000}` is 1,000). */
export const MAX_PROGRAM = 100_000;

/** Deepest nesting of groups and repetitions Go accepts. */
const MAX_DEPTH = 1000;

/**
 * How many NFA states the last `test` of `re` looked at, summed over the subject's positions: at most (subject
 * length + 1) × program size, which is what makes matching linear. Undefined for patterns matched without the NFA
 * (plain literals). For tests and diagnosis.
 */
export function matchWork(re: GoRegexp): number | undefined {
  return re instanceof Program ? re.lastWork : undefined;
}

/** Compiles `pattern`; an invalid pattern gives a `FilterPatternError`, never a throw. */
export function compileGoRegexp(pattern: string): GoRegexp | FilterPatternError {
  try {
    const ast = new Parser(pattern).parse();
    const literal = literalForm(ast);
    if (literal) {
      return literalMatcher(pattern, literal);
    }
    return new Program(pattern, ast);
  } catch (e) {
    if (e instanceof FilterPatternError) {
      return e;
    }
    throw e;
  }
}

/** Go's `regexp.QuoteMeta`: a pattern that matches `text` literally. */
export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------------
// Syntax tree

/** Tests one code point. */
interface CharTest {
  test(cp: number): boolean;
}

const enum Assert {
  BeginText,
  EndText,
  BeginLine,
  EndLine,
  WordBoundary,
  NoWordBoundary,
}

type Node =
  | { readonly t: 'empty' }
  | { readonly t: 'char'; readonly m: CharTest; readonly lit?: number }
  | { readonly t: 'assert'; readonly a: Assert }
  | { readonly t: 'cat'; readonly subs: Node[] }
  | { readonly t: 'alt'; readonly subs: Node[] }
  /** `counted`: written `{n,m}` (Go's OpRepeat), not `*`, `+` or `?`. `max` -1 is unbounded. */
  | { readonly t: 'rep'; readonly min: number; readonly max: number; readonly counted: boolean; readonly sub: Node };

interface Flags {
  /** `i`: case-insensitive. */
  fold: boolean;
  /** `m`: `^`/`$` also at line breaks. */
  multiLine: boolean;
  /** `s`: `.` matches `\n`. */
  dotNL: boolean;
  /** `U`: ungreedy. Parsed, and irrelevant to whether a pattern matches. */
  ungreedy: boolean;
}

const NEWLINE = 0x0a;

/** Any character but `\n`, or any character. */
const ANY_BUT_NEWLINE: CharTest = { test: (cp) => cp !== NEWLINE };
const ANY: CharTest = { test: () => true };

/**
 * A set of characters as Go builds one: items, each a set (code point ranges and Unicode properties) or the
 * complement of one, folded for case when the class was written under `(?i)` — the fold applies to each item
 * before its complement is taken, as in Go — and the whole class possibly negated.
 */
interface ClassItem {
  /** Inclusive code point ranges, as pairs. */
  ranges: number[];
  /** JS `\p{…}` escapes. */
  props: string[];
  negated: boolean;
}

class CharClass implements CharTest {
  private readonly tests: Array<{ re: RegExp | undefined; negated: boolean }>;
  /** Answers for ASCII, filled on first use: -1 unknown, 0 no, 1 yes. */
  private readonly ascii = new Int8Array(128).fill(-1);

  constructor(
    items: ClassItem[],
    fold: boolean,
    private readonly negated: boolean
  ) {
    // Positive items are one set; each complemented item keeps its own test.
    const positive: ClassItem = { ranges: [], props: [], negated: false };
    const tests: Array<{ re: RegExp | undefined; negated: boolean }> = [];
    for (const item of items) {
      if (item.negated) {
        tests.push({ re: singleCharRegExp(item, fold), negated: true });
      } else {
        positive.ranges.push(...item.ranges);
        positive.props.push(...item.props);
      }
    }
    tests.unshift({ re: singleCharRegExp(positive, fold), negated: false });
    this.tests = tests;
  }

  test(cp: number): boolean {
    if (cp < 128) {
      const known = this.ascii[cp];
      if (known >= 0) {
        return known === 1;
      }
      const answer = this.compute(cp);
      this.ascii[cp] = answer ? 1 : 0;
      return answer;
    }
    return this.compute(cp);
  }

  private compute(cp: number): boolean {
    const ch = String.fromCodePoint(cp);
    let inside = false;
    for (const { re, negated } of this.tests) {
      const inSet = re !== undefined && re.test(ch);
      if (inSet !== negated) {
        inside = true;
        break;
      }
    }
    return inside !== this.negated;
  }
}

/** A one-character `RegExp` for the set, case-folded (`i`) when asked; undefined for the empty set. */
function singleCharRegExp(item: ClassItem, fold: boolean): RegExp | undefined {
  if (item.ranges.length === 0 && item.props.length === 0) {
    return undefined;
  }
  let body = '';
  for (let k = 0; k < item.ranges.length; k += 2) {
    const lo = item.ranges[k];
    const hi = item.ranges[k + 1];
    body += lo === hi ? codePointEscape(lo) : `${codePointEscape(lo)}-${codePointEscape(hi)}`;
  }
  body += item.props.join('');
  return new RegExp(`^[${body}]$`, fold ? 'iu' : 'u');
}

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** A literal character: compared directly, or through a folded one-character class under `(?i)`. */
function literalTest(cp: number, fold: boolean): CharTest {
  return fold
    ? new CharClass([{ ranges: [cp, cp], props: [], negated: false }], true, false)
    : { test: (c) => c === cp };
}

/** Whether a character has another case (under `(?i)` only those need folding). */
function hasOtherCase(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  return ch.toLowerCase() !== ch || ch.toUpperCase() !== ch;
}

// Go's Perl classes (`\d`, `\s`, `\w`) and POSIX classes (`[:alpha:]`) are ASCII ranges.
const PERL_CLASSES: Record<string, number[]> = {
  d: [0x30, 0x39],
  s: [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20],
  w: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
};

const POSIX_CLASSES: Record<string, number[]> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

/** Go's general categories (`unicode.Categories`). Go's `C` has no unassigned code points (JS's `\p{C}` does). */
const GO_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' ')
);

/** The JS escapes for a Go Unicode class name, or undefined when Go knows no such class. */
function unicodeProps(name: string): string[] | undefined {
  if (name === 'Any') {
    return ['\\u{0}-\\u{10ffff}'];
  }
  if (name === 'C') {
    return ['\\p{Cc}', '\\p{Cf}', '\\p{Co}', '\\p{Cs}'];
  }
  if (GO_CATEGORIES.has(name)) {
    return [`\\p{${name}}`];
  }
  // Scripts: Go knows them by their long names (Latin, Greek, Han...), all letters and underscores.
  if (!/^[A-Z][A-Za-z_]+$/.test(name)) {
    return undefined;
  }
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
  } catch {
    return undefined;
  }
  return [`\\p{Script=${name}}`];
}

// ---------------------------------------------------------------------------------------------------------------
// Parser: Go's regexp/syntax rules, on code points.

const HINT_LOOKAROUND = 'lookahead and lookbehind are not supported: filters use Go regexp syntax, as pprof does';
const HINT_BACKREF = 'backreferences are not supported: filters use Go regexp syntax, as pprof does';
const HINT_POSSESSIVE = 'possessive quantifiers are not supported: filters use Go regexp syntax, as pprof does';
const HINT_ATOMIC = 'atomic groups are not supported: filters use Go regexp syntax, as pprof does';

interface Frame {
  branches: Node[][];
  items: Node[];
  /** Flags to restore when the group closes. */
  saved: Flags;
}

class Parser {
  private readonly cps: number[] = [];
  /** UTF-16 offset of each code point, plus the pattern length at the end. */
  private readonly offs: number[] = [];
  private flags: Flags = { fold: false, multiLine: false, dotNL: false, ungreedy: false };
  private readonly frames: Frame[] = [];

  constructor(private readonly pattern: string) {
    for (let i = 0; i < pattern.length;) {
      const cp = pattern.codePointAt(i) ?? 0;
      this.cps.push(cp);
      this.offs.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    this.offs.push(pattern.length);
  }

  parse(): Node {
    const { cps } = this;
    const n = cps.length;
    if (n === 0) {
      throw this.error('empty pattern', 0, 0);
    }
    this.frames.push({ branches: [], items: [], saved: this.flags });
    let i = 0;
    // Position of the last repetition operator, when the previous token was one: Go rejects `a**`.
    let lastRepeat = -1;
    while (i < n) {
      let repeat = -1;
      const c = cps[i];
      const top = this.frames[this.frames.length - 1];
      switch (c) {
        case 0x28: // (
          if (cps[i + 1] === 0x3f /* ? */) {
            i = this.parsePerlFlags(i);
          } else {
            this.open();
            i++;
          }
          break;
        case 0x7c: // |
          top.branches.push(top.items);
          top.items = [];
          i++;
          break;
        case 0x29: // )
          this.close();
          i++;
          break;
        case 0x5e: // ^
          top.items.push({ t: 'assert', a: this.flags.multiLine ? Assert.BeginLine : Assert.BeginText });
          i++;
          break;
        case 0x24: // $
          top.items.push({ t: 'assert', a: this.flags.multiLine ? Assert.EndLine : Assert.EndText });
          i++;
          break;
        case 0x2e: // .
          top.items.push({ t: 'char', m: this.flags.dotNL ? ANY : ANY_BUT_NEWLINE });
          i++;
          break;
        case 0x5b: // [
          i = this.parseClass(i);
          break;
        case 0x2a: // *
        case 0x2b: // +
        case 0x3f: {
          // ?
          const min = c === 0x2b ? 1 : 0;
          const max = c === 0x3f ? 1 : -1;
          repeat = i;
          i = this.repeat(min, max, false, i, i + 1, lastRepeat);
          break;
        }
        case 0x7b: {
          // {
          const r = this.parseRepeat(i);
          if (!r) {
            // Not a repetition: a literal brace.
            this.literal(c);
            i++;
            break;
          }
          if (r.min < 0 || r.min > 1000 || r.max > 1000 || (r.max >= 0 && r.min > r.max)) {
            throw this.error('invalid repeat count', i, r.end);
          }
          repeat = i;
          i = this.repeat(r.min, r.max, true, i, r.end, lastRepeat);
          break;
        }
        case 0x5c: // \
          i = this.parseBackslash(i);
          break;
        default:
          this.literal(c);
          i++;
      }
      lastRepeat = repeat;
    }
    if (this.frames.length > 1) {
      throw this.error('missing closing )', 0, n);
    }
    const root = this.frames[0];
    root.branches.push(root.items);
    return alternate(root.branches);
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private literal(cp: number): void {
    const folded = this.flags.fold && hasOtherCase(cp);
    this.top().items.push({ t: 'char', m: literalTest(cp, folded), ...(folded ? {} : { lit: cp }) });
  }

  private open(): void {
    if (this.frames.length >= MAX_DEPTH) {
      throw this.error('expression nests too deeply', 0, this.cps.length);
    }
    this.frames.push({ branches: [], items: [], saved: this.flags });
  }

  private close(): void {
    if (this.frames.length < 2) {
      throw this.error('unexpected )', 0, this.cps.length);
    }
    const frame = this.frames.pop() as Frame;
    frame.branches.push(frame.items);
    this.flags = frame.saved;
    this.top().items.push(alternate(frame.branches));
  }

  /** `(?` at `at`: flags, a non-capturing group or a named group. Returns the index after what it read. */
  private parsePerlFlags(at: number): number {
    const { cps } = this;
    const n = cps.length;
    // Named groups: (?P<name>re), and (?<name>re) as Go 1.22 reads it.
    const withP = at + 4 < n && cps[at + 2] === 0x50 /* P */ && cps[at + 3] === 0x3c; /* < */
    const bare = at + 3 < n && cps[at + 2] === 0x3c; /* < */
    if (withP || bare) {
      const lookbehind = bare && (cps[at + 3] === 0x3d /* = */ || cps[at + 3] === 0x21); /* ! */
      const nameStart = withP ? at + 4 : at + 3;
      let end = -1;
      for (let k = at; k < n; k++) {
        if (cps[k] === 0x3e /* > */) {
          end = k;
          break;
        }
      }
      if (end < 0) {
        throw this.error('invalid named capture', at, n, lookbehind ? HINT_LOOKAROUND : undefined);
      }
      const name = this.text(nameStart, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) {
        throw this.error('invalid named capture', at, end + 1, lookbehind ? HINT_LOOKAROUND : undefined);
      }
      this.open();
      return end + 1;
    }
    const flags = { ...this.flags };
    let negate = false;
    let sawFlag = false;
    let k = at + 2;
    while (k < n) {
      const c = cps[k++];
      switch (c) {
        case 0x69: // i
          flags.fold = !negate;
          sawFlag = true;
          continue;
        case 0x6d: // m
          flags.multiLine = !negate;
          sawFlag = true;
          continue;
        case 0x73: // s
          flags.dotNL = !negate;
          sawFlag = true;
          continue;
        case 0x55: // U
          flags.ungreedy = !negate;
          sawFlag = true;
          continue;
        case 0x2d: // -
          if (negate) {
            break;
          }
          negate = true;
          sawFlag = false;
          continue;
        case 0x3a: // :
        case 0x29: // )
          if (negate && !sawFlag) {
            break;
          }
          if (c === 0x3a) {
            this.open();
          }
          this.flags = flags;
          return k;
        default:
          break;
      }
      // An unknown character, a second '-', or '-' followed by nothing.
      throw this.error('invalid or unsupported Perl syntax', at, k, perlSyntaxHint(cps[at + 2]));
    }
    throw this.error('invalid or unsupported Perl syntax', at, n, perlSyntaxHint(cps[at + 2]));
  }

  /** Wraps the last item in a repetition; `opStart..opEnd` is the operator. Returns the index after it. */
  private repeat(
    min: number,
    max: number,
    counted: boolean,
    opStart: number,
    opEnd: number,
    lastRepeat: number
  ): number {
    let end = opEnd;
    if (this.cps[end] === 0x3f /* ? */) {
      end++; // non-greedy: the same matches
    }
    if (lastRepeat >= 0) {
      const possessive = this.cps[opStart] === 0x2b && end === opStart + 1;
      throw this.error('invalid nested repetition operator', lastRepeat, end, possessive ? HINT_POSSESSIVE : undefined);
    }
    const items = this.top().items;
    if (items.length === 0) {
      throw this.error('missing argument to repetition operator', opStart, end);
    }
    const sub = items[items.length - 1];
    const node: Node = { t: 'rep', min, max, counted, sub };
    if (counted && (min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) {
      throw this.error('invalid repeat count', opStart, end);
    }
    items[items.length - 1] = node;
    return end;
  }

  /** `{n}`, `{n,}` or `{n,m}` at `at`, Go's way: anything else (leading zeros included) is not a repetition. */
  private parseRepeat(at: number): { min: number; max: number; end: number } | undefined {
    const { cps } = this;
    let k = at + 1;
    const int = (): number | undefined => {
      const start = k;
      if (!(cps[k] >= 0x30 && cps[k] <= 0x39)) {
        return undefined;
      }
      if (cps[k] === 0x30 && cps[k + 1] >= 0x30 && cps[k + 1] <= 0x39) {
        return undefined;
      }
      let v = 0;
      while (cps[k] >= 0x30 && cps[k] <= 0x39) {
        v = v >= 1e8 ? -1 : v < 0 ? -1 : v * 10 + (cps[k] - 0x30);
        k++;
      }
      return k > start ? v : undefined;
    };
    let min = int();
    if (min === undefined || k >= cps.length) {
      return undefined;
    }
    let max: number;
    if (cps[k] !== 0x2c /* , */) {
      max = min;
    } else {
      k++;
      if (k >= cps.length) {
        return undefined;
      }
      if (cps[k] === 0x7d /* } */) {
        max = -1;
      } else {
        const m = int();
        if (m === undefined) {
          return undefined;
        }
        max = m;
        if (m < 0) {
          min = -1;
        }
      }
    }
    if (cps[k] !== 0x7d) {
      return undefined;
    }
    return { min, max, end: k + 1 };
  }

  /** A backslash at `at`: an assertion, `\Q…\E`, a class escape or a single-character escape. */
  private parseBackslash(at: number): number {
    const { cps } = this;
    const items = this.top().items;
    const next = cps[at + 1];
    switch (next) {
      case 0x41: // A
        items.push({ t: 'assert', a: Assert.BeginText });
        return at + 2;
      case 0x62: // b
        items.push({ t: 'assert', a: Assert.WordBoundary });
        return at + 2;
      case 0x42: // B
        items.push({ t: 'assert', a: Assert.NoWordBoundary });
        return at + 2;
      case 0x43: // C: any byte, which Go does not support
        throw this.error('invalid escape sequence', at, at + 2);
      case 0x7a: // z
        items.push({ t: 'assert', a: Assert.EndText });
        return at + 2;
      case 0x51: {
        // Q: literal text up to \E or the end
        let k = at + 2;
        while (k < cps.length && !(cps[k] === 0x5c && cps[k + 1] === 0x45)) {
          this.literal(cps[k]);
          k++;
        }
        return k < cps.length ? k + 2 : k;
      }
      default:
        break;
    }
    const unicode = this.parseUnicodeClass(at);
    if (unicode) {
      items.push({ t: 'char', m: new CharClass([unicode.item], this.flags.fold, false) });
      return unicode.end;
    }
    const perl = this.parsePerlClass(at);
    if (perl) {
      items.push({ t: 'char', m: new CharClass([perl], this.flags.fold, false) });
      return at + 2;
    }
    const escape = this.parseEscape(at);
    this.literal(escape.cp);
    return escape.end;
  }

  /** `\pN`, `\p{Name}`, `\PN`, `\P{Name}`, `\p{^Name}` at `at`, or undefined when there is none. */
  private parseUnicodeClass(at: number): { item: ClassItem; end: number } | undefined {
    const { cps } = this;
    if (cps[at] !== 0x5c || (cps[at + 1] !== 0x70 && cps[at + 1] !== 0x50)) {
      return undefined;
    }
    let negated = cps[at + 1] === 0x50;
    let name: string;
    let end: number;
    if (cps[at + 2] === 0x7b /* { */) {
      let close = -1;
      for (let k = at + 3; k < cps.length; k++) {
        if (cps[k] === 0x7d) {
          close = k;
          break;
        }
      }
      if (close < 0) {
        throw this.error('invalid character class range', at, cps.length);
      }
      name = this.text(at + 3, close);
      end = close + 1;
    } else {
      end = Math.min(at + 3, cps.length);
      name = this.text(at + 2, end);
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const props = unicodeProps(name);
    if (!props) {
      throw this.error('invalid character class range', at, end);
    }
    return { item: { ranges: [], props, negated }, end };
  }

  /** `\d \D \s \S \w \W` at `at`. */
  private parsePerlClass(at: number): ClassItem | undefined {
    const c = this.cps[at + 1];
    if (c === undefined) {
      return undefined;
    }
    const letter = String.fromCodePoint(c);
    const ranges = PERL_CLASSES[letter.toLowerCase()];
    if (!ranges || !/[dswDSW]/.test(letter)) {
      return undefined;
    }
    return { ranges: [...ranges], props: [], negated: letter !== letter.toLowerCase() };
  }

  /** A single-character escape at `at` (Go's `parseEscape`). */
  private parseEscape(at: number): { cp: number; end: number } {
    const { cps } = this;
    const c = cps[at + 1];
    if (c === undefined) {
      throw this.error('trailing backslash at end of expression', at, at + 1);
    }
    const isOctal = (x: number | undefined) => x !== undefined && x >= 0x30 && x <= 0x37;
    // Punctuation (any ASCII that is not a letter or digit) escapes itself.
    if (c < 0x80 && !isAlnum(c)) {
      return { cp: c, end: at + 2 };
    }
    if (c >= 0x31 && c <= 0x37 && !isOctal(cps[at + 2])) {
      // A single non-zero digit is a backreference in Perl.
      throw this.error('invalid escape sequence', at, at + 2, HINT_BACKREF);
    }
    if (c >= 0x30 && c <= 0x37) {
      let v = c - 0x30;
      let k = at + 2;
      for (let d = 1; d < 3 && isOctal(cps[k]); d++, k++) {
        v = v * 8 + (cps[k] - 0x30);
      }
      return { cp: v, end: k };
    }
    switch (c) {
      case 0x78: {
        // x
        if (cps[at + 2] === 0x7b /* { */) {
          let v = 0;
          let digits = 0;
          let k = at + 3;
          for (; k < cps.length && cps[k] !== 0x7d; k++) {
            const h = unhex(cps[k]);
            if (h < 0) {
              throw this.error('invalid escape sequence', at, k + 1);
            }
            v = v * 16 + h;
            if (v > 0x10ffff) {
              throw this.error('invalid escape sequence', at, k + 1);
            }
            digits++;
          }
          if (k >= cps.length || digits === 0) {
            throw this.error('invalid escape sequence', at, Math.min(k + 1, cps.length));
          }
          return { cp: v, end: k + 1 };
        }
        const x = unhex(cps[at + 2]);
        const y = unhex(cps[at + 3]);
        if (x < 0 || y < 0) {
          throw this.error('invalid escape sequence', at, Math.min(at + 4, cps.length));
        }
        return { cp: x * 16 + y, end: at + 4 };
      }
      case 0x61: // a
        return { cp: 0x07, end: at + 2 };
      case 0x66: // f
        return { cp: 0x0c, end: at + 2 };
      case 0x6e: // n
        return { cp: 0x0a, end: at + 2 };
      case 0x72: // r
        return { cp: 0x0d, end: at + 2 };
      case 0x74: // t
        return { cp: 0x09, end: at + 2 };
      case 0x76: // v
        return { cp: 0x0b, end: at + 2 };
      default:
        // \8, \9 and \k<name> are backreferences elsewhere.
        throw this.error(
          'invalid escape sequence',
          at,
          at + 2,
          c === 0x6b || c === 0x38 || c === 0x39 ? HINT_BACKREF : undefined
        );
    }
  }

  /** A bracketed class at `at` (Go's `parseClass`). Returns the index after `]`. */
  private parseClass(at: number): number {
    const { cps } = this;
    const n = cps.length;
    let k = at + 1;
    let negated = false;
    if (cps[k] === 0x5e /* ^ */) {
      negated = true;
      k++;
    }
    const items: ClassItem[] = [];
    const plain: ClassItem = { ranges: [], props: [], negated: false };
    items.push(plain);
    let first = true;
    while (k >= n || cps[k] !== 0x5d /* ] */ || first) {
      first = false;
      // POSIX [:name:] (the name ends at the next ":]", wherever it is).
      if (k + 2 < n && cps[k] === 0x5b && cps[k + 1] === 0x3a) {
        const close = this.indexOf([0x3a, 0x5d], k + 2);
        if (close >= 0) {
          const inner = this.text(k + 2, close);
          const neg = inner.startsWith('^');
          const ranges = Object.prototype.hasOwnProperty.call(POSIX_CLASSES, neg ? inner.slice(1) : inner)
            ? POSIX_CLASSES[neg ? inner.slice(1) : inner]
            : undefined;
          if (!ranges) {
            throw this.error('invalid character class range', k, close + 2);
          }
          items.push({ ranges: [...ranges], props: [], negated: neg });
          k = close + 2;
          continue;
        }
      }
      const unicode = this.parseUnicodeClass(k);
      if (unicode) {
        items.push(unicode.item);
        k = unicode.end;
        continue;
      }
      if (cps[k] === 0x5c) {
        const perl = this.parsePerlClass(k);
        if (perl) {
          items.push(perl);
          k += 2;
          continue;
        }
      }
      const rangeStart = k;
      const lo = this.parseClassChar(k, at);
      k = lo.end;
      let hi = lo.cp;
      // [a-] means a or -: a range needs something other than ] after the dash.
      if (k + 1 < n && cps[k] === 0x2d && cps[k + 1] !== 0x5d) {
        const h = this.parseClassChar(k + 1, at);
        k = h.end;
        hi = h.cp;
        if (hi < lo.cp) {
          throw this.error('invalid character class range', rangeStart, k);
        }
      }
      plain.ranges.push(lo.cp, hi);
    }
    this.top().items.push({ t: 'char', m: new CharClass(items, this.flags.fold, negated) });
    return k + 1;
  }

  private parseClassChar(k: number, classStart: number): { cp: number; end: number } {
    if (k >= this.cps.length) {
      throw this.error('missing closing ]', classStart, this.cps.length);
    }
    if (this.cps[k] === 0x5c) {
      return this.parseEscape(k);
    }
    return { cp: this.cps[k], end: k + 1 };
  }

  private indexOf(seq: number[], from: number): number {
    const { cps } = this;
    outer: for (let k = from; k + seq.length <= cps.length; k++) {
      for (let j = 0; j < seq.length; j++) {
        if (cps[k + j] !== seq[j]) {
          continue outer;
        }
      }
      return k;
    }
    return -1;
  }

  /** The pattern text between two code point indexes. */
  private text(from: number, to: number): string {
    return this.pattern.slice(this.offs[from], this.offs[Math.min(to, this.cps.length)]);
  }

  private error(code: PatternErrorCode, from: number, to: number, hint?: string): FilterPatternError {
    return new FilterPatternError(this.pattern, code, this.text(from, to), this.offs[from], hint);
  }
}

/** What to write instead, for a `(?x` construct of another regex dialect. */
function perlSyntaxHint(c: number | undefined): string | undefined {
  if (c === 0x3d || c === 0x21 || c === 0x3c) {
    return HINT_LOOKAROUND; // (?= (?! (?<= (?<!
  }
  return c === 0x3e ? HINT_ATOMIC : undefined; // (?>
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function unhex(c: number | undefined): number {
  if (c === undefined) {
    return -1;
  }
  if (c >= 0x30 && c <= 0x39) {
    return c - 0x30;
  }
  if (c >= 0x41 && c <= 0x46) {
    return c - 0x41 + 10;
  }
  if (c >= 0x61 && c <= 0x66) {
    return c - 0x61 + 10;
  }
  return -1;
}

function alternate(branches: Node[][]): Node {
  const subs = branches.map((items): Node => (items.length === 1 ? items[0] : { t: 'cat', subs: items }));
  return subs.length === 1 ? subs[0] : { t: 'alt', subs };
}

/**
 * Go's `repeatIsValid`: nested counted repetitions may not multiply to more than `n` copies of what they repeat
 * (`(a{1000}){2}` is rejected).
 */
function repeatIsValid(node: Node, n: number): boolean {
  let budget = n;
  if (node.t === 'rep' && node.counted) {
    let m = node.max;
    if (m === 0) {
      return true;
    }
    if (m < 0) {
      m = node.min;
    }
    if (m > budget) {
      return false;
    }
    if (m > 0) {
      budget = Math.floor(budget / m);
    }
  }
  if (node.t === 'rep') {
    return repeatIsValid(node.sub, budget);
  }
  if (node.t === 'cat' || node.t === 'alt') {
    return node.subs.every((s) => repeatIsValid(s, budget));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Literal patterns (the common case: `^runtime\.`, `main.work`) skip the NFA.

interface Literal {
  text: string;
  start: boolean;
  end: boolean;
}

function literalForm(node: Node): Literal | undefined {
  const items = node.t === 'cat' ? node.subs : [node];
  let text = '';
  let start = false;
  let end = false;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.t === 'assert' && it.a === Assert.BeginText && k === 0) {
      start = true;
    } else if (it.t === 'assert' && it.a === Assert.EndText && k === items.length - 1) {
      end = true;
    } else if (it.t === 'char' && it.lit !== undefined) {
      text += String.fromCodePoint(it.lit);
    } else {
      return undefined;
    }
  }
  return { text, start, end };
}

function literalMatcher(source: string, { text, start, end }: Literal): GoRegexp {
  const test =
    start && end
      ? (s: string) => s === text
      : start
        ? (s: string) => s.startsWith(text)
        : end
          ? (s: string) => s.endsWith(text)
          : (s: string) => s.includes(text);
  return { source, test };
}

// ---------------------------------------------------------------------------------------------------------------
// The NFA and its lock-step simulation.

const enum Op {
  /** Consumes the code point `x`. */
  Lit,
  /** Consumes any code point (`x` 1) or any but `\n` (`x` 0). */
  Any,
  /** Consumes a code point of the class `tests[pc]`. */
  Class,
  Split,
  Jmp,
  /** Goes on when the assertion `x` holds. */
  Assert,
  Match,
}

class Program implements GoRegexp {
  private readonly op: Uint8Array;
  private readonly x: Int32Array;
  private readonly y: Int32Array;
  private readonly tests: Array<CharTest | undefined>;
  /** True when every match must start at the beginning of the text. */
  private readonly anchored: boolean;
  /** A substring every match contains: a subject without it is rejected before the NFA runs. */
  private readonly required: string;
  /** The states reachable from the start without reading or asserting anything (when no assertion is met). */
  private readonly startStates: Int32Array | undefined;
  private readonly current: SparseSet;
  private readonly next: SparseSet;
  private readonly stack: number[] = [];
  /** States the last `test` looked at, summed over positions (what `matchWork` reports). */
  lastWork = 0;

  constructor(
    readonly source: string,
    ast: Node
  ) {
    const code = new ProgramBuilder(source);
    code.emit(ast);
    code.add(Op.Match, 0, 0);
    this.op = Uint8Array.from(code.op);
    this.x = Int32Array.from(code.x);
    this.y = Int32Array.from(code.y);
    this.tests = code.tests;
    this.anchored = startsWithBeginText(ast);
    this.required = requiredLiteral(ast);
    this.current = new SparseSet(this.op.length);
    this.next = new SparseSet(this.op.length);
    this.startStates = this.contextFreeClosure(0);
  }

  test(subject: string): boolean {
    this.lastWork = 0;
    if (this.required !== '' && !subject.includes(this.required)) {
      return false;
    }
    const len = subject.length;
    const { op, x, tests } = this;
    // `clist` holds the states alive at the current position, `nlist` those that consumed the character there.
    const clist = this.current;
    const nlist = this.next;
    clist.clear();
    let before = -1;
    let pos = 0;
    let cp = len > 0 ? (subject.codePointAt(0) as number) : -1;
    for (;;) {
      if (pos === 0 || !this.anchored) {
        // A match may start here: Go's MatchString searches.
        this.addStart(clist, before, cp);
      } else if (clist.size === 0) {
        return false;
      }
      nlist.clear();
      this.lastWork += clist.size;
      const dense = clist.dense;
      for (let k = 0; k < clist.size; k++) {
        const pc = dense[k];
        switch (op[pc]) {
          case Op.Match:
            return true;
          case Op.Lit:
            if (cp === x[pc]) {
              nlist.add(pc + 1);
            }
            break;
          case Op.Any:
            if (cp >= 0 && (cp !== NEWLINE || x[pc] === 1)) {
              nlist.add(pc + 1);
            }
            break;
          case Op.Class:
            if (cp >= 0 && (tests[pc] as CharTest).test(cp)) {
              nlist.add(pc + 1);
            }
            break;
          default:
            break;
        }
      }
      if (cp < 0) {
        return false;
      }
      pos += cp > 0xffff ? 2 : 1;
      before = cp;
      cp = pos < len ? (subject.codePointAt(pos) as number) : -1;
      // The states that consumed a character continue at the new position, through what needs no character.
      clist.clear();
      for (let k = 0; k < nlist.size; k++) {
        this.closure(clist, nlist.dense[k], before, cp);
      }
    }
  }

  private addStart(list: SparseSet, before: number, after: number): void {
    const start = this.startStates;
    if (start === undefined) {
      this.closure(list, 0, before, after);
      return;
    }
    for (let k = 0; k < start.length; k++) {
      list.add(start[k]);
    }
  }

  /** The closure of `pc` when it meets no assertion (so it is the same at every position), else undefined. */
  private contextFreeClosure(pc: number): Int32Array | undefined {
    const list = new SparseSet(this.op.length);
    const stack = [pc];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (list.has(s)) {
        continue;
      }
      list.add(s);
      if (this.op[s] === Op.Assert) {
        return undefined;
      }
      if (this.op[s] === Op.Jmp) {
        stack.push(this.x[s]);
      } else if (this.op[s] === Op.Split) {
        stack.push(this.y[s], this.x[s]);
      }
    }
    return list.dense.slice(0, list.size);
  }

  /** Adds `pc` and every state reachable from it without consuming a character, at a position between two. */
  private closure(list: SparseSet, pc: number, before: number, after: number): void {
    const { op, x, y } = this;
    const stack = this.stack;
    stack.length = 0;
    stack.push(pc);
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (list.has(s)) {
        continue;
      }
      list.add(s);
      switch (op[s]) {
        case Op.Jmp:
          stack.push(x[s]);
          break;
        case Op.Split:
          stack.push(y[s], x[s]);
          break;
        case Op.Assert:
          if (assertHolds(x[s], before, after)) {
            stack.push(s + 1);
          }
          break;
        default:
          break;
      }
    }
  }
}

/** Compiles a syntax tree to NFA instructions (Thompson's construction). */
class ProgramBuilder {
  readonly op: number[] = [];
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly tests: Array<CharTest | undefined> = [];

  constructor(private readonly source: string) {}

  add(op: Op, x: number, y: number, test?: CharTest): number {
    if (this.op.length >= MAX_PROGRAM) {
      throw new FilterPatternError(this.source, 'expression too large', '', 0);
    }
    this.op.push(op);
    this.x.push(x);
    this.y.push(y);
    this.tests.push(test);
    return this.op.length - 1;
  }

  emit(node: Node): void {
    switch (node.t) {
      case 'empty':
        return;
      case 'char':
        if (node.lit !== undefined) {
          this.add(Op.Lit, node.lit, 0);
        } else if (node.m === ANY || node.m === ANY_BUT_NEWLINE) {
          this.add(Op.Any, node.m === ANY ? 1 : 0, 0);
        } else {
          this.add(Op.Class, 0, 0, node.m);
        }
        return;
      case 'assert':
        this.add(Op.Assert, node.a, 0);
        return;
      case 'cat':
        for (const s of node.subs) {
          this.emit(s);
        }
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < node.subs.length; k++) {
          if (k < node.subs.length - 1) {
            const split = this.add(Op.Split, 0, 0);
            this.x[split] = split + 1;
            this.emit(node.subs[k]);
            jumps.push(this.add(Op.Jmp, 0, 0));
            this.y[split] = this.op.length;
          } else {
            this.emit(node.subs[k]);
          }
        }
        for (const j of jumps) {
          this.x[j] = this.op.length;
        }
        return;
      }
      case 'rep': {
        for (let k = 0; k < node.min; k++) {
          this.emit(node.sub);
        }
        if (node.max < 0) {
          // x*: L: split(L+1, out); x; jmp L
          const split = this.add(Op.Split, 0, 0);
          this.x[split] = split + 1;
          this.emit(node.sub);
          this.add(Op.Jmp, split, 0);
          this.y[split] = this.op.length;
          return;
        }
        // Up to max - min more copies, each of which may end the repetition.
        const splits: number[] = [];
        for (let k = node.min; k < node.max; k++) {
          const split = this.add(Op.Split, 0, 0);
          this.x[split] = split + 1;
          splits.push(split);
          this.emit(node.sub);
        }
        for (const s of splits) {
          this.y[s] = this.op.length;
        }
        return;
      }
    }
  }
}

/** The longest run of literal characters every match contains ('' when there is none we can tell). */
function requiredLiteral(node: Node): string {
  let best = '';
  const consider = (s: string) => {
    if (s.length > best.length) {
      best = s;
    }
  };
  if (node.t === 'char' && node.lit !== undefined) {
    return String.fromCodePoint(node.lit);
  }
  if (node.t === 'rep' && node.min >= 1) {
    return requiredLiteral(node.sub);
  }
  if (node.t === 'cat') {
    let run = '';
    for (const sub of node.subs) {
      if (sub.t === 'char' && sub.lit !== undefined) {
        run += String.fromCodePoint(sub.lit);
      } else if (sub.t === 'assert') {
        // Takes no character: the run goes on.
      } else {
        consider(run);
        run = '';
        consider(requiredLiteral(sub));
      }
    }
    consider(run);
  }
  return best;
}

function startsWithBeginText(node: Node): boolean {
  if (node.t === 'assert') {
    return node.a === Assert.BeginText;
  }
  if (node.t === 'cat') {
    return node.subs.length > 0 && startsWithBeginText(node.subs[0]);
  }
  if (node.t === 'alt') {
    return node.subs.every(startsWithBeginText);
  }
  return false;
}

function isWordChar(cp: number): boolean {
  return cp >= 0 && cp < 0x80 && (isAlnum(cp) || cp === 0x5f);
}

/** Whether an assertion holds between `before` and `after` (-1 at either end of the text). */
function assertHolds(a: number, before: number, after: number): boolean {
  switch (a) {
    case Assert.BeginText:
      return before < 0;
    case Assert.EndText:
      return after < 0;
    case Assert.BeginLine:
      return before < 0 || before === NEWLINE;
    case Assert.EndLine:
      return after < 0 || after === NEWLINE;
    case Assert.WordBoundary:
      return isWordChar(before) !== isWordChar(after);
    default:
      // Assert.NoWordBoundary
      return isWordChar(before) === isWordChar(after);
  }
}

/** A set of small integers with O(1) add, membership and clear, iterated in insertion order. */
class SparseSet {
  readonly dense: Int32Array;
  private readonly sparse: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.dense = new Int32Array(capacity);
    this.sparse = new Int32Array(capacity);
  }

  has(v: number): boolean {
    const i = this.sparse[v];
    return i < this.size && this.dense[i] === v;
  }

  add(v: number): void {
    if (!this.has(v)) {
      this.sparse[v] = this.size;
      this.dense[this.size++] = v;
    }
  }

  clear(): void {
    this.size = 0;
  }
}
