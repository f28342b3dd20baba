/**
 * Decode benchmark (target: README, Measured): server flame graph JSON to the nested-set frame in at most 1.5x the time
 * `JSON.parse` takes on the same body, at ~10k, ~100k and ~1M nodes. Then the call graph build (bench/callGraph.ts).
 *
 * Run: `npm run bench:model` (`tsx --expose-gc`, so the bench can collect garbage between series).
 *
 * Bodies come from `syntheticProfile` (Go-like CPU profiles) with int64 values written as JSON strings, exactly as
 * protojson does.
 */
import { decodeConnectFlameGraph } from '../src/model/connect';
import { encodeConnectFlameGraph } from '../sandbox/pyroscope/wire/connectFlameGraph';
import { decodeConnectFlameGraphText } from '../src/model/connectText';
import { profileToDataFrame } from '../src/model/frame';

import { runCallGraphBench } from './callGraph';
import { syntheticProfile } from './syntheticProfile';

const TARGET_RATIO = 1.5;

interface Case {
  label: string;
  targetNodes: number;
  /** Timed runs per series; every path gets `ROUNDS` series. */
  runs: number;
  warmup: number;
}

const CASES: Case[] = [
  { label: '10k', targetNodes: 10_000, runs: 21, warmup: 30 },
  { label: '100k', targetNodes: 100_000, runs: 7, warmup: 5 },
  { label: '1M', targetNodes: 1_000_000, runs: 3, warmup: 2 },
];

/** The paths are measured in turn, this many times over, so that a noisy spell on the machine hits them all. */
const ROUNDS = 2;

const gc: (() => void) | undefined = typeof global.gc === 'function' ? global.gc : undefined;

/*
 * A forced `gc()` also throws away V8's type feedback for our JS (not for the native JSON.parse), so the next run
 * deoptimises and re-warms: with `gc()` before every run, every JS path is measured half cold. By default the heap is
 * collected once before each series (then warmed up again), so one path's garbage is never collected on another
 * path's clock, while the GC cost of a path's own garbage lands in its own runs. `--gc-every-run` shows the other way.
 */
const gcEveryRun = process.argv.includes('--gc-every-run');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Appends to `times` the wall time of `runs` runs of `fn`, after `warmup` runs. */
function series(fn: () => unknown, runs: number, warmup: number, times: number[]): void {
  let sink = 0;
  gc?.();
  for (let i = 0; i < warmup; i++) {
    sink += fn() === undefined ? 0 : 1;
  }
  for (let i = 0; i < runs; i++) {
    if (gcEveryRun) {
      gc?.();
    }
    const t0 = performance.now();
    const result = fn();
    times.push(performance.now() - t0);
    sink += result === undefined ? 0 : 1;
  }
  if (sink < 0) {
    throw new Error('unreachable: keeps results alive');
  }
}

interface Row {
  label: string;
  nodes: number;
  bodyMB: number;
  jsonParseMs: number;
  objectDecodeMs: number;
  textDecodeMs: number;
  textToFrameMs: number;
}

function runCase(c: Case, seed: number): Row {
  const profile = syntheticProfile(c.targetNodes, seed);
  const nodes = profile.level.length;
  const text = JSON.stringify(encodeConnectFlameGraph(profile));
  const check = decodeConnectFlameGraphText(text, 'nanoseconds');
  if (check.level.length !== nodes || check.total[0] !== profile.total[0]) {
    throw new Error(`text decode disagrees with the generated profile at ${c.label}`);
  }
  const paths: Record<'jsonParse' | 'objectDecode' | 'textDecode' | 'textToFrame', () => unknown> = {
    jsonParse: () => JSON.parse(text),
    objectDecode: () => decodeConnectFlameGraph(JSON.parse(text), 'nanoseconds'),
    textDecode: () => decodeConnectFlameGraphText(text, 'nanoseconds'),
    textToFrame: () => profileToDataFrame(decodeConnectFlameGraphText(text, 'nanoseconds')),
  };
  const times = { jsonParse: [], objectDecode: [], textDecode: [], textToFrame: [] } as Record<
    keyof typeof paths,
    number[]
  >;
  for (let round = 0; round < ROUNDS; round++) {
    for (const key of Object.keys(paths) as Array<keyof typeof paths>) {
      series(paths[key], c.runs, c.warmup, times[key]);
    }
  }
  const jsonParseMs = median(times.jsonParse);
  const objectDecodeMs = median(times.objectDecode);
  const textDecodeMs = median(times.textDecode);
  const textToFrameMs = median(times.textToFrame);
  return { label: c.label, nodes, bodyMB: text.length / 1e6, jsonParseMs, objectDecodeMs, textDecodeMs, textToFrameMs };
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

function main(): void {
  if (!gc) {
    console.log('note: global.gc is not exposed; run with --expose-gc for steadier numbers');
  }
  console.log(
    `median of ${ROUNDS} series per path, each after a warm-up; gc() ${gcEveryRun ? 'before every run' : 'before each series'}`
  );
  const rows = CASES.map((c, i) => runCase(c, 1000 + i));
  const ms = (x: number) => x.toFixed(1);
  const ratio = (x: number, r: Row) => `${(x / r.jsonParseMs).toFixed(2)}x`;
  const header = ['size', 'nodes', 'body MB', 'JSON.parse ms', 'object path ms', 'text path ms', 'text→frame ms'];
  const widths = [5, 9, 8, 14, 22, 20, 20];
  console.log(header.map((h, i) => pad(h, widths[i])).join(' '));
  for (const r of rows) {
    const cells = [
      r.label,
      String(r.nodes),
      r.bodyMB.toFixed(1),
      ms(r.jsonParseMs),
      `${ms(r.objectDecodeMs)} (${ratio(r.objectDecodeMs, r)})`,
      `${ms(r.textDecodeMs)} (${ratio(r.textDecodeMs, r)})`,
      `${ms(r.textToFrameMs)} (${ratio(r.textToFrameMs, r)})`,
    ];
    console.log(cells.map((cell, i) => pad(cell, widths[i])).join(' '));
  }
  for (const r of rows) {
    console.log(
      JSON.stringify({
        bench: 'model.decode',
        size: r.label,
        nodes: r.nodes,
        bodyBytes: Math.round(r.bodyMB * 1e6),
        jsonParseMs: round(r.jsonParseMs),
        objectDecodeMs: round(r.objectDecodeMs),
        textDecodeMs: round(r.textDecodeMs),
        textToFrameMs: round(r.textToFrameMs),
        ratio: round(r.textDecodeMs / r.jsonParseMs),
        frameRatio: round(r.textToFrameMs / r.jsonParseMs),
      })
    );
  }
  // The target is JSON to nested-set frame: judge the full text→frame path, and show the decode alone too.
  const verdict = (ms: (r: (typeof rows)[number]) => number) =>
    rows.map((r) => `${r.label} ${ms(r) / r.jsonParseMs <= TARGET_RATIO ? 'meets' : 'MISSES'}`).join(', ');
  console.log(`decode target (JSON text -> frame <= ${TARGET_RATIO}x JSON.parse): ${verdict((r) => r.textToFrameMs)}`);
  console.log(`decode alone (JSON text -> profile): ${verdict((r) => r.textDecodeMs)}`);
  // The call graph transform (src/model/transforms/callGraph.ts) on the same kind of profiles.
  runCallGraphBench(series);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main();
