/**
 * Variable value formats, by the ids Grafana documents for `${var:format}` (Grafana's own registry lives in
 * @grafana/scenes, which plugins do not get; this is our implementation of the same rules). A formatter receives the
 * variable's value (a string, a number or, for multi-value and All, an array), the arguments written after the
 * format (`${__from:date:iso}` → `['iso']`) and a little about the variable.
 */
import { dateTime, escapeRegex, textUtil } from '@grafana/data';

/** What a value of a variable can be once looked up. */
export type FormatValue = string | number | boolean | Array<string | number | boolean>;

/** What formats may know about the variable being formatted. */
export interface FormatContext {
  name: string;
  /** Text of the current value, as shown in the variables bar (multi-value texts joined with ` + `). */
  text: string;
}

type Formatter = (value: FormatValue, args: string[], variable: FormatContext) => string;

/** The format used when none is written: glob. */
export const DEFAULT_FORMAT = 'glob';

const formatters: Record<string, Formatter> = {
  lucene: (value) => {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        return '__empty__';
      }
      return `(${value.map((v) => `"${luceneEscape(String(v))}"`).join(' OR ')})`;
    }
    return luceneEscape(String(value));
  },
  raw: (value) => String(value),
  regex: (value) => {
    if (Array.isArray(value)) {
      const escaped = value.map((v) => escapeRegex(String(v)));
      return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
    }
    return escapeRegex(String(value));
  },
  pipe: (value) => (Array.isArray(value) ? value.join('|') : String(value)),
  distributed: (value, _args, variable) => {
    if (!Array.isArray(value)) {
      return String(value);
    }
    return value.map((v, i) => (i === 0 ? String(v) : `${variable.name}=${v}`)).join(',');
  },
  csv: (value) => (Array.isArray(value) ? value.join(',') : String(value)),
  html: (value) => textUtil.escapeHtml(Array.isArray(value) ? value.join(', ') : String(value)),
  json: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  percentencode: (value) =>
    Array.isArray(value) ? encodeURIComponentStrict(`{${value.join(',')}}`) : encodeURIComponentStrict(String(value)),
  uriencode: (value) =>
    Array.isArray(value) ? encodeURIStrict(`{${value.join(',')}}`) : encodeURIStrict(String(value)),
  singlequote: (value) => quoteEach(value, (v) => `'${v.replace(/'/g, "\\'")}'`),
  doublequote: (value) => quoteEach(value, (v) => `"${v.replace(/"/g, '\\"')}"`),
  // Single quotes doubled, double quotes backslash-escaped: Grafana's sqlstring.
  sqlstring: (value) => quoteEach(value, (v) => `'${v.replace(/'|"/g, (m) => (m === "'" ? "''" : '\\"'))}'`),
  join: (value, args) => (Array.isArray(value) ? value.join(args[0] ?? ',') : String(value)),
  date: (value, args) => {
    const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseInt(value, 10) : NaN;
    if (isNaN(ms)) {
      return 'NaN';
    }
    const arg = args[0] ?? 'iso';
    switch (arg) {
      case 'ms':
        return String(value);
      case 'seconds':
        return `${Math.round(ms / 1000)}`;
      case 'iso':
        return dateTime(ms).toISOString();
      default:
        // A custom moment format may itself contain ':' (`HH:mm`), which split it into several args.
        return dateTime(ms).format(args.join(':'));
    }
  },
  glob: (value) => (Array.isArray(value) && value.length > 1 ? `{${value.join(',')}}` : String(value)),
  text: (_value, _args, variable) => variable.text,
  queryparam: (value, _args, variable) => {
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => `var-${variable.name}=${encodeURIComponentStrict(String(v))}`).join('&');
  },
};

/** The ids of every format this host knows. */
export const FORMAT_IDS: readonly string[] = Object.keys(formatters);

/**
 * Formats a value with a format written as `id` or `id:arg1:arg2`. An unknown id falls back to glob, as in Grafana.
 */
export function formatWith(format: string | undefined, value: FormatValue, variable: FormatContext): string {
  const [id, ...args] = (format || DEFAULT_FORMAT).split(':');
  const formatter = formatters[id] ?? formatters[DEFAULT_FORMAT];
  return formatter(value, args, variable);
}

function quoteEach(value: FormatValue, quote: (v: string) => string): string {
  return Array.isArray(value) ? value.map((v) => quote(String(v))).join(',') : quote(String(value));
}

function luceneEscape(value: string): string {
  // Numbers are left alone, like Grafana does.
  if (value.trim() !== '' && !isNaN(Number(value))) {
    return value;
  }
  return value.replace(/([\!\*\+\-\=<>\s\&\|\(\)\[\]\{\}\^\~\?\:\\/"])/g, '\\$1');
}

/** RFC 3986: also encodes `!'()*`, which encodeURIComponent leaves alone. */
export function encodeURIComponentStrict(value: string): string {
  return toAsciiEscapes(encodeURIComponent(value));
}

function encodeURIStrict(value: string): string {
  return toAsciiEscapes(encodeURI(value));
}

function toAsciiEscapes(value: string): string {
  return value.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
