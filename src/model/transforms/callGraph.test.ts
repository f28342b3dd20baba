import { parseTree, tree } from '../testing/asciiTree';
import type { Profile } from '../profile';
import { callGraph, DEFAULT_CALL_GRAPH_OPTIONS, type CallGraph, type CallGraphOptions } from './callGraph';

/** No pruning at all: every function and every edge. */
const ALL: CallGraphOptions = { nodeFraction: 0, edgeFraction: 0, nodeCount: 0 };

/** Nodes as `name flat cum`, sorted by name (the order is tested on its own). */
function nodes(g: CallGraph): string[] {
  return g.nodes.map((n) => `${n.name} ${n.flat} ${n.cum}`).sort();
}

/** Edges as `from -> to weight`, `...>` for residual ones, sorted. */
function edges(g: CallGraph): string[] {
  return g.edges
    .map((e) => `${g.nodes[e.from].name} ${e.residual ? '...>' : '->'} ${g.nodes[e.to].name} ${e.weight}`)
    .sort();
}

describe('callGraph: what a node and an edge count', () => {
  it('sums flat per function, cum and edges once per stack', () => {
    const g = callGraph(
      parseTree(tree`
        total 100
          main 100
            a 60
              c 20
            b 30
              c 10
      `),
      ALL
    );
    expect(nodes(g)).toEqual(['a 40 60', 'b 20 30', 'c 30 30', 'main 10 100']);
    expect(edges(g)).toEqual(['a -> c 20', 'b -> c 10', 'main -> a 60', 'main -> b 30']);
    expect(g.total).toBe(100);
    expect(g.droppedNodes).toBe(0);
    expect(g.droppedEdges).toBe(0);
  });

  it('counts direct recursion once and draws no edge from a function to itself', () => {
    const g = callGraph(
      parseTree(tree`
        total 10
          f 10
            f 8
              f 5
                g 5
      `),
      ALL
    );
    expect(nodes(g)).toEqual(['f 5 10', 'g 5 5']);
    expect(edges(g)).toEqual(['f -> g 5']);
  });

  it('counts mutual recursion once per stack, in both directions', () => {
    const g = callGraph(
      parseTree(tree`
        total 10
          a 10
            b 10
              a 10
                b 6
      `),
      ALL
    );
    expect(nodes(g)).toEqual(['a 4 10', 'b 6 10']);
    expect(edges(g)).toEqual(['a -> b 10', 'b -> a 10']);
  });

  it('merges nodes whose names are equal even when the string table repeats them', () => {
    const p = parseTree('total 5\n  f 5\n    g 2\n  h 0');
    const repeated: Profile = { ...p, names: [...p.names, 'f'], nameId: Int32Array.from([0, 1, 2, 4]) };
    const g = callGraph(repeated, ALL);
    expect(nodes(g)).toEqual(['f 3 5', 'g 2 2']);
    expect(g.nodes.find((n) => n.name === 'f')?.nameId).toBe(1);
  });

  it('ignores functions whose stacks have no value', () => {
    const g = callGraph(parseTree('total 5\n  f 5\n    zero 0'), ALL);
    expect(nodes(g)).toEqual(['f 5 5']);
    expect(g.edges).toEqual([]);
  });
});

describe('callGraph: pruning', () => {
  it('drops functions below the node cutoff and joins their callers to their callees by residual edges', () => {
    const g = callGraph(
      parseTree(tree`
        total 100
          main 100
            x1 4
              hot 4
            x2 4
              hot 4
            x3 4
              hot 4
      `),
      { ...ALL, nodeFraction: 0.05 }
    );
    expect(g.nodeCutoff).toBe(5);
    expect(nodes(g)).toEqual(['hot 12 12', 'main 88 100']);
    expect(edges(g)).toEqual(['main ...> hot 12']);
    expect(g.droppedNodes).toBe(3);
  });

  it('keeps a function whose cum equals the node cutoff', () => {
    const g = callGraph(parseTree('total 100\n  main 100\n    a 5\n    b 4'), { ...ALL, nodeFraction: 0.05 });
    expect(nodes(g)).toEqual(['a 5 5', 'main 91 100']);
    expect(g.droppedNodes).toBe(1);
  });

  it('marks an edge residual when any stack reaches it first through a dropped function', () => {
    const g = callGraph(
      parseTree(tree`
        total 100
          main 100
            a 48
              b 48
            x 2
              a 2
                b 2
      `),
      { ...ALL, nodeFraction: 0.05 }
    );
    expect(edges(g)).toEqual(['a -> b 50', 'main ...> a 50']);
  });

  it('removes a residual edge when the caller reaches the callee another way', () => {
    const g = callGraph(
      parseTree(tree`
        total 100
          main 100
            a 60
              b 60
            x 3
              b 3
      `),
      { ...ALL, nodeFraction: 0.05 }
    );
    expect(edges(g)).toEqual(['a -> b 60', 'main -> a 60']);
    // Not a light edge: it is left out for being redundant, which is not counted.
    expect(g.droppedEdges).toBe(0);
  });

  it('drops edges below the edge cutoff, keeps those equal to it, and counts them', () => {
    const g = callGraph(parseTree('total 100\n  main 100\n    a 91\n    b 5\n    c 4'), { ...ALL, edgeFraction: 0.05 });
    expect(g.edgeCutoff).toBe(5);
    expect(nodes(g)).toEqual(['a 91 91', 'b 5 5', 'c 4 4', 'main 0 100']);
    expect(edges(g)).toEqual(['main -> a 91', 'main -> b 5']);
    expect(g.droppedEdges).toBe(1);
  });

  it('keeps the top nodes of the entropy order: leaves and entries before pass-through functions', () => {
    // Scores (pprof's entropy order): leaf b 1×100+100, entry main 1×100, pass-through a 0.
    const p = parseTree('total 100\n  main 100\n    a 100\n      b 100');
    expect(callGraph(p, ALL).nodes.map((n) => n.name)).toEqual(['b', 'main', 'a']);
    const g = callGraph(p, { ...ALL, nodeCount: 2 });
    expect(g.nodes.map((n) => n.name)).toEqual(['b', 'main']);
    expect(edges(g)).toEqual(['main ...> b 100']);
    expect(g.droppedNodes).toBe(1);
  });

  it('truncates the cutoffs to whole units as pprof does', () => {
    const g = callGraph(parseTree('total 999\n  main 999'), { nodeFraction: 0.005, edgeFraction: 0.001 });
    expect(g.nodeCutoff).toBe(4);
    expect(g.edgeCutoff).toBe(0);
  });

  it("uses pprof's defaults when no options are given", () => {
    expect(DEFAULT_CALL_GRAPH_OPTIONS).toEqual({ nodeFraction: 0.005, edgeFraction: 0.001, nodeCount: 80 });
    const g = callGraph(parseTree('total 1000\n  main 1000\n    a 995\n    b 4'));
    expect(g.nodeCutoff).toBe(5);
    expect(g.edgeCutoff).toBe(1);
    expect(nodes(g)).toEqual(['a 995 995', 'main 1 1000']);
  });

  it('lists edges heaviest first, then by caller and callee name', () => {
    const g = callGraph(parseTree('total 60\n  m 60\n    b 10\n    a 10\n    c 40\n  k 0'), ALL);
    expect(g.edges.map((e) => `${g.nodes[e.from].name}>${g.nodes[e.to].name}`)).toEqual(['m>c', 'm>a', 'm>b']);
  });
});

