import type { Profile } from '../../src/model/profile';
import { StackTreeBuilder } from '../../src/model/treeBuilder';
import type { ValueUnit } from '../../src/model/units';
import type { FrameTable } from './frames';

/**
 * Storage layout of the test server: every series owns a `StackTrie`, the union of the call paths of all profiles
 * ingested into it, and each stored profile is only a list of (trie node, self value) pairs. Merging N profiles is
 * then one pass adding self values into a dense array per series, and one pass turning the trie into a profile:
 * linear in the stored pairs, with no per-profile tree building at query time.
 *
 * Trie nodes are frames (`frames.ts`: a function with its file and line), so the call paths keep the line
 * information of the pprof files ingested; flame graphs merge the frames of a name into one node (`TrieMerger`),
 * pprof downloads write them as they are (`forEachStack`).
 */

/** Global string table shared by all tries of a store, so a function name or file name is kept once. */
export class NameTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  /** Id of `name`, added when new. */
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      if (id >= NAME_LIMIT) {
        throw new Error(`the test server's name table is full (${NAME_LIMIT} distinct function names)`);
      }
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}

// Keys of the child map are parent * NAME_LIMIT + frame: exact while parent * 2^24 stays below 2^53 (the frame
// table is bounded by the same limit).
const NAME_LIMIT = 2 ** 24;

/** A stored profile: trie nodes with a non-zero self value and those values, plus their sum. */
export interface StoredSamples {
  nodes: Int32Array;
  values: Float64Array;
  total: number;
}

/** The call paths of one series. Node 0 is the root; a child always has a larger id than its parent. */
export class StackTrie {
  private parentOf: Int32Array<ArrayBuffer> = new Int32Array(256);
  private nameOf: Int32Array<ArrayBuffer> = new Int32Array(256);
  private readonly children = new Map<number, number>();
  private count = 1;

  constructor(private readonly frames: FrameTable) {
    this.parentOf[0] = -1;
  }

  get size(): number {
    return this.count;
  }

  get parent(): Int32Array {
    return this.parentOf;
  }

  /** Frame number (in the store's `FrameTable`) of each node. */
  get frame(): Int32Array {
    return this.nameOf;
  }

  /** The child of `parent` for frame number `frameId`, created when missing. */
  child(parent: number, frameId: number): number {
    if (frameId >= NAME_LIMIT) {
      throw new Error(`the test server's frame table is full (${NAME_LIMIT} distinct frames)`);
    }
    const key = parent * NAME_LIMIT + frameId;
    const found = this.children.get(key);
    if (found !== undefined) {
      return found;
    }
    const node = this.count++;
    if (node >= this.parentOf.length) {
      this.parentOf = grow(this.parentOf);
      this.nameOf = grow(this.nameOf);
    }
    this.parentOf[node] = parent;
    this.nameOf[node] = frameId;
    this.children.set(key, node);
    return node;
  }

  /**
   * Adds a profile's paths to the trie and returns its (node, self) pairs. The profile's names are frame keys or
   * plain names (`frames.ts`). Only self values are read: totals follow from them, and callers may pass a profile
   * whose `self` column was rescaled without fixing `total`.
   */
  add(profile: Profile): StoredSamples {
    const n = profile.level.length;
    const nameIds = new Int32Array(profile.names.length).fill(-1);
    // open[d] is the trie node of the open profile node at depth d.
    const open = new Int32Array(n + 1);
    const nodes: number[] = [];
    const values: number[] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = profile.level[i];
      let node = 0;
      if (d > 0) {
        const local = profile.nameId[i];
        let id = nameIds[local];
        if (id < 0) {
          id = this.frames.intern(profile.names[local]);
          nameIds[local] = id;
        }
        node = this.child(open[d - 1], id);
      }
      open[d] = node;
      const self = profile.self[i];
      if (self !== 0) {
        nodes.push(node);
        values.push(self);
        total += self;
      }
    }
    return { nodes: Int32Array.from(nodes), values: Float64Array.from(values), total };
  }

  /** Bytes this trie takes, roughly (typed arrays plus the child map). */
  bytesEstimate(): number {
    return this.parentOf.byteLength * 2 + this.count * 48;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Merges accumulated self values of several tries into one profile, frames merged by function name. `add` is called
 * once per trie with its per-node self sums (indexed by trie node); nodes whose subtree sums to zero are left out.
 */
export class TrieMerger {
  private readonly builder = new StackTreeBuilder();
  private nameMap = new Int32Array(0);

  constructor(
    private readonly names: NameTable,
    private readonly frames: FrameTable
  ) {}

  add(trie: StackTrie, selfByNode: Float64Array): void {
    const n = trie.size;
    const parent = trie.parent;
    const frame = trie.frame;
    const frameName = this.frames.nameIds;
    const subtree = selfByNode.slice(0, n);
    for (let i = n - 1; i > 0; i--) {
      subtree[parent[i]] += subtree[i];
    }
    if (this.nameMap.length < this.names.names.length) {
      const grown = new Int32Array(this.names.names.length).fill(-1);
      grown.set(this.nameMap);
      this.nameMap = grown;
    }
    const mapped = new Int32Array(n);
    this.builder.addSelf(0, selfByNode[0]);
    for (let i = 1; i < n; i++) {
      if (subtree[i] === 0) {
        continue;
      }
      const nameId = frameName[frame[i]];
      let id = this.nameMap[nameId];
      if (id < 0) {
        id = this.builder.intern(this.names.names[nameId]);
        this.nameMap[nameId] = id;
      }
      // A node with a non-zero subtree has a parent with one too, so its parent is already mapped.
      mapped[i] = this.builder.child(mapped[parent[i]], id);
      if (selfByNode[i] !== 0) {
        this.builder.addSelf(mapped[i], selfByNode[i]);
      }
    }
  }

  build(unit: ValueUnit): Profile {
    return this.builder.build(unit);
  }
}
