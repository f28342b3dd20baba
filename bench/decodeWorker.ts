/**
 * The datasource's decode worker (issue 15 §1), measured in Chromium on the BUILT plugin (run `npm run build` and
 * `npm run build:host` first): the sandbox host's datasource queries the Pyroscope test server for synthetic profiles
 * of several sizes, untruncated, once with the worker and once with its script refused (404: the main-thread
 * fallback, i.e. the decode as it was before the worker). Printed per size, median of the runs after a warm-up:
 * - `after response`: from the end of the answer's download (resource timing) to the datasource emitting its frame:
 *   the decode path's whole cost, which sets the worker threshold;
 * - `longest task`: the longest main-thread task (PerformanceObserver `longtask`, tasks over 50 ms) from the query's
 *   start to the frame's emission;
 * - with the worker, the panel then gets the emitted frame (the built panel plugin rendered by the sandbox host with
 *   Grafana's PanelProps, in the same task as the emission, as a dashboard's panel would get it): `panel paint` is
 *   the emission → the first frame whose flame graph canvas holds pixels, `panel longest task` the longest task from
 *   the emission to that paint and until the page is quiet (the table and controls mount after the paint).
 * The machine may be shared: numbers are as measured. `DECODE_SIZES=1000000 DECODE_RUNS=5` picks sizes and runs;
 * `DECODE_TASKS=1` prints each run's milestones and long tasks. `npm run bench:decode` runs it alone.
 */
import path from 'path';

import { prepareProvisioning } from '../sandbox/demo/provisioning';
import { startHostServer } from '../sandbox/host/server';
import { startPyroscopeServer } from '../sandbox/pyroscope/server';
import { DEFAULT_TENANT, PROFILE_TYPE_LABEL } from '../sandbox/pyroscope/store';
import { chromium, type Page } from 'playwright-core';

import { CHROMIUM } from '../tests/support/browser';
import { syntheticProfile } from './syntheticProfile';

const SIZES = (process.env.DECODE_SIZES ?? '3000,10000,30000,100000,300000,1000000').split(',').map(Number);
const RUNS = Number(process.env.DECODE_RUNS ?? 3);
const PROFILE_TYPE = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const WORKER_SCRIPT = '**/datasource/decodeWorker.js';
const PANEL_MODULE = '/public/plugins/flamelens-profiles-app/panel/module.js';

interface Sample {
  textChars: number;
  nodes: number;
  afterResponseMs: number;
  totalMs: number;
  longestTaskMs: number;
  workers: number;
  /** The long tasks to the emission (and, with the panel, after it), `start+duration` in ms from the query's start. */
  tasks?: string;
  /** The query's milestones in ms from its start. */
  marks?: string;
  /** Emission → the panel's first painted frame (only when the panel is rendered). */
  panelPaintMs?: number;
  /** Longest task from the emission to the panel's first paint. */
  panelPaintTaskMs?: number;
  /** Longest task from the emission until the page went quiet after the paint. */
  panelQuietTaskMs?: number;
}

