import { parser } from '@prometheus-io/lezer-promql';

import { toJsRegex } from './labelMatch';
import { decodePromString, goRune, PromStringError } from './promString';

/**
 * The test server's reader of Grafana Pyroscope label selectors (`{service_name="api", pod=~"web-.*"}`, optionally
 * `metric{…}`), as the server reads them with Prometheus' `parser.ParseMetricSelector`. The syntax tree comes from
 * the Prometheus project's own PromQL grammar (`@prometheus-io/lezer-promql`); string literals are decoded by
 * `promString.ts`. Nothing here is shared with the datasource, so a selector the datasource writes wrongly fails
 * here as it would on the real server instead of being read back by the same mistake.
 *
 * Accepted: `=`, `!=`, `=~`, `!~` matchers with `"…"`, `'…'` or `` `…` `` values, quoted UTF-8 label names
 * (`{"k8s.pod"="x"}`, Prometheus 3), a metric name before the braces or as a lone quoted name (`{"cpu"}`), both
 * becoming `__name__="…"`, a trailing comma, `#` comments. Anything else of PromQL (ranges, offsets, operators,
 * functions) is a parse error, as `ParseMetricSelector` reads one vector selector only.
 * Errors read like Prometheus' (`1:14: parse error: unexpected …`): the position is line:column in UTF-8 bytes;
 * lexer problems in strings use the lexer's words, grammar problems are worded after the parser's.
 */

/** Matcher operators. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One matcher; `value` is decoded (the text the server compares with). */
export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

/** The label a metric name stands for. */
export const METRIC_NAME_LABEL = '__name__';

/** A selector `ParseMetricSelector` would refuse. `message` reads like Prometheus' `ParseErr`. */
export class SelectorSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly offset: number,
    text: string
  ) {
    super(`${linePosition(text, offset)}: parse error: ${problem}`);
    this.name = 'SelectorSyntaxError';
  }
}

/** A node of lezer's syntax tree (the type of `@lezer/common`, which lezer-promql brings along). */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const OPS: Readonly<Record<string, MatchOp>> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/** Parses a selector into its matchers, the metric name last as `__name__="…"`. Throws `SelectorSyntaxError`. */
export function parsePromSelector(text: string): Matcher[] {
  const problems: Array<{ offset: number; problem: string }> = [];
  const problem = (offset: number, what: string) => problems.push({ offset, problem: what });
  const tree = parser.parse(text);
  const top = children(tree.topNode).filter((n) => n.name !== 'LineComment');
  const selector = top.length === 1 && top[0].name === 'VectorSelector' ? top[0] : undefined;
  if (!selector) {
    reportWrongShape(text, top, problem);
  }
  const matchers: Matcher[] = [];
  let metric: string | undefined;
  if (selector) {
    for (const part of children(selector)) {
      if (part.name === 'Identifier') {
        metric = text.slice(part.from, part.to);
      } else if (part.name === 'LabelMatchers') {
        readMatchers(text, part, matchers, problem);
      } else {
        problem(part.from, unexpected(text, part.from, false));
      }
    }
  }
  forEachError(tree.topNode, (node) => problem(node.from, errorText(text, node)));
  if (problems.length > 0) {
    const first = problems.reduce((a, b) => (b.offset < a.offset ? b : a));
    throw new SelectorSyntaxError(first.problem, first.offset, text);
  }
  if (metric !== undefined) {
    matchers.push({ name: METRIC_NAME_LABEL, op: '=', value: metric });
  }
  return matchers;
}

