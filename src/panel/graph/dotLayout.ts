import type { BoxSize, EdgeToRoute, GraphLayout } from './graphLayout';

/*
 * Layout by Graphviz dot, the engine `go tool pprof` itself hands its graphs to, compiled to WebAssembly by
 * `@hpcc-js/wasm-graphviz` (docs/call-graph.md, "Layout engine", has the measurements that chose it). We give dot
 * fixed-size boxes and labelled edges, ask for its `plain` output (positions only) and draw everything ourselves, so
 * the SVG stays ours: our styles, our events, our accessibility.
 */

/** The part of the Graphviz instance we use. */
export interface DotEngine {
  layout(dotSource: string, outputFormat: 'plain', layoutEngine: 'dot'): string;
}

let loading: Promise<DotEngine> | undefined;

// webpack's run-time public path of this bundle (the folder module.js was loaded from); absent outside webpack.
declare let __webpack_public_path__: string;

/**
 * Imports Graphviz as a chunk of its own (about 0.8 MB), so panels that never show a graph do not download it.
 * webpack writes chunks at the plugin's root (dist/), while Grafana loads this panel from dist/panel/ and the
 * public path is that folder: for the one synchronous call that starts the chunk's script, the public path is the
 * plugin's root.
 */
function importGraphviz() {
  if (typeof __webpack_public_path__ !== 'string') {
    return import('@hpcc-js/wasm-graphviz');
  }
  const panelPath = __webpack_public_path__;
  __webpack_public_path__ = panelPath.replace(/panel\/$/, '');
  try {
    return import('@hpcc-js/wasm-graphviz');
  } finally {
    __webpack_public_path__ = panelPath;
  }
}

/**
 * Loads and instantiates the WebAssembly engine once per page. It rejects where WebAssembly is not allowed (a
 * Content Security Policy without 'wasm-unsafe-eval' or 'unsafe-eval'); the caller then lays out with dagre.
 */
export function loadDot(): Promise<DotEngine> {
  loading ??= importGraphviz().then((m) => m.Graphviz.load());
  loading.catch(() => (loading = undefined));
  return loading;
}

/** dot measures in points (1/72 inch); we draw in css px, 1 point each. */
const PER_INCH = 72;
/** Edge label font size handed to dot so it keeps room for the labels, points. */
const LABEL_FONT = 10;

/** The DOT source for boxes and edges (nodes `n0`, `n1`, … in box order). */
export function dotSource(boxes: BoxSize[], edges: EdgeToRoute[], labels: string[]): string {
  const inch = (px: number) => (px / PER_INCH).toFixed(4);
  const lines = [
    'digraph g {',
    'graph [rankdir=TB nodesep=0.3 ranksep=0.45 margin=0.2];',
    `node [shape=box fixedsize=true label=""];`,
    `edge [fontsize=${LABEL_FONT} arrowsize=0.9];`,
  ];
  boxes.forEach((b, i) => lines.push(`n${i} [width=${inch(b.width)} height=${inch(b.height)}];`));
  edges.forEach((e, i) => lines.push(`n${e.from} -> n${e.to} [weight=${e.weight} label=${quote(labels[i] ?? '')}];`));
  lines.push('}');
  return lines.join('\n');
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Splits a line of dot's plain output into fields; quoted fields lose their quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  }
  return out;
}

/**
 * Reads dot's `plain` output back into our layout: y flipped to grow downwards, node centres turned into top-left
 * corners, each edge's B-spline control points kept as they are (drawn as cubic Béziers) in the order of `edges`.
 */
export function parsePlain(plain: string, boxes: BoxSize[], edges: EdgeToRoute[]): GraphLayout {
  let width = 0;
  let height = 0;
  const nodes = boxes.map((b) => ({ x: 0, y: 0, width: b.width, height: b.height }));
  // dot keeps the edges in input order, but one pair can have several edges: match each to the next of its pair.
  const pending = new Map<string, number[]>();
  edges.forEach((e, i) => {
    const key = `n${e.from} n${e.to}`;
    pending.set(key, [...(pending.get(key) ?? []), i]);
  });
  const placed = edges.map(() => ({ points: [] as Array<{ x: number; y: number }>, labelX: 0, labelY: 0 }));
  for (const line of plain.split('\n')) {
    const f = fields(line);
    if (f[0] === 'graph') {
      width = Number(f[2]) * PER_INCH;
      height = Number(f[3]) * PER_INCH;
    } else if (f[0] === 'node') {
      const i = Number(f[1].slice(1));
      const box = nodes[i];
      if (box) {
        box.x = Number(f[2]) * PER_INCH - box.width / 2;
        box.y = height - Number(f[3]) * PER_INCH - box.height / 2;
      }
    } else if (f[0] === 'edge') {
      const index = pending.get(`${f[1]} ${f[2]}`)?.shift();
      if (index === undefined) {
        continue;
      }
      const n = Number(f[3]);
      const points: Array<{ x: number; y: number }> = [];
      for (let k = 0; k < n; k++) {
        points.push({ x: Number(f[4 + 2 * k]) * PER_INCH, y: height - Number(f[5 + 2 * k]) * PER_INCH });
      }
      const rest = 4 + 2 * n;
      // With a label: "label x y" follow the points.
      const hasLabel = f.length >= rest + 5;
      const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
      placed[index] = {
        points,
        labelX: hasLabel ? Number(f[rest + 1]) * PER_INCH : mid.x,
        labelY: hasLabel ? height - Number(f[rest + 2]) * PER_INCH : mid.y,
      };
    }
  }
  return { nodes, edges: placed, width, height, curve: 'bspline' };
}

/** Lays out with a loaded dot engine. */
export function dotLayout(engine: DotEngine, boxes: BoxSize[], edges: EdgeToRoute[], labels: string[]): GraphLayout {
  return parsePlain(engine.layout(dotSource(boxes, edges, labels), 'plain', 'dot'), boxes, edges);
}
