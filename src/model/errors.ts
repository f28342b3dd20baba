/** Which input a decode error is about. */
export type ProfileFormat =
  'connect-flamegraph' | 'connect-flamegraph-diff' | 'flamebearer' | 'pprof' | 'folded' | 'frame';

/** Where in the input a decode error was found; every part is optional. */
export interface DecodeErrorLocation {
  /** JSON path or field name, e.g. `flamegraph.levels[3].values`. */
  field?: string;
  /** Depth in the flame graph. */
  level?: number;
  /** Node index within its level, or node id in the nested set. */
  node?: number;
  /** Byte offset (binary formats) or line number (text formats). */
  offset?: number;
}

/**
 * A decoder could not read its input. The message says which format, which field and where, so that it can be
 * shown to a user as is; `location` carries the same facts for code.
 */
export class ProfileDecodeError extends Error {
  readonly format: ProfileFormat;
  readonly location: DecodeErrorLocation;

  constructor(
    format: ProfileFormat,
    problem: string,
    location: DecodeErrorLocation = {},
    options?: { cause?: unknown }
  ) {
    super(`${FORMAT_NAMES[format]}: ${problem}${describeLocation(location)}`, options);
    this.name = 'ProfileDecodeError';
    this.format = format;
    this.location = location;
  }
}

const FORMAT_NAMES: Record<ProfileFormat, string> = {
  'connect-flamegraph': 'flame graph response',
  'connect-flamegraph-diff': 'diff flame graph response',
  flamebearer: 'flamebearer response',
  pprof: 'pprof profile',
  folded: 'folded stacks',
  frame: 'flame graph data frame',
};

function describeLocation(loc: DecodeErrorLocation): string {
  const parts: string[] = [];
  if (loc.field !== undefined) {
    parts.push(`field ${loc.field}`);
  }
  if (loc.level !== undefined) {
    parts.push(`level ${loc.level}`);
  }
  if (loc.node !== undefined) {
    parts.push(`node ${loc.node}`);
  }
  if (loc.offset !== undefined) {
    parts.push(`offset ${loc.offset}`);
  }
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * Why a pattern was rejected. The first fourteen are the error texts of Go's `regexp/syntax` (what pprof's
 * `-focus`/`-ignore`/`-hide` report for the same pattern), so a user who knows pprof reads the same words;
 * `empty pattern` is ours (pprof reads an empty flag as "no filter").
 */
export type PatternErrorCode =
  | 'invalid character class'
  | 'invalid character class range'
  | 'invalid escape sequence'
  | 'invalid named capture'
  | 'invalid or unsupported Perl syntax'
  | 'invalid nested repetition operator'
  | 'invalid repeat count'
  | 'missing closing ]'
  | 'missing closing )'
  | 'missing argument to repetition operator'
  | 'trailing backslash at end of expression'
  | 'unexpected )'
  | 'expression nests too deeply'
  | 'expression too large'
  | 'empty pattern';

/**
 * A frame filter's pattern is not a valid regular expression in Go's syntax (the syntax pprof's filters use).
 * `expr` is the offending part of the pattern, `offset` where it starts (UTF-16 units); `hint` says what to write
 * instead when the pattern uses a construct of other regex dialects (lookaround, backreferences, possessive
 * quantifiers). Returned, not thrown, by the filter functions, so a panel can show it next to the filter.
 */
export class FilterPatternError extends Error {
  readonly pattern: string;
  readonly code: PatternErrorCode;
  readonly expr: string;
  readonly offset: number;
  readonly hint?: string;

  constructor(pattern: string, code: PatternErrorCode, expr: string, offset: number, hint?: string) {
    super(
      `invalid pattern ${JSON.stringify(pattern)}: ${code}${expr === '' ? '' : ` \`${expr}\``}${hint ? ` (${hint})` : ''}`
    );
    this.name = 'FilterPatternError';
    this.pattern = pattern;
    this.code = code;
    this.expr = expr;
    this.offset = offset;
    if (hint !== undefined) {
      this.hint = hint;
    }
  }
}

/** An entry of a serialised filter list (`hide:re:^runtime\.;focus:exact:main.main`) could not be read. */
export class FilterListSyntaxError extends Error {
  /** The entry as written, and its 0-based position in the list. */
  readonly entry: string;
  readonly index: number;

  constructor(entry: string, index: number, problem: string) {
    super(`filter ${index + 1} ${JSON.stringify(entry)}: ${problem}`);
    this.name = 'FilterListSyntaxError';
    this.entry = entry;
    this.index = index;
  }
}