function readMatchers(
  text: string,
  node: SyntaxNode,
  out: Matcher[],
  problem: (offset: number, what: string) => void
): void {
  const literal = (n: SyntaxNode | null | undefined): string | undefined => {
    if (!n || n.name !== 'StringLiteral') {
      return undefined;
    }
    try {
      return decodePromString(text.slice(n.from), n.from).value;
    } catch (e) {
      if (e instanceof PromStringError) {
        problem(e.offset, e.problem);
        return undefined;
      }
      throw e;
    }
  };
  for (const m of children(node)) {
    if (m.name === 'QuotedLabelName') {
      // A lone quoted name inside the braces is the metric name.
      const name = literal(m.getChild('StringLiteral'));
      if (name !== undefined) {
        out.push({ name: METRIC_NAME_LABEL, op: '=', value: name });
      }
      continue;
    }
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') {
      continue;
    }
    const nameNode = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
    const opNode = m.getChild('MatchOp')?.firstChild;
    const valueNode = m.getChildren('StringLiteral').at(-1);
    const name =
      nameNode?.name === 'LabelName' ? text.slice(nameNode.from, nameNode.to) : literal(nameNode?.firstChild);
    const op = opNode ? OPS[opNode.name] : undefined;
    const value = literal(valueNode);
    if (name === undefined || op === undefined || value === undefined) {
      continue; // the tree holds an error node, or a string problem was reported
    }
    if (op === '=~' || op === '!~') {
      try {
        toJsRegex(value);
      } catch (e) {
        problem(m.from, `error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
    }
    out.push({ name, op, value });
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    out.push(c);
  }
  return out;
}

function forEachError(node: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  const cursor = node.cursor();
  do {
    if (cursor.type.isError) {
      visit(cursor.node);
    }
  } while (cursor.next());
}

/** A top level that is not exactly one vector selector: empty input, or PromQL beyond a selector. */
function reportWrongShape(text: string, top: SyntaxNode[], problem: (offset: number, what: string) => void): void {
  if (top.length === 0 || text.trim() === '') {
    problem(text.length, 'unexpected end of input');
    return;
  }
  // The first vector selector inside (e.g. of `x[5m]` or `x + 1`) ends where the unexpected part starts.
  let end = top[0].from;
  const cursor = top[0].cursor();
  do {
    if (cursor.name === 'VectorSelector') {
      end = cursor.to;
      break;
    }
  } while (cursor.next());
  const at = skipSpace(text, end);
  problem(at, unexpected(text, at, false));
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /[ \t\r\n]/.test(text[i])) {
    i++;
  }
  return i;
}

/** Wording for a lezer error node, after the Prometheus lexer and parser messages. */
function errorText(text: string, node: SyntaxNode): string {
  const inside = insideBraces(node);
  const at = skipSpace(text, node.from);
  if (at >= text.length) {
    return inside ? 'unexpected end of input inside braces' : 'unexpected end of input';
  }
  if (inside) {
    const c = String.fromCodePoint(text.codePointAt(at)!);
    if (c === '{') {
      return `unexpected left brace ${goQuote(c)}`;
    }
    if (!/[a-zA-Z_,"'`=!}\s]/.test(c)) {
      return `unexpected character inside braces: ${goQuote(c)}`;
    }
    const prev = node.prevSibling?.name;
    const expected =
      prev === 'LabelName' || prev === 'QuotedLabelName'
        ? 'label matching operator'
        : prev === 'MatchOp'
          ? 'string'
          : '"," or "}"';
    return `${unexpected(text, at, true)} in label matching, expected ${expected}`;
  }
  return unexpected(text, at, false);
}

function insideBraces(node: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
    if (p.name === 'LabelMatchers') {
      return node.from > p.from && node.to <= p.to;
    }
  }
  return false;
}

/** `unexpected <token>` for the token starting at `at`, described as Prometheus' `Item.desc` does. */
function unexpected(text: string, at: number, inBraces: boolean): string {
  const rest = text.slice(at);
  if (rest === '') {
    return 'unexpected end of input';
  }
  const word = /^[a-zA-Z_][a-zA-Z0-9_:]*/.exec(rest)?.[0];
  if (word) {
    return `unexpected identifier "${word}"`;
  }
  const str = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`)/.exec(rest)?.[0];
  if (str) {
    return `unexpected string ${JSON.stringify(str)}`;
  }
  const op = /^(=~|!~|!=|==|<=|>=|[=<>+\-*/%^,()[\]{}@])/.exec(rest)?.[0];
  if (op) {
    if (!inBraces && op === '}') {
      return `unexpected right brace ${goQuote(op)}`;
    }
    return `unexpected ${JSON.stringify(op)}`;
  }
  return `unexpected character: ${goQuote(String.fromCodePoint(rest.codePointAt(0)!))}`;
}

/** Go's `%q` of a rune: `'x'`, or an escape for control characters. */
function goQuote(c: string): string {
  return /[\p{L}\p{N}\p{P}\p{S} ]/u.test(c) ? `'${c}'` : `'\\u${goRune(c).slice(2, 6).toLowerCase()}'`;
}

/** Prometheus' error position `line:column`, the column counted in UTF-8 bytes from 1. */
export function linePosition(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  const col = new TextEncoder().encode(before.slice(lastBreak + 1)).length + 1;
  return `${line}:${col}`;
}
