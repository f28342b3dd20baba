import { resolve } from 'node:path';

import { readPprofValue, runGo, type PprofValue } from './goPprof';

/**
 * `go tool pprof -dot` as a test oracle for the call graph: runs it (offline, see goPprof.ts) and reads back the
 * graph it prints — nodes with flat and cum, edges with weight and the residual (dotted) style, and the legend's
 * totals and "Dropped ..." lines. Label boxes of sample labels ("nodelets", `N1_0`) are not graph nodes and are
 * skipped.
 */

export interface PprofDotNode {
  /** pprof's number: `N<id>`, 1-based, in its node order. */
  readonly id: number;
  /** The full function name, from the node's tooltip (the label shortens and breaks it). */
  readonly name: string;
  readonly flat: PprofValue;
  readonly cum: PprofValue;
}

export interface PprofDotEdge {
  readonly from: number;
  readonly to: number;
  readonly weight: PprofValue;
  /** Drawn dotted: the edge stands for a path through dropped nodes. */
  readonly residual: boolean;
  /** Labelled `(inline)`: every call it stands for was inlined. */
  readonly inline: boolean;
}

export interface PprofDot {
  readonly nodes: readonly PprofDotNode[];
  /** In the order pprof prints them (heaviest first). */
  readonly edges: readonly PprofDotEdge[];
  /** The legend, one entry per line. */
  readonly legend: readonly string[];
  /** `Showing nodes accounting for X, …`: the sum of the shown nodes' flat values. */
  readonly shown: PprofValue;
  /** `… of Z total`. */
  readonly total: PprofValue;
  /** `Dropped N nodes (cum <= X)`: nodes under the node cutoff (0 when the line is absent). */
  readonly droppedNodes: number;
  readonly nodeCutoff?: PprofValue;
  /** `Dropped N edges (freq <= X)` (0 when absent). */
  readonly droppedEdges: number;
  readonly edgeCutoff?: PprofValue;
  /** `Showing top N nodes out of M`: M, the node count after the node cutoff (absent when nothing was cut). */
  readonly topOutOf?: number;
  readonly command: string;
}

export interface PprofDotOptions {
  /** Unit of the chosen sample type, as the file names it (`nanoseconds`, `bytes`, `count`). */
  sampleUnit: string;
  sampleIndex?: string | number;
  nodeFraction?: number;
  edgeFraction?: number;
  nodeCount?: number;
  /** `-unit`: display unit (`ns`, `B`) for exact values; default: pprof's choice. */
  unit?: string;
  /** `-taghide`: drop sample labels matching this regexp before building the graph. */
  tagHide?: string;
  /** More flags as pprof takes them (`-focus=…`, `-relative_percentages`). */
  flags?: readonly string[];
}

/** Runs `go tool pprof -dot` on `file` and parses the graph. */
export function pprofDot(file: string, options: PprofDotOptions): PprofDot {
  const args = ['tool', 'pprof', '-symbolize=none', '-dot'];
  const flags: Array<[string, string | number | undefined]> = [
    ['nodefraction', options.nodeFraction],
    ['edgefraction', options.edgeFraction],
    ['nodecount', options.nodeCount],
    ['sample_index', options.sampleIndex],
    ['unit', options.unit],
    ['taghide', options.tagHide],
  ];
  for (const [flag, value] of flags) {
    if (value !== undefined) {
      args.push(`-${flag}=${value}`);
    }
  }
  args.push(...(options.flags ?? []), resolve(file));
  return parsePprofDot(runGo(args), options.sampleUnit, `go ${args.join(' ')}`);
}

/** A DOT string's body, unescaped as pprof escapes it: `\\`, `\"`, and `\l` / `\n` line breaks. */
function unescape(quoted: string): string {
  return quoted.replace(/\\(.)/g, (_, c: string) => (c === 'l' || c === 'n' ? '\n' : c));
}

