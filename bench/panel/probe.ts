/**
 * In-page measurement, identical for both implementations (bundled into kit.js, which the runner injects into both
 * pages before any page script runs).
 *
 * How "frame in → canvas painted" (and every redraw) is measured:
 * - t0 is taken just before `benchImpl.render(frame)` (first paint), or in a window capture listener for the input
 *   event, which runs before any page handler (React listens on its root container).
 * - A response is a draw call on the implementation's canvas. Draw calls are seen by wrapping the drawing methods of
 *   CanvasRenderingContext2D.prototype once (fill, fillRect, fillText, stroke, …, drawImage, putImageData, clearRect);
 *   the wrappers call the original first and then, only while a measurement is armed, note the time. Where it is
 *   asked for (hover), a DOM change (MutationObserver: added/removed nodes, text) is a response too, because
 *   @grafana/flamegraph answers a hover with a tooltip and no canvas redraw.
 * - t1 is taken inside the rendering step of the first frame that includes a response: while measuring, every rAF
 *   callback of the probe resizes a hidden 1 px element, so a ResizeObserver callback runs in each frame's rendering
 *   step, after all rAF callbacks and after style and layout, before paint. Everything recorded before that callback
 *   (in tasks, in rAF callbacks: Grafana draws in a React effect, our panel in rAF) is in that frame. Unlike a task
 *   posted after the frame, this does not wait behind tasks queued earlier (React's scheduler, say), which run after
 *   the frame is on its way. So t1 ≈ "the frame that shows the response is laid out"; only paint recording and
 *   compositing (the same for both sides) come after it.
 * - First paint also requires non-empty pixels: the visible part of the canvas is copied to a scratch canvas
 *   (drawImage, so no context is ever created on the implementation's canvas) and must hold a pixel with alpha > 0.
 *   A canvas too large for Chromium accepts draw calls and stays empty (Chromium fires 'contextlost' on it): `blank`.
 * - Every 8th frame the pixels are also checked without a draw call (non-2D canvases, bitmaps from a worker).
 * - Quiet: no frame gap over 50 ms for `quietMs` means nothing more is coming: `blank`, `no-canvas` or `no-change`.
 * The probe's own per-frame cost (one tiny layout, one array scan) is the same on both sides.
 */
import type { ArmOptions, CanvasBox, Measurement, MeasureStatus } from './types';

const DRAW_METHODS = [
  'fill',
  'fillRect',
  'fillText',
  'stroke',
  'strokeRect',
  'strokeText',
  'drawImage',
  'putImageData',
  'clearRect',
];
/** A frame gap longer than this means the main thread was busy. */
const BUSY_GAP_MS = 50;
/** Timers at least this long are debounces (react-use's useDebounce in Grafana's search is 250 ms). */
const DEBOUNCE_MIN_MS = 50;
const PIXEL_FALLBACK_EVERY = 8;

interface Response {
  at: number;
  kind: 'canvas' | 'dom';
}

interface Watch {
  mode: 'paint' | 'change';
  selector: string;
  acceptDom: boolean;
  quietMs: number;
  timeoutMs: number;
  t0: number | undefined;
  responses: Response[];
  firstResponseAt: number | undefined;
  /** Pixels of the canvas when armed, to tell a change without a draw call. */
  snapshot: number | undefined;
  lastBusyAt: number;
  lastFrameAt: number;
  frames: number;
  errorsFrom: number;
  contextLossesFrom: number;
  debounceAt: number | undefined;
  cleanup: Array<() => void>;
  done: (m: Measurement) => void;
  promise: Promise<Measurement>;
}

let watch: Watch | undefined;
let lastResult: Promise<Measurement> | undefined;
const pageErrors: string[] = [];
/** The hidden element the probe resizes in every measured frame, so that a ResizeObserver runs in its rendering step. */
let marker: HTMLElement | undefined;
let lastTimerAt = -1;
let contextLosses = 0;
const targetCache = new WeakMap<object, { selector: string; match: boolean }>();
let scratch: HTMLCanvasElement | undefined;

