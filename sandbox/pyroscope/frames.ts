/**
 * Frames as the store keeps them: a function name plus, when an ingested pprof said so, the function's file and
 * start line, the line of the call (or of the sample, for a leaf), and whether the frame was inlined into the frame
 * above it (same pprof Location). Flame graphs merge frames by name only; pprof downloads write every field back.
 *
 * Ingestion hands frames to the store as the names of an ordinary `Profile` tree: a frame with source information
 * is written as a key (`frameKey`), a frame without any (folded uploads, addresses) as its plain name. Keys start
 * with a NUL character, which names from agents do not; a plain name that happens to look like a key but does not
 * parse is kept as a name.
 */

export interface Frame {
  name: string;
  filename: string;
  startLine: number;
  line: number;
  /** True when the frame shares its pprof Location with its caller (it was inlined there). */
  inlined: boolean;
}

const KEY_MARK = '\u0000';

/** The tree name of a frame: its plain name when it has no source information, a key otherwise. */
export function frameKey(f: Frame): string {
  if (f.filename === '' && f.startLine === 0 && f.line === 0 && !f.inlined) {
    return f.name;
  }
  return KEY_MARK + JSON.stringify([f.name, f.filename, f.startLine, f.line, f.inlined ? 1 : 0]);
}

/** The frame a tree name stands for (a plain name is a frame without source information). */
export function parseFrameKey(key: string): Frame {
  if (key.startsWith(KEY_MARK)) {
    try {
      const v: unknown = JSON.parse(key.slice(1));
      if (
        Array.isArray(v) &&
        v.length === 5 &&
        typeof v[0] === 'string' &&
        typeof v[1] === 'string' &&
        Number.isSafeInteger(v[2]) &&
        Number.isSafeInteger(v[3]) &&
        (v[4] === 0 || v[4] === 1)
      ) {
        return { name: v[0], filename: v[1], startLine: v[2], line: v[3], inlined: v[4] === 1 };
      }
    } catch {
      // Not a key after all: a name.
    }
  }
  return { name: key, filename: '', startLine: 0, line: 0, inlined: false };
}

/** The flame graph name of a tree name (a frame key's function name, else the name itself). */
export function frameName(key: string): string {
  return key.startsWith(KEY_MARK) ? parseFrameKey(key).name : key;
}

/**
 * The frames of a store, numbered once: trie nodes refer to frames by number, and each frame knows its flame graph
 * name as a number of the store's name table.
 */
export class FrameTable {
  private readonly ids = new Map<string, number>();
  readonly frames: Frame[] = [];
  /** Name-table id of each frame's function name. */
  readonly nameIds: number[] = [];
  private bytes = 0;

  constructor(private readonly internName: (name: string) => number) {}

  /** Number of the frame a tree name stands for, added when new. */
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      const frame = parseFrameKey(key);
      id = this.frames.length;
      this.frames.push(frame);
      this.nameIds.push(this.internName(frame.name));
      this.ids.set(key, id);
      this.bytes += 2 * (key.length + frame.name.length + frame.filename.length) + 160;
    }
    return id;
  }

  /** Rough bytes the table takes. */
  bytesEstimate(): number {
    return this.bytes;
  }
}