/** Runs in the page: one query through the provisioned datasource, timed. */
async function queryOnce(args: {
  service: string;
  fromMs: number;
  toMs: number;
  profileType: string;
  /** Render the emitted frame in our panel (the plugin module's URL) and time its first paint. */
  panelUrl?: string;
}): Promise<Sample> {
  type Sys = { import(name: string): Promise<Record<string, unknown>> };
  const w = window as unknown as {
    System: Sys;
    longTasks: Array<{ start: number; duration: number }>;
    workerCount: number;
  };
  const runtime = (await w.System.import('@grafana/runtime')) as {
    getDataSourceSrv(): {
      get(ref: { uid: string }): Promise<{ query(r: unknown): { subscribe(o: unknown): unknown } }>;
    };
  };
  const data = (await w.System.import('@grafana/data')) as { dateTime(ms: number): unknown };
  const ds = await runtime.getDataSourceSrv().get({ uid: 'flamelens-pyroscope' });
  type Host = {
    loadPlugin(url: string): Promise<{ plugin: unknown }>;
    renderPanel(plugin: unknown, container: HTMLElement, input: unknown): void;
  };
  const host = (window as unknown as { flamelensHost: Host }).flamelensHost;
  const container = document.getElementById('panel');
  const panel = args.panelUrl && container ? (await host.loadPlugin(args.panelUrl)).plugin : undefined;
  const showPanel = (series: unknown[]) => {
    if (panel && container) {
      container.style.width = '1200px';
      container.style.height = '800px';
      host.renderPanel(panel, container, { series, width: 1200, height: 800 });
    }
  };
  // The panel starts from "No data", as a dashboard panel does before its first answer.
  showPanel([]);
  const from = data.dateTime(args.fromMs);
  const to = data.dateTime(args.toMs);
  const request = {
    requestId: `decode-bench-${Math.random()}`,
    app: 'dashboard',
    interval: '15s',
    intervalMs: 15_000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    timezone: 'utc',
    startTime: Date.now(),
    targets: [
      {
        refId: 'A',
        queryType: 'profile',
        profileTypeId: args.profileType,
        labelSelector: `{service_name="${args.service}"}`,
        maxNodes: 1_048_576,
        groupBy: [],
      },
    ],
  };
  (window as unknown as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 100));
  performance.clearResourceTimings();
  const workersBefore = w.workerCount;
  const start = performance.now();
  const frame = await new Promise<{ length: number }>((resolve, reject) => {
    ds.query(request).subscribe({
      next: (r: { data?: Array<{ length: number }>; errors?: Array<{ message?: string }> }) => {
        if (r.errors?.length) {
          reject(new Error(r.errors.map((e) => e.message).join('; ')));
        } else if (r.data?.length) {
          // The panel gets the frame in the emission's own task, as a dashboard's panel does.
          showPanel(r.data);
          resolve(r.data[0]);
        }
      },
      error: reject,
    });
  });
  const emitted = performance.now();
  const paint = panel ? await (window as unknown as { panelPainted: PanelPainted }).panelPainted() : undefined;
  // Long task entries are delivered after their task: let the observer catch up.
  await new Promise((r) => setTimeout(r, 200));
  const answer = performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes('SelectMergeStacktraces'))
    .pop() as PerformanceResourceTiming;
  const tasks = w.longTasks.filter((t) => t.start + t.duration > start && t.start < emitted);
  const longest = (from: number, to: number) =>
    Math.max(0, ...w.longTasks.filter((t) => t.start + t.duration > from && t.start < to).map((t) => t.duration));
  return {
    ...(paint
      ? {
          panelPaintMs: paint.paintedAt - emitted,
          panelPaintTaskMs: longest(emitted, paint.paintedAt),
          panelQuietTaskMs: longest(emitted, paint.quietAt),
        }
      : {}),
    textChars: answer.decodedBodySize,
    nodes: frame.length,
    afterResponseMs: emitted - answer.responseEnd,
    totalMs: emitted - start,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    workers: w.workerCount - workersBefore,
    tasks:
      tasks.map((t) => `${(t.start - start).toFixed(0)}+${t.duration.toFixed(0)}`).join(' ') +
      (paint
        ? ` | after the emission (${(emitted - start).toFixed(0)}): ` +
          w.longTasks
            .filter((t) => t.start + t.duration > emitted && t.start < paint.quietAt)
            .map((t) => `${(t.start - start).toFixed(0)}+${t.duration.toFixed(0)}`)
            .join(' ') +
          `, painted at ${(paint.paintedAt - start).toFixed(0)}`
        : ''),
    marks: `start 0, fetchStart ${(answer.fetchStart - start).toFixed(0)}, responseStart ${(answer.responseStart - start).toFixed(0)}, responseEnd ${(answer.responseEnd - start).toFixed(0)}, emitted ${(emitted - start).toFixed(0)}`,
  };
}