/** Installs the wrappers; called once per page, before the page's own scripts. */
export function installProbe(): void {
  const nativeSetTimeout = window.setTimeout.bind(window);
  const wrappedSetTimeout = (handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
    if (typeof handler === 'function' && (timeout ?? 0) >= DEBOUNCE_MIN_MS) {
      return nativeSetTimeout(
        (...a: unknown[]) => {
          lastTimerAt = performance.now();
          Reflect.apply(handler, window, a);
        },
        timeout,
        ...args
      );
    }
    return nativeSetTimeout(handler, timeout, ...args);
  };
  window.setTimeout = wrappedSetTimeout as typeof window.setTimeout;

  const proto = CanvasRenderingContext2D.prototype;
  for (const method of DRAW_METHODS) {
    const original: unknown = Reflect.get(proto, method);
    if (typeof original !== 'function') {
      continue;
    }
    Reflect.set(proto, method, function (this: CanvasRenderingContext2D, ...args: unknown[]): unknown {
      const result: unknown = Reflect.apply(original, this, args);
      if (watch && watch.t0 !== undefined && isTarget(this.canvas, watch.selector)) {
        record('canvas');
      }
      return result;
    });
  }

  window.addEventListener('error', (e) => noteError(e.error instanceof Error ? e.error.message : e.message));
  // Chromium drops the 2D context of a canvas past its size limits (or under memory pressure); 'contextlost' does not
  // bubble, so listen in the capture phase.
  window.addEventListener(
    'contextlost',
    () => {
      contextLosses++;
    },
    { capture: true }
  );
  window.addEventListener('unhandledrejection', (e) =>
    noteError(e.reason instanceof Error ? e.reason.message : String(e.reason))
  );
}

function noteError(message: string): void {
  // Chromium reports benign ResizeObserver loop notices as window errors.
  if (!/ResizeObserver loop/.test(message)) {
    pageErrors.push(message);
  }
}

export function errors(): string[] {
  return [...pageErrors];
}

function isTarget(canvas: unknown, selector: string): boolean {
  if (!(canvas instanceof HTMLCanvasElement)) {
    return false;
  }
  const cached = targetCache.get(canvas);
  if (cached && cached.selector === selector) {
    return cached.match;
  }
  const match = canvas.matches(selector);
  targetCache.set(canvas, { selector, match });
  return match;
}

function record(kind: Response['kind']): void {
  if (!watch || watch.t0 === undefined) {
    return;
  }
  const at = performance.now();
  watch.responses.push({ at, kind });
  if (watch.firstResponseAt === undefined) {
    watch.firstResponseAt = at;
    watch.debounceAt = lastTimerAt > watch.t0 ? lastTimerAt : undefined;
  }
}

export function targetCanvas(selector: string): HTMLCanvasElement | undefined {
  const el = document.querySelector(selector);
  return el instanceof HTMLCanvasElement ? el : undefined;
}

