import type { Profile } from '../../src/model/profile';
import { StackTreeBuilder } from '../../src/model/treeBuilder';
import { unitFromSampleUnit } from '../../src/model/units';
import { frameKey } from './frames';
import { num, readPprof, type Numeric } from './pprofFile';
import { UploadDecodeError } from './uploadError';

/**
 * A decoded pprof upload as the server stores it: call trees merged by function name (one per sample type and per
 * distinct set of sample labels, as Grafana Pyroscope's segment writers split series), plus what a later pprof
 * download needs and the trees lose: each function's file and start line.
 *
 * Frames follow pprof's own rules: a sample's locations are leaf first and a location's lines innermost first (the
 * last line is the function the others were inlined into), so the root-to-leaf path reads locations last to first
 * and each location's lines last to first; inlined functions are frames of their own. A line without a function
 * is named by its mapping's file (`[libc.so.6]`) or, without one, by its address (`0x…`), else `<unknown>`;
 * an empty function name is `<unknown>`. String labels make series except the exemplar ids `profile_id`, `span_id`
 * and `trace_id`; numeric labels do not.
 *
 * With `lines`, the trees' names are frame keys (`frames.ts`): the function's name, file and start line, the line
 * number, and whether the frame was inlined into its caller (a line of the same Location other than the last), so
 * the store keeps what a pprof download writes back. Without it, frames are plain function names.
 */

/** Where a function is defined, from the pprof `Function` message (empty / 0 when not given). */
export interface FunctionSource {
  filename: string;
  startLine: number;
}

export interface PprofValueType {
  type: string;
  unit: string;
}

export interface PprofTrees {
  sampleTypes: PprofValueType[];
  periodType?: PprofValueType;
  /** Collection start in ns since the epoch (0 when absent), rounded to a JS number. */
  timeNanos: number;
  /** Samples grouped by their string labels; `profiles[i]` is the tree of sample type `i`. */
  groups: Array<{ labels: Record<string, string>; profiles: Profile[] }>;
  /** File and start line of each frame name that has a function with them (the first one seen). */
  functions: Map<string, FunctionSource>;
}

const UNKNOWN = '<unknown>';
const EXEMPLAR_LABELS = new Set(['profile_id', 'span_id', 'trace_id']);
/** Most frames walked over all samples: a small hostile file can repeat a deep stack many times. */
const MAX_FRAMES = 2 ** 26;