type PanelPainted = () => Promise<{ paintedAt: number; quietAt: number }>;

/**
 * Runs in the page before its scripts: installs `panelPainted`, which waits (in animation frames) for the panel's
 * flame graph canvas to hold a visible pixel, then for the page to be quiet (no frame gap over 50 ms for 700 ms), and
 * returns when each happened.
 */
function installPanelPainted() {
  (window as unknown as { panelPainted: PanelPainted }).panelPainted = () => {
    const scratch = document.createElement('canvas');
    const inked = (): boolean => {
      const canvas = document.querySelector('canvas[data-testid="flamelens-canvas"]');
      if (!(canvas instanceof HTMLCanvasElement) || !canvas.width || !canvas.height) {
        return false;
      }
      const w = Math.min(canvas.width, 400);
      const h = Math.min(canvas.height, 200);
      scratch.width = w;
      scratch.height = h;
      const ctx = scratch.getContext('2d', { willReadFrequently: true });
      if (!ctx) {
        return false;
      }
      ctx.clearRect(0, 0, w, h);
      ctx.drawImage(canvas, 0, 0, w, h, 0, 0, w, h);
      return new Uint32Array(ctx.getImageData(0, 0, w, h).data.buffer).some((px) => px !== 0);
    };
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let paintedAt: number | undefined;
      let last = started;
      let busyUntil = started;
      const step = () => {
        const now = performance.now();
        if (now - last > 50) {
          busyUntil = now;
        }
        last = now;
        if (paintedAt === undefined && inked()) {
          paintedAt = now;
        }
        if (paintedAt !== undefined && now - busyUntil >= 700) {
          resolve({ paintedAt, quietAt: busyUntil });
        } else if (now - started > 60_000) {
          reject(new Error('the panel did not paint its flame graph within 60 s'));
        } else {
          requestAnimationFrame(step);
        }
      };
      requestAnimationFrame(step);
    });
  };
}

/** Runs in the page before its scripts: records long tasks and counts Workers constructed. */
function instrument() {
  const w = window as unknown as { longTasks: Array<{ start: number; duration: number }>; workerCount: number };
  w.longTasks = [];
  w.workerCount = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.longTasks.push({ start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      w.workerCount++;
    }
  };
}

