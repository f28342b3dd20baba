import type { CallGraph } from '../../model/transforms/callGraph';
import { graphStyles, textWidth, type EdgeStyle, type GraphStyleOptions, type NodeStyle } from './graphStyle';
import { dotLayout, type DotEngine } from './dotLayout';
import { layoutGraph, type BoxSize, type EdgeToRoute, type GraphLayout } from './graphLayout';

/** Font size of edge labels, css px. */
export const EDGE_LABEL_FONT_PX = 10;

/** Everything the SVG view draws: the styles and the layout, index-aligned with the graph's nodes and edges. */
export interface GraphScene {
  graph: CallGraph;
  nodes: NodeStyle[];
  edges: EdgeStyle[];
  layout: GraphLayout;
  /** Time the layout engine took, ms (the bench and the view's data attribute read it). */
  layoutMs: number;
  /** Which engine laid it out: dot, or dagre when dot could not load. */
  engine: 'dot' | 'dagre';
}

/** What the layout engine gets for a styled graph: box sizes and edges with room for their labels. */
export function layoutInput(
  graph: CallGraph,
  nodes: NodeStyle[],
  edges: EdgeStyle[]
): { boxes: BoxSize[]; routes: EdgeToRoute[] } {
  const boxes = nodes.map((n) => ({ width: n.width, height: n.height }));
  const total = graph.total + (graph.totalRight ?? 0);
  const routes = graph.edges.map((edge, i) => ({
    from: edge.from,
    to: edge.to,
    labelWidth: Math.ceil(textWidth(edges[i].label, EDGE_LABEL_FONT_PX)) + 6,
    labelHeight: EDGE_LABEL_FONT_PX + 4,
    weight: 1 + Math.round((10 * (Math.abs(edge.weight) + Math.abs(edge.weightRight ?? 0))) / Math.max(total, 1e-300)),
  }));
  return { boxes, routes };
}

/** Styles and lays out a call graph: with dot when its engine is given, else with dagre. */
export function graphScene(
  graph: CallGraph,
  options: GraphStyleOptions,
  dot: DotEngine | undefined,
  now: () => number = Date.now
): GraphScene {
  const { nodes, edges } = graphStyles(graph, options);
  const { boxes, routes } = layoutInput(graph, nodes, edges);
  const start = now();
  const layout = dot
    ? dotLayout(
        dot,
        boxes,
        routes,
        edges.map((e) => e.label)
      )
    : layoutGraph(boxes, routes);
  return { graph, nodes, edges, layout, layoutMs: now() - start, engine: dot ? 'dot' : 'dagre' };
}