/** The canvas's box in page css px. */
export function canvasBox(selector: string): CanvasBox | undefined {
  const canvas = targetCanvas(selector);
  if (!canvas) {
    return undefined;
  }
  const r = canvas.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

/**
 * The visible part of the canvas as 32-bit pixels, copied through a scratch 2D canvas; undefined when nothing of it
 * is visible or Chromium cannot read it (a canvas past the size limits).
 */
export function visiblePixels(canvas: HTMLCanvasElement): Uint32Array | undefined {
  const rect = canvas.getBoundingClientRect();
  if (!canvas.width || !canvas.height || rect.width <= 0 || rect.height <= 0) {
    return undefined;
  }
  const left = Math.max(rect.left, 0);
  const top = Math.max(rect.top, 0);
  const right = Math.min(rect.right, window.innerWidth);
  const bottom = Math.min(rect.bottom, window.innerHeight);
  if (right <= left || bottom <= top) {
    return undefined;
  }
  const sx = canvas.width / rect.width;
  const sy = canvas.height / rect.height;
  const x = Math.floor((left - rect.left) * sx);
  const y = Math.floor((top - rect.top) * sy);
  const w = Math.max(1, Math.min(canvas.width - x, Math.ceil((right - left) * sx)));
  const h = Math.max(1, Math.min(canvas.height - y, Math.ceil((bottom - top) * sy)));
  scratch ??= document.createElement('canvas');
  if (scratch.width !== w || scratch.height !== h) {
    scratch.width = w;
    scratch.height = h;
  }
  const ctx = scratch.getContext('2d', { willReadFrequently: true });
  if (!ctx) {
    return undefined;
  }
  try {
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(canvas, x, y, w, h, 0, 0, w, h);
    return new Uint32Array(ctx.getImageData(0, 0, w, h).data.buffer);
  } catch {
    return undefined;
  }
}

function hasInk(pixels: Uint32Array | undefined): boolean {
  if (!pixels) {
    return false;
  }
  for (let i = 0; i < pixels.length; i++) {
    if (pixels[i] !== 0) {
      return true;
    }
  }
  return false;
}

/** FNV-1a over the pixels; -1 for no canvas. */
function pixelHash(selector: string): number {
  const canvas = targetCanvas(selector);
  const pixels = canvas ? visiblePixels(canvas) : undefined;
  if (!pixels) {
    return -1;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < pixels.length; i++) {
    h = Math.imul(h ^ pixels[i], 0x01000193);
  }
  return h >>> 0;
}

function startWatch(mode: Watch['mode'], selector: string, options: Omit<ArmOptions, 'events'>): Watch {
  if (watch) {
    finish(watch, 'timeout');
  }
  let done: (m: Measurement) => void = () => undefined;
  const promise = new Promise<Measurement>((resolve) => {
    done = resolve;
  });
  const w: Watch = {
    mode,
    selector,
    acceptDom: options.acceptDom,
    quietMs: options.quietMs,
    timeoutMs: options.timeoutMs,
    t0: undefined,
    responses: [],
    firstResponseAt: undefined,
    snapshot: mode === 'change' ? pixelHash(selector) : undefined,
    lastBusyAt: 0,
    lastFrameAt: 0,
    frames: 0,
    errorsFrom: pageErrors.length,
    contextLossesFrom: contextLosses,
    debounceAt: undefined,
    cleanup: [],
    done,
    promise,
  };
  if (options.acceptDom) {
    const observer = new MutationObserver(() => record('dom'));
    observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    w.cleanup.push(() => observer.disconnect());
  }
  watch = w;
  lastResult = promise;
  return w;
}

function begin(w: Watch, t0: number): void {
  w.t0 = t0;
  w.lastBusyAt = t0;
  w.lastFrameAt = t0;
  if (!marker) {
    marker = document.createElement('div');
    marker.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none';
    document.body.appendChild(marker);
  }
  const el = marker;
  const observer = new ResizeObserver(() => check(w));
  observer.observe(el);
  w.cleanup.push(() => observer.disconnect());
  const loop = () => {
    if (watch !== w) {
      return;
    }
    const now = performance.now();
    if (now - w.lastFrameAt > BUSY_GAP_MS) {
      w.lastBusyAt = now;
    }
    w.lastFrameAt = now;
    w.frames++;
    el.style.width = el.style.width === '1px' ? '2px' : '1px';
    window.requestAnimationFrame(loop);
  };
  window.requestAnimationFrame(loop);
}

/** Runs in a frame's rendering step (ResizeObserver delivery): every response recorded so far is in this frame. */
function check(w: Watch): void {
  if (watch !== w || w.t0 === undefined) {
    return;
  }
  const now = performance.now();
  if (w.responses.length > 0) {
    const last = w.responses[w.responses.length - 1];
    const canvas = targetCanvas(w.selector);
    if (w.mode === 'change' || last.kind === 'dom' || (canvas && hasInk(visiblePixels(canvas)))) {
      finish(w, 'ok', now, last.at, w.responses[0].kind);
      return;
    }
    // Drawn but still empty (e.g. a canvas past Chromium's size limit): keep waiting for a later draw.
    w.responses.length = 0;
  }
  if (w.frames % PIXEL_FALLBACK_EVERY === 0) {
    const canvas = targetCanvas(w.selector);
    const changed =
      w.mode === 'paint'
        ? canvas !== undefined && hasInk(visiblePixels(canvas))
        : canvas !== undefined && pixelHash(w.selector) !== w.snapshot;
    if (changed) {
      finish(w, 'ok', now, undefined, 'pixels');
      return;
    }
  }
  if (now - w.t0 > w.timeoutMs) {
    finish(w, 'timeout');
  } else if (now - w.lastBusyAt > w.quietMs) {
    const quietStatus: MeasureStatus =
      w.mode === 'change' ? 'no-change' : targetCanvas(w.selector) ? 'blank' : 'no-canvas';
    finish(w, quietStatus);
  }
}

function finish(w: Watch, status: MeasureStatus, t1?: number, workAt?: number, kind?: Measurement['kind']): void {
  const t0 = w.t0 ?? performance.now();
  const m: Measurement = { status, errors: pageErrors.slice(w.errorsFrom) };
  if (contextLosses > w.contextLossesFrom) {
    m.contextLost = true;
  }
  if (status !== 'ok') {
    const canvas = targetCanvas(w.selector);
    const box = canvasBox(w.selector);
    m.canvas =
      canvas && box
        ? `${canvas.width}x${canvas.height} px at css (${box.left.toFixed(0)}, ${box.top.toFixed(0)}) ${box.width.toFixed(0)}x${box.height.toFixed(0)}, scrollY ${window.scrollY}`
        : 'none';
  }
  if (status === 'ok' && t1 !== undefined) {
    m.ms = t1 - t0;
    if (workAt !== undefined) {
      m.workMs = workAt - t0;
    }
    if (w.debounceAt !== undefined) {
      m.afterDebounceMs = t1 - w.debounceAt;
    }
    m.kind = kind;
  }
  for (const c of w.cleanup) {
    c();
  }
  if (watch === w) {
    watch = undefined;
  }
  w.done(m);
}

/** First paint: t0, `render()`, then wait for a non-empty canvas matching `selector`. */
export function measureRender(
  selector: string,
  render: () => void,
  timeoutMs: number,
  quietMs: number
): Promise<Measurement> {
  const w = startWatch('paint', selector, { acceptDom: false, quietMs, timeoutMs });
  const t0 = performance.now();
  begin(w, t0);
  try {
    render();
  } catch (e) {
    noteError(e instanceof Error ? e.message : String(e));
  }
  return w.promise;
}

/** Arms a measurement of the response to the next trusted event of `options.events`. */
export function arm(selector: string, options: ArmOptions): void {
  const w = startWatch('change', selector, options);
  const onEvent = (e: Event) => {
    if (e.isTrusted && w.t0 === undefined && watch === w) {
      begin(w, performance.now());
    }
  };
  for (const type of options.events) {
    window.addEventListener(type, onEvent, { capture: true });
    w.cleanup.push(() => window.removeEventListener(type, onEvent, { capture: true }));
  }
  // No event at all within the timeout (a click that missed the page, say) must still end the measurement.
  const timer = window.setTimeout(() => {
    if (w.t0 === undefined && watch === w) {
      finish(w, 'timeout');
    }
  }, options.timeoutMs);
  w.cleanup.push(() => window.clearTimeout(timer));
}

/** The armed (or last) measurement's result. */
export function result(): Promise<Measurement> {
  return lastResult ?? Promise.resolve({ status: 'timeout', errors: ['nothing armed'] });
}

/** Resolves after two frames in which the page did no long work (used before measured renders). */
export function settle(): Promise<void> {
  return new Promise((resolve) => {
    let last = performance.now();
    let calm = 0;
    const step = () => {
      const now = performance.now();
      calm = now - last < BUSY_GAP_MS ? calm + 1 : 0;
      last = now;
      if (calm >= 2) {
        resolve();
      } else {
        window.requestAnimationFrame(step);
      }
    };
    window.requestAnimationFrame(step);
  });
}
