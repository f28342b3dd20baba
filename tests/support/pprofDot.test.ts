import * as path from 'path';

import { parsePprofDot, pprofDot } from './pprofDot';

// A -dot report as pprof 1.19 prints it, cut down: a node with flat only, one with flat and cum, one with cum
// only, a name with quotes and a backslash, a label box (nodelet) of a sample label, an inline and a residual edge.
const TEXT = [
  'digraph "unnamed" {',
  'node [style=filled fillcolor="#f8f8f8"]',
  'subgraph cluster_L { "Type: cpu" [shape=box fontsize=16 label="Type: cpu\\lActive filters:\\l   taghide=.\\l' +
    'Showing nodes accounting for 460ms, 97.87% of 470ms total\\lDropped 7 nodes (cum <= 2.35ms)\\l' +
    'Dropped 1 edge (freq <= 0.47ms)\\lShowing top 3 nodes out of 12\\l\\lSee https://git.io/JfYMW for how to read ' +
    'the graph\\l"] }',
  'N1 [label="runtime\\nkevent\\n250ms (53.19%)" id="node1" fontsize=24 shape=box tooltip="runtime.kevent (250ms)" ' +
    'color="#b21e00" fillcolor="#edd9d5"]',
  'N2 [label="main\\nwork\\n10ms (2.13%)\\nof 210ms (44.68%)" id="node2" fontsize=12 shape=box ' +
    'tooltip="main.work (210ms)" color="#b2ac9f" fillcolor="#edecea"]',
  'N2_0 [label = "function:slow" id="N2_0" fontsize=8 shape=box3d tooltip="10ms"]',
  'N2 -> N2_0 [label=" 10ms" weight=100 tooltip="10ms" labeltooltip="10ms"]',
  'N3 [label="a \\"b\\" c\\\\d\\n0 of 460ms (97.87%)" id="node3" fontsize=8 shape=box ' +
    'tooltip="pkg.a \\"b\\" c\\\\d (460ms)" color="#b20100" fillcolor="#edd5d5"]',
  'N3 -> N1 [label=" 250ms" weight=54 penwidth=3 color="#b21e00" tooltip="x ... y (250ms)" ' +
    'labeltooltip="x ... y (250ms)" style="dotted"]',
  'N3 -> N2 [label=" 200ms\\n (inline)" weight=43 penwidth=3 color="#b23c00" tooltip="x -> y (200ms)" ' +
    'labeltooltip="x -> y (200ms)"]',
  '}',
].join('\n');

describe('the go tool pprof -dot oracle helper', () => {
  it('reads nodes: full names from the tooltip, flat and cum from the label, label boxes skipped', () => {
    const dot = parsePprofDot(TEXT, 'nanoseconds');
    expect(dot.nodes.map((n) => [n.id, n.name, n.flat.value, n.cum.value])).toEqual([
      [1, 'runtime.kevent', 250e6, 250e6],
      [2, 'main.work', 10e6, 210e6],
      [3, 'pkg.a "b" c\\d', 0, 460e6],
    ]);
  });

  it('reads edges with their weight, residual (dotted) style and inline label, in printed order', () => {
    const dot = parsePprofDot(TEXT, 'nanoseconds');
    expect(dot.edges.map((e) => [e.from, e.to, e.weight.value, e.residual, e.inline])).toEqual([
      [3, 1, 250e6, true, false],
      [3, 2, 200e6, false, true],
    ]);
  });

  it('reads the legend: totals, dropped nodes and edges with their cutoffs, top N out of M', () => {
    const dot = parsePprofDot(TEXT, 'nanoseconds');
    expect(dot.total.value).toBe(470e6);
    expect(dot.shown.value).toBe(460e6);
    expect([dot.droppedNodes, dot.nodeCutoff?.value, dot.droppedEdges, dot.edgeCutoff?.value]).toEqual([
      7, 2.35e6, 1, 0.47e6,
    ]);
    expect(dot.topOutOf).toBe(12);
    expect(dot.legend).toContain('   taghide=.');
  });

  it('says what it cannot read', () => {
    expect(() => parsePprofDot('digraph "x" {\n}', 'count')).toThrow(/no legend/);
    const badNode = TEXT.replace('250ms (53.19%)" id', 'lots" id');
    expect(() => parsePprofDot(badNode, 'nanoseconds')).toThrow(/cannot read node "N1/);
    const mismatch = TEXT.replace('tooltip="main.work (210ms)"', 'tooltip="main.work (211ms)"');
    expect(() => parsePprofDot(mismatch, 'nanoseconds')).toThrow(/cum 210ms in the label, 211ms in the tooltip/);
  });

  it('runs go tool pprof -dot with the given flags and reads a real graph', () => {
    const file = path.join(__dirname, '../../fixtures/pprof/go-cpu.pb.gz');
    const dot = pprofDot(file, { sampleUnit: 'nanoseconds', nodeCount: 5, unit: 'ns' });
    expect(dot.command).toMatch(/-dot -nodecount=5 -unit=ns /);
    expect(dot.nodes).toHaveLength(5);
    expect(dot.total.text).toBe('470000000ns');
    expect(dot.topOutOf).toBe(28);
    expect(dot.edges.every((e) => e.from >= 1 && e.from <= 5 && e.to >= 1 && e.to <= 5)).toBe(true);
  });
});
