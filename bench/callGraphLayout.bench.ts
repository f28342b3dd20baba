/**
 * Layout engines for the call graph view, side by side (docs/call-graph.md, "Layout engine"): Graphviz dot through
 * `@hpcc-js/wasm-graphviz`, `elkjs` (layered) and `@dagrejs/dagre`, on the call graphs of our pprof fixtures and of
 * the synthetic 100k / 1M profiles, at node count 80 and 300.
 *
 * Run: `npx tsx bench/callGraphLayout.bench.ts` (about a minute on 2 cores). Prints, per graph and engine: the median
 * layout time over a few runs (after one warm-up), edge crossings of the routed polylines, and the drawing's size;
 * then the minified bundle size each engine adds (esbuild, the way webpack would include it).
 *
 * Every engine gets the same boxes (sizes from `graphStyles`, as the view draws them) and the same edges with room
 * for their labels.
 */
import fs from 'node:fs';
import path from 'node:path';

import { build } from 'esbuild';
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { Graphviz } from '@hpcc-js/wasm-graphviz';

import { decodePprof } from '../src/model/pprof';
import type { Profile } from '../src/model/profile';
import { callGraph } from '../src/model/transforms/callGraph';
import { edgeCrossings, layoutGraph, type BoxSize, type EdgeToRoute } from '../src/panel/graph/graphLayout';
import { layoutInput } from '../src/panel/graph/graphScene';
import { graphStyles } from '../src/panel/graph/graphStyle';
import { syntheticProfile } from './syntheticProfile';

type Pt = { x: number; y: number };
interface Result {
  ms: number;
  edges: Array<{ points: Pt[] }>;
  width: number;
  height: number;
}
type Engine = (boxes: BoxSize[], routes: EdgeToRoute[]) => Promise<Result>;

const RUNS = 3;

async function dagreEngine(boxes: BoxSize[], routes: EdgeToRoute[]): Promise<Result> {
  const t0 = performance.now();
  const layout = layoutGraph(boxes, routes);
  return { ms: performance.now() - t0, edges: layout.edges, width: layout.width, height: layout.height };
}

const elk = new ELK();
async function elkEngine(boxes: BoxSize[], routes: EdgeToRoute[]): Promise<Result> {
  const t0 = performance.now();
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '24',
      'elk.edgeLabels.inline': 'true',
    },
    children: boxes.map((b, i) => ({ id: `n${i}`, width: b.width, height: b.height })),
    edges: routes.map((r, i) => ({
      id: `e${i}`,
      sources: [`n${r.from}`],
      targets: [`n${r.to}`],
      labels: [{ text: 'w', width: r.labelWidth, height: r.labelHeight }],
    })),
  };
  const out = await elk.layout(input);
  const ms = performance.now() - t0;
  const edges = (out.edges ?? []).map((e: ElkExtendedEdge) => {
    const s = e.sections?.[0];
    return { points: s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [] };
  });
  return { ms, edges, width: out.width ?? 0, height: out.height ?? 0 };
}

let graphviz: Graphviz | undefined;
async function dotEngine(boxes: BoxSize[], routes: EdgeToRoute[]): Promise<Result> {
  graphviz ??= await Graphviz.load();
  const inch = (px: number) => (px / 72).toFixed(3);
  const dot = [
    'digraph g { rankdir=TB; nodesep=0.33; ranksep=0.5; node [shape=box fixedsize=true label=""];',
    ...boxes.map((b, i) => `n${i} [width=${inch(b.width)} height=${inch(b.height)}];`),
    ...routes.map((r) => `n${r.from} -> n${r.to} [weight=${r.weight} label=" " width=${inch(r.labelWidth)}];`),
    '}',
  ].join('\n');
  const t0 = performance.now();
  const plain = graphviz.layout(dot, 'plain', 'dot');
  const ms = performance.now() - t0;
  const edges: Array<{ points: Pt[] }> = [];
  let width = 0;
  let height = 0;
  for (const line of plain.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'graph') {
      width = Number(f[2]) * 72;
      height = Number(f[3]) * 72;
    } else if (f[0] === 'edge') {
      const n = Number(f[3]);
      const points: Pt[] = [];
      for (let i = 0; i < n; i++) {
        points.push({ x: Number(f[4 + 2 * i]) * 72, y: height - Number(f[5 + 2 * i]) * 72 });
      }
      edges.push({ points });
    }
  }
  return { ms, edges, width, height };
}

const ENGINES: Array<[string, Engine]> = [
  ['dot (wasm)', dotEngine],
  ['elkjs', elkEngine],
  ['dagre', dagreEngine],
];

function fixture(name: string): Profile {
  const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/pprof', name)));
  return decodePprof(bytes).profile;
}

async function bundleBytes(entry: string): Promise<number> {
  const out = await build({
    stdin: { contents: entry, resolveDir: path.join(__dirname, '..'), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  return out.outputFiles[0].contents.length;
}

async function main(): Promise<void> {
  const profiles: Array<[string, () => Profile]> = [
    ['go-cpu', () => fixture('go-cpu.pb.gz')],
    ['go-heap-large', () => fixture('go-heap-large.pb.gz')],
    ['java-kafka-cpu', () => fixture('java-kafka-cpu.pb.gz')],
    ['nodejs-cpu', () => fixture('nodejs-cpu.pb.gz')],
    ['synthetic-100k', () => syntheticProfile(100_000, 1)],
    ['synthetic-1M', () => syntheticProfile(1_000_000, 1)],
  ];
  const rows: string[][] = [['profile', 'nodecount', 'nodes', 'edges', 'engine', 'layout ms', 'crossings', 'size px']];
  for (const [name, load] of profiles) {
    const profile = load();
    for (const nodeCount of [80, 300]) {
      const graph = callGraph(profile, { nodeCount });
      const styles = graphStyles(graph, { unit: profile.unit, theme: 'light' });
      const { boxes, routes } = layoutInput(graph, styles.nodes, styles.edges);
      for (const [engine, run] of ENGINES) {
        await run(boxes, routes);
        const times: number[] = [];
        let last: Result | undefined;
        for (let i = 0; i < RUNS; i++) {
          last = await run(boxes, routes);
          times.push(last.ms);
        }
        times.sort((a, b) => a - b);
        const r = last as Result;
        const row = [
          name,
          String(nodeCount),
          String(graph.nodes.length),
          String(graph.edges.length),
          engine,
          times[Math.floor(times.length / 2)].toFixed(1),
          String(edgeCrossings(r.edges)),
          `${Math.round(r.width)}×${Math.round(r.height)}`,
        ];
        rows.push(row);
        process.stdout.write(`${row.join('\t')}\n`);
      }
    }
  }
  const sizes = [
    ['dot (wasm)', `import { Graphviz } from '@hpcc-js/wasm-graphviz'; (globalThis as any).x = Graphviz;`],
    [
      'elkjs',
      `import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js'; (globalThis as any).x = ELK;`,
    ],
    ['dagre', `import dagre from '@dagrejs/dagre'; (globalThis as any).x = dagre.layout;`],
  ];
  process.stdout.write('\nminified bundle size added (esbuild, no gzip):\n');
  for (const [engine, entry] of sizes) {
    process.stdout.write(`${engine}\t${((await bundleBytes(entry)) / 1024).toFixed(0)} KiB\n`);
  }
  process.stdout.write(`\n${JSON.stringify({ bench: 'callGraphLayout', rows })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
