/**
 * Where a focus click's time goes in our panel: a CPU profile (CDP Profiler, 50 µs sampling) of one click on each
 * focus target (cases.ts `focusTargets`), from the click to the first frame whose canvas pixels changed (the probe
 * starts and ends it with console.profile; the last pixel comparison, getImageData, is the probe's own), summed by function (self time, names through dist/panel/module.js.map) and by trace event kind.
 *
 * `npx tsx bench/panel/profileFocus.ts [--cases=synthetic-100k] [--top=25]` from the repo root, after a plugin build
 * (`npm run build`, `npm run build:host`). A development tool: not part of `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

import { startHostServer } from '../../sandbox/host/server';
import { launchChromium } from '../../tests/support/browser';
import { BENCH_DIR, DIST_DIR, buildBundles } from './bundle';
import type { CaseId } from './cases';
import type { BenchWindow } from './types';

const ROOT = path.resolve(BENCH_DIR, '..', '..');
const argv = process.argv.slice(2);
const CASES = (argv.find((a) => a.startsWith('--cases='))?.slice(8) ?? 'synthetic-100k,synthetic-1M').split(',');
const TOP = Number(argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const W = 1200;
const H = 800;
const ROW_PX = 22;

const map = new SourceMapConsumer(
  JSON.parse(readFileSync(path.join(ROOT, 'dist', 'panel', 'module.js.map'), 'utf8')) as RawSourceMap
);

/** The parts of CDP's Runtime.CallFrame and Profiler.Profile read here (playwright-core does not export its types). */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>;
  samples?: number[];
  timeDeltas?: number[];
}

function frameName(f: CallFrame): string {
  if (f.url.includes('panel/module.js')) {
    const pos = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    if (pos.source) {
      return `${pos.name ?? f.functionName ?? '?'} ${pos.source.replace(/^.*?src\//, 'src/')}:${pos.line}`;
    }
  }
  const file = f.url.split('/').pop() ?? '';
  return `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
}

async function main(): Promise<void> {
  await buildBundles();
  const kitJs = readFileSync(path.join(DIST_DIR, 'kit.js'), 'utf8');
  const host = await startHostServer({ port: 0, grafana: '12.4' });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: kitJs });
    const page = await context.newPage();
    await page.goto(`${host.url}/sandbox/panel`);
    await page.waitForFunction(() => 'flamelensHost' in window && document.getElementById('panel') !== null);
    const evaluate = page.evaluate.bind(page);
    await evaluate(
      ({ w, h }) =>
        (window as unknown as BenchWindow).benchKit.setupFlamelens(
          '/public/plugins/flamelens-profiles-app/panel/module.js',
          w,
          h
        ),
      { w: W, h: H }
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    for (const id of CASES) {
      const summary = await evaluate((c) => (window as unknown as BenchWindow).benchKit.makeCase(c as CaseId), id);
      for (const t of summary.focusTargets) {
        await page.mouse.move(1270, 990);
        await evaluate(() => (window as unknown as BenchWindow).benchImpl?.clear());
        await evaluate(() => (window as unknown as BenchWindow).benchKit.measureRender(90_000, 2500));
        await evaluate(() => (window as unknown as BenchWindow).benchKit.settle());
        const box = await evaluate(() => (window as unknown as BenchWindow).benchKit.canvasBox());
        if (!box) {
          continue;
        }
        await page.mouse.move(
          box.left + (box.width * (t.bar.startFrac + t.bar.endFrac)) / 2,
          box.top + (t.bar.level + 0.5) * ROW_PX
        );
        await evaluate(() => (window as unknown as BenchWindow).benchKit.settle());
        await cdp.send('HeapProfiler.collectGarbage');
        await evaluate(() =>
          (window as unknown as BenchWindow).benchKit.armPixels({ quietMs: 1000, timeoutMs: 30_000, profile: true })
        );
        const finished = new Promise<CpuProfile>((resolve) =>
          cdp.once('Profiler.consoleProfileFinished', (e) => resolve(e.profile as CpuProfile))
        );
        await page.mouse.down();
        await page.mouse.up();
        const m = await evaluate(() => (window as unknown as BenchWindow).benchKit.pixelResult());
        const profile = await finished;
        console.log(`\n${id} ${t.label}: ${m.status} ${m.ms?.toFixed(1)} ms (probe ${m.probeMs.toFixed(1)} ms)`);
        report(profile);
      }
    }
  } finally {
    await browser.close();
    await host.close();
  }
}

/** Self time per function, idle left out. */
function report(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    const dt = (deltas[i + 1] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') {
      continue;
    }
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  }
  console.log(`  busy (sampled: JS, GC, layout; the probe's pixel checks included): ${total.toFixed(1)} ms`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`  ${ms.toFixed(2).padStart(7)} ms  ${name}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
