/**
 * Prometheus-style label selectors as Pyroscope reads them: `{service_name="api", pod=~"web-.*", env!="dev"}`,
 * optionally prefixed by a metric name (the combined `<profileTypeID>{...}` form of the legacy render API).
 * One parser and one escaper for the datasource: the editor and the query path read and write selectors with them.
 * The test server reads selectors with its own parser (Prometheus' grammar, `sandbox/pyroscope/selector.ts`), so a
 * mistake here shows up in the integration tests instead of being read back the same way.
 */

/** Matcher operators: equal, not equal, regex match, regex no-match. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One `name op "value"` term; `value` is unescaped (the raw string the server compares with). */
export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

/** A parsed selector: the optional metric-name prefix and the matchers in order. */
export interface ParsedSelector {
  metric?: string;
  matchers: Matcher[];
}

/** A selector that cannot be read; `position` is the character offset of the problem. */
export class SelectorParseError extends Error {
  readonly position: number;

  constructor(problem: string, text: string, position: number) {
    super(`invalid label selector ${JSON.stringify(text)}: ${problem} at character ${position + 1}`);
    this.name = 'SelectorParseError';
    this.position = position;
  }
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_CHAR = /[a-zA-Z0-9_:.-]/;

/** True for a label name Pyroscope accepts without quoting. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

// A UTF-16 half without its other half: it has no UTF-8 form, so a server would read U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` can be sent as UTF-8 unchanged (no lone surrogate). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Escapes a value for a double-quoted selector string: backslash, double quote and every control character, so
 * the value can neither close its string nor be changed by the server's reader. U+FFFD is written as `\ufffd`:
 * Prometheus' lexer (which Grafana Pyroscope uses) refuses it raw as "invalid UTF-8 rune", since Go decodes bad
 * bytes to that same rune. A value that has no UTF-8 form is refused: the server would compare with a different
 * string (and `!=` would then exclude less than asked).
 */
export function escapeLabelValue(value: string): string {
  if (!isWellFormed(value)) {
    throw new SelectorParseError('the value is not well-formed Unicode (a lone surrogate)', value, 0);
  }
  return value.replace(
    /[\\"\u0000-\u001f\u007f\ufffd]/g,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A label name as a selector writes it: classic names bare, any other name quoted (`{"k8s.pod"="x"}`, the
 * Prometheus 3 form that Grafana Pyroscope reads when UTF-8 label names are on; older servers answer with a
 * parse error, which is shown, rather than matching something else). Empty names are refused.
 */
export function formatLabelName(name: string): string {
  if (name === '') {
    throw new SelectorParseError('empty label name', name, 0);
  }
  return isValidLabelName(name) ? name : `"${escapeLabelValue(name)}"`;
}

/** Escapes RE2 metacharacters so that `value` matches itself literally inside a regex. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex matching exactly one of `values` (an escaped alternation), for multi-value variables inside `=~`. */
export function regexAlternation(values: readonly string[]): string {
  if (values.length === 1) {
    return escapeRegex(values[0]);
  }
  return `(${values.map(escapeRegex).join('|')})`;
}

/** Writes a selector: `metric{a="x",b=~"y"}` (the metric prefix only when given). */
export function formatSelector(matchers: readonly Matcher[], metric = ''): string {
  const body = matchers.map((m) => `${formatLabelName(m.name)}${m.op}"${escapeLabelValue(m.value)}"`).join(', ');
  return `${metric}{${body}}`;
}

/** Parses a selector; an empty or blank text is `{}`. Throws `SelectorParseError` saying what and where. */
export function parseSelector(text: string): ParsedSelector {
  let i = 0;
  const n = text.length;
  const fail = (problem: string, at = i): never => {
    throw new SelectorParseError(problem, text, at);
  };
  const skipSpace = () => {
    while (i < n && /\s/.test(text[i])) {
      i++;
    }
  };
  skipSpace();
  if (i === n) {
    return { matchers: [] };
  }
  let metric: string | undefined;
  if (text[i] !== '{') {
    const start = i;
    while (i < n && METRIC_CHAR.test(text[i])) {
      i++;
    }
    if (i === start) {
      fail(`expected "{" or a name, found "${text[i]}"`);
    }
    metric = text.slice(start, i);
    skipSpace();
    if (i === n) {
      return { metric, matchers: [] };
    }
  }
  if (text[i] !== '{') {
    fail(`expected "{", found "${text[i]}"`);
  }
  i++;
  const matchers: Matcher[] = [];
  for (;;) {
    skipSpace();
    if (text[i] === '}') {
      i++;
      break;
    }
    if (i >= n) {
      fail('missing closing "}"');
    }
    const nameStart = i;
    let name: string;
    if (text[i] === '"') {
      // A quoted (UTF-8) label name.
      [name, i] = readString(text, i, fail);
      if (name === '') {
        fail('empty label name', nameStart);
      }
    } else {
      while (i < n && /[a-zA-Z0-9_]/.test(text[i])) {
        i++;
      }
      name = text.slice(nameStart, i);
    }
    if (text[nameStart] !== '"' && !isValidLabelName(name)) {
      fail(
        name === '' ? `expected a label name, found "${text[i] ?? 'end of text'}"` : `invalid label name "${name}"`,
        nameStart
      );
    }
    skipSpace();
    const op = readOp(text, i);
    if (!op) {
      fail(`expected one of = != =~ !~ after "${name}"`);
    }
    i += op!.length;
    skipSpace();
    const [value, next] = readString(text, i, fail);
    i = next;
    matchers.push({ name, op: op!, value });
    skipSpace();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') {
      i++;
      break;
    }
    fail(i >= n ? 'missing closing "}"' : `expected "," or "}", found "${text[i]}"`);
  }
  skipSpace();
  if (i < n) {
    fail(`unexpected "${text.slice(i, i + 10)}" after the selector`);
  }
  return metric === undefined ? { matchers } : { metric, matchers };
}

function readOp(text: string, i: number): MatchOp | undefined {
  const two = text.slice(i, i + 2);
  if (two === '=~' || two === '!=' || two === '!~') {
    return two;
  }
  return text[i] === '=' ? '=' : undefined;
}

/** Reads a quoted string ("..." or '...' with escapes, or `...` raw) starting at `i`; returns value and next index. */
function readString(text: string, i: number, fail: (problem: string, at?: number) => never): [string, number] {
  const quote = text[i];
  if (quote !== '"' && quote !== "'" && quote !== '`') {
    return fail(`expected a quoted value, found "${text[i] ?? 'end of text'}"`, i);
  }
  const start = i;
  i++;
  let out = '';
  while (i < text.length) {
    const c = text[i];
    if (c === quote) {
      return [out, i + 1];
    }
    if (c === '\\' && quote !== '`') {
      const e = text[i + 1];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        i += 2;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      return fail(`unknown escape "\\${e ?? ''}"`, i);
    }
    out += c;
    i++;
  }
  return fail('unterminated string', start);
}

/**
 * The selector scoped to a profile type, for label lookups: `metric{__profile_type__="…", …}`. The metric prefix
 * stays a prefix (stripping braces from the text would leave `metric{…` inside the new braces).
 */
export function scopeSelector(labelSelector: string, profileTypeId?: string): string {
  const { metric, matchers } = parseSelector(labelSelector);
  const typeMatcher: Matcher[] = profileTypeId ? [{ name: '__profile_type__', op: '=', value: profileTypeId }] : [];
  return formatSelector([...typeMatcher, ...matchers], metric);
}
