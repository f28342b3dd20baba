/**
 * The `name` parameter of `/ingest`: `app[.suffix]{k=v,k2=v2}` with unquoted values (Pyroscope's
 * `api/model/labelset/labelset.go`). Ported as the same character-driven state machine, so odd inputs (spaces,
 * a missing `}`) read the same way: keys and values are trimmed, a `,` or `}` ends a value, and an unterminated
 * trailing key is dropped. The app name allows `[a-zA-Z0-9_.\-/]`, keys `[a-zA-Z0-9_.]`.
 */

export interface ParsedLabelSet {
  /** The app name, suffix included (`my-app.cpu`). */
  name: string;
  /** The tags in order of appearance (a repeated key keeps its last value). */
  tags: Record<string, string>;
}

/** The `name` parameter is invalid; the message reads like the server's (`invalid service name: ...`). */
export class LabelSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSetError';
  }
}

const isLabelRune = (c: string) => /^[a-zA-Z0-9_.]$/.test(c);
const isServiceRune = (c: string) => c === '-' || c === '/' || isLabelRune(c);

/** Parses an ingest `name`. Throws `LabelSetError`. */
export function parseLabelSet(text: string): ParsedLabelSet {
  const tags: Record<string, string> = {};
  let name: string | undefined;
  let state: 'name' | 'key' | 'value' | 'done' = 'name';
  let key = '';
  let value = '';
  // The server appends "{" so that a name without tags ends the name state.
  for (const c of `${text}{`) {
    switch (state) {
      case 'name':
        if (c === '{') {
          name = value.trim();
          validateServiceName(name);
          value = '';
          state = 'key';
        } else {
          value += c;
        }
        break;
      case 'key':
        if (c === '}') {
          state = 'done';
        } else if (c === '=') {
          state = 'value';
          value = '';
        } else {
          key += c;
        }
        break;
      case 'value':
        if (c === ',' || c === '}') {
          const k = key.trim();
          if (k !== '__name__') {
            validateLabelName(k);
          }
          tags[k] = value.trim();
          key = '';
          // Like the server, even a `}` returns to reading keys: text after it may add more tags.
          state = 'key';
        } else {
          value += c;
        }
        break;
      case 'done':
        break;
    }
  }
  return { name: name ?? '', tags };
}

function validateServiceName(name: string): void {
  if (name === '') {
    throw new LabelSetError('service name is required');
  }
  for (const c of name) {
    if (!isServiceRune(c)) {
      throw new LabelSetError(`invalid service name: ${name}: character is not allowed: ${quoteRune(c)}`);
    }
  }
}

function validateLabelName(key: string): void {
  if (key === '') {
    throw new LabelSetError('label name is required');
  }
  for (const c of key) {
    if (!isLabelRune(c)) {
      throw new LabelSetError(`invalid label name: ${key}: character is not allowed: ${quoteRune(c)}`);
    }
  }
}

/** Go's `%q` of a rune, for the ASCII cases that matter here. */
function quoteRune(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}
