import { rootTotal, type Profile } from '../profile';
import { edgeTotals, functionTotals, type FunctionTotals } from './callGraphCounts';
import { edgeOrder, entropyOrder, removeRedundantEdges, trimLightEdges, type WorkGraph } from './callGraphPrune';

/**
 * The call graph of a profile, as `go tool pprof -dot` draws it at function granularity: one node per function
 * (flat: value of the stacks it ends; cum: value of the stacks it is on, counted once per stack however deep it
 * recurses), one edge per caller→callee pair (weight: value of the stacks that make that call, once per stack),
 * pruned like pprof: functions below `nodeFraction` of the total are dropped (paths through them become residual
 * edges), the `nodeCount` most telling functions are kept (pprof's entropy order), edges below `edgeFraction` are
 * dropped, and residual edges that another path already explains are removed. The whole story, and where we
 * differ from pprof, is in docs/call-graph.md.
 */

export interface CallGraphOptions {
  /** Drop functions whose cum is below this share of the total (pprof `-nodefraction`). */
  nodeFraction: number;
  /** Drop edges whose weight is below this share of the total (pprof `-edgefraction`). */
  edgeFraction: number;
  /** Keep at most this many functions; 0 keeps all (pprof `-nodecount`). */
  nodeCount: number;
}

/** pprof's defaults for its graph views. */
export const DEFAULT_CALL_GRAPH_OPTIONS: CallGraphOptions = Object.freeze({
  nodeFraction: 0.005,
  edgeFraction: 0.001,
  nodeCount: 80,
});

export interface CallGraphNode {
  /** Position in `CallGraph.nodes`. */
  id: number;
  /** Index into the profile's `names` (the first one, if the table repeats the name). */
  nameId: number;
  name: string;
  /** Value of the stacks this function ends (self). */
  flat: number;
  /** Value of the stacks this function is on, each counted once. */
  cum: number;
  /** Diff profiles only: the compared (right) side. */
  flatRight?: number;
  cumRight?: number;
}

export interface CallGraphEdge {
  /** Caller: index into `CallGraph.nodes`. */
  from: number;
  /** Callee: index into `CallGraph.nodes`. */
  to: number;
  /** Value of the stacks that make this call (directly, or through dropped functions when residual). */
  weight: number;
  weightRight?: number;
  /** The edge stands for a path through functions that were dropped. */
  residual: boolean;
}

export interface CallGraph {
  /** Kept functions, in pprof's order (its N1, N2, ... numbering). */
  nodes: CallGraphNode[];
  /** Kept edges, heaviest first (then by caller and callee name), as pprof lists them. */
  edges: CallGraphEdge[];
  /** The profile's total (root total; left side for a diff). */
  total: number;
  totalRight?: number;
  /** Functions with a value that are not shown: below the node cutoff or beyond the node count. */
  droppedNodes: number;
  /** Edges between shown functions left out for weighing less than the edge cutoff. */
  droppedEdges: number;
  /** Functions with a cum below this were dropped (in the left side's units; see docs/call-graph.md for diffs). */
  nodeCutoff: number;
  /** Edges with a weight below this were dropped. */
  edgeCutoff: number;
}

/** Fills in defaults: a fraction that is not a finite number is the default; a node count of 0, below 0 or
 * infinite means no limit. */
