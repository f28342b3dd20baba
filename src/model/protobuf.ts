import { ProfileDecodeError } from './errors';

/**
 * A minimal protobuf wire-format reader, enough for pprof (no dependency, no generated code).
 *
 * Why hand-written: pprof profiles are large flat tables (samples, locations, functions, strings); reading them
 * field by field into typed arrays avoids building an object per message. The reader is a cursor (`pos`) with a
 * `limit` for the message being read; nested messages are read by moving the limit (`enter`/`leave`), so nesting
 * needs no recursion and no reader objects.
 *
 * 64-bit varints are read as two 32-bit halves and combined into a JS number: exact up to 2^53, beyond that they
 * lose precision (pprof ids and values above 2^53 do not occur in practice). Negative int64 values are ten-byte
 * two's-complement varints.
 *
 * Every read past the limit, over-long varint or unsupported wire type throws `ProfileDecodeError('pprof', …)`
 * with the byte offset, so a truncated or hostile input fails with a message instead of a hang or a RangeError.
 */

/** Protobuf wire types (the low three bits of a field key). */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

export type WireTypeValue = (typeof WireType)[keyof typeof WireType];

const TWO_POW_32 = 4294967296;
/** A varint is at most ten bytes: 64 bits in 7-bit groups. */
const MAX_VARINT_BYTES = 10;
/** Field numbers are at most 2^29 - 1, so a key (field << 3 | wire type) fits in 32 bits. */
const MAX_KEY = 0xffffffff;

let utf8: TextDecoder | undefined;

/** UTF-8 text of `bytes[start, end)`; malformed sequences become U+FFFD (pprof does not validate strings). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  // Most pprof strings are short ASCII symbol names: building them directly avoids a TextDecoder call per string.
  if (end - start <= 64) {
    let s = '';
    let i = start;
    for (; i < end; i++) {
      const c = bytes[i];
      if (c >= 0x80) {
        break;
      }
      s += String.fromCharCode(c);
    }
    if (i === end) {
      return s;
    }
  }
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(bytes.subarray(start, end));
}

/** A growable list of numbers in a typed array, reused across messages so hot loops allocate nothing. */
export class NumberList {
  values = new Float64Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }
}

