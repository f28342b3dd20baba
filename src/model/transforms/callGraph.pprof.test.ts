import * as fs from 'fs';
import * as path from 'path';

import { agreesWithPrinted } from '../../../tests/support/goPprof';
import { pprofDot, type PprofDot } from '../../../tests/support/pprofDot';
import { decodePprof } from '../pprof';
import { callGraph, DEFAULT_CALL_GRAPH_OPTIONS, type CallGraph, type CallGraphOptions } from './callGraph';
import { applyFrameFilters, pprofFlags, type FrameFilter } from './frameFilters';

/**
 * The call graph against `go tool pprof -dot` on the Go fixtures, with the same -nodefraction, -edgefraction and
 * -nodecount: the same nodes in the same order (pprof's N1, N2, ...) with the same flat and cum, the same edges in
 * the same order with the same weights and residual (dotted) flags, and the legend's totals and "Dropped" counts.
 * Values are compared exactly (pprof run with `-unit=ns` or `-unit=B` prints whole sample units) and, in a second
 * run, within the rounding of the units pprof picks itself.
 *
 * pprof runs with `-taghide=.`: it counts the boxes it draws for sample labels against -nodecount, and our model
 * has no sample labels (see docs/call-graph.md); the last test shows the difference this makes.
 */

const FIXTURES = path.join(__dirname, '../../../fixtures/pprof');

interface Case {
  file: string;
  sampleType?: string;
  options: CallGraphOptions;
  /** Frame filters applied to the profile first; pprof gets them as -focus/-ignore/-hide. */
  filters?: FrameFilter[];
}

const DEFAULTS = DEFAULT_CALL_GRAPH_OPTIONS;
const CASES: Case[] = [
  { file: 'go-cpu', options: DEFAULTS },
  { file: 'go-cpu', options: { ...DEFAULTS, nodeCount: 20 } },
  { file: 'go-cpu', sampleType: 'samples', options: { ...DEFAULTS, nodeCount: 10 } },
  { file: 'go-cpu-exemplars', options: DEFAULTS },
  { file: 'go-cpu-exemplars', options: { nodeFraction: 0, edgeFraction: 0, nodeCount: 0 } },
  { file: 'go-heap', options: DEFAULTS },
  { file: 'go-heap', options: { ...DEFAULTS, nodeCount: 20 } },
  { file: 'go-heap', options: { ...DEFAULTS, nodeCount: 200 } },
  { file: 'go-heap', options: { nodeFraction: 0.02, edgeFraction: 0.01, nodeCount: 50 } },
  { file: 'go-heap', sampleType: 'alloc_objects', options: DEFAULTS },
  { file: 'go-heap', sampleType: 'alloc_space', options: { ...DEFAULTS, nodeCount: 30 } },
  { file: 'go-heap-large', options: DEFAULTS },
  { file: 'go-heap-large', options: { ...DEFAULTS, nodeCount: 20 } },
  { file: 'go-heap-large', options: { ...DEFAULTS, nodeCount: 200 } },
  { file: 'go-heap-large', options: { nodeFraction: 0.001, edgeFraction: 0.0005, nodeCount: 0 } },
  // After frame filters, as every view sees the profile (pprof with -relative_percentages: its total and cutoffs
  // are then the filtered profile's, as ours are).
  {
    file: 'go-cpu',
    options: DEFAULTS,
    filters: [{ kind: 'hide', pattern: '^runtime\\.(mcall|park_m)$', mode: 'regex' }],
  },
  { file: 'go-heap', options: DEFAULTS, filters: [{ kind: 'focus', pattern: 'tree\\.', mode: 'regex' }] },
  {
    file: 'go-heap-large',
    options: { ...DEFAULTS, nodeCount: 40 },
    filters: [
      { kind: 'ignore', pattern: '^runtime\\.', mode: 'regex' },
      { kind: 'hide', pattern: 'net/http.HandlerFunc.ServeHTTP', mode: 'exact' },
    ],
  },
];

const EXACT_UNIT: Record<string, string | undefined> = { nanoseconds: 'ns', bytes: 'B', count: undefined };

function load(file: string, sampleType?: string) {
  const decoded = decodePprof(new Uint8Array(fs.readFileSync(path.join(FIXTURES, `${file}.pb.gz`))), {
    ...(sampleType ? { sampleType } : {}),
  });
  return { profile: decoded.profile, unit: decoded.sampleTypes[decoded.sampleTypeIndex].unit };
}

function runPprof(c: Case, unit: string, exact: boolean, options: CallGraphOptions = c.options): PprofDot {
  const filters = c.filters ?? [];
  return pprofDot(path.join(FIXTURES, `${c.file}.pb.gz`), {
    flags: filters.length > 0 ? [...pprofFlags(filters), '-relative_percentages'] : [],
    sampleUnit: unit,
    sampleIndex: c.sampleType,
    nodeFraction: options.nodeFraction,
    edgeFraction: options.edgeFraction,
    nodeCount: options.nodeCount,
    tagHide: '.',
    ...(exact ? { unit: EXACT_UNIT[unit] } : {}),
  });
}

