import { gzipSync } from 'fflate';

import { gunzip, isGzip } from '../../src/model/gzip';
import { ProtoReader, WireType } from '../../src/model/protobuf';
import { ProfileField, SampleField } from '../../src/model/pprofSchema';
import { ProtoWriter } from '../../src/model/protobufWriter';

/**
 * Byte-level pprof rewrites the model's decoder has no use for, done on the wire format so nothing else changes:
 * - splitting a profile by its samples' string labels, as Grafana Pyroscope's segment writers do (a sample labelled
 *   `function=slow` lands in a series with that label); `profile_id`, `span_id` and `trace_id` are exemplar ids,
 *   not series labels;
 * - replacing `time_nanos`, so tests can send a real fixture "as an agent would, now".
 */

const LabelField = { key: 1, str: 2 } as const;
const EXEMPLAR_LABELS = new Set(['profile_id', 'span_id', 'trace_id']);

/** Samples sharing one set of string labels, as a standalone (uncompressed) pprof. */
export interface PprofLabelGroup {
  labels: Record<string, string>;
  bytes: Uint8Array;
}

/** Unwraps gzip when present. */
export function rawPprof(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzip(bytes, 'pprof') : bytes;
}

/** Splits an uncompressed pprof by sample labels; without any labels the result is the input, unchanged. */
export function splitPprofByLabels(raw: Uint8Array): PprofLabelGroup[] {
  const r = new ProtoReader(raw);
  const common: Array<[number, number]> = [];
  const samples: Array<[number, number]> = [];
  const strings: string[] = [];
  while (!r.atEnd) {
    const start = r.pos;
    const key = r.readKey();
    const field = key >>> 3;
    if (field === ProfileField.stringTable) {
      r.expectWireType(key, WireType.LengthDelimited, 'string_table');
      strings.push(r.readString());
    } else {
      r.skipField(key & 7);
    }
    (field === ProfileField.sample ? samples : common).push([start, r.pos]);
  }
  const groups = new Map<string, { labels: Record<string, string>; ranges: Array<[number, number]> }>();
  for (const range of samples) {
    const labels = sampleLabels(r, range, strings);
    const key = Object.keys(labels)
      .sort()
      .map((k) => `${k}\u0001${labels[k]}`)
      .join('\u0002');
    let group = groups.get(key);
    if (!group) {
      group = { labels, ranges: [] };
      groups.set(key, group);
    }
    group.ranges.push(range);
  }
  if (groups.size <= 1) {
    const only = groups.values().next().value;
    return [{ labels: only ? only.labels : {}, bytes: raw }];
  }
  return Array.from(groups.values(), (g) => ({ labels: g.labels, bytes: concatRanges(raw, [...common, ...g.ranges]) }));
}

/** String labels of the sample whose top-level field occupies `range` (key included). */
function sampleLabels(r: ProtoReader, range: [number, number], strings: string[]): Record<string, string> {
  r.reset(range[0], range[1]);
  r.readKey();
  const outer = r.enter();
  const labels: Record<string, string> = {};
  while (!r.atEnd) {
    const key = r.readKey();
    if (key >>> 3 !== SampleField.label || (key & 7) !== WireType.LengthDelimited) {
      r.skipField(key & 7);
      continue;
    }
    const labelOuter = r.enter();
    let k = 0;
    let v = 0;
    while (!r.atEnd) {
      const lk = r.readKey();
      if (lk >>> 3 === LabelField.key && (lk & 7) === WireType.Varint) {
        k = r.readInt64();
      } else if (lk >>> 3 === LabelField.str && (lk & 7) === WireType.Varint) {
        v = r.readInt64();
      } else {
        r.skipField(lk & 7);
      }
    }
    r.leave(labelOuter);
    const name = strings[k] ?? '';
    // Numeric labels (str 0) and exemplar ids do not make series.
    if (v !== 0 && name !== '' && !EXEMPLAR_LABELS.has(name)) {
      labels[name] = strings[v] ?? '';
    }
  }
  r.leave(outer);
  return labels;
}

function concatRanges(bytes: Uint8Array, ranges: Array<[number, number]>): Uint8Array {
  let size = 0;
  for (const [a, b] of ranges) {
    size += b - a;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const [a, b] of ranges) {
    out.set(bytes.subarray(a, b), at);
    at += b - a;
  }
  return out;
}

/**
 * Returns a copy of a pprof (gzipped or not) whose `time_nanos` is `timeNanos`, compressed like the input. Real
 * agents stamp each upload with its collection time; the fixtures carry their recording date, which Grafana
 * Pyroscope would use as the profile's timestamp (and reject as outside its ingestion window).
 */
export function setPprofTimeNanos(bytes: Uint8Array, timeNanos: number): Uint8Array {
  const raw = rawPprof(bytes);
  const r = new ProtoReader(raw);
  const kept: Array<[number, number]> = [];
  while (!r.atEnd) {
    const start = r.pos;
    const key = r.readKey();
    r.skipField(key & 7);
    if (key >>> 3 !== ProfileField.timeNanos) {
      kept.push([start, r.pos]);
    }
  }
  const w = new ProtoWriter();
  w.int64Field(ProfileField.timeNanos, timeNanos);
  const field = w.finish();
  const body = concatRanges(raw, kept);
  const out = new Uint8Array(body.length + field.length);
  out.set(body);
  out.set(field, body.length);
  return isGzip(bytes) ? gzipSync(out) : out;
}
