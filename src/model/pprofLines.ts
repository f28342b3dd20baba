import { ProfileDecodeError } from './errors';
import { DEFAULT_MAX_FRAMES, forEachSample, readPprofTables, sampleLocation, type Scan } from './pprof';
import type { Functions, Locations, MappingFiles } from './pprofLocations';
import type { PprofValueType } from './pprofSchema';
import { StringTable } from './pprofTables';
import { ProtoReader } from './protobuf';
import { sampleFilter } from './pprofLinesFilter';
import type { FrameFilter } from './transforms/frameFilters';
import { sourceFile } from './sourcePath';
import { StackTreeBuilder } from './treeBuilder';
import { unitFromSampleUnit, type ValueUnit } from './units';

/**
 * The per-source-line view of one function in a pprof profile: the numbers `go tool pprof -list '^name$'` prints,
 * without the source text.
 *
 * How pprof counts them (its `list` report, at line granularity with inlined frames kept):
 * - every (function, file, line) a sample passes through is one node; a frame of an inlined call is a node of its
 *   own function, at the line it has in its own file;
 * - a sample adds its value to the cum of each node on its stack once, however often the stack passes the node
 *   (recursion); it adds to the flat of the leaf frame's node only (the innermost line of the first location);
 * - a function's total per file, the `ROUTINE` header, is the sum of its nodes' flat and cum in that file, so a
 *   recursive function can have a cum above its cum in `-top`;
 * - file names lose a leading `/proc/self/cwd/` and are cleaned lexically (Go's `filepath.Clean`);
 * - nodes are also told apart by binary (mapping file) and the function's start line; rows merge them back per
 *   (file, line), as pprof's listing does.
 * Line 0 means "unknown": such nodes count in the file's total but get no row, as in pprof. A function without a
 * file name has no rows (pprof prints "No source information").
 */

export interface SourceLineRow {
  file: string;
  /** 1-based source line. */
  line: number;
  flat: number;
  cum: number;
}

/** A function's total in one source file: pprof's `ROUTINE ... in <file>` header. */
export interface SourceFileTotal {
  file: string;
  flat: number;
  cum: number;
}

/** Why there are no rows to show. */
export type NoLinesReason =
  /** No sample passes through the function (pprof: "no matches found"). */
  | 'function-not-found'
  /** No frame of the whole profile has a line number: the writer stores functions only. */
  | 'profile-has-no-lines'
  /** The profile has line numbers, but not for this function (no file name, or only line 0). */
  | 'function-has-no-lines';

export interface PprofLines {
  functionName: string;
  /** Sum of the chosen sample type over all samples: pprof's `Total:`, the base of the shares. */
  total: number;
  unit: ValueUnit;
  sampleTypes: PprofValueType[];
  sampleTypeIndex: number;
  /** One row per (file, line) with samples, by file then line (pprof's order). */
  rows: SourceLineRow[];
  /** Per-file totals, by file. */
  files: SourceFileTotal[];
  /** Sums of `files`. */
  flat: number;
  cum: number;
  /** Set when `rows` is empty, saying why. */
  noLines?: NoLinesReason;
}

export interface PprofLinesOptions {
  /** As in `decodePprof`: a sample type index or name; default the profile's default type. */
  sampleType?: string | number;
  /** Most stack frames to walk over all samples (default as `decodePprof`): bounds the work on hostile files. */
  maxFrames?: number;
}

/** A pprof profile read once for per-line queries: its tables, and the sample type chosen. */
export interface PprofLineIndex {
  readonly sampleTypes: PprofValueType[];
  readonly sampleTypeIndex: number;
  /** Whether any frame of the profile has a line number. */
  readonly hasLines: boolean;
  /** Internal tables; read only by `linesOf`. */
  readonly tables: Tables;
}

interface Tables {
  r: ProtoReader;
  scan: Scan;
  strings: StringTable;
  names: StackTreeBuilder;
  functions: Functions;
  mappings: MappingFiles;
  locations: Locations;
  maxFrames: number;
}

/** Reads a pprof profile (gzipped or not) for `linesOf`. Malformed input throws `ProfileDecodeError`. */
export function indexPprofLines(bytes: Uint8Array, options: PprofLinesOptions = {}): PprofLineIndex {
  // The tables' builder only interns names here, so frames can be compared with the wanted function by id.
  const {
    r,
    scan,
    strings,
    sampleTypes,
    sampleTypeIndex,
    builder: names,
    functions,
    mappings,
    locations,
  } = readPprofTables(bytes, options.sampleType);
  let hasLines = false;
  for (let k = 0; k < locations.frameLines.length && !hasLines; k++) {
    hasLines = locations.frameLines.values[k] > 0;
  }
  const maxFrames = options.maxFrames ?? DEFAULT_MAX_FRAMES;
  return {
    sampleTypes,
    sampleTypeIndex,
    hasLines,
    tables: { r, scan, strings, names, functions, mappings, locations, maxFrames },
  };
}

/** Reads the source lines of `functionName` from a pprof profile, gzipped or not. Malformed input throws. */
export function pprofLines(bytes: Uint8Array, functionName: string, options: PprofLinesOptions = {}): PprofLines {
  return linesOf(indexPprofLines(bytes, options), functionName);
}

/**
 * The source lines of `functionName` in an indexed profile, after frame filters (as `go tool pprof -list` with
 * `-focus`, `-ignore`, `-hide` and `-relative_percentages`; patterns are tested against function names, like
 * `applyFrameFilters`). Work: one walk over the samples.
 */
