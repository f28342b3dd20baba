import { ProfileDecodeError } from './errors';
import { decodeUtf8 } from './protobuf';

/**
 * Flat tables the pprof decoder fills in its first pass, all typed arrays so that no object is made per message:
 * byte ranges of repeated messages (read later, once the string table is known), the lazily decoded string
 * table, and sparse-id-to-dense-index maps.
 */

/** Byte ranges `[start, end)` of the messages of one repeated field, in input order. */
export class RangeList {
  private data = new Int32Array(256);
  length = 0;

  push(start: number, end: number): void {
    if (this.length * 2 === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length * 2] = start;
    this.data[this.length * 2 + 1] = end;
    this.length++;
  }

  start(i: number): number {
    return this.data[i * 2];
  }

  end(i: number): number {
    return this.data[i * 2 + 1];
  }
}

/** The pprof string table, decoded entry by entry on first use (most entries are label values never needed). */
export class StringTable {
  private readonly cache: Array<string | undefined>;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly ranges: RangeList
  ) {
    this.cache = new Array<string | undefined>(ranges.length);
  }

  get length(): number {
    return this.ranges.length;
  }

  /** Entry `index`; an index outside the table is a decode error naming `field`. */
  get(index: number, field: string, offset: number): string {
    if (index === 0 && this.ranges.length === 0) {
      // Entry 0 must be "" in pprof; a writer that left the table empty means the same.
      return '';
    }
    if (!(index >= 0 && index < this.ranges.length)) {
      throw new ProfileDecodeError(
        'pprof',
        `string index ${index} is outside the string table (${this.ranges.length} entries)`,
        { field, offset }
      );
    }
    let s = this.cache[index];
    if (s === undefined) {
      s = decodeUtf8(this.bytes, this.ranges.start(index), this.ranges.end(index));
      this.cache[index] = s;
    }
    return s;
  }
}

const TWO_POW_32 = 4294967296;

/**
 * Maps pprof ids (non-zero uint64, usually 1..n but allowed to be sparse and large) to dense indexes 0..n-1.
 * Ids below a bound proportional to n go to a direct table; larger ones to an open-addressing hash table keyed by
 * the id as a number. Lookups are O(1) with no Map and no allocation, so they can run once per sample frame.
 */
export class IdIndex {
  private readonly direct: Int32Array;
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(count: number) {
    this.direct = new Int32Array(count * 2 + 16);
    let capacity = 16;
    while (capacity < count * 2) {
      capacity *= 2;
    }
    // Key 0 marks an empty slot: id 0 is reserved in pprof and small ids never reach the hash table anyway.
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Records `id -> index`; false when `id` is already present. */
  set(id: number, index: number): boolean {
    if (id < this.direct.length) {
      if (this.direct[id] !== 0) {
        return false;
      }
      this.direct[id] = index + 1;
      return true;
    }
    let slot = hashId(id) & this.mask;
    while (this.keys[slot] !== 0) {
      if (this.keys[slot] === id) {
        return false;
      }
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = id;
    this.values[slot] = index;
    return true;
  }

  /** The dense index of `id`, or -1. */
  get(id: number): number {
    if (id < this.direct.length) {
      return this.direct[id] - 1;
    }
    let slot = hashId(id) & this.mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === id) {
        return this.values[slot];
      }
      if (key === 0) {
        return -1;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

function hashId(id: number): number {
  const lo = id >>> 0;
  const hi = (id / TWO_POW_32) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
