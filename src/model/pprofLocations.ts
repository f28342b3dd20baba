import { ProfileDecodeError } from './errors';
import { NumberList, ProtoReader, WireType } from './protobuf';
import { FunctionField, LineField, LocationField, MappingField } from './pprofSchema';
import { IdIndex, RangeList, StringTable } from './pprofTables';
import type { StackTreeBuilder } from './treeBuilder';

/**
 * The symbol tables of a pprof profile (functions, mappings, locations), resolved once into typed arrays so the
 * sample pass can map a location id to its frames in O(1) with no allocation.
 *
 * A location's frames are the builder name ids of its lines, stored caller first (pprof lists lines innermost
 * first: the last line is the function the others were inlined into). Frames are named as `go tool pprof` names
 * them at function granularity: by function name; lines without a function by the mapping's file.
 */

/** Name pprof prints for a frame it knows nothing about. */
const UNKNOWN_NAME = '<unknown>';

export interface Functions {
  index: IdIndex;
  /** Builder name id of each function, by dense index. */
  nameIds: Int32Array;
  /** String-table index of each function's source file name (0, the empty string, when it has none). */
  fileStrings: Float64Array;
  /** Each function's `start_line` (0 when unknown). */
  startLines: Float64Array;
}

/** Reads every Function message; names are interned into `builder` (an empty name reads as pprof's `<unknown>`). */
export function readFunctions(
  r: ProtoReader,
  ranges: RangeList,
  strings: StringTable,
  builder: StackTreeBuilder
): Functions {
  const index = new IdIndex(ranges.length);
  const nameIds = new Int32Array(ranges.length);
  const fileStrings = new Float64Array(ranges.length);
  const startLines = new Float64Array(ranges.length);
  // Many functions share a name (same function in several files or mappings): intern each string once.
  const nameIdOfString = new Int32Array(Math.max(1, strings.length)).fill(-1);
  for (let f = 0; f < ranges.length; f++) {
    r.reset(ranges.start(f), ranges.end(f));
    let id = 0;
    let name = 0;
    while (!r.atEnd) {
      const key = r.readKey();
      const field = key >>> 3;
      if (field === FunctionField.id) {
        r.expectWireType(key, WireType.Varint, 'function.id');
        id = r.readUint64();
      } else if (field === FunctionField.name) {
        r.expectWireType(key, WireType.Varint, 'function.name');
        name = r.readInt64();
      } else if (field === FunctionField.filename) {
        r.expectWireType(key, WireType.Varint, 'function.filename');
        fileStrings[f] = r.readInt64();
      } else if (field === FunctionField.startLine) {
        r.expectWireType(key, WireType.Varint, 'function.start_line');
        startLines[f] = r.readInt64();
      } else {
        r.skipField(key & 7);
      }
    }
    const text = strings.get(name, 'function.name', ranges.start(f));
    if (nameIdOfString[name] < 0) {
      nameIdOfString[name] = builder.intern(text === '' ? UNKNOWN_NAME : text);
    }
    nameIds[f] = nameIdOfString[name];
    addId(index, id, f, 'function', ranges.start(f));
  }
  return { index, nameIds, fileStrings, startLines };
}

export interface MappingFiles {
  index: IdIndex;
  /** Base name of each mapping's file ("" when it has none), by dense index. */
  files: string[];
  /** Each mapping's file as written (pprof tells lines of different binaries apart by it). */
  paths: string[];
}

/** Reads every Mapping message, keeping its file: the base name for frame names, the whole path for lines. */
export function readMappings(r: ProtoReader, ranges: RangeList, strings: StringTable): MappingFiles {
  const index = new IdIndex(ranges.length);
  const files: string[] = [];
  const paths: string[] = [];
  for (let m = 0; m < ranges.length; m++) {
    r.reset(ranges.start(m), ranges.end(m));
    let id = 0;
    let file = 0;
    while (!r.atEnd) {
      const key = r.readKey();
      const field = key >>> 3;
      if (field === MappingField.id) {
        r.expectWireType(key, WireType.Varint, 'mapping.id');
        id = r.readUint64();
      } else if (field === MappingField.filename) {
        r.expectWireType(key, WireType.Varint, 'mapping.filename');
        file = r.readInt64();
      } else {
        r.skipField(key & 7);
      }
    }
    const path = strings.get(file, 'mapping.filename', ranges.start(m));
    // pprof shows filepath.Base of the mapping file; Go's Base splits on '/' only.
    files.push(path.slice(path.lastIndexOf('/') + 1));
    paths.push(path);
    addId(index, id, m, 'mapping', ranges.start(m));
  }
  return { index, files, paths };
}

export interface Locations {
  index: IdIndex;
  /** Frames of location `l` are `frames[frameStart[l] .. frameStart[l + 1])`, builder name ids, root side first. */
  frameStart: Int32Array;
  frames: NumberList;
  /** Parallel to `frames`: the dense index of the frame's function, -1 for a line without a function. */
  frameFunctions: NumberList;
  /** Parallel to `frames`: the frame's source line number (0 when unknown). */
  frameLines: NumberList;
  /** Dense index of each location's mapping, -1 when it has none. */
  mappings: Int32Array;
}