function readOptions(options: Partial<CallGraphOptions>): CallGraphOptions {
  const fraction = (key: 'nodeFraction' | 'edgeFraction') => {
    const v = options[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : DEFAULT_CALL_GRAPH_OPTIONS[key];
  };
  const count = options.nodeCount ?? DEFAULT_CALL_GRAPH_OPTIONS.nodeCount;
  return {
    nodeFraction: fraction('nodeFraction'),
    edgeFraction: fraction('edgeFraction'),
    nodeCount: count > 0 && Number.isFinite(count) ? Math.floor(count) : 0,
  };
}

/** How values are compared against the cutoffs: the left side, or the larger of both sides for a diff. */
interface PruneScale {
  /** Σ flat of the side the cutoffs are fractions of. */
  base: number;
  /** Factor that brings right-side values to the left side's total (0 for a profile without a right side). */
  right: number;
}

function pruneScale(profile: Profile): PruneScale {
  const leftTotal = rootTotal(profile);
  const leftFlat = leftTotal - (profile.self.length > 0 ? profile.self[0] : 0);
  const right = profile.right;
  if (!right || right.total.length === 0) {
    return { base: leftFlat, right: 0 };
  }
  const rightTotal = right.total[0];
  if (leftTotal === 0) {
    return { base: rightTotal - right.self[0], right: 1 };
  }
  return { base: leftFlat, right: rightTotal > 0 ? leftTotal / rightTotal : 0 };
}

/** The larger of a left value and a scaled right value. */
function pruneValues(left: Float64Array, right: Float64Array | undefined, scale: number): Float64Array {
  if (!right) {
    return left;
  }
  return left.map((v, i) => Math.max(v, right[i] * scale));
}

/** Builds the call graph of `profile` (linear in its size; see the module comment). */
export function callGraph(profile: Profile, options: Partial<CallGraphOptions> = {}): CallGraph {
  const o = readOptions(options);
  const totals = functionTotals(profile);
  const scale = pruneScale(profile);
  const flat = pruneValues(totals.flat, totals.flatRight, scale.right);
  const cum = pruneValues(totals.cum, totals.cumRight, scale.right);
  const nodeCutoff = Math.abs(Math.trunc(scale.base * o.nodeFraction));
  const edgeCutoff = Math.abs(Math.trunc(scale.base * o.edgeFraction));

  // Every function with a value, then those at or above the node cutoff.
  const present: number[] = [];
  totals.canon.forEach((c, id) => {
    if (c === id && hasValue(totals, id)) {
      present.push(id);
    }
  });
  let kept = nodeCutoff > 0 ? present.filter((id) => Math.abs(cum[id]) >= nodeCutoff) : present;
  let g = workGraph(profile, totals, kept, scale.right);
  let order = entropyOrder(g, flat, cum, profile.names);
  if (o.nodeCount > 0 && kept.length > o.nodeCount) {
    // Rebuilt from the profile with the top nodes only: paths through the others become residual edges.
    kept = order.slice(0, o.nodeCount);
    g = workGraph(profile, totals, kept, scale.right);
    order = entropyOrder(g, flat, cum, profile.names);
  }
  const droppedEdges = trimLightEdges(g, edgeCutoff);
  removeRedundantEdges(g, order, profile.names);

  const position = new Int32Array(profile.names.length);
  order.forEach((id, k) => {
    position[id] = k;
  });
  const nodes = order.map((id, k) => toNode(profile, totals, id, k));
  const edges: CallGraphEdge[] = [];
  const aliveEdges: number[] = [];
  g.alive.forEach((alive, e) => {
    if (alive === 1) {
      aliveEdges.push(e);
    }
  });
  const rightEdges = g.weightRight;
  for (const e of aliveEdges.sort(edgeOrder(g, profile.names))) {
    edges.push({
      from: position[g.from[e]],
      to: position[g.to[e]],
      weight: g.weightLeft[e],
      ...(rightEdges ? { weightRight: rightEdges[e] } : {}),
      residual: g.residual[e],
    });
  }
  return {
    nodes,
    edges,
    total: rootTotal(profile),
    ...(profile.right ? { totalRight: profile.right.total.length > 0 ? profile.right.total[0] : 0 } : {}),
    droppedNodes: present.length - nodes.length,
    droppedEdges,
    nodeCutoff,
    edgeCutoff,
  };
}

function hasValue(t: FunctionTotals, id: number): boolean {
  return t.flat[id] !== 0 || t.cum[id] !== 0 || (t.flatRight?.[id] ?? 0) !== 0 || (t.cumRight?.[id] ?? 0) !== 0;
}

interface SidedGraph extends WorkGraph {
  readonly weightLeft: number[];
  readonly weightRight?: number[];
}

/** The graph of the functions in `kept`, edges counted from the profile, weighed by prune value. */
function workGraph(profile: Profile, totals: FunctionTotals, kept: number[], rightScale: number): SidedGraph {
  const keep = new Uint8Array(profile.names.length);
  for (const id of kept) {
    keep[id] = 1;
  }
  const e = edgeTotals(profile, totals.canon, keep);
  const weightRight = e.weightRight;
  const weight = Float64Array.from(e.weight, (w, k) => (weightRight ? Math.max(w, weightRight[k] * rightScale) : w));
  return {
    nodes: kept,
    from: e.from,
    to: e.to,
    weight,
    residual: e.residual,
    alive: new Uint8Array(e.from.length).fill(1),
    weightLeft: e.weight,
    ...(weightRight ? { weightRight } : {}),
  };
}

function toNode(profile: Profile, t: FunctionTotals, id: number, position: number): CallGraphNode {
  const node: CallGraphNode = { id: position, nameId: id, name: profile.names[id], flat: t.flat[id], cum: t.cum[id] };
  if (t.flatRight && t.cumRight) {
    node.flatRight = t.flatRight[id];
    node.cumRight = t.cumRight[id];
  }
  return node;
}