type NumberKey =
  | 'textChars'
  | 'nodes'
  | 'afterResponseMs'
  | 'totalMs'
  | 'longestTaskMs'
  | 'workers'
  | 'panelPaintMs'
  | 'panelPaintTaskMs'
  | 'panelQuietTaskMs';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const pyroscope = await startPyroscopeServer({});
  const timeMs = Date.now() - 10 * 60_000;
  for (const n of SIZES) {
    const labels = { service_name: `bench-${n}`, [PROFILE_TYPE_LABEL]: PROFILE_TYPE, __name__: 'process_cpu' };
    pyroscope.store.append(DEFAULT_TENANT, labels, timeMs, syntheticProfile(n, n));
  }
  const provisioning = prepareProvisioning(path.join(__dirname, '..', 'provisioning'), false);
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning.dir,
    env: { PYROSCOPE_URL: pyroscope.url },
  });
  // Our own launch for --expose-gc: each run starts after a full collection, as a dashboard's first load would.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'],
  });
  const results = new Map<string, Sample>();
  try {
    for (const mode of ['main thread (worker refused)', 'worker'] as const) {
      const page: Page = await browser.newPage();
      // tsx names functions through an `__name` helper that page.evaluate does not carry along.
      await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      await page.addInitScript(instrument);
      await page.addInitScript(installPanelPainted);
      if (mode !== 'worker') {
        await page.route(WORKER_SCRIPT, (route) => route.fulfill({ status: 404, body: 'refused' }));
      }
      await page.goto(`${host.url}/sandbox/panel`);
      await page.waitForFunction(() => 'flamelensHost' in window && 'System' in window, undefined, { timeout: 60_000 });
      for (const n of SIZES) {
        const args = {
          service: `bench-${n}`,
          fromMs: timeMs - 3_600_000,
          toMs: timeMs + 3_600_000,
          profileType: PROFILE_TYPE,
          ...(mode === 'worker' ? { panelUrl: PANEL_MODULE } : {}),
        };
        const samples: Sample[] = [];
        // One warm-up (scripts compiled, the worker script cached), then the runs.
        await page.evaluate(queryOnce, args);
        for (let r = 0; r < RUNS; r++) {
          samples.push(await page.evaluate(queryOnce, args));
          if (process.env.DECODE_TASKS) {
            console.log(mode, n, samples[r].marks, '| long tasks:', samples[r].tasks);
          }
        }
        const m = (k: NumberKey) => median(samples.map((s) => s[k] ?? NaN));
        results.set(`${mode}|${n}`, {
          textChars: m('textChars'),
          nodes: m('nodes'),
          afterResponseMs: m('afterResponseMs'),
          totalMs: m('totalMs'),
          longestTaskMs: m('longestTaskMs'),
          workers: m('workers'),
          ...(mode === 'worker'
            ? {
                panelPaintMs: m('panelPaintMs'),
                panelPaintTaskMs: m('panelPaintTaskMs'),
                panelQuietTaskMs: m('panelQuietTaskMs'),
              }
            : {}),
        });
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await pyroscope.close();
    provisioning.cleanup();
  }
  console.log(`\nDecode worker (built datasource in Chromium, median of ${RUNS} runs; machine load not controlled)`);
  console.log('nodes      answer MB  | after response: main  worker | longest task: main  worker | workers used');
  for (const n of SIZES) {
    const a = results.get(`main thread (worker refused)|${n}`)!;
    const b = results.get(`worker|${n}`)!;
    const cell = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
    console.log(
      `${String(a.nodes).padEnd(10)} ${(a.textChars / 1e6).toFixed(2).padStart(8)}  |      ${cell(a.afterResponseMs)} ${cell(b.afterResponseMs)} |    ${cell(a.longestTaskMs)} ${cell(b.longestTaskMs)} | ${b.workers}`
    );
  }
  console.log('\nThe panel given the emitted frame (worker path): emission → first paint, and the longest task');
  console.log('nodes      | panel paint | longest task: to paint  until quiet');
  for (const n of SIZES) {
    const b = results.get(`worker|${n}`)!;
    const cell = (v: number | undefined) => `${v === undefined || Number.isNaN(v) ? '–' : v.toFixed(0)} ms`.padStart(9);
    console.log(
      `${String(b.nodes).padEnd(10)} | ${cell(b.panelPaintMs)}   |              ${cell(b.panelPaintTaskMs)} ${cell(b.panelQuietTaskMs)}`
    );
  }
  // Issue 15 §1's targets, at the largest size measured (1,000,000 nodes by default).
  const largest = Math.max(...SIZES);
  const w = results.get(`worker|${largest}`)!;
  const verdict = (ok: boolean) => (ok ? 'met   ' : 'missed');
  console.log('');
  console.log(
    `target ${verdict(w.longestTaskMs <= 50)} no main-thread task over 50 ms from the request to the emitted frame at ${w.nodes} nodes (worker): longest ${w.longestTaskMs.toFixed(0)} ms (median of runs)`
  );
  if (w.panelQuietTaskMs !== undefined && !Number.isNaN(w.panelQuietTaskMs)) {
    console.log(
      `target ${verdict(w.panelQuietTaskMs <= 100)} the panel's first paint of that frame in tasks ≤ 100 ms: longest ${w.panelQuietTaskMs.toFixed(0)} ms until quiet (${(w.panelPaintTaskMs ?? 0).toFixed(0)} ms to the paint, ${(w.panelPaintMs ?? 0).toFixed(0)} ms from the emission); @grafana/flamegraph given the same frame: npm run bench's panel table`
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
