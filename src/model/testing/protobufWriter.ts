import { WireType, type WireTypeValue } from '../protobuf';

let utf8: TextEncoder | undefined;

const TWO_POW_32 = 4294967296;
const TWO_POW_63 = 2 ** 63;
const TWO_POW_64 = 2 ** 64;

/**
 * A minimal protobuf wire-format writer, the counterpart of `ProtoReader`, for tests: they build exact (and
 * deliberately malformed) pprof bytes with it. Nothing shipped writes protobuf.
 *
 * Nested messages are written in place: `begin(field)` writes the key and remembers where the body starts,
 * `end()` then inserts the body's length in front of it (moving the body by the few bytes the length takes).
 * This keeps nesting iterative and needs no temporary buffer per message.
 *
 * Numbers must be integers in the range of the field's type; other values are programming errors and throw a
 * RangeError. Integers above 2^53 are written exactly as the double holds them (e.g. `time_nanos` of today is
 * ~1.7e18, a multiple of 256 once it has been through a JS number): splitting into 32-bit halves loses nothing.
 */
export class ProtoWriter {
  private buf = new Uint8Array(1024);
  private pos = 0;
  private readonly marks: number[] = [];

  /** Writes a field key. */
  key(field: number, wireType: WireTypeValue): void {
    this.uint64(field * 8 + wireType);
  }

  /** Writes a bare unsigned varint. */
  uint64(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value >= TWO_POW_64) {
      throw new RangeError(`protobuf: ${value} is not a uint64`);
    }
    this.varint(value >>> 0, Math.floor(value / TWO_POW_32));
  }

  /** Writes a bare signed int64 varint; negative values take ten bytes (two's complement). */
  int64(value: number): void {
    if (!Number.isInteger(value) || value < -TWO_POW_63 || value >= TWO_POW_63) {
      throw new RangeError(`protobuf: ${value} is not an int64`);
    }
    if (value >= 0) {
      this.varint(value >>> 0, Math.floor(value / TWO_POW_32));
      return;
    }
    const magnitude = -value;
    let lo = magnitude >>> 0;
    let hi = Math.floor(magnitude / TWO_POW_32);
    // Two's complement of the 64-bit magnitude: invert and add one, carrying into the high half.
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    this.varint(lo, hi);
  }

  /** Writes a varint field. */
  uint64Field(field: number, value: number): void {
    this.key(field, WireType.Varint);
    this.uint64(value);
  }

  /** Writes an int64 field. */
  int64Field(field: number, value: number): void {
    this.key(field, WireType.Varint);
    this.int64(value);
  }

  /** Writes a UTF-8 string field. */
  stringField(field: number, value: string): void {
    utf8 ??= new TextEncoder();
    this.bytesField(field, utf8.encode(value));
  }

  /** Writes a length-delimited field holding `bytes`. */
  bytesField(field: number, bytes: Uint8Array): void {
    this.key(field, WireType.LengthDelimited);
    this.uint64(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Starts a nested message or a packed list in field `field`; close it with `end()`. */
  begin(field: number): void {
    this.key(field, WireType.LengthDelimited);
    this.marks.push(this.pos);
  }

  /** Closes the innermost `begin()`: puts the body's length in front of it. */
  end(): void {
    const start = this.marks.pop();
    if (start === undefined) {
      throw new Error('protobuf: end() without begin()');
    }
    const length = this.pos - start;
    const prefix = varintSize(length);
    this.reserve(prefix);
    this.buf.copyWithin(start + prefix, start, this.pos);
    const bodyEnd = this.pos + prefix;
    this.pos = start;
    this.uint64(length);
    this.pos = bodyEnd;
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    if (this.marks.length > 0) {
      throw new Error('protobuf: finish() with an unclosed begin()');
    }
    return this.buf.slice(0, this.pos);
  }

  private varint(lo: number, hi: number): void {
    this.reserve(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi = hi >>> 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  private reserve(count: number): void {
    if (this.pos + count <= this.buf.length) {
      return;
    }
    let size = this.buf.length * 2;
    while (size < this.pos + count) {
      size *= 2;
    }
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }
}

/** Bytes a varint of `value` (non-negative, below 2^53) takes. */
function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}
