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
