/**
 * Focus as the user feels it: click → the first frame whose canvas pixels changed (pixelProbe.ts), and the
 * main-thread work between the two (a Chromium trace of the click: the renderer main thread's tasks clipped to
 * [t0, t1], minus the probe's own pixel checks), for several bars per case (cases.ts `focusTargets`).
 *
 * Our panel focuses on a bar click. Grafana's bar click opens a context menu; its "Focus block" item is the timed
 * click, exactly as a user does it. Before every timed click the flame graph is rendered afresh (not timed), the
 * pointer is already where the click lands and the page has settled, so hover responses are in the "before"
 * picture and not mistaken for the focus.
 */
import type { CDPSession, Page } from 'playwright-core';

import type { BarTarget, CaseId } from './cases';
import type { BenchWindow, CanvasBox, CaseSummary, PixelMeasurement } from './types';
import { T0_MARK, T1_MARK } from './pixelProbe';

/** Cases whose focus targets are timed (each target costs a fresh render per run). */
export const FOCUS_PIXEL_CASES: readonly CaseId[] = ['synthetic-100k', 'synthetic-1M'];
/** Targets: click → changed pixels at most this fraction of Grafana's, and main-thread work under this. */
export const PIXEL_RATIO_LIMIT = 0.25;
export const WORK_LIMIT_MS = 16;
const ROW_PX = 22;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'].join(',');

type Impl = 'grafana' | 'flamelens';

interface PixelPage {
  name: Impl;
  page: Page;
  cdp: CDPSession;
}

export interface FocusPixelRun {
  label: string;
  status: string;
  ms?: number;
  /** Main-thread task time inside [t0, t1], the probe's own pixel checks left out. */
  workMs?: number;
  longestTaskMs?: number;
  via: string;
}

const kit = (page: Page) => page.evaluate.bind(page);

function barPoint(box: CanvasBox, impl: Impl, t: BarTarget, viewportHeight: number) {
  const row = impl === 'grafana' ? t.grafanaRow : t.level;
  const x = box.left + (box.width * (t.startFrac + t.endFrac)) / 2;
  const y = box.top + (row + 0.5) * ROW_PX;
  if (y >= Math.min(box.top + box.height, viewportHeight) - 1 || x <= box.left || x >= box.left + box.width) {
    return undefined;
  }
  return { x, y };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { message?: string } };
}

async function traced<T>(cdp: CDPSession, body: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  let value: T;
  try {
    value = await body();
  } finally {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return { value, events };
}

/** Task time of the page's main thread inside [t0, t1] (trace µs), from the probe's marks. */
export function mainThreadWork(events: TraceEvent[], m: PixelMeasurement): { workMs: number; longestMs: number } {
  const mark = (message: string) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const a = mark(T0_MARK);
  const b = mark(T1_MARK);
  if (!a || !b) {
    throw new Error('the trace has no t0/t1 marks of the pixel probe');
  }
  const t0 = a.ts;
  const t1 = b.ts - (m.lastCheckMs ?? 0) * 1000;
  const onMain = events.filter((e) => e.pid === a.pid && e.tid === a.tid && e.ph === 'X' && e.dur !== undefined);
  // Busy = the union of the main thread's trace events (tasks, animation frame callbacks, the rendering step, GC),
  // clipped to [t0, t1]: not every piece of work is wrapped in a task event.
  const spans = onMain
    .map((e) => [Math.max(e.ts, t0), Math.min(e.ts + (e.dur ?? 0), t1)] as const)
    .filter(([s0, s1]) => s1 > s0)
    .sort((x, y) => x[0] - y[0]);
  let sum = 0;
  let longest = 0;
  let open: [number, number] | undefined;
  for (const [s0, s1] of spans) {
    if (open && s0 <= open[1]) {
      open[1] = Math.max(open[1], s1);
      continue;
    }
    if (open) {
      sum += open[1] - open[0];
      longest = Math.max(longest, open[1] - open[0]);
    }
    open = [s0, s1];
  }
  if (open) {
    sum += open[1] - open[0];
    longest = Math.max(longest, open[1] - open[0]);
  }
  return { workMs: Math.max(0, sum / 1000 - m.probeMs), longestMs: longest / 1000 };
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as BenchWindow).benchKit.settle());
}

/** Renders the case afresh (not timed) with the pointer out of the way. */
async function freshRender(p: PixelPage, viewport: { width: number; height: number }, timeoutMs: number) {
  await p.page.mouse.move(viewport.width - 5, viewport.height - 5);
  await p.page.evaluate(() => {
    (window as unknown as BenchWindow).benchImpl?.clear();
    window.scrollTo(0, 0);
  });
  await settle(p.page);
  const m = await p.page.evaluate((t) => (window as unknown as BenchWindow).benchKit.measureRender(t, 2500), timeoutMs);
  await settle(p.page);
  return m.status === 'ok';
}

async function focusOnce(p: PixelPage, bar: BarTarget, viewportHeight: number): Promise<Omit<FocusPixelRun, 'label'>> {
  const evaluate = kit(p.page);
  const box = await evaluate(() => (window as unknown as BenchWindow).benchKit.canvasBox());
  const pt = box && barPoint(box, p.name, bar, viewportHeight);
  if (!pt) {
    return { status: 'off-screen', via: 'bar click' };
  }
  await p.page.mouse.move(pt.x, pt.y);
  await settle(p.page);
  let at = pt;
  let via = 'bar click';
  if (p.name === 'grafana') {
    await p.page.mouse.down();
    await p.page.mouse.up();
    const item = p.page.getByRole('menuitem', { name: /focus/i }).first();
    await item.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
    const itemBox = (await item.count()) > 0 ? await item.boundingBox() : null;
    if (!itemBox) {
      return { status: 'no menu item', via: 'context menu' };
    }
    via = `context menu "${(await item.textContent())?.trim() ?? 'focus'}"`;
    at = { x: itemBox.x + itemBox.width / 2, y: itemBox.y + itemBox.height / 2 };
    await p.page.mouse.move(at.x, at.y);
    await settle(p.page);
  }
  await p.cdp.send('HeapProfiler.collectGarbage');
  await settle(p.page);
  await evaluate(() => (window as unknown as BenchWindow).benchKit.armPixels({ quietMs: 1000, timeoutMs: 30_000 }));
  const { value: m, events } = await traced(p.cdp, async () => {
    await p.page.mouse.down();
    await p.page.mouse.up();
    return evaluate(() => (window as unknown as BenchWindow).benchKit.pixelResult());
  });
  if (m.status !== 'ok') {
    return { status: m.status, via };
  }
  const work = mainThreadWork(events, m);
  return { status: 'ok', ms: m.ms, workMs: work.workMs, longestTaskMs: work.longestMs, via };
}

/** Times every focus target of the case once (one run); each target gets a fresh render first. */
export async function measureFocusPixels(
  p: PixelPage,
  summary: CaseSummary,
  viewport: { width: number; height: number },
  timeoutMs: number
): Promise<FocusPixelRun[]> {
  if (!FOCUS_PIXEL_CASES.includes(summary.id)) {
    return [];
  }
  const out: FocusPixelRun[] = [];
  for (const t of summary.focusTargets) {
    if (!(await freshRender(p, viewport, timeoutMs))) {
      out.push({ label: t.label, status: 'render failed', via: '' });
      continue;
    }
    out.push({ label: t.label, ...(await focusOnce(p, t.bar, viewport.height)) });
  }
  return out;
}