/** Placeholder in `frames` for a line without a function, resolved once the location's mapping is known. */
const NO_FUNCTION = -1;

/** Reads every Location message into frames, caller first; needs functions and mappings already read. */
export function readLocations(
  r: ProtoReader,
  ranges: RangeList,
  functions: Functions,
  mappings: MappingFiles,
  builder: StackTreeBuilder
): Locations {
  const index = new IdIndex(ranges.length);
  const frameStart = new Int32Array(ranges.length + 1);
  const frames = new NumberList();
  const frameFunctions = new NumberList();
  const frameLines = new NumberList();
  const locationMappings = new Int32Array(ranges.length).fill(-1);
  for (let l = 0; l < ranges.length; l++) {
    const at = ranges.start(l);
    r.reset(at, ranges.end(l));
    let id = 0;
    let mappingId = 0;
    let address = 0;
    const first = frames.length;
    while (!r.atEnd) {
      const key = r.readKey();
      const field = key >>> 3;
      if (field === LocationField.id) {
        r.expectWireType(key, WireType.Varint, 'location.id');
        id = r.readUint64();
      } else if (field === LocationField.mappingId) {
        r.expectWireType(key, WireType.Varint, 'location.mapping_id');
        mappingId = r.readUint64();
      } else if (field === LocationField.address) {
        r.expectWireType(key, WireType.Varint, 'location.address');
        address = r.readUint64();
      } else if (field === LocationField.line) {
        r.expectWireType(key, WireType.LengthDelimited, 'location.line');
        readLine(r, functions, at, frameFunctions, frameLines);
        const f = frameFunctions.values[frameFunctions.length - 1];
        frames.push(f < 0 ? NO_FUNCTION : functions.nameIds[f]);
      } else {
        r.skipField(key & 7);
      }
    }
    if (frames.length === first) {
      frames.push(NO_FUNCTION);
      frameFunctions.push(-1);
      frameLines.push(0);
    }
    // Lines are innermost first; store them caller first so a root-to-leaf walk reads them in order.
    reverse(frames.values, first, frames.length);
    reverse(frameFunctions.values, first, frames.length);
    reverse(frameLines.values, first, frames.length);
    const values = frames.values;
    for (let i = first; i < frames.length; i++) {
      if (values[i] === NO_FUNCTION) {
        values[i] = builder.intern(nameWithoutFunction(mappings, mappingId, address, at));
      }
    }
    frameStart[l + 1] = frames.length;
    if (mappingId !== 0) {
      locationMappings[l] = mappings.index.get(mappingId);
    }
    addId(index, id, l, 'location', at);
  }
  return { index, frameStart, frames, frameFunctions, frameLines, mappings: locationMappings };
}

function reverse(values: Float64Array, from: number, to: number): void {
  for (let i = from, j = to - 1; i < j; i++, j--) {
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

/** Reads a `Line` message; pushes its function's dense index (-1 when it has none) and its line number. */
function readLine(
  r: ProtoReader,
  functions: Functions,
  locationOffset: number,
  outFunctions: NumberList,
  outLines: NumberList
): void {
  const outer = r.enter();
  let functionId = 0;
  let line = 0;
  while (!r.atEnd) {
    const key = r.readKey();
    const field = key >>> 3;
    if (field === LineField.functionId) {
      r.expectWireType(key, WireType.Varint, 'line.function_id');
      functionId = r.readUint64();
    } else if (field === LineField.line) {
      r.expectWireType(key, WireType.Varint, 'line.line');
      line = r.readInt64();
    } else {
      r.skipField(key & 7);
    }
  }
  r.leave(outer);
  outLines.push(line);
  if (functionId === 0) {
    outFunctions.push(-1);
    return;
  }
  const f = functions.index.get(functionId);
  if (f < 0) {
    throw new ProfileDecodeError('pprof', `location refers to unknown function id ${functionId}`, {
      field: 'location.line.function_id',
      offset: locationOffset,
    });
  }
  outFunctions.push(f);
}

/**
 * Name of a frame without a function (an unsymbolized address). pprof at function granularity prints the mapping's
 * file as `[libc.so.6]`, which we copy. Where it has no file pprof prints `<unknown>`; we print the address
 * (`0x7f…`) instead, which is more useful in a flame graph and changes no total.
 */
function nameWithoutFunction(mappings: MappingFiles, mappingId: number, address: number, offset: number): string {
  if (mappingId !== 0) {
    const m = mappings.index.get(mappingId);
    if (m < 0) {
      throw new ProfileDecodeError('pprof', `location refers to unknown mapping id ${mappingId}`, {
        field: 'location.mapping_id',
        offset,
      });
    }
    if (mappings.files[m] !== '') {
      return `[${mappings.files[m]}]`;
    }
  }
  return address !== 0 ? `0x${address.toString(16)}` : UNKNOWN_NAME;
}

function addId(index: IdIndex, id: number, dense: number, what: string, offset: number): void {
  if (id === 0) {
    throw new ProfileDecodeError('pprof', `${what} has the reserved id 0`, { field: `${what}.id`, offset });
  }
  if (!index.set(id, dense)) {
    throw new ProfileDecodeError('pprof', `duplicate ${what} id ${id}`, { field: `${what}.id`, offset });
  }
}
