/**
 * Call graph build benchmark (part of `npm run bench:model`): `callGraph` on the synthetic 100k and 1M node
 * profiles, with pprof's default pruning (what the Graph view builds) and with none (every function and edge: the
 * worst case). Target: the default build well under a second at 1M nodes.
 */
import type { Profile } from '../src/model/profile';
import { callGraph, DEFAULT_CALL_GRAPH_OPTIONS, type CallGraphOptions } from '../src/model/transforms/callGraph';

import { syntheticProfile } from './syntheticProfile';

const TARGET_MS = 1000;

const CASES = [
  { label: '100k', targetNodes: 100_000, runs: 7, warmup: 3 },
  { label: '1M', targetNodes: 1_000_000, runs: 5, warmup: 2 },
];

const SETTINGS: Array<{ label: string; options: CallGraphOptions }> = [
  { label: 'default', options: DEFAULT_CALL_GRAPH_OPTIONS },
  { label: 'unpruned', options: { nodeFraction: 0, edgeFraction: 0, nodeCount: 0 } },
];

/** Runs `fn` `warmup` times, then returns the wall times of `runs` runs. */
export type Series = (fn: () => unknown, runs: number, warmup: number, times: number[]) => void;

interface Row {
  size: string;
  nodes: number;
  functions: number;
  setting: string;
  ms: number;
  graphNodes: number;
  graphEdges: number;
}

function measure(profile: Profile, options: CallGraphOptions, runs: number, warmup: number, series: Series) {
  const times: number[] = [];
  series(() => callGraph(profile, options), runs, warmup, times);
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Measures and prints the call graph build times; `series` is the decode bench's timing loop. */
export function runCallGraphBench(series: Series): void {
  const rows: Row[] = [];
  CASES.forEach((c, i) => {
    const profile = syntheticProfile(c.targetNodes, 2000 + i);
    for (const s of SETTINGS) {
      const g = callGraph(profile, s.options);
      rows.push({
        size: c.label,
        nodes: profile.level.length,
        functions: profile.names.length - 1,
        setting: s.label,
        ms: measure(profile, s.options, c.runs, c.warmup, series),
        graphNodes: g.nodes.length,
        graphEdges: g.edges.length,
      });
    }
  });
  console.log('call graph build (median ms):');
  for (const r of rows) {
    console.log(
      `  ${r.size.padStart(4)} ${String(r.nodes).padStart(8)} nodes, ${r.functions} functions, ${r.setting.padEnd(8)}: ` +
        `${r.ms.toFixed(1).padStart(7)} ms -> ${r.graphNodes} nodes, ${r.graphEdges} edges`
    );
  }
  for (const r of rows) {
    console.log(JSON.stringify({ bench: 'model.callGraph', ...r, ms: Math.round(r.ms * 100) / 100 }));
  }
  const defaults = rows.filter((r) => r.setting === 'default');
  const verdict = defaults.map((r) => `${r.size} ${r.ms < TARGET_MS ? 'meets' : 'MISSES'}`).join(', ');
  console.log(`call graph target (default pruning < ${TARGET_MS} ms): ${verdict}`);
}
