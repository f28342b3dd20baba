import fc from 'fast-check';

import { ProfileDecodeError } from './errors';
import { NumberList, ProtoReader, WireType } from './protobuf';
import { ProtoWriter } from './testing/protobufWriter';

/** Wire-level facts: varint halves, ten-byte negatives, packed vs unpacked lists, and errors instead of overruns. */

const bytes = (...b: number[]) => new Uint8Array(b);

function expectDecodeError(read: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    read();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ProfileDecodeError);
  expect((thrown as Error).message).toMatch(message);
}

describe('ProtoReader', () => {
  it('reads varints across the 32-bit boundary exactly', () => {
    // 2^35 + 1 = 0x8_0000_0001
    expect(new ProtoReader(bytes(0x81, 0x80, 0x80, 0x80, 0x80, 0x01)).readUint64()).toBe(2 ** 35 + 1);
    expect(new ProtoReader(bytes(0xff, 0xff, 0xff, 0xff, 0x0f)).readUint64()).toBe(2 ** 32 - 1);
    const w = new ProtoWriter();
    w.uint64(Number.MAX_SAFE_INTEGER);
    expect(new ProtoReader(w.finish()).readUint64()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads negative int64 as ten-byte varints', () => {
    const minusOne = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    expect(new ProtoReader(minusOne).readInt64()).toBe(-1);
    expect(new ProtoReader(minusOne).readUint64()).toBe(2 ** 64); // 2^64 - 1, rounded: beyond 2^53
    const w = new ProtoWriter();
    w.int64(-(2 ** 40) - 3);
    const out = w.finish();
    expect(out.length).toBe(10);
    expect(new ProtoReader(out).readInt64()).toBe(-(2 ** 40) - 3);
  });

  it('round-trips any safe integer through writer and reader (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.maxSafeNat(), (signed, unsigned) => {
        const w = new ProtoWriter();
        w.int64(signed);
        w.uint64(unsigned);
        const r = new ProtoReader(w.finish());
        return r.readInt64() === signed && r.readUint64() === unsigned && r.atEnd;
      })
    );
  });

  it('accepts packed and unpacked repeated varints', () => {
    const w = new ProtoWriter();
    w.begin(1);
    [1, 300, 2 ** 40].forEach((v) => w.uint64(v));
    w.end();
    w.uint64Field(1, 7);
    const r = new ProtoReader(w.finish());
    const out = new NumberList();
    while (!r.atEnd) {
      const key = r.readKey();
      r.readRepeatedUint64(key & 7, out, 'ids');
    }
    expect(Array.from(out.values.subarray(0, out.length))).toEqual([1, 300, 2 ** 40, 7]);
  });

  it('keeps nested limits: enter/leave skips unread fields of the inner message', () => {
    const w = new ProtoWriter();
    w.begin(2);
    w.uint64Field(1, 5);
    w.stringField(3, 'héllo');
    w.end();
    w.uint64Field(4, 9);
    const r = new ProtoReader(w.finish());
    expect(r.readKey()).toBe((2 << 3) | WireType.LengthDelimited);
    const outer = r.enter();
    expect(r.readKey() >>> 3).toBe(1);
    expect(r.readUint64()).toBe(5);
    r.leave(outer);
    expect(r.readKey() >>> 3).toBe(4);
    expect(r.readUint64()).toBe(9);
    expect(r.atEnd).toBe(true);
  });

  it('skips every supported wire type', () => {
    const r = new ProtoReader(
      bytes(0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x15, 1, 2, 3, 4, 0x1a, 2, 0xff, 0xff, 0x20, 0x96, 0x01)
    );
    while (!r.atEnd) {
      r.skipField(r.readKey() & 7);
    }
    expect(r.pos).toBe(21);
  });

  it('fails with the offset on overruns, long varints and groups', () => {
    expectDecodeError(() => new ProtoReader(bytes(0x80)).readUint64(), /varint runs past the end.*offset 0/);
    expectDecodeError(() => new ProtoReader(new Uint8Array(11).fill(0xff)).readUint64(), /varint longer than 10 bytes/);
    expectDecodeError(() => new ProtoReader(bytes(0x05, 1)).skipField(WireType.LengthDelimited), /length 5 runs past/);
    const r = new ProtoReader(bytes(0x0a, 0x05, 1));
    r.readKey();
    expectDecodeError(() => r.readLength(), /length 5 runs past the end of the message \(1 bytes left\).*offset 1/);
    expectDecodeError(() => new ProtoReader(bytes(0x0b)).skipField(3), /unsupported wire type 3/);
    expectDecodeError(() => new ProtoReader(bytes(0x09, 1, 2)).skipField(WireType.Fixed64), /runs past the end/);
    expectDecodeError(() => new ProtoReader(bytes(0x00)).readKey(), /invalid field key 0/);
  });

  it('decodes UTF-8 strings, short ASCII and long text alike', () => {
    const long = 'ünïcødé '.repeat(20);
    for (const s of ['', 'main.work', '<b>x</b>', long, '日本']) {
      const w = new ProtoWriter();
      w.stringField(1, s);
      const r = new ProtoReader(w.finish());
      r.readKey();
      expect(r.readString()).toBe(s);
    }
  });
});

describe('ProtoWriter', () => {
  it('writes nested messages with their lengths in front, however long the body', () => {
    const w = new ProtoWriter();
    w.begin(1);
    w.begin(2);
    w.stringField(3, 'x'.repeat(200));
    w.end();
    w.end();
    const out = w.finish();
    // key(1), length 206 (2 bytes), key(2), length 203 (2 bytes), key(3), length 200 (2 bytes), body
    expect(Array.from(out.subarray(0, 9))).toEqual([0x0a, 0xce, 0x01, 0x12, 0xcb, 0x01, 0x1a, 0xc8, 0x01]);
    expect(out.length).toBe(209);
  });

  it('refuses values a uint64 or int64 cannot hold', () => {
    expect(() => new ProtoWriter().uint64(-1)).toThrow(RangeError);
    expect(() => new ProtoWriter().uint64(1.5)).toThrow(RangeError);
    expect(() => new ProtoWriter().int64(Number.NaN)).toThrow(RangeError);
    expect(() => new ProtoWriter().int64(2 ** 63)).toThrow(RangeError);
  });
});