/** Decodes a pprof upload (gzipped or not) into trees. Throws `UploadDecodeError`. */
export function pprofTrees(bytes: Uint8Array, options: { lines?: boolean } = {}): PprofTrees {
  const file = readPprof(bytes);
  const strings = file.stringTable.strings;
  const str = (i: Numeric, what: string): string => {
    const s = strings[num(i)];
    if (s === undefined) {
      throw new UploadDecodeError('pprof', `${what} refers to string ${num(i)}, past the string table`);
    }
    return s;
  };
  const valueType = (v: { type: Numeric; unit: Numeric }, what: string) => ({
    type: str(v.type, what),
    unit: str(v.unit, what),
  });
  const sampleTypes = file.sampleType.map((t) => valueType(t, 'sample_type'));
  if (sampleTypes.length === 0) {
    throw new UploadDecodeError('pprof', 'the profile has no sample types');
  }

  const functions = new Map<number, { name: string; source: FunctionSource }>();
  const sources = new Map<string, FunctionSource>();
  for (const f of file.function) {
    const name = str(f.name, 'function.name') || UNKNOWN;
    const source = { filename: str(f.filename, 'function.filename'), startLine: num(f.startLine) };
    functions.set(num(f.id), { name, source });
    if (!sources.has(name) && (source.filename !== '' || source.startLine !== 0)) {
      sources.set(name, source);
    }
  }
  const mappingFiles = new Map<number, string>();
  for (const m of file.mapping) {
    const path = str(m.filename, 'mapping.filename');
    mappingFiles.set(num(m.id), path.slice(path.lastIndexOf('/') + 1));
  }
  // Frame names are numbered once for the file; each location's frames are those numbers, root side first.
  const frameNames: string[] = [];
  const frameIds = new Map<string, number>();
  const frameId = (name: string): number => {
    let id = frameIds.get(name);
    if (id === undefined) {
      id = frameNames.length;
      frameNames.push(name);
      frameIds.set(name, id);
    }
    return id;
  };
  const frames = new Map<number, number[]>();
  for (const loc of file.location) {
    const names: number[] = [];
    const last = loc.line.length - 1;
    for (let k = last; k >= 0; k--) {
      const fid = num(loc.line[k].functionId);
      if (fid === 0) {
        names.push(frameId(nameWithoutFunction(mappingFiles, num(loc.mappingId), loc.address)));
        continue;
      }
      const f = functions.get(fid);
      if (!f) {
        throw new UploadDecodeError('pprof', `location ${num(loc.id)} refers to unknown function id ${fid}`);
      }
      names.push(
        frameId(
          options.lines
            ? frameKey({
                name: f.name,
                filename: f.source.filename,
                startLine: f.source.startLine,
                line: num(loc.line[k].line),
                inlined: k < last,
              })
            : f.name
        )
      );
    }
    if (names.length === 0) {
      names.push(frameId(nameWithoutFunction(mappingFiles, num(loc.mappingId), loc.address)));
    }
    frames.set(num(loc.id), names);
  }

  const groups = new Map<string, { labels: Record<string, string>; builders: TreeBuilder[] }>();
  const newBuilders = () => sampleTypes.map(() => new TreeBuilder(frameNames));
  let walked = 0;
  const path: number[] = [];
  for (const sample of file.sample) {
    if (sample.value.length !== sampleTypes.length) {
      throw new UploadDecodeError(
        'pprof',
        `a sample has ${sample.value.length} values for ${sampleTypes.length} sample types`
      );
    }
    const labels = stringLabels(sample.label, str);
    const key = Object.keys(labels)
      .sort()
      .map((k) => `${k}\u0001${labels[k]}`)
      .join('\u0002');
    let group = groups.get(key);
    if (!group) {
      group = { labels, builders: newBuilders() };
      groups.set(key, group);
    }
    path.length = 0;
    for (let i = sample.locationId.length - 1; i >= 0; i--) {
      const names = frames.get(num(sample.locationId[i]));
      if (!names) {
        throw new UploadDecodeError('pprof', `a sample refers to unknown location id ${num(sample.locationId[i])}`);
      }
      for (const n of names) {
        path.push(n);
      }
    }
    walked += path.length;
    if (walked > MAX_FRAMES) {
      throw new UploadDecodeError('pprof', `the profile expands to more than ${MAX_FRAMES} frames`);
    }
    sample.value.forEach((v, t) => {
      const value = num(v);
      if (value === 0) {
        return;
      }
      if (value < 0) {
        throw new UploadDecodeError('pprof', `sample value ${value} is negative`);
      }
      group.builders[t].add(path, value);
    });
  }
  if (groups.size === 0) {
    groups.set('', { labels: {}, builders: newBuilders() });
  }

  return {
    sampleTypes,
    ...(file.periodType ? { periodType: valueType(file.periodType, 'period_type') } : {}),
    timeNanos: num(file.timeNanos),
    groups: Array.from(groups.values(), (g) => ({
      labels: g.labels,
      profiles: g.builders.map((b, t) => b.tree.build(unitFromSampleUnit(sampleTypes[t].unit))),
    })),
    functions: sources,
  };
}

/** A `StackTreeBuilder` fed with the file's frame numbers, interning each frame name once. */
class TreeBuilder {
  readonly tree = new StackTreeBuilder();
  private readonly ids: Int32Array;

  constructor(private readonly names: readonly string[]) {
    this.ids = new Int32Array(names.length).fill(-1);
  }

  add(path: readonly number[], value: number): void {
    let node = 0;
    for (const frame of path) {
      let id = this.ids[frame];
      if (id < 0) {
        id = this.tree.intern(this.names[frame]);
        this.ids[frame] = id;
      }
      node = this.tree.child(node, id);
    }
    this.tree.addSelf(node, value);
  }
}

function stringLabels(
  labels: ReadonlyArray<{ key: Numeric; str: Numeric }>,
  str: (i: Numeric, what: string) => string
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) {
    const name = str(l.key, 'label.key');
    if (num(l.str) !== 0 && name !== '' && !EXEMPLAR_LABELS.has(name)) {
      out[name] = str(l.str, 'label.str');
    }
  }
  return out;
}

function nameWithoutFunction(mappingFiles: Map<number, string>, mappingId: number, address: Numeric): string {
  const file = mappingFiles.get(mappingId);
  if (file) {
    return `[${file}]`;
  }
  // Addresses are uint64: print them from the exact value, not a rounded number.
  return BigInt(address) !== BigInt(0) ? `0x${BigInt(address).toString(16)}` : UNKNOWN;
}
