import { escapeRegex, isValidLabelName, isWellFormed, parseSelector, type MatchOp, type Matcher } from './selector';

/**
 * Selector templates: a label selector as written in a query, with template variables in it. The template is read
 * once, before any variable is replaced, so each variable's position is known from the text the user wrote; its
 * value is then escaped for that position and can never change the selector's structure:
 * - metric prefix (`$m{…}`): the value must be a metric name;
 * - label name (`{$lbl="x"}`): the value must be one non-empty label name (quoted later if it is not a classic one);
 * - value of `=`/`!=`: a string; several values turn the matcher into `=~`/`!~` over an escaped alternation, with
 *   the literal text around the variable escaped too;
 * - value of `=~`/`!~`: a single-value variable is a regex (as in Grafana's Prometheus datasource); a multi-value or
 *   All variable is an escaped alternation of its values, even with one value selected;
 * - the whole selector (`$sel`) or a whole matcher list (`{a="1", $more}`): the value is read as a selector on its
 *   own, so it cannot reach the text around it.
 * Anywhere else a variable is refused with a message naming it.
 */

/** What the template service says about one variable reference. */
export interface Expansion {
  /** The values (one for a plain variable, several for a multi-value or All selection). */
  values: string[];
  /** A multi-value or All variable: its values are label values picked from a list, never regexes. */
  multi: boolean;
}

/** Expands one variable reference as written (`$v`, `${v}`, `${v:fmt}`, `[[v]]`). */
export type ExpandVariable = (reference: string) => Expansion;

/** A template that cannot be interpolated safely; the message names the variable or the problem. */
export class SelectorTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorTemplateError';
  }
}

