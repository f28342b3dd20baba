import type { Frame, FrameTable } from './frames';
import type { PprofValueType } from './pprofTrees';
import type { SummedTrie } from './store';

/**
 * The merged profile of Grafana Pyroscope's pprof answers (`SelectMergeProfile`, and `SelectMergeStacktraces` with
 * `PROFILE_FORMAT_PPROF`), as protojson writes a `google.v1.Profile`: int64 and uint64 as decimal strings, zero
 * values and empty lists left out, field names in lowerCamelCase.
 *
 * Frames are written as the store kept them: one Function per (name, file, start line), one Location per run of
 * frames that shared a Location in the ingested pprof (its Lines innermost first, each with its line number), and
 * one Sample per trie node with a self value, its stack leaf first. Like the real server it has no truncation by
 * default, one sample type and the period type named by the profile type id, and `timeNanos` = the range's end.
 * Mappings and addresses are not kept by the test server, so Locations have neither.
 */

export interface MergedPprofOptions {
  sampleType: PprofValueType;
  periodType?: PprofValueType;
  /** ns since the epoch. */
  timeNanos: bigint;
}

/** A `google.v1.Profile` as protojson. */
export type ProfileJson = Record<string, unknown>;

export function mergedPprofJson(
  frames: FrameTable,
  parts: readonly SummedTrie[],
  options: MergedPprofOptions
): ProfileJson {
  const strings = new StringTable();
  const functionIds = new Map<string, number>();
  const functions: ProfileJson[] = [];
  const locationIds = new Map<string, number>();
  const locations: ProfileJson[] = [];
  const samples: ProfileJson[] = [];

  const functionId = (f: Frame): number => {
    const key = JSON.stringify([f.name, f.filename, f.startLine]);
    let id = functionIds.get(key);
    if (id === undefined) {
      id = functions.length + 1;
      functionIds.set(key, id);
      const name = strings.id(f.name);
      functions.push(
        omitZero({ id: String(id), name, systemName: name, filename: strings.id(f.filename), startLine: f.startLine })
      );
    }
    return id;
  };
  // A location: frame numbers innermost first, the last one the frame the others were inlined into.
  const locationId = (run: readonly number[]): number => {
    const key = run.join(',');
    let id = locationIds.get(key);
    if (id === undefined) {
      id = locations.length + 1;
      locationIds.set(key, id);
      const line = run.map((fr) => {
        const f = frames.frames[fr];
        return omitZero({ functionId: String(functionId(f)), line: f.line });
      });
      locations.push({ id: String(id), line });
    }
    return id;
  };

  for (const { trie, self } of parts) {
    const parent = trie.parent;
    const frameOf = trie.frame;
    for (let node = 0; node < trie.size; node++) {
      const value = Math.round(self[node]);
      if (value <= 0) {
        continue;
      }
      const stack: string[] = [];
      let run: number[] = [];
      for (let n = node; n > 0; n = parent[n]) {
        const fr = frameOf[n];
        run.push(fr);
        // A frame not inlined into its caller ends its location (or the path's root does).
        if (!frames.frames[fr].inlined || parent[n] === 0) {
          stack.push(String(locationId(run)));
          run = [];
        }
      }
      samples.push(omitZero({ locationId: stack, value: [String(value)] }));
    }
  }

  const sampleType = omitZero({ type: strings.id(options.sampleType.type), unit: strings.id(options.sampleType.unit) });
  return omitZero({
    sampleType: [sampleType],
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings.list,
    timeNanos: options.timeNanos,
    ...(options.periodType
      ? {
          periodType: omitZero({
            type: strings.id(options.periodType.type),
            unit: strings.id(options.periodType.unit),
          }),
        }
      : {}),
  });
}

/** pprof's string table: index 0 is the empty string. */
class StringTable {
  readonly list: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
}

/** protojson's writing of a message: numbers as strings (all fields here are 64-bit), zero values left out. */
function omitZero(msg: Record<string, unknown>): ProfileJson {
  const out: ProfileJson = {};
  for (const [k, v] of Object.entries(msg)) {
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (v !== 0 && v !== BigInt(0)) {
        out[k] = (typeof v === 'bigint' ? v : BigInt(Math.round(v))).toString();
      }
    } else if (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '' && v !== '0') {
      out[k] = v;
    }
  }
  return out;
}
