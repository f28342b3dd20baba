import { gunzipSync, gzipSync } from 'node:zlib';

import { Profile as PprofFile } from 'pprof-format';

import { UploadDecodeError } from './uploadError';

/**
 * pprof files on the test server, read and written with `pprof-format` (DataDog's maintained pure-JS encoder and
 * decoder of `profile.proto`) and Node's zlib: nothing of the datasource's own pprof decoder is used, so a decoding
 * mistake there cannot be hidden by the server reading uploads the same way.
 */

export { PprofFile };

/** A pprof field value: small integers come as numbers, large ones as bigints. */
export type Numeric = number | bigint;

/** A plain number from a pprof integer (above 2^53 rounded, as any JS number). */
export function num(v: Numeric): number {
  return typeof v === 'bigint' ? Number(v) : v;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decodes a pprof, gzipped or not. Throws `UploadDecodeError`. */
export function readPprof(bytes: Uint8Array): PprofFile {
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      throw new UploadDecodeError('pprof', `gzip data is corrupt or truncated: ${(e as Error).message}`);
    }
  }
  try {
    return PprofFile.decode(raw);
  } catch (e) {
    throw new UploadDecodeError('pprof', `not a valid profile.proto message: ${(e as Error).message}`);
  }
}

/** Encodes a pprof, gzipped when `gzip` is set (the usual `.pb.gz`). */
export function writePprof(file: PprofFile, gzip = false): Uint8Array {
  const raw = file.encode();
  return gzip ? new Uint8Array(gzipSync(raw)) : raw;
}

/**
 * Returns a copy of a pprof (gzipped or not) whose `time_nanos` is `timeNanos`, compressed like the input. Real
 * agents stamp each upload with its collection time; the fixtures carry their recording date, which Grafana
 * Pyroscope would use as the profile's timestamp (and reject as outside its ingestion window).
 */
export function setPprofTimeNanos(bytes: Uint8Array, timeNanos: number): Uint8Array {
  const file = readPprof(bytes);
  file.timeNanos = BigInt(Math.round(timeNanos));
  return writePprof(file, isGzip(bytes));
}
