/**
 * PromQL string literals as Prometheus reads them (`promql/parser/lex.go`, `lexString`/`lexEscape`, then
 * `util/strutil.Unquote`), written for the test server from those rules and not from the datasource's code:
 * - `"…"` and `'…'` take Go's escapes: `\a \b \f \n \r \t \v \\`, the opening quote itself, `\ooo` (octal byte),
 *   `\xhh` (byte), `\uhhhh` and `\Uhhhhhhhh` (code points; surrogates and values past U+10FFFF are refused). An
 *   escaped other quote (`\'` inside `"…"`) is an unknown escape, as in Go.
 * - `` `…` `` is raw: no escapes.
 * - A raw line break ends a quoted string too early ("unterminated quoted string"); a raw U+FFFD is refused as
 *   "invalid UTF-8 rune", because Go's decoder returns that same rune for bytes that are not UTF-8 and the lexer
 *   cannot tell the two apart. A lone UTF-16 surrogate (which a JSON body can carry) has no UTF-8 form: Go would
 *   see U+FFFD, so it is refused the same way.
 * Byte escapes (`\xc3\xa9`) build UTF-8; a sequence that is not valid UTF-8 reads as U+FFFD here (Go keeps the raw
 * bytes, which no stored label value equals either).
 */

/** A string literal Prometheus would refuse; `offset` is the UTF-16 index of the opening quote in the selector. */
export class PromStringError extends Error {
  constructor(
    readonly problem: string,
    readonly offset: number
  ) {
    super(problem);
    this.name = 'PromStringError';
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
};

const utf8 = new TextEncoder();

/** Go's `%#U` of a rune: `U+0071 'q'`. */
export function goRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(c) ? `U+${hex} '${c}'` : `U+${hex}`;
}

/**
 * Reads the string literal at the start of `text` (which starts with its opening quote and may go on past its
 * closing one, as the lexer reads); `offset` is where `text` starts in the selector. Returns the decoded value and
 * the literal's length. Throws `PromStringError` with the lexer's wording.
 */
export function decodePromString(text: string, offset = 0): { value: string; length: number } {
  const quote = text[0];
  const fail = (problem: string): never => {
    throw new PromStringError(problem, offset);
  };
  if (quote !== '"' && quote !== "'" && quote !== '`') {
    return fail('unterminated quoted string');
  }
  const unterminated = quote === '`' ? 'unterminated raw string' : 'unterminated quoted string';
  const bytes: number[] = [];
  const pushText = (s: string) => {
    for (const b of utf8.encode(s)) {
      bytes.push(b);
    }
  };
  // The character at `k`, whole (a surrogate pair is one rune); undefined past the end.
  const runeAt = (k: number) => (k < text.length ? String.fromCodePoint(text.codePointAt(k)!) : undefined);
  let i = 1;
  for (;;) {
    const c = runeAt(i);
    if (c === undefined) {
      return fail(unterminated);
    }
    const cp = c.codePointAt(0)!;
    if (cp === 0xfffd || (cp >= 0xd800 && cp <= 0xdfff)) {
      fail('invalid UTF-8 rune');
    }
    if (c === quote) {
      break;
    }
    if (quote === '`' || c !== '\\') {
      if (c === '\n' && quote !== '`') {
        fail(unterminated);
      }
      pushText(c);
      i += c.length;
      continue;
    }
    const e = runeAt(i + 1);
    if (e === undefined) {
      return fail('escape sequence not terminated');
    }
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]);
      i += 2;
      continue;
    }
    if (e === quote) {
      pushText(e);
      i += 2;
      continue;
    }
    let digits: number;
    let base: number;
    let start = i + 1;
    if (e >= '0' && e <= '7') {
      [digits, base] = [3, 8];
    } else if (e === 'x') {
      [digits, base, start] = [2, 16, i + 2];
    } else if (e === 'u') {
      [digits, base, start] = [4, 16, i + 2];
    } else if (e === 'U') {
      [digits, base, start] = [8, 16, i + 2];
    } else {
      return fail(`unknown escape sequence ${goRune(e)}`);
    }
    let value = 0;
    for (let k = 0; k < digits; k++) {
      const d = runeAt(start + k);
      if (d === undefined) {
        return fail('escape sequence not terminated');
      }
      const v = /^[0-9a-fA-F]$/.test(d) ? parseInt(d, 16) : 16;
      if (v >= base) {
        fail(`illegal character ${goRune(d)} in escape sequence`);
      }
      value = value * base + v;
    }
    i = start + digits;
    if (e === 'u' || e === 'U') {
      if (value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) {
        fail('escape sequence is an invalid Unicode code point');
      }
      pushText(String.fromCodePoint(value));
    } else {
      if (value > 255) {
        fail('escape sequence is an invalid Unicode code point');
      }
      bytes.push(value);
    }
  }
  // ignoreBOM: a leading U+FEFF is part of the value, not a byte-order mark to drop.
  return { value: new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(bytes)), length: i + 1 };
}
