import dagre from '@dagrejs/dagre';

/*
 * The layout's shapes, and the fallback engine: dagre, a layered layout in plain JS, used when Graphviz's WebAssembly
 * cannot load (docs/call-graph.md, "Layout engine"). Callers above callees, the boxes at the sizes `graphStyles`
 * computed, room kept for the edge labels.
 */

/** Size of one box to place. */
export interface BoxSize {
  width: number;
  height: number;
}

/** An edge to route: indexes into the boxes, the size of its label, and how much it weighs (heavier is straighter). */
export interface EdgeToRoute {
  from: number;
  to: number;
  labelWidth: number;
  labelHeight: number;
  /** Relative importance, ≥ 1. */
  weight: number;
}

/** A placed box: top-left corner and size, css px. */
export interface PlacedNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A routed edge: its polyline from the caller's box to the callee's, and where its label's centre goes. */
export interface PlacedEdge {
  points: Array<{ x: number; y: number }>;
  labelX: number;
  labelY: number;
}

/**
 * The whole drawing, in css px from (0, 0) to (width, height). `curve` says what edge points are: `bspline`, the
 * control points of joined cubic Béziers (dot); `through`, points the edge passes through (dagre).
 */
export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  curve: 'bspline' | 'through';
}

/** Space around the drawing, css px. */
export const LAYOUT_MARGIN_PX = 16;

/** Lays out `boxes` and `edges` top-down. Edges are index-aligned with the input; self-edges loop beside their box. */
export function layoutGraph(boxes: BoxSize[], edges: EdgeToRoute[]): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    nodesep: 24,
    ranksep: 36,
    edgesep: 12,
    marginx: LAYOUT_MARGIN_PX,
    marginy: LAYOUT_MARGIN_PX,
  });
  g.setDefaultEdgeLabel(() => ({}));
  boxes.forEach((box, i) => g.setNode(String(i), { width: box.width, height: box.height }));
  edges.forEach((edge, i) =>
    g.setEdge(
      String(edge.from),
      String(edge.to),
      { width: edge.labelWidth, height: edge.labelHeight, labelpos: 'c', weight: edge.weight },
      String(i)
    )
  );
  dagre.layout(g);
  const nodes = boxes.map((box, i) => {
    const n = g.node(String(i));
    return { x: n.x - box.width / 2, y: n.y - box.height / 2, width: box.width, height: box.height };
  });
  const placed = edges.map((edge, i) => {
    const e = g.edge({ v: String(edge.from), w: String(edge.to), name: String(i) });
    const points = (e.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y }));
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { points, labelX: e.x ?? mid.x, labelY: e.y ?? mid.y };
  });
  const graph = g.graph();
  return {
    nodes,
    edges: placed,
    width: Math.max(graph.width ?? 0, 2 * LAYOUT_MARGIN_PX),
    height: Math.max(graph.height ?? 0, 2 * LAYOUT_MARGIN_PX),
    curve: 'through',
  };
}

/**
 * SVG path data of an edge. `bspline`: the points are 1 + 3k Bézier control points, drawn as they are. `through`:
 * straight for two points, else a smooth curve that passes through each point (each segment a cubic Bézier whose
 * control points follow the neighbours' direction).
 */
export function edgePath(points: ReadonlyArray<{ x: number; y: number }>, curve: GraphLayout['curve']): string {
  if (points.length === 0) {
    return '';
  }
  const f = (n: number) => String(Math.round(n * 10) / 10);
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  if (curve === 'bspline' && (points.length - 1) % 3 === 0) {
    for (let i = 1; i + 2 < points.length; i += 3) {
      const [a, b, c] = [points[i], points[i + 1], points[i + 2]];
      d += `C${f(a.x)},${f(a.y)} ${f(b.x)},${f(b.y)} ${f(c.x)},${f(c.y)}`;
    }
    return d;
  }
  if (points.length === 2) {
    return `${d}L${f(points[1].x)},${f(points[1].y)}`;
  }
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    const c1x = p1.x + (p2.x - p0.x) / 6;
    const c1y = p1.y + (p2.y - p0.y) / 6;
    const c2x = p2.x - (p3.x - p1.x) / 6;
    const c2y = p2.y - (p3.y - p1.y) / 6;
    d += `C${f(c1x)},${f(c1y)} ${f(c2x)},${f(c2y)} ${f(p2.x)},${f(p2.y)}`;
  }
  return d;
}

/** Number of pairs of edges whose polylines cross (shared end points do not count): a measure of how readable a layout is. */
export function edgeCrossings(edges: ReadonlyArray<{ points: ReadonlyArray<{ x: number; y: number }> }>): number {
  let crossings = 0;
  for (let a = 0; a < edges.length; a++) {
    for (let b = a + 1; b < edges.length; b++) {
      if (polylinesCross(edges[a].points, edges[b].points)) {
        crossings++;
      }
    }
  }
  return crossings;
}

type Pt = { x: number; y: number };

function polylinesCross(p: readonly Pt[], q: readonly Pt[]): boolean {
  for (let i = 0; i + 1 < p.length; i++) {
    for (let j = 0; j + 1 < q.length; j++) {
      if (segmentsCross(p[i], p[i + 1], q[j], q[j + 1])) {
        return true;
      }
    }
  }
  return false;
}

/** Proper crossing of two segments: each one's ends strictly on both sides of the other. */
function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const side = (p: Pt, q: Pt, r: Pt) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const d1 = side(c, d, a);
  const d2 = side(c, d, b);
  const d3 = side(a, b, c);
  const d4 = side(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}
