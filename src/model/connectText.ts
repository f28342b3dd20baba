import { emptyProfile } from './connect';
import { ProfileDecodeError, type ProfileFormat } from './errors';
import { DIFF_STRIDE, SINGLE_STRIDE, levelsToProfile } from './flamegraphLevels';
import { NumberSink, readNumbers } from './jsonNumbers';
import { describeValue, readNull, skipValue } from './jsonSkip';
import {
  JsonScanner,
  JsonSyntaxError,
  JsonTypeError,
  LBRACE,
  LBRACKET,
  LESS_THAN,
  LOWER_N,
  QUOTE,
} from './jsonScanner';
import type { Profile } from './profile';
import type { ValueUnit } from './units';

/**
 * Decodes the TEXT of a `SelectMergeStacktraces` response (or of its `flamegraph` member) in one pass, without
 * `JSON.parse`: int64 strings are read digit by digit straight into typed arrays. The result is the one
 * `decodeConnectFlameGraph(JSON.parse(text), unit)` gives, and where that throws (JSON.parse included) this throws a
 * ProfileDecodeError, which names the field and the UTF-8 byte offset. An empty body or an HTML page (a proxy or
 * login page answering instead of Pyroscope) gets its own message.
 */
export function decodeConnectFlameGraphText(text: string, unit: ValueUnit): Profile {
  return decodeText(text, unit, 'connect-flamegraph');
}

/** Decodes the text of a `Diff` response (or of its `flamegraph` member): 7 numbers per node. */
export function decodeConnectFlameGraphDiffText(text: string, unit: ValueUnit): Profile {
  return decodeText(text, unit, 'connect-flamegraph-diff');
}

/**
 * What one object that may be the flame graph held. `JSON.parse` lets the last of duplicate keys win and the
 * object path only looks at the chosen object, so a wrong type is recorded here and thrown only if this object is
 * the one decoded; syntax errors are thrown at once, since `JSON.parse` would reject the whole body.
 */
interface FlameGraphMembers {
  /** `null` when the key is absent or null (the object path reads `?? []`). */
  names: string[] | null | ProfileDecodeError;
  levels: Float64Array[] | null | ProfileDecodeError;
  hasNamesOrLevels: boolean;
}

interface TopLevel extends FlameGraphMembers {
  /** `undefined` when there is no `flamegraph` key. */
  flamegraph: FlameGraphMembers | null | undefined | ProfileDecodeError;
}

function decodeText(text: string, unit: ValueUnit, format: ProfileFormat): Profile {
  if (typeof text !== 'string') {
    throw new ProfileDecodeError(format, `expected the response text, got ${typeof text}`);
  }
  let sc: JsonScanner | undefined;
  try {
    sc = new JsonScanner(text);
    return decodeBody(sc, unit, format);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const field = sc?.context;
      throw new ProfileDecodeError(format, `not valid JSON: ${e.problem}`, {
        ...(field !== undefined ? { field } : {}),
        offset: e.at,
      });
    }
    // Typed-array allocation for an absurdly large body is the only other thing that can fail here.
    if (e instanceof RangeError) {
      throw new ProfileDecodeError(format, `cannot decode: ${e.message}`, {}, { cause: e });
    }
    throw e;
  }
}

