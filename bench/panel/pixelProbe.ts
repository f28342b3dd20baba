/**
 * In-page "click → changed pixels" probe (bundled into kit.js with probe.ts, so both pages run the same code).
 *
 * Unlike probe.ts, which waits for a draw call, this looks only at what a user can see:
 * - when armed, the visible part of the implementation's canvas is copied (drawImage into a scratch canvas, then
 *   getImageData: no context is ever created on the implementation's canvas) as the "before" picture;
 * - t0 is taken in a window capture listener for the next trusted click, which runs before any page handler;
 * - from then on, in every frame's rendering step (a ResizeObserver on a hidden element the probe resizes from a rAF
 *   callback: after all rAF callbacks, style and layout, just before paint) the visible pixels are compared with the
 *   "before" picture; t1 is taken at the start of the first check that finds a difference. Whatever the page drew
 *   in tasks, effects or rAF callbacks before that point is in the frame being painted.
 * - The time the probe spends copying and comparing pixels before t1 is added up (`probeMs`), so that main-thread
 *   work measured by the runner over [t0, t1] can leave it out.
 * - console.timeStamp marks t0 and t1 for a trace taken by the runner ("flamelens-bench:t0" / ":t1"); on request a
 *   CPU profile runs from t0 to the end of the check that saw the change (console.profile, for profileFocus.ts).
 */
import { targetCanvas, visiblePixels } from './probe';
import type { PixelMeasurement } from './types';

/** A frame gap longer than this means the main thread was busy. */
const BUSY_GAP_MS = 50;
export const T0_MARK = 'flamelens-bench:t0';
export const T1_MARK = 'flamelens-bench:t1';
export const PROFILE_TITLE = 'flamelens-bench:focus';

interface PixelWatch {
  selector: string;
  before: Uint32Array | undefined;
  quietMs: number;
  timeoutMs: number;
  /** Record a CPU profile from t0 to t1 (console.profile; profileFocus.ts reads it over CDP). */
  profile: boolean;
  t0: number | undefined;
  probeMs: number;
  checks: number;
  lastFrameAt: number;
  lastBusyAt: number;
  cleanup: Array<() => void>;
  done: (m: PixelMeasurement) => void;
  promise: Promise<PixelMeasurement>;
}

let current: PixelWatch | undefined;
let last: Promise<PixelMeasurement> | undefined;
let marker: HTMLElement | undefined;

function snapshot(selector: string): Uint32Array | undefined {
  const canvas = targetCanvas(selector);
  return canvas ? visiblePixels(canvas) : undefined;
}

function differs(a: Uint32Array | undefined, b: Uint32Array | undefined): boolean {
  if (!a || !b) {
    return a !== b;
  }
  if (a.length !== b.length) {
    return true;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return true;
    }
  }
  return false;
}

function finish(w: PixelWatch, m: Omit<PixelMeasurement, 'probeMs' | 'checks'>): void {
  for (const c of w.cleanup) {
    c();
  }
  if (current === w) {
    current = undefined;
  }
  w.done({ ...m, probeMs: w.probeMs, checks: w.checks });
}

/** Runs in a frame's rendering step: compares the visible pixels with the picture taken when armed. */
function check(w: PixelWatch): void {
  if (current !== w || w.t0 === undefined) {
    return;
  }
  const start = performance.now();
  const changed = differs(snapshot(w.selector), w.before);
  w.checks++;
  if (changed) {
    if (w.profile) {
      console.profileEnd(PROFILE_TITLE);
    }
    const compareMs = performance.now() - start;
    console.timeStamp(T1_MARK);
    finish(w, { status: 'ok', ms: start - w.t0, lastCheckMs: compareMs });
    return;
  }
  // Only checks before t1 are inside the measured interval.
  w.probeMs += performance.now() - start;
  if (start - w.t0 > w.timeoutMs) {
    finish(w, { status: 'timeout' });
  } else if (start - w.lastBusyAt > w.quietMs) {
    finish(w, { status: 'no-change' });
  }
}

function begin(w: PixelWatch): void {
  const t0 = performance.now();
  console.timeStamp(T0_MARK);
  if (w.profile) {
    console.profile(PROFILE_TITLE);
  }
  w.t0 = t0;
  w.lastFrameAt = t0;
  w.lastBusyAt = t0;
  if (!marker) {
    marker = document.createElement('div');
    marker.style.cssText = 'position:fixed;left:1px;top:0;width:1px;height:1px;opacity:0;pointer-events:none';
    document.body.appendChild(marker);
  }
  const el = marker;
  const observer = new ResizeObserver(() => check(w));
  observer.observe(el);
  w.cleanup.push(() => observer.disconnect());
  const loop = () => {
    if (current !== w) {
      return;
    }
    const now = performance.now();
    if (now - w.lastFrameAt > BUSY_GAP_MS) {
      w.lastBusyAt = now;
    }
    w.lastFrameAt = now;
    el.style.height = el.style.height === '1px' ? '2px' : '1px';
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

/** Takes the "before" picture of the canvas and waits for the next trusted click. */
export function armPixels(selector: string, options: { quietMs: number; timeoutMs: number; profile?: boolean }): void {
  if (current) {
    finish(current, { status: 'timeout' });
  }
  let done: (m: PixelMeasurement) => void = () => undefined;
  const promise = new Promise<PixelMeasurement>((resolve) => {
    done = resolve;
  });
  const w: PixelWatch = {
    selector,
    before: snapshot(selector),
    quietMs: options.quietMs,
    timeoutMs: options.timeoutMs,
    profile: options.profile ?? false,
    t0: undefined,
    probeMs: 0,
    checks: 0,
    lastFrameAt: 0,
    lastBusyAt: 0,
    cleanup: [],
    done,
    promise,
  };
  const onClick = (e: Event) => {
    if (e.isTrusted && w.t0 === undefined && current === w) {
      begin(w);
    }
  };
  window.addEventListener('click', onClick, { capture: true });
  w.cleanup.push(() => window.removeEventListener('click', onClick, { capture: true }));
  const timer = window.setTimeout(() => {
    if (w.t0 === undefined && current === w) {
      finish(w, { status: 'timeout' });
    }
  }, options.timeoutMs);
  w.cleanup.push(() => window.clearTimeout(timer));
  current = w;
  last = promise;
}

/** The armed (or last) pixel measurement's result. */
export function pixelResult(): Promise<PixelMeasurement> {
  return last ?? Promise.resolve({ status: 'timeout', probeMs: 0, checks: 0 });
}
