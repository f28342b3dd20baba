/**
 * @jest-environment node
 */
import { dotLayout, dotSource, loadDot, parsePlain } from './dotLayout';
import { edgeCrossings, edgePath, layoutGraph, type BoxSize, type EdgeToRoute, type GraphLayout } from './graphLayout';

/** main → a, main → b, a → c, b → c, c → a (a cycle, as recursion through two functions makes). */
const boxes: BoxSize[] = [
  { width: 120, height: 40 },
  { width: 80, height: 30 },
  { width: 200, height: 50 },
  { width: 60, height: 30 },
];
const edges: EdgeToRoute[] = [
  { from: 0, to: 1, labelWidth: 30, labelHeight: 14, weight: 5 },
  { from: 0, to: 2, labelWidth: 30, labelHeight: 14, weight: 3 },
  { from: 1, to: 3, labelWidth: 30, labelHeight: 14, weight: 2 },
  { from: 2, to: 3, labelWidth: 30, labelHeight: 14, weight: 2 },
  { from: 3, to: 1, labelWidth: 30, labelHeight: 14, weight: 1 },
];

function overlaps(a: GraphLayout['nodes'][number], b: GraphLayout['nodes'][number]): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** What any engine's layout must give: sizes kept, boxes apart and inside the drawing, callers above callees. */
function expectSound(layout: GraphLayout): void {
  expect(layout.nodes.map((n) => [n.width, n.height])).toEqual(boxes.map((b) => [b.width, b.height]));
  for (let i = 0; i < layout.nodes.length; i++) {
    const n = layout.nodes[i];
    expect(n.x).toBeGreaterThanOrEqual(0);
    expect(n.y).toBeGreaterThanOrEqual(0);
    expect(n.x + n.width).toBeLessThanOrEqual(layout.width + 0.5);
    expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 0.5);
    for (let j = i + 1; j < layout.nodes.length; j++) {
      expect(overlaps(n, layout.nodes[j])).toBe(false);
    }
  }
  // Top-down: main's box ends above its callees' boxes.
  const main = layout.nodes[0];
  expect(main.y + main.height).toBeLessThanOrEqual(layout.nodes[1].y);
  expect(main.y + main.height).toBeLessThanOrEqual(layout.nodes[2].y);
  // Every edge is routed, starting near its caller and ending near its callee.
  edges.forEach((e, i) => {
    const pts = layout.edges[i].points;
    expect(pts.length).toBeGreaterThanOrEqual(2);
    const near = (p: { x: number; y: number }, n: GraphLayout['nodes'][number]) =>
      p.x >= n.x - 20 && p.x <= n.x + n.width + 20 && p.y >= n.y - 20 && p.y <= n.y + n.height + 20;
    expect(near(pts[0], layout.nodes[e.from])).toBe(true);
    expect(near(pts[pts.length - 1], layout.nodes[e.to])).toBe(true);
  });
}

describe('layoutGraph (dagre)', () => {
  it('lays out top-down without overlaps', () => {
    const layout = layoutGraph(boxes, edges);
    expect(layout.curve).toBe('through');
    expectSound(layout);
  });
});

describe('dotLayout (Graphviz WebAssembly)', () => {
  it('lays out top-down without overlaps, with labels placed', async () => {
    const dot = await loadDot();
    const layout = dotLayout(dot, boxes, edges, ['5', '3', '2', '2', '1']);
    expect(layout.curve).toBe('bspline');
    expectSound(layout);
    // B-spline control points: 1 + 3k of them.
    layout.edges.forEach((e) => expect((e.points.length - 1) % 3).toBe(0));
    expect(layout.edges.every((e) => e.labelX > 0 && e.labelY > 0)).toBe(true);
  });

  it('quotes labels so names and values cannot break the DOT source', () => {
    const src = dotSource([boxes[0], boxes[1]], [edges[0]], ['say "hi" \\ there']);
    expect(src).toContain('label="say \\"hi\\" \\\\ there"');
  });

  it('reads plain output: flips y, matches edges to their pair, reads label positions', () => {
    const plain = [
      'graph 1 2 1',
      'node n0 1 0.75 1 0.5 "" solid box black lightgrey',
      'node n1 1 0.25 1 0.5 "" solid box black lightgrey',
      'edge n0 n1 4 1 0.5 1 0.45 1 0.4 1 0.35 "9 ms" 1.2 0.42 solid black',
      'stop',
    ].join('\n');
    const layout = parsePlain(
      plain,
      [
        { width: 72, height: 36 },
        { width: 72, height: 36 },
      ],
      [edges[0]]
    );
    expect(layout.width).toBe(144);
    expect(layout.height).toBe(72);
    expect(layout.nodes[0]).toEqual({ x: 36, y: 72 - 54 - 18, width: 72, height: 36 });
    expect(layout.edges[0].points[0]).toEqual({ x: 72, y: 36 });
    expect(layout.edges[0].labelX).toBeCloseTo(86.4);
    expect(layout.edges[0].labelY).toBeCloseTo(72 - 0.42 * 72);
  });
});

describe('edgePath', () => {
  it('draws dot control points as Béziers and dagre points as a curve through them', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 10, y: 10 },
      { x: 10, y: 20 },
    ];
    expect(edgePath(pts, 'bspline')).toBe('M0,0C0,10 10,10 10,20');
    expect(edgePath(pts.slice(0, 2), 'through')).toBe('M0,0L0,10');
    expect(edgePath(pts.slice(0, 3), 'through')).toMatch(/^M0,0C.+C.+ 10,10$/);
    expect(edgePath([], 'through')).toBe('');
  });
});

describe('edgeCrossings', () => {
  it('counts pairs of edges that cross, not those that share an end', () => {
    const x = {
      points: [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
      ],
    };
    const y = {
      points: [
        { x: 0, y: 10 },
        { x: 10, y: 0 },
      ],
    };
    const sharing = {
      points: [
        { x: 0, y: 0 },
        { x: 0, y: 10 },
      ],
    };
    expect(edgeCrossings([x, y])).toBe(1);
    expect(edgeCrossings([x, sharing])).toBe(0);
  });
});