const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const NODE = new RegExp(`^N(\\d+) \\[label=${QUOTED} id="node\\d+" .*?tooltip=${QUOTED}`);
const EDGE = new RegExp(`^N(\\d+) -> N(\\d+) \\[label=${QUOTED}(.*)\\]$`);
const LEGEND = new RegExp(`^subgraph cluster_L \\{ ${QUOTED} \\[.*? label=${QUOTED}`);
const PERCENT = '\\(\\s*[^()]*%\\)';
/** The values at the end of a node label: `FLAT (P%)`, `FLAT (P%)\nof CUM (P%)` or `0 of CUM (P%)`. */
const VALUE = '([^\\s\\\\]+)';
const NODE_VALUES = new RegExp(
  `\\\\n(?:${VALUE} ${PERCENT}(?:\\\\nof ${VALUE} ${PERCENT})?|0 of ${VALUE} ${PERCENT})$`
);

/** Parses the text of a `-dot` report (exported for its own tests). */
export function parsePprofDot(text: string, sampleUnit: string, command = 'go tool pprof -dot'): PprofDot {
  const value = (t: string) => readPprofValue(t, sampleUnit);
  const nodes: PprofDotNode[] = [];
  const edges: PprofDotEdge[] = [];
  let legend: string[] | undefined;
  for (const line of text.split('\n')) {
    const l = LEGEND.exec(line);
    const n = NODE.exec(line);
    const e = EDGE.exec(line);
    if (l) {
      legend = unescape(l[2]).replace(/\n$/, '').split('\n');
    } else if (n) {
      const values = NODE_VALUES.exec(n[2]);
      const tooltip = /^([\s\S]*) \((\S+)\)$/.exec(unescape(n[3]));
      if (!values || !tooltip) {
        throw new Error(`cannot read node "${line}" of ${command}`);
      }
      const flat = values[3] !== undefined ? '0' : values[1];
      const cum = values[3] ?? values[2] ?? values[1];
      if (cum !== tooltip[2]) {
        throw new Error(`node "${line}" of ${command}: cum ${cum} in the label, ${tooltip[2]} in the tooltip`);
      }
      nodes.push({ id: Number(n[1]), name: tooltip[1], flat: value(flat), cum: value(cum) });
    } else if (e) {
      const label = /^ (\S+)(\\n \(inline\))?$/.exec(e[3]);
      if (!label) {
        throw new Error(`cannot read edge "${line}" of ${command}`);
      }
      edges.push({
        from: Number(e[1]),
        to: Number(e[2]),
        weight: value(label[1]),
        residual: / style="dotted"/.test(e[4]),
        inline: label[2] !== undefined,
      });
    }
  }
  if (!legend) {
    throw new Error(`no legend in the output of ${command}:\n${text}`);
  }
  const find = (re: RegExp) => legend?.map((s) => re.exec(s)).find((m) => m !== null) ?? undefined;
  const showing = find(/^Showing nodes accounting for (\S+), \S+ of (\S+) total$/);
  if (!showing) {
    throw new Error(`no "Showing nodes accounting for" line in the legend of ${command}`);
  }
  const droppedNodes = find(/^Dropped (\d+) nodes? \(cum <= (\S+)\)$/);
  const droppedEdges = find(/^Dropped (\d+) edges? \(freq <= (\S+)\)$/);
  const top = find(/^Showing top (\d+) nodes out of (\d+)$/);
  return {
    nodes,
    edges,
    legend,
    shown: value(showing[1]),
    total: value(showing[2]),
    droppedNodes: droppedNodes ? Number(droppedNodes[1]) : 0,
    ...(droppedNodes ? { nodeCutoff: value(droppedNodes[2]) } : {}),
    droppedEdges: droppedEdges ? Number(droppedEdges[1]) : 0,
    ...(droppedEdges ? { edgeCutoff: value(droppedEdges[2]) } : {}),
    ...(top ? { topOutOf: Number(top[2]) } : {}),
    command,
  };
}
