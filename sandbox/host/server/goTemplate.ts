import { isJsonObject, type JsonObject, type JsonValue } from './types';

/**
 * The data Grafana's datasource proxy gives plugin route templates (`templateData` in pkg/api/pluginproxy): the
 * datasource's jsonData, its decrypted secureJsonData and its URL.
 */
export interface RouteTemplateData {
  JsonData: JsonObject;
  SecureJsonData: Readonly<Record<string, string>>;
  URL: string;
}

/** A template Grafana could not parse or execute (it then logs the error and skips the header or parameter). */
export class GoTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoTemplateError';
  }
}

/** Go's "invalid value": a missing map key. Printed as `<no value>`, turned into "" by `orEmpty`. */
const MISSING = Symbol('missing');
type TemplateValue = JsonValue | Readonly<Record<string, string>> | typeof MISSING;

const FIELDS = ['JsonData', 'SecureJsonData', 'URL'] as const;

/**
 * Renders a plugin.json route template the way Grafana's `interpolateString` does with Go's text/template and its one
 * extra function, `orEmpty`. Supported: text, `{{ .Field.key... }}`, string literals, pipelines and calls of
 * `orEmpty`, `{{- -}}` trimming and comments (`{{/* ... *\/}}`). A missing key prints `<no value>` (Go's default), JSON
 * numbers print as written, objects as Go prints maps (`map[a:1 b:x]`).
 *
 * @throws GoTemplateError for what Go would reject (unknown field or function, unclosed action) and for Go template
 *   features the sandbox does not emulate (`if`, `range`, variables...), so such a route fails loudly.
 */
export function renderGoTemplate(text: string, data: RouteTemplateData): string {
  let out = '';
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open === -1) {
      out += rest;
      break;
    }
    let literal = rest.slice(0, open);
    let action = rest.slice(open + 2);
    if (/^-[ \t\r\n]/.test(action)) {
      literal = literal.replace(/[ \t\r\n]+$/, '');
      action = action.slice(1);
    }
    out += literal;
    const close = findActionEnd(action);
    if (close === -1) {
      throw new GoTemplateError(`template: content: unclosed action in ${JSON.stringify(text)}`);
    }
    let body = action.slice(0, close);
    rest = action.slice(close + 2);
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      rest = rest.replace(/^[ \t\r\n]+/, '');
    }
    out += evaluateAction(body.trim(), data);
  }
  return out;
}

/** Index of the `}}` closing an action, skipping string literals. */
function findActionEnd(action: string): number {
  let quote: string | undefined;
  for (let i = 0; i < action.length; i++) {
    const c = action[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        i++;
      } else if (c === quote) {
        quote = undefined;
      }
    } else if (c === '"' || c === '`') {
      quote = c;
    } else if (c === '}' && action[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

function evaluateAction(body: string, data: RouteTemplateData): string {
  if (body.startsWith('/*') && body.endsWith('*/')) {
    return '';
  }
  if (body === '') {
    throw new GoTemplateError('template: content: missing value for command');
  }
  let value: TemplateValue | undefined;
  for (const command of splitOutsideQuotes(body, '|')) {
    const words = splitWords(command.trim());
    if (words.length === 0) {
      throw new GoTemplateError('template: content: missing command');
    }
    value = evaluateCommand(words, value, data);
  }
  return formatValue(value ?? MISSING);
}

function evaluateCommand(words: string[], piped: TemplateValue | undefined, data: RouteTemplateData): TemplateValue {
  const [head, ...args] = words;
  if (isOperand(head)) {
    if (args.length > 0 || piped !== undefined) {
      throw new GoTemplateError(`template: content: can't give argument to non-function ${head}`);
    }
    return evaluateOperand(head, data);
  }
  if (head !== 'orEmpty') {
    const unsupported = ['if', 'range', 'with', 'define', 'template', 'block', 'end', 'else'].includes(head);
    throw new GoTemplateError(
      unsupported
        ? `template: the sandbox does not emulate Go template action "${head}"`
        : `template: content: function "${head}" not defined`
    );
  }
  const values = args.map((arg) => evaluateOperand(arg, data));
  if (piped !== undefined) {
    values.push(piped);
  }
  if (values.length !== 1) {
    throw new GoTemplateError(`template: content: wrong number of args for orEmpty: want 1 got ${values.length}`);
  }
  const [value] = values;
  return value === MISSING || value === null ? '' : value;
}

function isOperand(word: string): boolean {
  return word.startsWith('.') || word.startsWith('"') || word.startsWith('`') || /^-?\d/.test(word);
}

function evaluateOperand(word: string, data: RouteTemplateData): TemplateValue {
  if (word.startsWith('"')) {
    return JSON.parse(word) as string;
  }
  if (word.startsWith('`')) {
    return word.slice(1, -1);
  }
  if (/^-?\d/.test(word)) {
    return Number(word);
  }
  if (word === '.') {
    throw new GoTemplateError('template: the sandbox does not print the whole template data ({{ . }})');
  }
  const [field, ...keys] = word.slice(1).split('.');
  if (!(FIELDS as readonly string[]).includes(field)) {
    throw new GoTemplateError(
      `template: content: executing "content": can't evaluate field ${field} in type pluginproxy.templateData`
    );
  }
  let value: TemplateValue = data[field as (typeof FIELDS)[number]];
  for (const key of keys) {
    value = lookup(value, key);
  }
  return value;
}

function lookup(value: TemplateValue, key: string): TemplateValue {
  if (value === MISSING || value === null) {
    return MISSING; // Go: a field of an invalid value is invalid, not an error
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, JsonValue>)[key] : MISSING;
  }
  const goType = typeof value === 'string' ? 'string' : Array.isArray(value) ? '[]interface {}' : typeof value;
  throw new GoTemplateError(`template: content: can't evaluate field ${key} in type ${goType}`);
}

/** How Go's fmt prints the value (`%v`), with json.Number literals as written. */
function formatValue(value: TemplateValue): string {
  if (value === MISSING || value === null) {
    return '<no value>';
  }
  return formatNested(value);
}

function formatNested(value: JsonValue | Readonly<Record<string, string>>): string {
  if (value === null) {
    return '<nil>';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(formatNested).join(' ')}]`;
  }
  const object = value as JsonObject;
  const keys = Object.keys(object).sort();
  return `map[${keys.map((key) => `${key}:${formatNested(object[key])}`).join(' ')}]`;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        current += c + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) {
        quote = undefined;
      }
    } else if (c === '"' || c === '`') {
      quote = c;
    } else if (c === separator) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

function splitWords(command: string): string[] {
  return splitOutsideQuotes(command.replace(/[\t\r\n]/g, ' '), ' ').filter((word) => word !== '');
}

/** Template data for a datasource, as Grafana's `ApplyRoute` builds it. */
export function routeTemplateData(
  jsonData: JsonValue,
  secureJsonData: Readonly<Record<string, string>>,
  url: string
): RouteTemplateData {
  return { JsonData: isJsonObject(jsonData) ? jsonData : {}, SecureJsonData: secureJsonData, URL: url };
}
