import { inflateSync } from 'fflate';

import { ProfileDecodeError, type ProfileFormat } from './errors';

/**
 * Gzip unwrapping for profile inputs (pprof files are usually gzipped).
 *
 * Why not fflate's `gunzipSync`: it sizes its output from the trailer's ISIZE field. On a truncated file those
 * four bytes are whatever data ended up last, so it may allocate up to 4 GiB, or silently cut the output short
 * when the number is too small. Here the gzip header (RFC 1952) is skipped by hand, the deflate body is inflated
 * into a growing buffer, and the output length is checked against ISIZE (the length mod 2^32), which catches
 * truncation and most corruption without a CRC pass.
 */

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const GZIP_DEFLATE = 8;
const GZIP_HEADER_BYTES = 10;
const GZIP_TRAILER_BYTES = 8;
const FLAG_HCRC = 0x02;
const FLAG_EXTRA = 0x04;
const FLAG_NAME = 0x08;
const FLAG_COMMENT = 0x10;

/** True when `bytes` start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

/** Inflates a single-member gzip file; any damage is a `ProfileDecodeError` for `format`. */
export function gunzip(bytes: Uint8Array, format: ProfileFormat): Uint8Array {
  const fail = (problem: string, offset: number, cause?: unknown) =>
    new ProfileDecodeError(format, `gzip data is corrupt or truncated: ${problem}`, { offset }, { cause });
  if (bytes.length < GZIP_HEADER_BYTES + GZIP_TRAILER_BYTES) {
    throw fail(`only ${bytes.length} bytes`, 0);
  }
  if (bytes[2] !== GZIP_DEFLATE) {
    throw fail(`compression method ${bytes[2]} is not deflate`, 2);
  }
  const flags = bytes[3];
  let pos = GZIP_HEADER_BYTES;
  if (flags & FLAG_EXTRA) {
    pos += 2 + (bytes[pos] | (bytes[pos + 1] << 8));
  }
  if (flags & FLAG_NAME) {
    pos = skipZeroTerminated(bytes, pos);
  }
  if (flags & FLAG_COMMENT) {
    pos = skipZeroTerminated(bytes, pos);
  }
  if (flags & FLAG_HCRC) {
    pos += 2;
  }
  const bodyEnd = bytes.length - GZIP_TRAILER_BYTES;
  if (pos > bodyEnd) {
    throw fail('header runs past the end', GZIP_HEADER_BYTES);
  }
  let out: Uint8Array;
  try {
    out = inflateSync(bytes.subarray(pos, bodyEnd));
  } catch (cause) {
    throw fail(cause instanceof Error ? cause.message : String(cause), pos, cause);
  }
  const t = bodyEnd + 4;
  const expected = (bytes[t] | (bytes[t + 1] << 8) | (bytes[t + 2] << 16) | (bytes[t + 3] << 24)) >>> 0;
  if (out.length % 4294967296 !== expected) {
    throw fail(`inflated to ${out.length} bytes, the trailer says ${expected}`, t);
  }
  return out;
}

function skipZeroTerminated(bytes: Uint8Array, pos: number): number {
  while (pos < bytes.length && bytes[pos] !== 0) {
    pos++;
  }
  return pos + 1;
}
