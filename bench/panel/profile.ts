/**
 * Where our panel's first paint spends time and memory: a CPU profile (CDP Profiler, 100 µs sampling) of one first
 * paint of a case's frame, and a sampling heap profile of what that render retains (CDP HeapProfiler sampling,
 * read after two forced collections, so it lists live objects by the function that allocated them). Frames in the
 * built `dist/panel/module.js` are mapped back to our sources through its source map.
 *
 *   npx tsx bench/panel/profile.ts [synthetic-100k|synthetic-1M ...]
 *
 * Prints the top functions by self time, by time within our own source files (inclusive), and by retained bytes,
 * and writes the raw profiles to bench/panel/dist/artifacts/ (`.cpuprofile` opens in Chromium's DevTools).
 * Needs the built plugin and sandbox host, and bench/panel's packages (run.ts installs and builds them).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

import { startHostServer } from '../../sandbox/host/server';
import { launchChromium } from '../../tests/support/browser';
import { BENCH_DIR, DIST_DIR, buildBundles } from './bundle';
import type { CaseId } from './cases';
import type { BenchWindow } from './types';

const ROOT = path.resolve(BENCH_DIR, '..', '..');
const CASES = (process.argv.slice(2).length ? process.argv.slice(2) : ['synthetic-100k', 'synthetic-1M']) as CaseId[];
const PLUGIN_MODULE = '/public/plugins/flamelens-profiles-app/panel/module.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const map = new SourceMapConsumer(JSON.parse(readFileSync(path.join(ROOT, 'dist/panel/module.js.map'), 'utf8')));

/** `name (src/file.ts:line)` for our bundle's frames, `name (url)` for others. */
function label(f: CallFrame): string {
  if (f.url.endsWith('/panel/module.js')) {
    const o = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    if (o.source) {
      const src = o.source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
      return `${o.name ?? f.functionName ?? '(anonymous)'} (${src}:${o.line})`;
    }
  }
  const file = f.url ? f.url.split('/').pop() : '';
  return `${f.functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
}

function top(entries: Map<string, number>, n: number, unit: (v: number) => string): string[] {
  return [...entries.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${unit(v).padStart(10)}  ${k}`);
}

function cpuSummary(p: CpuProfile): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    for (const c of n.children ?? []) {
      parent.set(c, n.id);
    }
  }
  const self = new Map<string, number>();
  const ours = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) {
      return;
    }
    const l = label(node.callFrame);
    self.set(l, (self.get(l) ?? 0) + ms);
    // Inclusive time of our own source functions: each once per sample, however deep the recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at);
      const fl = f ? label(f.callFrame) : '';
      if (/ \((panel|model)\//.test(fl) && !seen.has(fl)) {
        seen.add(fl);
        ours.set(fl, (ours.get(fl) ?? 0) + ms);
      }
    }
  });
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return [
    'self time:',
    ...top(self, 25, ms),
    'inclusive time in our sources:',
    ...top(ours, 30, ms),
    ...busyStretches(p, byId, parent),
  ];
}

/**
 * Stretches of samples with no idle sample among them (roughly one task each, or several back to back) over 40 ms,
 * each with the functions of ours that took most of it (inclusive): which work lands in which long task.
 */
function busyStretches(p: CpuProfile, byId: Map<number, ProfileNode>, parent: Map<number, number>): string[] {
  const out: string[] = [];
  let from = 0;
  let spent = 0;
  let ours = new Map<string, number>();
  const flush = () => {
    if (spent > 40) {
      out.push(`busy stretch at ${from.toFixed(0)} ms for ${spent.toFixed(0)} ms:`);
      out.push(...top(ours, 8, (v) => `${v.toFixed(1)} ms`));
    }
  };
  let at = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    const idle = node?.callFrame.functionName === '(idle)';
    if (idle) {
      flush();
      spent = 0;
      ours = new Map();
    } else {
      if (spent === 0) {
        from = at;
      }
      spent += dt;
      const seen = new Set<string>();
      for (let k: number | undefined = id; k !== undefined; k = parent.get(k)) {
        const f = byId.get(k);
        const fl = f ? label(f.callFrame) : '';
        if (/ \((panel|model)\//.test(fl) && !seen.has(fl)) {
          seen.add(fl);
          ours.set(fl, (ours.get(fl) ?? 0) + dt);
        }
      }
      if (node?.callFrame.functionName === '(garbage collector)') {
        ours.set('(garbage collector)', (ours.get('(garbage collector)') ?? 0) + dt);
      }
    }
    at += dt;
  });
  flush();
  return out;
}

function heapSummary(root: HeapNode): string[] {
  const bytes = new Map<string, number>();
  const walk = (n: HeapNode, ourCaller: string | undefined) => {
    const l = label(n.callFrame);
    const owner = / \((panel|model)\//.test(l) ? l : ourCaller;
    const key = owner ? `${owner} ← ${l === owner ? 'self' : l}` : l;
    if (n.selfSize > 0) {
      bytes.set(key, (bytes.get(key) ?? 0) + n.selfSize);
    }
    n.children.forEach((c) => walk(c, owner));
  };
  walk(root, undefined);
  return [
    'retained by allocating function (ours ← where):',
    ...top(bytes, 25, (v) => `${(v / 2 ** 20).toFixed(2)} MB`),
  ];
}

async function main(): Promise<void> {
  await buildBundles();
  const kitJs = readFileSync(path.join(DIST_DIR, 'kit.js'), 'utf8');
  const host = await startHostServer({ port: 0, grafana: '12.4' });
  const browser = await launchChromium();
  const out = path.join(DIST_DIR, 'artifacts');
  mkdirSync(out, { recursive: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: kitJs });
    const page = await context.newPage();
    await page.goto(`${host.url}/sandbox/panel`);
    await page.waitForFunction(() => 'flamelensHost' in window && 'System' in window, undefined, { timeout: 60_000 });
    await page.evaluate(
      (url) => (window as unknown as BenchWindow).benchKit.setupFlamelens(url, 1200, 800),
      PLUGIN_MODULE
    );
    const cdp = await context.newCDPSession(page);
    for (const id of CASES) {
      await page.evaluate((c) => (window as unknown as BenchWindow).benchKit.makeCase(c), id);
      // Warm-up renders compile and optimise the code, as the bench's earlier runs do.
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => (window as unknown as BenchWindow).benchKit.measureRender(60_000, 2500));
        await page.evaluate(() => (window as unknown as BenchWindow).benchKit.firstPaintTasks(700));
        await page.evaluate(() => (window as unknown as BenchWindow).benchImpl?.clear());
        await page.evaluate(() => (window as unknown as BenchWindow).benchKit.settle());
      }
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096 });
      await cdp.send('Profiler.start');
      const m = await page.evaluate(() => (window as unknown as BenchWindow).benchKit.measureRender(60_000, 2500));
      const tasks = await page.evaluate(() => (window as unknown as BenchWindow).benchKit.firstPaintTasks(700));
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { profile: heap } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
        profile: { head: HeapNode };
      };
      writeFileSync(path.join(out, `${id}-first-paint.cpuprofile`), JSON.stringify(profile));
      console.log(`\n${id}: first paint ${m.ms?.toFixed(1)} ms (${m.status}); long tasks ${tasks.tasks || 'none'}`);
      console.log([...cpuSummary(profile), ...heapSummary(heap.head)].join('\n'));
      await page.evaluate(() => {
        (window as unknown as BenchWindow).benchImpl?.clear();
        (window as unknown as BenchWindow).benchKit.dropCase();
      });
    }
  } finally {
    await browser.close();
    await host.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
