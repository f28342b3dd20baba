/**
 * A small, strict, non-recursive JSON reader, for decoders that must not build the whole object tree (a 1M-node
 * flame graph is ~4M int64 strings: `JSON.parse` plus `Number()` on each costs more than reading digits in place).
 * It accepts exactly what `JSON.parse` accepts, so a body it reads could also have been parsed.
 *
 * It reads the UTF-8 bytes of the text, not the string: `TextEncoder.encodeInto` copies an ASCII body at memcpy
 * speed, typed-array loads are cheaper than `charCodeAt` (no string-shape checks), positions are the byte offsets
 * that error messages want, and a 0 byte after the end (the sentinel) stops every loop without bounds checks: no
 * JSON token contains a 0 byte, and a real NUL inside the body is an error anyway.
 */

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
export const QUOTE = 34;
const COMMA = 44;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
export const LESS_THAN = 60;
export const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LOWER_F = 102;
export const LOWER_N = 110;
const LOWER_T = 116;
const LOWER_U = 117;
export const LBRACE = 123;
const RBRACE = 125;
/** Escapes allowed after a backslash besides `u`: `" \ / b f n r t`. */
const SIMPLE_ESCAPES = new Set([QUOTE, BACKSLASH, 47, 98, LOWER_F, LOWER_N, 114, LOWER_T]);

/** The text is not JSON. `at` is the UTF-8 byte offset of the problem. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly at: number
  ) {
    super(problem);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * The text may be JSON but the value at `at` (element `index` of the array being read) has the wrong type. The
 * caller describes it only after skipping the whole array, so that a syntax error there takes precedence.
 */
export class JsonTypeError extends Error {
  constructor(
    readonly expected: string,
    readonly at: number,
    readonly index: number
  ) {
    super(`element ${index} is not ${expected}`);
    this.name = 'JsonTypeError';
  }
}

let encoder: TextEncoder | undefined;

/** Reads one JSON text from left to right; the caller drives it by the structure it expects. */
export class JsonScanner {
  /** UTF-8 of the text followed by at least one 0 byte. */
  readonly bytes: Uint8Array;
  /** Length of the text in UTF-8 bytes. */
  readonly length: number;
  /** Byte offset of the next thing to read. */
  pos = 0;
  /** Field being read, for error messages (e.g. `flamegraph.levels[3].values`); set by the caller. */
  context: string | undefined;
  /** When the text is ASCII, byte offsets are string indexes. */
  private readonly ascii: boolean;
  // Last byte offset turned into a string index, so that walks for increasing offsets do not start over.
  private mappedByte = 0;
  private mappedChar = 0;

  constructor(readonly text: string) {
    encoder ??= new TextEncoder();
    let bytes = new Uint8Array(text.length + 1);
    let result = encoder.encodeInto(text, bytes);
    if ((result.read ?? 0) < text.length || (result.written ?? 0) > text.length) {
      // Not ASCII: UTF-8 takes at most 3 bytes per UTF-16 unit.
      bytes = new Uint8Array(text.length * 3 + 1);
      result = encoder.encodeInto(text, bytes);
    }
    this.bytes = bytes;
    this.length = result.written ?? 0;
    this.ascii = this.length === text.length;
  }

  /** Skips whitespace; returns the byte there (0 at the end). */
  peek(): number {
    const bytes = this.bytes;
    let i = this.pos;
    let c = bytes[i];
    while (c === SPACE || c === LF || c === CR || c === TAB) {
      c = bytes[++i];
    }
    this.pos = i;
    return c;
  }

  /** Fails unless only whitespace is left. */
  expectEnd(): void {
    this.peek();
    if (this.pos < this.length) {
      this.fail('unexpected data after the JSON value', this.pos);
    }
  }

  /** Consumes the `{` or `[` at `pos`. */
  enterContainer(): void {
    this.pos++;
  }

  /**
   * Moves to the next member of an object entered with `enterContainer`: returns its key with the position on its
   * value, or undefined after consuming the closing `}`.
   */
  nextKey(first: boolean): string | undefined {
    if (!this.nextMember(first)) {
      return undefined;
    }
    const key = this.readString();
    this.colon();
    return key;
  }

