/**
 * FlameQL, the query language of pyroscope-io 0.37 (`pkg/flameql/parse.go`): `app.cpu` or
 * `app.cpu{key="value",key2=~"re"}`. Ported rule for rule, with its error texts, because clients show them:
 * - the app name allows `[A-Za-z0-9_.-]`; keys `[A-Za-z0-9_]`, `__name__` is reserved;
 * - values must be double-quoted, with no space before the operator; backslashes are not decoded (`\"` only keeps
 *   a comma inside a value from splitting it);
 * - regexes are unanchored, and a series without the label never matches `=`/`=~` and is never excluded by
 *   `!=`/`!~` (the storage looks values up in a label index).
 */

export type OgOp = '=' | '!=' | '=~' | '!~';

export interface OgMatcher {
  key: string;
  op: OgOp;
  value: string;
  regex?: RegExp;
}

export interface OgQuery {
  appName: string;
  matchers: OgMatcher[];
  /** The query as given, trimmed (echoed in render metadata). */
  text: string;
}

/** A FlameQL error; the message is the server's (`invalid tag value syntax: x`). */
export class FlameQLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlameQLError';
  }
}

const isAppRune = (c: string) => /^[A-Za-z0-9_.-]$/.test(c);
const isKeyRune = (c: string) => /^[A-Za-z0-9_]$/.test(c);

export function parseFlameQL(input: string): OgQuery {
  const s = input.trim();
  for (let offset = 0; offset < s.length; offset++) {
    const c = s[offset];
    if (c === '{') {
      if (offset === 0) {
        throw new FlameQLError('application name is required');
      }
      if (s[s.length - 1] !== '}') {
        throw new FlameQLError('invalid query syntax: expected } at the end');
      }
      return { appName: s.slice(0, offset), matchers: parseMatchers(s.slice(offset + 1, -1)), text: s };
    }
    if (!isAppRune(c)) {
      throw new FlameQLError(`invalid application name: ${s.slice(0, offset + 1)}`);
    }
  }
  if (s === '') {
    throw new FlameQLError('application name is required');
  }
  return { appName: s, matchers: [], text: s };
}

function parseMatchers(s: string): OgMatcher[] {
  const matchers = splitTerms(s)
    .filter((t) => t !== '')
    .map((t) => parseMatcher(t.trim()));
  if (matchers.length === 0 && s.length !== 0) {
    throw new FlameQLError(`invalid tag matchers syntax: ${s}`);
  }
  return matchers;
}

function parseMatcher(s: string): OgMatcher {
  let offset = 0;
  let op: OgOp | undefined;
  for (; offset < s.length; offset++) {
    const c = s[offset];
    const rest = s.length - (offset + 1);
    if (c === '=') {
      if (rest <= 2) {
        throw new FlameQLError(`invalid tag value syntax: ${s}`);
      }
      if (s[offset + 1] === '"') {
        op = '=';
      } else if (s[offset + 1] === '~') {
        if (rest <= 3) {
          throw new FlameQLError(`invalid tag value syntax: ${s}`);
        }
        op = '=~';
      } else {
        throw new FlameQLError(
          s[offset + 2] !== '"' ? `invalid tag value syntax: ${s}` : `unknown tag match operator: ${s}`
        );
      }
      break;
    }
    if (c === '!') {
      if (rest <= 3) {
        throw new FlameQLError(`invalid tag value syntax: ${s}`);
      }
      if (s[offset + 1] === '=') {
        op = '!=';
      } else if (s[offset + 1] === '~') {
        op = '!~';
      } else {
        throw new FlameQLError(`unknown tag match operator: ${s}`);
      }
      break;
    }
    if (!isKeyRune(c)) {
      throw new FlameQLError(`invalid tag key: ${s}: character is not allowed: '${c}'`);
    }
  }
  const key = s.slice(0, offset);
  if (key === '__name__') {
    throw new FlameQLError(`tag key is reserved: ${key}`);
  }
  if (op === undefined) {
    throw new FlameQLError(`match operator is required: ${s}`);
  }
  const quoted = s.slice(offset + (op === '=' ? 1 : 2));
  if (quoted.length < 2 || quoted[0] !== '"' || quoted[quoted.length - 1] !== '"') {
    throw new FlameQLError(`invalid tag value syntax: ${quoted}`);
  }
  const value = quoted.slice(1, -1);
  if (op === '=~' || op === '!~') {
    let regex: RegExp;
    try {
      regex = new RegExp(value, 'u');
    } catch (e) {
      throw new FlameQLError(`${e instanceof Error ? e.message : String(e)}: ${value}`);
    }
    return { key, op, value, regex };
  }
  return { key, op, value };
}

/** Splits on commas outside double quotes (a `\"` does not close a quote). */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ',' && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    } else if (s[i] === '"') {
      if (quoted && i > 0 && s[i - 1] !== '\\') {
        quoted = false;
        continue;
      }
      quoted = true;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** pyroscope-io's matching: label-index lookups, so absent labels only satisfy negative matchers. */
export function ogMatches(matchers: readonly OgMatcher[], labels: Readonly<Record<string, string>>): boolean {
  for (const m of matchers) {
    const has = Object.prototype.hasOwnProperty.call(labels, m.key);
    const v = has ? labels[m.key] : '';
    switch (m.op) {
      case '=':
        if (!has || v !== m.value) {
          return false;
        }
        break;
      case '!=':
        if (has && v === m.value) {
          return false;
        }
        break;
      case '=~':
        if (!has || !m.regex?.test(v)) {
          return false;
        }
        break;
      case '!~':
        if (has && m.regex?.test(v)) {
          return false;
        }
        break;
    }
  }
  return true;
}