function decodeBody(sc: JsonScanner, unit: ValueUnit, format: ProfileFormat): Profile {
  const c = sc.peek();
  if (sc.pos >= sc.length) {
    throw new ProfileDecodeError(format, 'the response body is empty, expected JSON', { offset: 0 });
  }
  const at = sc.pos;
  const start = JSON.stringify(sc.slice(at, Math.min(at + 60, sc.length)));
  if (c === LESS_THAN) {
    throw new ProfileDecodeError(
      format,
      `the server sent HTML, not JSON (body starts with ${start}): check the URL, or a proxy or login page in front of it`,
      { offset: at }
    );
  }
  if (c !== LBRACE) {
    try {
      skipValue(sc);
      sc.expectEnd();
    } catch (e) {
      // Plain-text answers such as Go's `404 page not found` are better shown than parsed.
      if (e instanceof JsonSyntaxError) {
        throw new ProfileDecodeError(format, `the server did not send JSON (body starts with ${start})`, {
          offset: e.at,
        });
      }
      throw e;
    }
    throw new ProfileDecodeError(format, `expected a JSON object, got ${describeValue(sc, at)}`, { offset: at });
  }
  const top = readTop(sc, format);
  sc.context = undefined;
  sc.expectEnd();

  // Same choice as decodeConnect: the `flamegraph` member if the key exists, else the body if it looks like one.
  let fg: FlameGraphMembers | null;
  if (top.flamegraph !== undefined) {
    if (top.flamegraph instanceof ProfileDecodeError) {
      throw top.flamegraph;
    }
    fg = top.flamegraph;
  } else if (top.hasNamesOrLevels) {
    fg = top;
  } else {
    fg = null;
  }
  const diff = format === 'connect-flamegraph-diff';
  if (fg === null) {
    return emptyProfile(unit, diff);
  }
  if (fg.names instanceof ProfileDecodeError) {
    throw fg.names;
  }
  if (fg.levels instanceof ProfileDecodeError) {
    throw fg.levels;
  }
  if (fg.levels === null || fg.levels.length === 0) {
    return emptyProfile(unit, diff);
  }
  return levelsToProfile({
    names: fg.names ?? [],
    levels: fg.levels,
    stride: diff ? DIFF_STRIDE : SINGLE_STRIDE,
    unit,
    format,
  });
}

/** Reads the top-level object: a possible flame graph itself, and its `flamegraph` member. */
function readTop(sc: JsonScanner, format: ProfileFormat): TopLevel {
  const out: TopLevel = { names: null, levels: null, hasNamesOrLevels: false, flamegraph: undefined };
  sc.enterContainer();
  for (let key = sc.nextKey(true); key !== undefined; key = sc.nextKey(false)) {
    sc.context = key;
    if (readFlameGraphMember(sc, format, '', key, out)) {
      continue;
    }
    const at = sc.pos;
    const c = sc.bytes[at];
    if (key !== 'flamegraph') {
      skipValue(sc);
    } else if (c === LBRACE) {
      out.flamegraph = readFlameGraph(sc, format);
      sc.context = key;
    } else if (c === LOWER_N) {
      readNull(sc);
      out.flamegraph = null;
    } else {
      skipValue(sc);
      out.flamegraph = new ProfileDecodeError(format, `expected an object, got ${describeValue(sc, at)}`, {
        field: 'flamegraph',
        offset: at,
      });
    }
  }
  return out;
}

/** Reads the `flamegraph` object (at `{`). */
function readFlameGraph(sc: JsonScanner, format: ProfileFormat): FlameGraphMembers {
  const out: FlameGraphMembers = { names: null, levels: null, hasNamesOrLevels: false };
  sc.enterContainer();
  for (let key = sc.nextKey(true); key !== undefined; key = sc.nextKey(false)) {
    sc.context = `flamegraph.${key}`;
    if (!readFlameGraphMember(sc, format, 'flamegraph.', key, out)) {
      skipValue(sc);
    }
  }
  return out;
}

/**
 * Reads the value of member `key` into `out` if it is `names` or `levels` (a later duplicate replaces an earlier
 * one, as in JSON.parse); returns false, reading nothing, for any other key.
 */
function readFlameGraphMember(
  sc: JsonScanner,
  format: ProfileFormat,
  prefix: string,
  key: string,
  out: FlameGraphMembers
): boolean {
  if (key !== 'names' && key !== 'levels') {
    return false;
  }
  const field = prefix + key;
  out.hasNamesOrLevels = true;
  const at = sc.pos;
  const c = sc.bytes[at];
  if (c === LOWER_N) {
    readNull(sc);
    out[key] = null;
  } else if (c !== LBRACKET) {
    skipValue(sc);
    const problem =
      key === 'names' ? 'expected an array of strings' : `expected an array, got ${describeValue(sc, at)}`;
    out[key] = new ProfileDecodeError(format, problem, { field, offset: at });
  } else if (key === 'names') {
    out.names = readNames(sc, format, field);
  } else {
    out.levels = readLevels(sc, format, prefix);
  }
  // Anything wrong after this value is reported at this field, not at the last level row.
  sc.context = field;
  return true;
}