/** Our graph in pprof's terms: `N<k>` numbering, names and values. */
function ourNodes(g: CallGraph) {
  return g.nodes.map((n) => ({ id: n.id + 1, name: n.name, flat: n.flat, cum: n.cum }));
}

function ourEdges(g: CallGraph) {
  return g.edges.map((e) => ({ from: e.from + 1, to: e.to + 1, weight: e.weight, residual: e.residual }));
}

const describeCase = (c: Case) =>
  `${c.file}${c.sampleType ? ` ${c.sampleType}` : ''}: nodefraction ${c.options.nodeFraction}, edgefraction ` +
  `${c.options.edgeFraction}, nodecount ${c.options.nodeCount}` +
  (c.filters ? `, ${pprofFlags(c.filters).join(' ')}` : '');

describe.each(CASES.map((c) => [describeCase(c), c]))('%s', (_, c: Case) => {
  const { profile: unfiltered, unit } = load(c.file, c.sampleType);
  const filtered = applyFrameFilters(unfiltered, c.filters ?? []);
  const graph = callGraph(filtered.profile, c.options);

  it('filters, if any, match something and change the graph', () => {
    expect(filtered.outcomes.every((o) => o.status === 'matched')).toBe(true);
    if (c.filters) {
      expect(callGraph(unfiltered, c.options)).not.toEqual(graph);
    }
  });

  describe('in exact units', () => {
    const dot = runPprof(c, unit, true);
    const context = dot.command;

    it('has the same nodes, in the same order, with the same flat and cum', () => {
      expect({ context, nodes: ourNodes(graph) }).toEqual({
        context,
        nodes: dot.nodes.map((n) => ({ id: n.id, name: n.name, flat: n.flat.value, cum: n.cum.value })),
      });
    });

    it('has the same edges, in the same order, with the same weights and residual flags', () => {
      expect({ context, edges: ourEdges(graph) }).toEqual({
        context,
        edges: dot.edges.map((e) => ({ from: e.from, to: e.to, weight: e.weight.value, residual: e.residual })),
      });
    });

    it("has the legend's total, shown value, cutoffs and dropped counts", () => {
      expect(graph.total).toBe(dot.total.value);
      expect(graph.nodes.reduce((s, n) => s + n.flat, 0)).toBe(dot.shown.value);
      if (dot.nodeCutoff) {
        expect(graph.nodeCutoff).toBe(dot.nodeCutoff.value);
      }
      if (dot.edgeCutoff) {
        expect(graph.edgeCutoff).toBe(dot.edgeCutoff.value);
      }
      // Ours counts every function not shown; pprof's legend splits them into cut off and beyond the top N.
      const beyondTop = dot.topOutOf === undefined ? 0 : dot.topOutOf - dot.nodes.length;
      expect(graph.droppedNodes).toBe(dot.droppedNodes + beyondTop);
      // When -nodecount cut nothing, pprof drops the light edges before its last count and prints 0; the same
      // graph without -nodecount shows the true number.
      const cutNothing = dot.topOutOf === undefined && c.options.nodeCount > 0;
      const edgesDot = cutNothing ? runPprof(c, unit, true, { ...c.options, nodeCount: 0 }) : dot;
      expect(graph.droppedEdges).toBe(edgesDot.droppedEdges);
    });
  });

  it('agrees with pprof in the units it picks, within its rounding', () => {
    const dot = runPprof(c, unit, false);
    const row = (name: string, ours: number, printed?: { text: string }) =>
      `${name}: ${ours} vs ${printed?.text ?? 'nothing'}`;
    const off = [
      ...graph.nodes.flatMap((n, k) => {
        const p = dot.nodes[k];
        return p !== undefined &&
          p.name === n.name &&
          agreesWithPrinted(n.flat, p.flat) &&
          agreesWithPrinted(n.cum, p.cum)
          ? []
          : [row(`N${k + 1} ${n.name}`, n.cum, p?.cum)];
      }),
      ...graph.edges.flatMap((e, k) => {
        const p = dot.edges[k];
        return p !== undefined && agreesWithPrinted(e.weight, p.weight) ? [] : [row(`edge ${k}`, e.weight, p?.weight)];
      }),
    ];
    expect({ context: dot.command, nodes: dot.nodes.length, edges: dot.edges.length, off }).toEqual({
      context: dot.command,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      off: [],
    });
    expect(agreesWithPrinted(graph.total, dot.total)).toBe(true);
  });
});

describe('sample labels', () => {
  it('without -taghide, pprof counts label boxes against -nodecount and shows fewer functions than we do', () => {
    const { profile, unit } = load('go-heap');
    const dot = pprofDot(path.join(FIXTURES, 'go-heap.pb.gz'), { sampleUnit: unit });
    const ours = callGraph(profile);
    expect(ours.nodes).toHaveLength(DEFAULTS.nodeCount);
    expect(dot.nodes.length).toBeLessThan(ours.nodes.length);
  });
});
