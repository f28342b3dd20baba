/**
 * A second, deliberately plain reader of the selector syntax, written from the Prometheus grammar rather than from
 * `query/selector.ts`, for property tests: what this reads from our output is what a server would select.
 * Strings are decoded by `JSON.parse` (the escapes we write, `\\ \" \n \r \t \uXXXX`, mean the same in both), so
 * the decoder shares no code with ours. Throws on anything it does not understand.
 */

export interface ReferenceMatcher {
  name: string;
  op: string;
  value: string;
}

const TOKEN = {
  space: /\s*/y,
  metric: /[a-zA-Z_:][a-zA-Z0-9_:.-]*/y,
  name: /[a-zA-Z_][a-zA-Z0-9_]*/y,
  op: /=~|!~|!=|=/y,
  string: /"(?:[^"\\\u0000-\u001f]|\\["\\nrt]|\\u[0-9a-fA-F]{4})*"/y,
};

export function referenceParseSelector(text: string): { metric?: string; matchers: ReferenceMatcher[] } {
  let i = 0;
  const take = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) {
      i = re.lastIndex;
    }
    return m?.[0];
  };
  const expect = (re: RegExp, what: string): string => {
    take(TOKEN.space);
    const got = take(re);
    if (got === undefined) {
      throw new Error(`reference parser: expected ${what} at ${i} in ${JSON.stringify(text)}`);
    }
    return got;
  };
  const literal = (s: string) => expect(new RegExp(s.replace(/[{}]/g, '\\$&'), 'y'), JSON.stringify(s));
  const decode = (quoted: string): string => JSON.parse(quoted) as string;

  take(TOKEN.space);
  const metric = take(TOKEN.metric);
  const matchers: ReferenceMatcher[] = [];
  literal('{');
  take(TOKEN.space);
  if (text[i] !== '}') {
    for (;;) {
      take(TOKEN.space);
      const name = text[i] === '"' ? decode(expect(TOKEN.string, 'a quoted name')) : expect(TOKEN.name, 'a name');
      const op = expect(TOKEN.op, 'an operator');
      const value = decode(expect(TOKEN.string, 'a string'));
      matchers.push({ name, op, value });
      take(TOKEN.space);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
  }
  literal('}');
  take(TOKEN.space);
  if (i !== text.length) {
    throw new Error(`reference parser: trailing text at ${i} in ${JSON.stringify(text)}`);
  }
  return metric === undefined ? { matchers } : { metric, matchers };
}
