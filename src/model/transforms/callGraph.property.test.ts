import fc from 'fast-check';

import { arbitraryProfile } from '../testing/arbitraryProfile';
import { isDiff, pathTo, type Profile } from '../profile';
import { callGraph, type CallGraph } from './callGraph';
import { edgeTotals, functionTotals } from './callGraphCounts';

/**
 * Properties of the call graph on random profiles (small alphabets, so recursion and shared callees are common),
 * and the linear counting passes against a slow reference that reads every sample's stack the way pprof's
 * graph builder does.
 */

const NONE = { nodeFraction: 0, edgeFraction: 0, nodeCount: 0 };

interface RefGraph {
  flat: Map<string, number>;
  cum: Map<string, number>;
  /** `caller\tcallee` → [left weight, right weight, residual]. */
  edges: Map<string, [number, number, boolean]>;
}

/** pprof's per-sample walk, literally: every node with a self value is a sample whose stack is its path. */
function reference(profile: Profile, kept: (name: string) => boolean): RefGraph {
  const ref: RefGraph = { flat: new Map(), cum: new Map(), edges: new Map() };
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const sides = profile.right ? [profile.self, profile.right.self] : [profile.self];
  for (let i = 1; i < profile.level.length; i++) {
    const stack = pathTo(profile, i)
      .slice(1)
      .map((n) => profile.names[profile.nameId[n]]);
    sides.forEach((self, side) => {
      const w = self[i];
      if (w === 0) {
        return;
      }
      const seenNode = new Set<string>();
      const seenEdge = new Set<string>();
      let parent: string | undefined;
      let residual = false;
      for (const name of stack) {
        if (!kept(name)) {
          residual = true;
          continue;
        }
        if (!seenNode.has(name)) {
          seenNode.add(name);
          if (side === 0) {
            add(ref.cum, name, w);
          }
        }
        const key = `${parent}\t${name}`;
        if (parent !== undefined && parent !== name && !seenEdge.has(key)) {
          seenEdge.add(key);
          const e = ref.edges.get(key) ?? [0, 0, false];
          e[side === 0 ? 0 : 1] += w;
          e[2] = e[2] || residual;
          ref.edges.set(key, e);
        }
        parent = name;
        residual = false;
      }
      if (parent !== undefined && !residual && side === 0) {
        add(ref.flat, parent, w);
      }
    });
  }
  return ref;
}

const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

function ourEdges(profile: Profile, keep: (name: string) => boolean) {
  const totals = functionTotals(profile);
  const kept = Uint8Array.from(profile.names, (name, id) => (totals.canon[id] === id && keep(name) ? 1 : 0));
  const e = edgeTotals(profile, totals.canon, kept);
  const edges = new Map<string, [number, number, boolean]>();
  e.from.forEach((from, k) => {
    edges.set(`${profile.names[from]}\t${profile.names[e.to[k]]}`, [
      e.weight[k],
      e.weightRight?.[k] ?? 0,
      e.residual[k],
    ]);
  });
  return edges;
}

/** A subset of the names, by a bit mask over the string table. */
const keptBy = (profile: Profile, mask: number) => (name: string) => (mask >> profile.names.indexOf(name)) % 2 === 1;

describe('callGraph properties', () => {
  it('counts flat and cum like the per-sample reference', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        const ref = reference(p, () => true);
        const g = callGraph(p, NONE);
        expect(sorted(new Map(g.nodes.map((n) => [n.name, n.cum])))).toEqual(sorted(ref.cum));
        expect(g.nodes.map((n) => n.flat)).toEqual(g.nodes.map((n) => ref.flat.get(n.name) ?? 0));
      })
    );
  });

  it('counts edges and residual flags like the per-sample reference, for any set of kept functions', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), fc.nat(), (p, mask) => {
        const keep = keptBy(p, mask);
        const ref = reference(p, keep);
        expect(sorted(ourEdges(p, keep))).toEqual(sorted(ref.edges));
      })
    );
  });

  it('unpruned: flat sums to the total, cum ≥ flat, edges lighter than both ends, none residual or to itself', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        const g = callGraph(p, NONE);
        expect(g.nodes.reduce((s, n) => s + n.flat, 0)).toBe(g.total - (p.self[0] ?? 0));
        for (const n of g.nodes) {
          expect(n.cum).toBeGreaterThanOrEqual(n.flat);
          expect(n.cum).toBeLessThanOrEqual(g.total);
        }
        expectEdgesWithinEnds(g);
        expect(g.edges.every((e) => !e.residual && e.from !== e.to)).toBe(true);
        expect(g.droppedNodes).toBe(0);
      })
    );
  });

  it('pruned: node values unchanged, cutoffs and count respected, every function with a value accounted for', () => {
    const options = fc.record({
      nodeFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
      edgeFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
      nodeCount: fc.nat({ max: 8 }),
    });
    fc.assert(
      fc.property(arbitraryProfile(), options, (p, o) => {
        const all = callGraph(p, NONE);
        const g = callGraph(p, o);
        const unpruned = new Map(all.nodes.map((n) => [n.name, n]));
        for (const n of g.nodes) {
          expect(unpruned.get(n.name)).toMatchObject({ flat: n.flat, cum: n.cum });
          expect(n.cum).toBeGreaterThanOrEqual(g.nodeCutoff);
        }
        expect(g.nodes.length + g.droppedNodes).toBe(all.nodes.length);
        if (o.nodeCount > 0) {
          expect(g.nodes.length).toBeLessThanOrEqual(o.nodeCount);
        }
        expect(g.edges.every((e) => e.weight >= g.edgeCutoff && e.from !== e.to)).toBe(true);
        expectEdgesWithinEnds(g);
        for (let k = 1; k < g.edges.length; k++) {
          expect(g.edges[k].weight).toBeLessThanOrEqual(g.edges[k - 1].weight);
        }
        expect(g.nodes.map((n) => n.id)).toEqual(g.nodes.map((_, k) => k));
      })
    );
  });

  it('diff: each side of a node and of an edge is what the graph of that side alone gives', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), (p) => {
        if (!isDiff(p)) {
          throw new Error('arbitraryProfile({ diff: true }) gave a profile without a right side');
        }
        const g = callGraph(p, NONE);
        const left = callGraph({ ...p, right: undefined }, NONE);
        const right = callGraph({ ...p, total: p.right.total, self: p.right.self, right: undefined }, NONE);
        const side = (h: CallGraph, name: string) => h.nodes.find((n) => n.name === name);
        for (const n of g.nodes) {
          expect([n.flat, n.cum]).toEqual([side(left, n.name)?.flat ?? 0, side(left, n.name)?.cum ?? 0]);
          expect([n.flatRight, n.cumRight]).toEqual([side(right, n.name)?.flat ?? 0, side(right, n.name)?.cum ?? 0]);
        }
        const weight = (h: CallGraph, from: string, to: string) =>
          h.edges.find((e) => h.nodes[e.from].name === from && h.nodes[e.to].name === to)?.weight ?? 0;
        for (const e of g.edges) {
          const [from, to] = [g.nodes[e.from].name, g.nodes[e.to].name];
          expect([e.weight, e.weightRight]).toEqual([weight(left, from, to), weight(right, from, to)]);
        }
        expect(g.totalRight).toBe(p.right.total[0] ?? 0);
      })
    );
  });
});

function expectEdgesWithinEnds(g: CallGraph): void {
  for (const e of g.edges) {
    expect(e.weight).toBeLessThanOrEqual(g.nodes[e.from].cum);
    expect(e.weight).toBeLessThanOrEqual(g.nodes[e.to].cum);
  }
}