describe('callGraph: diff profiles', () => {
  const diff = parseTree(tree`
    total 100 | 200
      main 100 | 200
        a 90 | 20
        b 10 | 180
  `);

  it('carries both sides on nodes and edges', () => {
    const g = callGraph(diff, ALL);
    const b = g.nodes.find((n) => n.name === 'b');
    expect(b).toMatchObject({ flat: 10, cum: 10, flatRight: 180, cumRight: 180 });
    const toB = g.edges.find((e) => g.nodes[e.to].name === 'b');
    expect(toB).toMatchObject({ weight: 10, weightRight: 180, residual: false });
    expect(g.totalRight).toBe(200);
  });

  it('prunes on the larger share of the two sides', () => {
    // b is 10% of the left side and 90% of the right: kept; the cutoff is in left units (20% of 100).
    const g = callGraph(diff, { ...ALL, nodeFraction: 0.2 });
    expect(g.nodeCutoff).toBe(20);
    expect(g.nodes.map((n) => n.name).sort()).toEqual(['a', 'b', 'main']);
    const shrunk = callGraph(parseTree('total 100 | 200\n  main 100 | 200\n    a 90 | 20\n    b 10 | 20'), {
      ...ALL,
      nodeFraction: 0.2,
    });
    expect(shrunk.nodes.map((n) => n.name).sort()).toEqual(['a', 'main']);
  });

  it('prunes on the right side when the left is empty', () => {
    const g = callGraph(parseTree('total 0 | 100\n  main 0 | 100\n    a 0 | 97\n    b 0 | 3'), {
      ...ALL,
      nodeFraction: 0.05,
    });
    expect(g.nodeCutoff).toBe(5);
    expect(g.nodes.map((n) => `${n.name} ${n.cum} ${n.cumRight}`).sort()).toEqual(['a 0 97', 'main 0 100']);
  });
});

describe('callGraph: degenerate profiles', () => {
  it('an empty profile gives an empty graph', () => {
    const empty: Profile = {
      names: [],
      level: new Int32Array(0),
      total: new Float64Array(0),
      self: new Float64Array(0),
      nameId: new Int32Array(0),
      unit: 'count',
    };
    expect(callGraph(empty)).toEqual({
      nodes: [],
      edges: [],
      total: 0,
      droppedNodes: 0,
      droppedEdges: 0,
      nodeCutoff: 0,
      edgeCutoff: 0,
    });
  });

  it('a root-only profile has its total and no nodes', () => {
    const g = callGraph(parseTree('total 7'));
    expect(g).toMatchObject({ nodes: [], edges: [], total: 7, droppedNodes: 0 });
  });

  it('an empty diff has a right total of 0', () => {
    expect(callGraph(parseTree('total 0 | 0'))).toMatchObject({ nodes: [], total: 0, totalRight: 0 });
  });

  it('falls back to the defaults (or no limit) for options that are not usable numbers', () => {
    const p = parseTree('total 100\n  main 100\n    a 60\n    b 40');
    const g = callGraph(p, { nodeFraction: Number.NaN, edgeFraction: Infinity, nodeCount: -3 });
    expect(g.nodeCutoff).toBe(0);
    expect(nodes(g)).toEqual(nodes(callGraph(p, { nodeCount: Infinity })));
    expect(g.nodes).toHaveLength(3);
  });
});