// Grafana's reference forms: `$v`, `${v}`, `${v.path}`, `${v:format}`, `[[v]]`, `[[v:format]]` (no quotes inside,
// so a reference never spans the end of a string).
const VARIABLE = /\$\w+|\$\{\w+(?:\.[^:}"'`\\\s]+)?(?::[^}"'`\\\s]+)?\}|\[\[\w+(?::\w+)?\]\]/y;
const METRIC_CHAR = /[a-zA-Z0-9_:.-]/;
const METRIC_NAME = /^[a-zA-Z0-9_:.-]*$/;

/** Reads `template`, expands its variables by position and returns the metric prefix and matchers it selects. */
export function interpolateTemplate(
  template: string,
  expand: ExpandVariable
): { metric?: string; matchers: Matcher[] } {
  const t = template;
  let i = 0;
  const fail = (problem: string): never => {
    throw new SelectorTemplateError(`label selector ${JSON.stringify(t)}: ${problem}`);
  };
  const varAt = (at: number): string | undefined => {
    VARIABLE.lastIndex = at;
    return VARIABLE.exec(t)?.[0];
  };
  const skip = () => {
    while (i < t.length && /\s/.test(t[i])) {
      i++;
    }
  };
  const one = (ref: string, what: string): string => {
    const { values } = expand(ref);
    if (values.length === 1 && values[0] === ref) {
      // Grafana leaves an unknown variable as written; as structure it would be a name nobody chose.
      fail(`${ref} stands for ${what} but is not a known variable`);
    }
    if (values.length !== 1) {
      fail(`${ref} stands for ${what} and must have exactly one value (it has ${values.length})`);
    }
    return values[0];
  };
  // Each piece must have a UTF-8 form on its own: halves of a pair split between literal text and a variable would
  // join into a character that neither the template nor the variable holds, so such a piece is refused.
  const wellFormed = (piece: string, ref: string | undefined): string =>
    isWellFormed(piece)
      ? piece
      : fail(
          `${ref ?? 'the text'} has no UTF-8 form (a lone surrogate in ${JSON.stringify(piece)}), so the server would read another value`
        );
  const asSelector = (ref: string, text: string) => {
    try {
      return parseSelector(text);
    } catch (e) {
      return fail(`${ref} stands for selector text, and its value is not one: ${(e as Error).message}`);
    }
  };

  skip();
  const whole = varAt(i);
  if (whole && t.slice(i + whole.length).trim() === '') {
    return asSelector(whole, one(whole, 'the whole selector'));
  }
  let metric = '';
  while (i < t.length && t[i] !== '{' && !/\s/.test(t[i])) {
    const ref = varAt(i);
    if (ref) {
      const value = one(ref, 'the metric name');
      if (!METRIC_NAME.test(value)) {
        fail(`${ref} stands for the metric name, and ${JSON.stringify(value)} is not one`);
      }
      metric += value;
      i += ref.length;
    } else if (METRIC_CHAR.test(t[i])) {
      metric += t[i++];
    } else {
      fail(`expected "{" or a metric name at character ${i + 1}, found "${t[i]}"`);
    }
  }
  skip();
  if (i === t.length) {
    return metric ? { metric, matchers: [] } : { matchers: [] };
  }
  if (t[i] !== '{') {
    fail(`expected "{" at character ${i + 1}`);
  }
  i++;
  const matchers: Matcher[] = [];
  for (;;) {
    skip();
    if (t[i] === '}') {
      i++;
      break;
    }
    if (i >= t.length) {
      fail('missing closing "}"');
    }
    const listRef = varAt(i);
    if (listRef) {
      const after = t.slice(i + listRef.length).trimStart()[0];
      if (after === ',' || after === '}') {
        // A variable holding matchers: read on its own, inside braces of its own.
        const inner = one(listRef, 'a list of matchers').trim();
        const parsed = inner === '' ? { matchers: [] } : asSelector(listRef, `{${inner}}`);
        matchers.push(...parsed.matchers);
        i += listRef.length;
        skip();
        i += t[i] === ',' ? 1 : 0;
        continue;
      }
    }
    const name = readName();
    skip();
    const op = (['=~', '!=', '!~', '='] as const).find((o) => t.startsWith(o, i));
    if (!op) {
      fail(`expected one of = != =~ !~ after the label name ${JSON.stringify(name)} at character ${i + 1}`);
    }
    i += op!.length;
    skip();
    matchers.push(readValue(name, op!));
    skip();
    if (t[i] === ',') {
      i++;
      continue;
    }
    if (t[i] === '}') {
      i++;
      break;
    }
    const ref = varAt(i);
    fail(
      ref
        ? `${ref} stands where "," or "}" is expected; only a whole matcher can come from a variable`
        : i >= t.length
          ? 'missing closing "}"'
          : `expected "," or "}" at character ${i + 1}, found "${t[i]}"`
    );
  }
  skip();
  if (i < t.length) {
    const ref = varAt(i);
    fail(
      ref
        ? `${ref} stands after the selector, where nothing may`
        : `unexpected "${t.slice(i, i + 10)}" after the selector`
    );
  }
  return metric ? { metric, matchers } : { matchers };

  /** A label name: quoted, or name characters and variables; a variable must give one whole, valid name. */
  function readName(): string {
    if (t[i] === '"') {
      const parts = readString();
      const name = parts.map((p) => wellFormed(p.ref ? one(p.ref, 'part of a label name') : p.text, p.ref)).join('');
      return checkName(name, parts.find((p) => p.ref)?.ref);
    }
    let name = '';
    let fromVariable: string | undefined;
    for (;;) {
      const ref = varAt(i);
      if (ref) {
        name += wellFormed(one(ref, 'a label name'), ref);
        fromVariable = fromVariable ?? ref;
        i += ref.length;
      } else if (i < t.length && /[a-zA-Z0-9_]/.test(t[i])) {
        name += t[i++];
      } else {
        break;
      }
    }
    if (!fromVariable && !isValidLabelName(name)) {
      fail(
        name === ''
          ? `expected a label name at character ${i + 1}, found "${t[i] ?? 'end of text'}"`
          : `invalid label name "${name}"`
      );
    }
    return checkName(name, fromVariable);
  }

  function checkName(name: string, ref: string | undefined): string {
    if (name === '' || !isWellFormed(name)) {
      fail(`${ref ?? 'a quoted name'} must give a label name, got ${JSON.stringify(name)}`);
    }
    return name;
  }

  /** A quoted value; variables in it are escaped for the operator they stand after. */
  function readValue(name: string, op: MatchOp): Matcher {
    const parts: Part[] = readString().map((p) => (p.ref ? { ref: p.ref, ...expand(p.ref) } : { text: p.text }));
    for (const p of parts) {
      if ('ref' in p && p.values.length === 0) {
        fail(`${p.ref} has no value selected, so the matcher on "${name}" cannot be written`);
      }
      ('ref' in p ? p.values : [p.text]).forEach((piece) => wellFormed(piece, 'ref' in p ? p.ref : undefined));
    }
    if (op === '=~' || op === '!~') {
      const value = parts.map((p) => ('ref' in p ? (p.multi ? alternation(p.values) : p.values[0]) : p.text));
      return { name, op, value: value.join('') };
    }
    if (!parts.some((p) => 'ref' in p && p.values.length > 1)) {
      return { name, op, value: parts.map((p) => ('ref' in p ? p.values[0] : p.text)).join('') };
    }
    // Several values cannot equal one string: match any of them, every literal part escaped as well.
    const value = parts.map((p) => ('ref' in p ? alternation(p.values) : escapeRegex(p.text))).join('');
    return { name, op: op === '=' ? '=~' : '!~', value };
  }

  /** Reads a quoted string as literal text (escapes decoded) and variable references. */
  function readString(): Array<{ text: string; ref?: string }> {
    const quote = t[i];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      return fail(`expected a quoted value at character ${i + 1}, found "${t[i] ?? 'end of text'}"`);
    }
    const start = i++;
    const parts: Array<{ text: string; ref?: string }> = [];
    let text = '';
    while (i < t.length) {
      const c = t[i];
      if (c === quote) {
        i++;
        return text ? [...parts, { text }] : parts;
      }
      const ref = varAt(i);
      if (ref) {
        if (text) {
          parts.push({ text });
          text = '';
        }
        parts.push({ text: '', ref });
        i += ref.length;
        continue;
      }
      if (c === '\\' && quote !== '`') {
        const [decoded, length] = decodeEscape(t, i);
        if (decoded === undefined) {
          fail(`unknown escape "${t.slice(i, i + 2)}" at character ${i + 1}`);
        }
        text += decoded;
        i += length;
        continue;
      }
      text += c;
      i++;
    }
    return fail(`unterminated string starting at character ${start + 1}`);
  }
}

/** A piece of a quoted value: literal text, or an expanded variable. */
type Part = { text: string } | ({ ref: string } & Expansion);

function alternation(values: readonly string[]): string {
  return values.length === 1 ? escapeRegex(values[0]) : `(${values.map(escapeRegex).join('|')})`;
}

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };

/** The escape at `i` (a backslash) as the parser reads it: its text and length, or undefined when unknown. */
function decodeEscape(t: string, i: number): [string | undefined, number] {
  const e = t[i + 1];
  if (e !== undefined && e in SIMPLE) {
    return [SIMPLE[e], 2];
  }
  if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
    return [String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16)), 6];
  }
  return [undefined, 0];
}
