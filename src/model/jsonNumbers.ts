import { JsonTypeError, type JsonScanner } from './jsonScanner';
import { numberEnd } from './jsonSkip';

// Byte values, declared here rather than imported: bundlers that emit CommonJS turn imported bindings into property
// getters, which cost a call per use in the hot loop below.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const UPPER_E = 69;
const RBRACKET = 93;
const LOWER_E = 101;

/** Integers with at most this many digits are exact when summed digit by digit in a double (10^15 < 2^53). */
const MAX_EXACT_DIGITS = 15;
const POW10 = Float64Array.from({ length: 10 }, (_, k) => 10 ** k);

/**
 * Where `readNumbers` writes: level rows one after another in a chunk of doubles, each row handed out as a view.
 * When a chunk is full only the row being read moves to a new chunk, so no large copy is ever made and finished
 * rows stay where they are.
 */
export class NumberSink {
  buf: Float64Array;
  /** Used part of `buf`. */
  length = 0;
  /** Start of the row being read. */
  rowStart = 0;

  constructor(capacity: number) {
    this.buf = new Float64Array(Math.max(1024, Math.ceil(capacity)));
  }

  /** Drops what was read of the current row (a repeated `values` key replaces the earlier one, as in JSON.parse). */
  restartRow(): void {
    this.length = this.rowStart;
  }

  /** Ends the current row and returns it; the next row starts after it. */
  endRow(): Float64Array {
    const row = this.buf.subarray(this.rowStart, this.length);
    this.rowStart = this.length;
    return row;
  }

  /** Moves the current row to a new chunk with room for at least as much again. */
  grow(): void {
    const partial = this.buf.subarray(this.rowStart, this.length);
    const next = new Float64Array(Math.max(this.buf.length >> 1, partial.length * 2, 1024));
    next.set(partial);
    this.buf = next;
    this.rowStart = 0;
    this.length = partial.length;
  }
}

/**
 * Reads the JSON array of numbers at `sc.pos` into `sink`, the hot loop of flame graph decoding: call it at the `[`
 * with `resume` false; it returns true after the closing `]`, or false when the sink is full, with `sc.pos` on the
 * next element: grow the sink and call again with `resume` true. (Growing inside the loop would put a rarely run
 * property store in the optimised code; when its type feedback is missing, every decode would deoptimise there.)
 *
 * Elements may be int64 strings (`"123"`, as protojson writes them) or bare numbers. Non-negative integers of up
 * to 15 digits are summed digit by digit with no substring; anything else goes through `slowNumber`, so every
 * element gets the same double as `Number(JSON.parse(...))`. Throws JsonTypeError at an element that is not a
 * finite number (`index` is its position in `sink.buf`; the caller re-skips the array to check its syntax), and
 * JsonSyntaxError for a broken array.
 */
export function readNumbers(sc: JsonScanner, sink: NumberSink, resume: boolean): boolean {
  const bytes = sc.bytes;
  const buf = sink.buf;
  const capacity = buf.length;
  let n = sink.length;
  let i = sc.pos;
  let c = bytes[i];
  if (!resume) {
    c = bytes[++i];
    while (c === SPACE || c === LF || c === CR || c === TAB) {
      c = bytes[++i];
    }
    if (c === RBRACKET) {
      sc.pos = i + 1;
      return true;
    }
  }
  let done = false;
  for (;;) {
    if (n === capacity) {
      break;
    }
    const quoted = c === QUOTE;
    if (quoted) {
      c = bytes[++i];
    }
    const start = i;
    let v = c - ZERO;
    if (v >= 0 && v <= 9) {
      c = bytes[++i];
      // A leading zero stands alone: in a bare number a digit after it fails below as a missing separator, in a
      // string ("012") it goes to slowNumber, which reads it as Number() does.
      if (v !== 0) {
        // Digits are summed in int32 arithmetic, 9 at a time (shorter dependency chains than doubles); a second
        // group covers up to 18 digits, of which up to 15 are taken (longer ones go to slowNumber below).
        while (c >= ZERO && c <= NINE && i - start < 9) {
          v = (v * 10 + (c - ZERO)) | 0;
          c = bytes[++i];
        }
        if (c >= ZERO && c <= NINE) {
          const mid = i;
          let low = 0;
          while (c >= ZERO && c <= NINE && i - mid < 9) {
            low = (low * 10 + (c - ZERO)) | 0;
            c = bytes[++i];
          }
          v = v * POW10[i - mid] + low;
        }
      }
      const plain =
        i - start <= MAX_EXACT_DIGITS && (quoted ? c === QUOTE : c !== DOT && c !== LOWER_E && c !== UPPER_E);
      if (plain && quoted) {
        c = bytes[++i];
      } else if (!plain) {
        v = slowNumber(sc, quoted ? start - 1 : start, quoted, n);
        i = sc.pos;
        c = bytes[i];
      }
    } else if (quoted || c === MINUS) {
      v = slowNumber(sc, quoted ? start - 1 : start, quoted, n);
      i = sc.pos;
      c = bytes[i];
    } else {
      // `null`, `{`, ...: valid JSON maybe, but not a number.
      throw new JsonTypeError('a number', start, n);
    }
    buf[n++] = v;
    // Whitespace is rare between values (protojson writes none), so it costs one comparison when absent.
    if (c <= SPACE) {
      while (c === SPACE || c === LF || c === CR || c === TAB) {
        c = bytes[++i];
      }
    }
    if (c === COMMA) {
      c = bytes[++i];
      if (c <= SPACE) {
        while (c === SPACE || c === LF || c === CR || c === TAB) {
          c = bytes[++i];
        }
      }
      continue;
    }
    if (c === RBRACKET) {
      i++;
      done = true;
      break;
    }
    sc.fail("expected ',' or ']' in an array", i);
  }
  // The one exit for both outcomes, so its stores always have type feedback.
  sc.pos = i;
  sink.length = n;
  return done;
}

/**
 * Everything but plain integers, with the object path's rules (`decodeConnect`'s `toNumbers`): a bare number must
 * follow the JSON grammar and becomes `Number()` of its exact text (what JSON.parse gives); a string is decoded
 * (escapes too) and must be non-empty and `Number()`-convertible, so `"012"`, `" 7"` or `"1e3"` read as there.
 * Either must be finite. `at` is the element's first byte (its quote for a string); leaves `sc.pos` after it.
 */
function slowNumber(sc: JsonScanner, at: number, quoted: boolean, index: number): number {
  sc.pos = at;
  let v: number;
  if (quoted) {
    const s = sc.readString();
    v = s !== '' ? Number(s) : NaN;
  } else {
    sc.pos = numberEnd(sc, at);
    v = Number(sc.slice(at, sc.pos));
  }
  // Out of range (1e999) is not a number either, as in the object path.
  if (!Number.isFinite(v)) {
    throw new JsonTypeError('a number', at, index);
  }
  return v;
}