/** Reads `names` (at `[`); a non-string element becomes the recorded error, after checking the rest is JSON. */
function readNames(sc: JsonScanner, format: ProfileFormat, field: string): string[] | ProfileDecodeError {
  const at = sc.pos;
  const names: string[] = [];
  try {
    sc.enterContainer();
    for (let first = true; sc.nextElement(first); first = false) {
      if (sc.bytes[sc.pos] !== QUOTE) {
        throw new JsonTypeError('a string', sc.pos, names.length);
      }
      names.push(sc.readString());
    }
    return names;
  } catch (e) {
    if (!(e instanceof JsonTypeError)) {
      throw e;
    }
    sc.pos = at;
    skipValue(sc);
    return new ProfileDecodeError(
      format,
      `expected an array of strings: element ${e.index} is ${describeValue(sc, e.at)}`,
      {
        field,
        offset: e.at,
      }
    );
  }
}

/**
 * Reads `levels` (at `[`): the rows' values go into shared chunks, each row a view of one. The first row that is not
 * `{values: [numbers]}` becomes the recorded error, after checking the rest of the array is JSON.
 */
function readLevels(sc: JsonScanner, format: ProfileFormat, prefix: string): Float64Array[] | ProfileDecodeError {
  const at = sc.pos;
  // protojson writes ~6-14 bytes per value (`"1234567",`); a guess that is short costs one more chunk, not a copy.
  const sink = new NumberSink((sc.length - at) / 7);
  const rows: Float64Array[] = [];
  sc.enterContainer();
  for (let d = 0; sc.nextElement(d === 0); d++) {
    const rowAt = sc.pos;
    const row =
      sc.bytes[rowAt] === LBRACE
        ? readRow(sc, format, `${prefix}levels[${d}].values`, d, sink)
        : new ProfileDecodeError(format, `expected {values: [...]}, got ${describeSkipped(sc, rowAt)}`, {
            field: `${prefix}levels`,
            level: d,
            offset: rowAt,
          });
    if (row instanceof ProfileDecodeError) {
      sc.pos = at;
      skipValue(sc);
      return row;
    }
    rows.push(row);
  }
  return rows;
}

/** Reads one level row object (the last `values` key wins, as in JSON.parse); returns its values or a type error. */
function readRow(
  sc: JsonScanner,
  format: ProfileFormat,
  field: string,
  d: number,
  sink: NumberSink
): Float64Array | ProfileDecodeError {
  let error: ProfileDecodeError | undefined;
  sc.enterContainer();
  for (let key = sc.nextKey(true); key !== undefined; key = sc.nextKey(false)) {
    if (key !== 'values') {
      sc.context = field.slice(0, field.length - 'values'.length) + key;
      skipValue(sc);
      continue;
    }
    sc.context = field;
    sink.restartRow();
    error = undefined;
    const c = sc.peek();
    const at = sc.pos;
    if (c === LOWER_N) {
      readNull(sc);
    } else if (c !== LBRACKET) {
      skipValue(sc);
      error = new ProfileDecodeError(format, `expected an array of numbers, got ${describeValue(sc, at)}`, {
        field,
        level: d,
        offset: at,
      });
    } else {
      try {
        for (let resume = false; !readNumbers(sc, sink, resume); resume = true) {
          sink.grow();
        }
      } catch (e) {
        if (!(e instanceof JsonTypeError)) {
          throw e;
        }
        const index = e.index - sink.rowStart;
        sink.restartRow();
        sc.pos = at;
        skipValue(sc);
        error = new ProfileDecodeError(format, `element ${index} is ${describeValue(sc, e.at)}, not a number`, {
          field,
          level: d,
          offset: e.at,
        });
      }
    }
  }
  return error ?? sink.endRow();
}

/** Describes the value at `at` after skipping it, so that a syntax error in it is reported first. */
function describeSkipped(sc: JsonScanner, at: number): string {
  sc.pos = at;
  skipValue(sc);
  return describeValue(sc, at);
}
