import type { Profile } from './profile';
import type { ValueUnit } from './units';

/** Name of the synthetic root node every profile starts with (as Pyroscope names it). */
export const ROOT_NAME = 'total';

/** Which side of a diff a value belongs to: 0 is the baseline (left), 1 the compared window (right). */
export type Side = 0 | 1;

/**
 * Builds a profile from stacks or from other trees: a trie keyed by (parent, name) with an open-addressing hash
 * table, so adding a frame is O(1) and no per-node objects are made. `build()` sums totals bottom-up, orders
 * siblings by name (the order Pyroscope uses) and writes the nested-set columns. Building is linear apart from
 * sorting each node's children by name.
 */
export class StackTreeBuilder {
  private readonly names: string[] = [ROOT_NAME];
  private readonly nameIds = new Map<string, number>([[ROOT_NAME, 0]]);
  private parent = new Int32Array(1024);
  private name = new Int32Array(1024);
  private selfL = new Float64Array(1024);
  private selfR: Float64Array | undefined;
  private size = 1;
  // Hash table from (parent, name) to node; slot value is node + 1, 0 means empty.
  private slots = new Int32Array(2048);

  /** `diff`: keep a second (right) self value per node, for diff profiles. */
  constructor(diff = false) {
    this.parent[0] = -1;
    if (diff) {
      this.selfR = new Float64Array(1024);
    }
  }

  /** Number of nodes so far, the root included. */
  get nodeCount(): number {
    return this.size;
  }

  /** Id of `name` in the string table of the profile being built. */
  intern(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  /** The name of id `nameId` (as interned). */
  nameOf(nameId: number): string {
    return this.names[nameId];
  }

  /** The child of `parentNode` named `nameId`, created when missing. Node 0 is the root. */
  child(parentNode: number, nameId: number): number {
    const mask = this.slots.length - 1;
    let slot = hashPair(parentNode, nameId) & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) {
        break;
      }
      const node = entry - 1;
      if (this.parent[node] === parentNode && this.name[node] === nameId) {
        return node;
      }
      slot = (slot + 1) & mask;
    }
    const node = this.size++;
    if (node >= this.parent.length) {
      this.growNodes();
    }
    this.parent[node] = parentNode;
    this.name[node] = nameId;
    this.slots[slot] = node + 1;
    if (this.size * 2 > this.slots.length) {
      this.rehash();
    }
    return node;
  }

  /** Adds `value` to the self value of `node` on `side`. */
  addSelf(node: number, value: number, side: Side = 0): void {
    if (side === 0) {
      this.selfL[node] += value;
    } else if (this.selfR) {
      this.selfR[node] += value;
    } else {
      throw new Error('StackTreeBuilder: right-side value added to a builder made without diff');
    }
  }

  /** Adds a stack given as name ids from the root's first child to the leaf, with `value` at the leaf. */
  addStack(rootToLeaf: ArrayLike<number>, value: number, side: Side = 0): void {
    let node = 0;
    for (let i = 0; i < rootToLeaf.length; i++) {
      node = this.child(node, rootToLeaf[i]);
    }
    this.addSelf(node, value, side);
  }

  /** Writes the nested-set profile. The builder should not be used afterwards. */
  build(unit: ValueUnit): Profile {
    const n = this.size;
    const totalL = this.selfL.slice(0, n);
    const totalR = this.selfR ? this.selfR.slice(0, n) : undefined;
    // Children always have larger ids than their parents, so one reverse pass sums the totals.
    for (let i = n - 1; i > 0; i--) {
      const p = this.parent[i];
      totalL[p] += totalL[i];
      if (totalR) {
        totalR[p] += totalR[i];
      }
    }
    const { childStart, children } = this.sortedChildren();

    const level = new Int32Array(n);
    const nameId = new Int32Array(n);
    const total = new Float64Array(n);
    const self = new Float64Array(n);
    const rightTotal = totalR ? new Float64Array(n) : undefined;
    const rightSelf = totalR ? new Float64Array(n) : undefined;
    // Iterative pre-order walk; children are pushed in reverse so the first one is visited first.
    const stack = new Int32Array(n);
    const depthOf = new Int32Array(n);
    let top = 0;
    stack[top++] = 0;
    let out = 0;
    while (top > 0) {
      const node = stack[--top];
      level[out] = depthOf[node];
      nameId[out] = this.name[node];
      total[out] = totalL[node];
      self[out] = this.selfL[node];
      if (rightTotal && rightSelf && totalR && this.selfR) {
        rightTotal[out] = totalR[node];
        rightSelf[out] = this.selfR[node];
      }
      out++;
      for (let k = childStart[node + 1] - 1; k >= childStart[node]; k--) {
        const c = children[k];
        depthOf[c] = depthOf[node] + 1;
        stack[top++] = c;
      }
    }
    const profile: Profile = {
      names: this.names,
      level,
      total,
      self,
      nameId,
      unit,
      ...(rightTotal && rightSelf ? { right: { total: rightTotal, self: rightSelf } } : {}),
    };
    return profile;
  }

  /** Children of every node in CSR form, each node's children sorted by name. */
  private sortedChildren(): { childStart: Int32Array; children: Int32Array } {
    const n = this.size;
    const childStart = new Int32Array(n + 1);
    for (let i = 1; i < n; i++) {
      childStart[this.parent[i] + 1]++;
    }
    for (let i = 0; i < n; i++) {
      childStart[i + 1] += childStart[i];
    }
    const fill = childStart.slice(0, n);
    const children = new Int32Array(Math.max(0, n - 1));
    for (let i = 1; i < n; i++) {
      children[fill[this.parent[i]]++] = i;
    }
    const rank = this.nameRanks();
    const name = this.name;
    for (let p = 0; p < n; p++) {
      const from = childStart[p];
      const to = childStart[p + 1];
      if (to - from > 1) {
        children.subarray(from, to).sort((a, b) => rank[name[a]] - rank[name[b]]);
      }
    }
    return { childStart, children };
  }

  /** Rank of every name id in code-unit order of the names. */
  private nameRanks(): Int32Array {
    const order = Array.from(this.names.keys()).sort((a, b) =>
      this.names[a] < this.names[b] ? -1 : this.names[a] > this.names[b] ? 1 : 0
    );
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => {
      rank[id] = r;
    });
    return rank;
  }

  private growNodes(): void {
    const cap = this.parent.length * 2;
    this.parent = growInt(this.parent, cap);
    this.name = growInt(this.name, cap);
    this.selfL = growFloat(this.selfL, cap);
    if (this.selfR) {
      this.selfR = growFloat(this.selfR, cap);
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let node = 1; node < this.size; node++) {
      let slot = hashPair(this.parent[node], this.name[node]) & mask;
      while (slots[slot] !== 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = node + 1;
    }
    this.slots = slots;
  }
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h >>> 0;
}

function growInt(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