/** Reads protobuf fields from `bytes`; see the file comment for the cursor and limit model. */
export class ProtoReader {
  /** Offset of the next byte to read. */
  pos: number;
  /** End of the message being read (exclusive). */
  limit: number;
  private lo = 0;
  private hi = 0;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    end = bytes.length
  ) {
    this.pos = start;
    this.limit = end;
  }

  /** Moves the cursor to the message `bytes[start, end)`. */
  reset(start: number, end: number): void {
    this.pos = start;
    this.limit = end;
  }

  /** True when the current message has been read completely. */
  get atEnd(): boolean {
    return this.pos >= this.limit;
  }

  /** Reads a field key; `key >>> 3` is the field number and `key & 7` the wire type. */
  readKey(): number {
    const at = this.pos;
    const key = this.readUint64();
    if (key > MAX_KEY || key >>> 3 === 0) {
      throw this.error(`invalid field key ${key}`, at);
    }
    return key;
  }

  /** Reads an unsigned varint (uint64, uint32, or an int64 known to be non-negative). */
  readUint64(): number {
    const pos = this.pos;
    if (pos < this.limit) {
      const b = this.bytes[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    this.readVarintHalves();
    return this.hi * TWO_POW_32 + this.lo;
  }

  /** Reads a signed (two's complement) int64 varint. */
  readInt64(): number {
    const pos = this.pos;
    if (pos < this.limit) {
      const b = this.bytes[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    this.readVarintHalves();
    if (this.hi & 0x80000000) {
      // Negative: value = -(~bits + 1), computed on the halves so no bit is lost before the final sum.
      return -((~this.hi >>> 0) * TWO_POW_32 + (~this.lo >>> 0) + 1);
    }
    return this.hi * TWO_POW_32 + this.lo;
  }

  /** Reads the length prefix of a length-delimited field and checks that its bytes are all there. */
  readLength(): number {
    const at = this.pos;
    const length = this.readUint64();
    if (length > this.limit - this.pos) {
      throw this.error(`length ${length} runs past the end of the message (${this.limit - this.pos} bytes left)`, at);
    }
    return length;
  }

  /** Reads a length-delimited UTF-8 string. */
  readString(): string {
    const length = this.readLength();
    const start = this.pos;
    this.pos += length;
    return decodeUtf8(this.bytes, start, start + length);
  }

  /** Starts reading a nested message: returns the outer limit, to be given back to `leave`. */
  enter(): number {
    const length = this.readLength();
    const outer = this.limit;
    this.limit = this.pos + length;
    return outer;
  }

  /** Finishes a nested message started with `enter`, skipping whatever was not read. */
  leave(outerLimit: number): void {
    this.pos = this.limit;
    this.limit = outerLimit;
  }

  /**
   * Reads one or more values of a repeated varint field into `out`: packed (wire type 2, the proto3 default) or
   * unpacked (one varint per key); writers may use either, readers must accept both.
   */
  readRepeatedUint64(wireType: number, out: NumberList, field: string): void {
    this.readRepeated(wireType, out, field, false);
  }

  /** Like `readRepeatedUint64` for int64 values, which may be negative. */
  readRepeatedInt64(wireType: number, out: NumberList, field: string): void {
    this.readRepeated(wireType, out, field, true);
  }

  /** Checks that a known field arrived with the wire type its schema gives it. */
  expectWireType(key: number, wireType: WireTypeValue, field: string): void {
    if ((key & 7) !== wireType) {
      throw this.error(`field ${field} has wire type ${key & 7}, expected ${wireType}`, this.pos);
    }
  }

  /** Skips the value of a field of an unknown or unused number. Groups (wire types 3 and 4) are not supported. */
  skipField(wireType: number): void {
    const at = this.pos;
    switch (wireType) {
      case WireType.Varint:
        this.readVarintHalves();
        return;
      case WireType.Fixed64:
        this.skipBytes(8, at);
        return;
      case WireType.LengthDelimited: {
        const length = this.readLength();
        this.pos += length;
        return;
      }
      case WireType.Fixed32:
        this.skipBytes(4, at);
        return;
      default:
        throw this.error(`unsupported wire type ${wireType}`, at);
    }
  }

  /** A decode error at `offset` (the cursor by default). */
  error(problem: string, offset = this.pos): ProfileDecodeError {
    return new ProfileDecodeError('pprof', problem, { offset });
  }

  private readRepeated(wireType: number, out: NumberList, field: string, signed: boolean): void {
    if (wireType === WireType.Varint) {
      out.push(signed ? this.readInt64() : this.readUint64());
      return;
    }
    if (wireType !== WireType.LengthDelimited) {
      throw this.error(`field ${field} has wire type ${wireType}, expected a varint or a packed list`);
    }
    const outer = this.enter();
    while (this.pos < this.limit) {
      out.push(signed ? this.readInt64() : this.readUint64());
    }
    this.leave(outer);
  }

  private skipBytes(count: number, at: number): void {
    if (count > this.limit - this.pos) {
      throw this.error(`fixed-size field runs past the end of the message`, at);
    }
    this.pos += count;
  }

  /** Reads a varint of up to ten bytes into `lo` and `hi` (unsigned 32-bit halves). */
  private readVarintHalves(): void {
    const bytes = this.bytes;
    const limit = this.limit;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (pos >= limit) {
        throw this.error('varint runs past the end of the message', start);
      }
      const b = bytes[pos++];
      const bits = b & 0x7f;
      if (i < 4) {
        lo |= bits << (7 * i);
      } else if (i === 4) {
        // Byte 5 straddles the halves: 4 bits finish `lo`, 3 bits start `hi`.
        lo |= bits << 28;
        hi = bits >>> 4;
      } else {
        // Bytes 6..10 fill `hi` from bit 3; bits past 64 (in a malformed tenth byte) shift out and are dropped.
        hi |= bits << (7 * (i - 5) + 3);
      }
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw this.error('varint longer than 10 bytes', start);
  }
}
