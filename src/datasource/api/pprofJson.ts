import { ProfileDecodeError } from '../../model/errors';

/**
 * Writes the protobuf bytes of a `google.v1.Profile` (pprof's `profile.proto`) from its protojson form, as Grafana
 * Pyroscope's Connect API answers `SelectMergeProfile` and `SelectMergeStacktraces` with `PROFILE_FORMAT_PPROF`.
 *
 * protojson rules read here: field names in lowerCamelCase or as in the .proto (`sampleType`, `sample_type`);
 * 64-bit integers as decimal strings (or numbers); zero values and empty lists may be left out; unknown fields are
 * ignored. Values are written as they came (uint64 and negative int64 through BigInt, so nothing is rounded).
 * A value of the wrong type throws `ProfileDecodeError` naming the field.
 */

type Json = Record<string, unknown>;

/** A field: its number, its JSON and proto names, and how it is written. */
type Field = [number, string, string, Kind];
type Kind = 'int' | 'ints' | 'strings' | 'bool' | Field[];

const VALUE_TYPE: Field[] = [
  [1, 'type', 'type', 'int'],
  [2, 'unit', 'unit', 'int'],
];
const LABEL: Field[] = [
  [1, 'key', 'key', 'int'],
  [2, 'str', 'str', 'int'],
  [3, 'num', 'num', 'int'],
  [4, 'numUnit', 'num_unit', 'int'],
];
const SAMPLE: Field[] = [
  [1, 'locationId', 'location_id', 'ints'],
  [2, 'value', 'value', 'ints'],
  [3, 'label', 'label', LABEL],
];
const MAPPING: Field[] = [
  [1, 'id', 'id', 'int'],
  [2, 'memoryStart', 'memory_start', 'int'],
  [3, 'memoryLimit', 'memory_limit', 'int'],
  [4, 'fileOffset', 'file_offset', 'int'],
  [5, 'filename', 'filename', 'int'],
  [6, 'buildId', 'build_id', 'int'],
  [7, 'hasFunctions', 'has_functions', 'bool'],
  [8, 'hasFilenames', 'has_filenames', 'bool'],
  [9, 'hasLineNumbers', 'has_line_numbers', 'bool'],
  [10, 'hasInlineFrames', 'has_inline_frames', 'bool'],
];
const LINE: Field[] = [
  [1, 'functionId', 'function_id', 'int'],
  [2, 'line', 'line', 'int'],
  [3, 'column', 'column', 'int'],
];
const LOCATION: Field[] = [
  [1, 'id', 'id', 'int'],
  [2, 'mappingId', 'mapping_id', 'int'],
  [3, 'address', 'address', 'int'],
  [4, 'line', 'line', LINE],
  [5, 'isFolded', 'is_folded', 'bool'],
];
const FUNCTION: Field[] = [
  [1, 'id', 'id', 'int'],
  [2, 'name', 'name', 'int'],
  [3, 'systemName', 'system_name', 'int'],
  [4, 'filename', 'filename', 'int'],
  [5, 'startLine', 'start_line', 'int'],
];
const PROFILE: Field[] = [
  [1, 'sampleType', 'sample_type', VALUE_TYPE],
  [2, 'sample', 'sample', SAMPLE],
  [3, 'mapping', 'mapping', MAPPING],
  [4, 'location', 'location', LOCATION],
  [5, 'function', 'function', FUNCTION],
  [6, 'stringTable', 'string_table', 'strings'],
  [7, 'dropFrames', 'drop_frames', 'int'],
  [8, 'keepFrames', 'keep_frames', 'int'],
  [9, 'timeNanos', 'time_nanos', 'int'],
  [10, 'durationNanos', 'duration_nanos', 'int'],
  [11, 'periodType', 'period_type', VALUE_TYPE],
  [12, 'period', 'period', 'int'],
  [13, 'comment', 'comment', 'ints'],
  [14, 'defaultSampleType', 'default_sample_type', 'int'],
];

/** The pprof bytes (not gzipped) of a protojson `google.v1.Profile`. */
export function pprofFromJson(profile: unknown): Uint8Array {
  if (!isObject(profile)) {
    throw new ProfileDecodeError('pprof', 'the profile is not a JSON object');
  }
  const out = new Writer();
  writeMessage(out, profile, PROFILE, 'profile');
  return out.finish();
}

function writeMessage(out: Writer, msg: Json, fields: readonly Field[], path: string): void {
  for (const [num, json, proto, kind] of fields) {
    const v = msg[json] ?? msg[proto];
    if (v === undefined || v === null) {
      continue;
    }
    const where = `${path}.${json}`;
    if (kind === 'int') {
      const n = int64(v, where);
      if (n !== BigInt(0)) {
        out.tag(num, 0);
        out.varint(n);
      }
    } else if (kind === 'bool') {
      if (typeof v !== 'boolean') {
        throw bad(where, v);
      }
      if (v) {
        out.tag(num, 0);
        out.varint(BigInt(1));
      }
    } else if (kind === 'ints') {
      const list = array(v, where).map((x, i) => int64(x, `${where}[${i}]`));
      if (list.length > 0) {
        const packed = new Writer();
        list.forEach((n) => packed.varint(n));
        out.tag(num, 2);
        out.bytes(packed.finish());
      }
    } else if (kind === 'strings') {
      array(v, where).forEach((s, i) => {
        if (typeof s !== 'string') {
          throw bad(`${where}[${i}]`, s);
        }
        out.tag(num, 2);
        out.bytes(new TextEncoder().encode(s));
      });
    } else {
      const items = Array.isArray(v) ? v : [v];
      items.forEach((item, i) => {
        if (!isObject(item)) {
          throw bad(`${where}[${i}]`, item);
        }
        const sub = new Writer();
        writeMessage(sub, item, kind, `${where}[${i}]`);
        out.tag(num, 2);
        out.bytes(sub.finish());
      });
    }
  }
}

/** A 64-bit integer field, as protojson writes it (a decimal string) or reads it (a number too). */
function int64(v: unknown, where: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v)) {
    return BigInt(v);
  }
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(BigInt(1) << BigInt(63)) && n < BigInt(1) << BigInt(64)) {
      return n;
    }
  }
  throw bad(where, v);
}

function array(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) {
    throw bad(where, v);
  }
  return v;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(where: string, value: unknown): ProfileDecodeError {
  const shown = JSON.stringify(value)?.slice(0, 40) ?? String(value);
  return new ProfileDecodeError('pprof', `${where} has an unexpected value ${shown}`);
}

/** A growing protobuf byte buffer. */
class Writer {
  private buf = new Uint8Array(256);
  private len = 0;

  tag(field: number, wireType: number): void {
    this.varint(BigInt(field * 8 + wireType));
  }

  /** A varint; negative values as 64-bit two's complement, as protobuf writes int64. */
  varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    if (v < BigInt(0x80)) {
      this.byte(Number(v));
      return;
    }
    // Small values take the fast path through Number arithmetic.
    if (v <= BigInt(Number.MAX_SAFE_INTEGER)) {
      let n = Number(v);
      while (n >= 0x80) {
        this.byte((n % 0x80) | 0x80);
        n = Math.floor(n / 0x80);
      }
      this.byte(n);
      return;
    }
    const mask = BigInt(0x7f);
    const shift = BigInt(7);
    while (v >= BigInt(0x80)) {
      this.byte(Number(v & mask) | 0x80);
      v >>= shift;
    }
    this.byte(Number(v));
  }

  bytes(b: Uint8Array): void {
    this.varint(BigInt(b.length));
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  private reserve(n: number): void {
    if (this.len + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
  }
}