export function linesOf(index: PprofLineIndex, functionName: string, filters: readonly FrameFilter[] = []): PprofLines {
  const { r, scan, strings, names, functions, mappings, locations, maxFrames } = index.tables;
  const { sampleTypes, sampleTypeIndex } = index;
  const wanted = names.intern(functionName);
  const keep = sampleFilter(filters, names, locations);

  // Each frame of the wanted function gets its node once, before the samples are walked.
  const frameNode = new Int32Array(locations.frames.length).fill(-1);
  const nodeIds = new Map<string, number>();
  const nodeFile: string[] = [];
  const nodeLine: number[] = [];
  for (let l = 0; l < locations.frameStart.length - 1; l++) {
    for (let k = locations.frameStart[l]; k < locations.frameStart[l + 1]; k++) {
      const f = locations.frameFunctions.values[k];
      if (f < 0 || functions.nameIds[f] !== wanted) {
        continue;
      }
      const line = locations.frameLines.values[k];
      const file = sourceFile(strings.get(functions.fileStrings[f], 'function.filename', 0));
      const m = locations.mappings[l];
      const key = `${file}\n${line}\n${m < 0 ? '' : mappings.paths[m]}\n${functions.startLines[f]}`;
      let node = nodeIds.get(key);
      if (node === undefined) {
        node = nodeFile.length;
        nodeIds.set(key, node);
        nodeFile.push(file);
        nodeLine.push(line);
      }
      frameNode[k] = node;
    }
  }

  const flat = new Float64Array(nodeFile.length);
  const cum = new Float64Array(nodeFile.length);
  const lastSample = new Int32Array(nodeFile.length).fill(-1);
  const { frameStart } = locations;
  let total = 0;
  let sample = 0;
  let framesWalked = 0;
  forEachSample(r, scan.samples, sampleTypes.length, sampleTypeIndex, (locationIds, value, at) => {
    framesWalked += locationIds.length;
    const kept = keep ? keep(locationIds, at) : { kept: true, walked: 0 };
    framesWalked += kept.walked;
    if (!kept.kept) {
      return;
    }
    total += value;
    sample++;
    if (nodeFile.length === 0) {
      return;
    }
    let leafSeen = false;
    for (let i = 0; i < locationIds.length; i++) {
      const l = sampleLocation(locations, locationIds.values[i], at);
      // Frames are stored caller first: the sample's leaf is the innermost frame left after hiding.
      for (let k = frameStart[l + 1] - 1; k >= frameStart[l]; k--) {
        if (keep?.hidden(k)) {
          continue;
        }
        const node = frameNode[k];
        if (node >= 0 && lastSample[node] !== sample) {
          lastSample[node] = sample;
          cum[node] += value;
        }
        if (!leafSeen) {
          leafSeen = true;
          if (node >= 0) {
            flat[node] += value;
          }
        }
      }
      framesWalked += frameStart[l + 1] - frameStart[l];
    }
    if (framesWalked > maxFrames) {
      throw new ProfileDecodeError('pprof', `the profile expands to more than ${maxFrames} frames; it is too large`, {
        field: 'sample',
        offset: at,
      });
    }
  });

  return {
    functionName,
    total,
    unit: unitFromSampleUnit(sampleTypes[sampleTypeIndex].unit),
    sampleTypes,
    sampleTypeIndex,
    ...summarize(nodeFile, nodeLine, flat, cum, index.hasLines),
  };
}

/** Rows per (file, line), file totals, and why there are no rows if so. */
function summarize(
  nodeFile: string[],
  nodeLine: number[],
  flat: Float64Array,
  cum: Float64Array,
  profileHasLines: boolean
): Pick<PprofLines, 'rows' | 'files' | 'flat' | 'cum' | 'noLines'> {
  const rows = new Map<string, SourceLineRow>();
  const files = new Map<string, SourceFileTotal>();
  let found = false;
  for (let n = 0; n < nodeFile.length; n++) {
    if (flat[n] === 0 && cum[n] === 0) {
      continue;
    }
    found = true;
    const file = nodeFile[n];
    if (file === '') {
      continue;
    }
    const total = files.get(file) ?? { file, flat: 0, cum: 0 };
    total.flat += flat[n];
    total.cum += cum[n];
    files.set(file, total);
    if (nodeLine[n] > 0) {
      const key = `${file}\n${nodeLine[n]}`;
      const row = rows.get(key) ?? { file, line: nodeLine[n], flat: 0, cum: 0 };
      row.flat += flat[n];
      row.cum += cum[n];
      rows.set(key, row);
    }
  }
  const byFile = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sortedRows = [...rows.values()].sort((a, b) => byFile(a.file, b.file) || a.line - b.line);
  const sortedFiles = [...files.values()].sort((a, b) => byFile(a.file, b.file));
  let noLines: NoLinesReason | undefined;
  if (!found) {
    noLines = 'function-not-found';
  } else if (sortedRows.length === 0) {
    noLines = profileHasLines ? 'function-has-no-lines' : 'profile-has-no-lines';
  }
  return {
    rows: sortedRows,
    files: sortedFiles,
    flat: sortedFiles.reduce((s, f) => s + f.flat, 0),
    cum: sortedFiles.reduce((s, f) => s + f.cum, 0),
    ...(noLines ? { noLines } : {}),
  };
}
