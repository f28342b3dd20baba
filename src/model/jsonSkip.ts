import type { JsonScanner } from './jsonScanner';

// Byte values, declared here rather than imported: under CommonJS imported bindings become property getters.
const QUOTE = 34;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const UPPER_E = 69;
const LBRACKET = 91;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_N = 110;
const LOWER_T = 116;
const LBRACE = 123;

/**
 * Skips one complete JSON value of any type at `sc.pos`, validating it as JSON.parse would. Nesting is tracked on
 * an explicit stack, so a deeply nested value cannot overflow the call stack.
 */
export function skipValue(sc: JsonScanner): void {
  // One entry per open container: true for an object, false for an array.
  const stack: boolean[] = [];
  for (;;) {
    const c = sc.peek();
    if (c === LBRACE || c === LBRACKET) {
      const isObject = c === LBRACE;
      sc.pos++;
      if (isObject ? sc.nextMember(true) : sc.nextElement(true)) {
        stack.push(isObject);
        if (isObject) {
          sc.skipKey();
        }
        continue;
      }
    } else if (c === QUOTE) {
      sc.pos = sc.stringEnd(sc.pos + 1);
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      sc.pos = numberEnd(sc, sc.pos);
    } else if (c === LOWER_T) {
      literal(sc, 'true');
    } else if (c === LOWER_F) {
      literal(sc, 'false');
    } else if (c === LOWER_N) {
      literal(sc, 'null');
    } else {
      sc.fail('expected a JSON value', sc.pos);
    }
    // After a value: close every container that ends here, stop before the next member or element.
    for (;;) {
      const top = stack.length - 1;
      if (top < 0) {
        return;
      }
      if (stack[top] ? sc.nextMember(false) : sc.nextElement(false)) {
        if (stack[top]) {
          sc.skipKey();
        }
        break;
      }
      stack.pop();
    }
  }
}

/** Reads `null` at `sc.pos`. */
export function readNull(sc: JsonScanner): void {
  literal(sc, 'null');
}

/** Byte offset after the JSON number at `start` (minus, integer without leading zeros, fraction, exponent). */
export function numberEnd(sc: JsonScanner, start: number): number {
  const bytes = sc.bytes;
  let i = start;
  let ok = true;
  const digits = (): void => {
    const from = i;
    while (bytes[i] >= ZERO && bytes[i] <= NINE) {
      i++;
    }
    ok = ok && i > from;
  };
  if (bytes[i] === MINUS) {
    i++;
  }
  if (bytes[i] === ZERO) {
    i++;
  } else {
    digits();
  }
  if (ok && bytes[i] === DOT) {
    i++;
    digits();
  }
  if (ok && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    i++;
    if (bytes[i] === PLUS || bytes[i] === MINUS) {
      i++;
    }
    digits();
  }
  return ok ? i : sc.fail('invalid number', i);
}

/**
 * Short description of the value at byte `at`, e.g. `a string "x"`, for error messages. Call it only on a value
 * that has been skipped without a syntax error.
 */
export function describeValue(sc: JsonScanner, at: number): string {
  const c = sc.bytes[at];
  if (c === LBRACE || c === LBRACKET) {
    return c === LBRACE ? 'an object' : 'an array';
  }
  const saved = sc.pos;
  sc.pos = at;
  skipValue(sc);
  const raw = sc.slice(at, sc.pos);
  sc.pos = saved;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const kind =
    c === QUOTE ? 'a string ' : c === LOWER_N ? '' : c === LOWER_T || c === LOWER_F ? 'a boolean ' : 'a number ';
  return kind + shown;
}

function literal(sc: JsonScanner, word: string): void {
  for (let k = 0; k < word.length; k++) {
    const at = sc.pos + k;
    if (at >= sc.length || sc.bytes[at] !== word.charCodeAt(k)) {
      sc.fail(`expected ${word}`, at);
    }
  }
  sc.pos += word.length;
}