  /** Moves to the next element of an array entered with `enterContainer`; false after consuming the closing `]`. */
  nextElement(first: boolean): boolean {
    const c = this.peek();
    if (c === RBRACKET) {
      this.pos++;
      return false;
    }
    if (!first) {
      if (c !== COMMA) {
        this.fail("expected ',' or ']' in an array", this.pos);
      }
      this.pos++;
      this.peek();
    }
    return true;
  }

  /** Reads the string whose opening quote is at `pos`. */
  readString(): string {
    const bytes = this.bytes;
    const start = this.pos + 1;
    let i = start;
    let c = bytes[i];
    // Plain characters, multi-byte UTF-8 included; escapes, control characters and the sentinel leave the loop.
    while (c >= SPACE && c !== QUOTE && c !== BACKSLASH) {
      c = bytes[++i];
    }
    if (c === QUOTE) {
      this.pos = i + 1;
      return this.slice(start, i);
    }
    const end = this.stringEnd(i);
    this.pos = end;
    // The literal was just validated, so JSON.parse decodes its escapes exactly as it would in the whole body.
    return String(JSON.parse(this.slice(start - 1, end)));
  }

  /** Throws a JsonSyntaxError; at the end of the text it says the body is truncated. */
  fail(problem: string, at: number): never {
    if (at >= this.length) {
      throw new JsonSyntaxError('unexpected end of the body: the response is truncated', this.length);
    }
    throw new JsonSyntaxError(
      `${problem}, found ${JSON.stringify(this.slice(at, Math.min(at + 12, this.length)))}`,
      at
    );
  }

  /** The text between two byte offsets (both on character boundaries). */
  slice(from: number, to: number): string {
    return this.ascii ? this.text.slice(from, to) : this.text.slice(this.charIndex(from), this.charIndex(to));
  }

  /** String index of a byte offset: one UTF-16 unit per UTF-8 lead byte, two for a 4-byte sequence. */
  private charIndex(byte: number): number {
    if (byte < this.mappedByte) {
      this.mappedByte = 0;
      this.mappedChar = 0;
    }
    const bytes = this.bytes;
    let chars = this.mappedChar;
    for (let i = this.mappedByte; i < byte; i++) {
      const b = bytes[i];
      if ((b & 0xc0) !== 0x80) {
        chars += b >= 0xf0 ? 2 : 1;
      }
    }
    this.mappedByte = byte;
    this.mappedChar = chars;
    return chars;
  }

  /** Moves to the next member's key, at its opening quote (false after consuming `}`). */
  nextMember(first: boolean): boolean {
    let c = this.peek();
    if (c === RBRACE) {
      this.pos++;
      return false;
    }
    if (!first) {
      if (c !== COMMA) {
        this.fail("expected ',' or '}' in an object", this.pos);
      }
      this.pos++;
      c = this.peek();
    }
    if (c !== QUOTE) {
      this.fail('expected a string key in an object', this.pos);
    }
    return true;
  }

  /** Skips a key at `pos` and the colon after it, without making a string. */
  skipKey(): void {
    this.pos = this.stringEnd(this.pos + 1);
    this.colon();
  }

  private colon(): void {
    if (this.peek() !== COLON) {
      this.fail("expected ':' after an object key", this.pos);
    }
    this.pos++;
    this.peek();
  }

  /** Byte offset after the closing quote of a string whose content starts at `from`; validates escapes. */
  stringEnd(from: number): number {
    const bytes = this.bytes;
    let i = from;
    for (;;) {
      const c = bytes[i];
      if (c === QUOTE) {
        return i + 1;
      }
      if (c === BACKSLASH) {
        // c is not the sentinel, so i + 1 is still inside the buffer.
        const e = bytes[i + 1];
        if (e === LOWER_U) {
          for (let k = i + 2; k < i + 6; k++) {
            if (k >= this.length || !isHexDigit(bytes[k])) {
              this.fail('invalid \\u escape in a string', k);
            }
          }
          i += 6;
        } else if (SIMPLE_ESCAPES.has(e)) {
          i += 2;
        } else {
          this.fail('invalid escape in a string', i + 1);
        }
      } else if (c >= SPACE) {
        i++;
      } else {
        this.fail('unescaped control character in a string', i);
      }
    }
  }
}

function isHexDigit(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 65 && c <= 70) || (c >= 97 && c <= LOWER_F);
}
