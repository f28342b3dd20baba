/**
 * Shapes shared by the page code (kit.ts, probe.ts, grafanaPage.tsx) and the Node runner (run.ts). Types only.
 */
import type { DataFrame } from '@grafana/data';

import type { BarTarget, CaseId, FocusTarget } from './cases';
import type { FirstPaintTasks } from './longTasks';

/** How a measurement ended. */
export type MeasureStatus =
  /** The response was painted. */
  | 'ok'
  /** The canvas exists but stayed empty (nothing visible drawn) until the page went quiet. */
  | 'blank'
  /** No canvas matching the implementation's selector appeared. */
  | 'no-canvas'
  /** The input caused no redraw (or DOM change, where those count) until the page went quiet. */
  | 'no-change'
  /** Still busy at the hard timeout. */
  | 'timeout';

export interface Measurement {
  status: MeasureStatus;
  /** t0 → the first task after the frame that presents the response ("time to next paint"). */
  ms?: number;
  /** t0 → the last draw call (or DOM change) that the presenting frame includes: the work without the frame wait. */
  workMs?: number;
  /**
   * Only when a timer of ≥ 50 ms (a debounce) fired between t0 and the response: from that timer's callback to the
   * presenting frame. For search this is the redraw without the input debounce.
   */
  afterDebounceMs?: number;
  /** What the response was: a 2D-context draw on the canvas, a DOM change (hover tooltips), or changed pixels. */
  kind?: 'canvas' | 'dom' | 'pixels';
  /** Uncaught errors in the page during the measurement (ResizeObserver loop notices excluded). */
  errors: string[];
  /** Chromium fired 'contextlost' on a canvas during the measurement (it does so for canvases past its limits). */
  contextLost?: boolean;
  /** When not ok: the canvas's backing size and css box at the end, to tell a blank canvas from an unseen one. */
  canvas?: string;
}

/** Click → the first frame whose visible canvas pixels differ from the picture taken when armed (pixelProbe.ts). */
export interface PixelMeasurement {
  status: 'ok' | 'no-change' | 'timeout';
  /** t0 (click, window capture listener) → the start of the first rendering-step check that saw changed pixels. */
  ms?: number;
  /** Time the probe itself spent copying and comparing pixels between t0 and t1 (left out of main-thread work). */
  probeMs: number;
  /** Rendering-step checks made (frames seen). */
  checks: number;
  /** How long the check that saw the change took (its T1 trace mark comes after it; t1 is its start). */
  lastCheckMs?: number;
}

/** What `arm` waits for. */
export interface ArmOptions {
  /** Trusted input events (captured on window before any page handler) whose first occurrence is t0. */
  events: string[];
  /** A DOM change (added/removed nodes, text) counts as the response, not only a canvas draw. */
  acceptDom: boolean;
  /** Finish with `no-change` after this long without a long frame gap. */
  quietMs: number;
  timeoutMs: number;
}

export interface CaseSummary {
  id: CaseId;
  nodes: number;
  maxLevel: number;
  focus: BarTarget;
  hover: BarTarget[];
  /** Bars whose focus click → changed pixels is timed (focusPixels.ts). */
  focusTargets: FocusTarget[];
  makeMs: number;
}

/** Where a bar is on screen, in css px of the page. */
export interface CanvasBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The implementation under test, as the page exposes it (grafanaPage.tsx or kit.ts for the sandbox host). */
export interface BenchImpl {
  name: 'grafana' | 'flamelens';
  /** Selector of the flame graph canvas. */
  canvasSelector: string;
  /** Hands the frame to React (the measured call). */
  render(frame: DataFrame): void;
  /** Unmounts the flame graph (not measured). */
  clear(): void;
}

/** The measuring kit both pages get (kit.ts, injected before any page script). */
export interface BenchKit {
  /** Builds the case's frame in the page and keeps it; returns what the runner needs. */
  makeCase(id: CaseId): CaseSummary;
  dropCase(): void;
  /** Loads our panel plugin through the sandbox host and installs `benchImpl` for it. */
  setupFlamelens(moduleUrl: string, width: number, height: number): Promise<void>;
  /** Waits for two frames with no work (after clear, before a measured render). */
  settle(): Promise<void>;
  /** t0, `benchImpl.render(current frame)`, then waits for a non-empty canvas. */
  measureRender(timeoutMs: number, quietMs: number): Promise<Measurement>;
  /** Main-thread long tasks of the last measured render, once the page has been quiet for `quietMs` (longTasks.ts). */
  firstPaintTasks(quietMs: number): Promise<FirstPaintTasks>;
  /** Prepares a measurement of the response to the next trusted input event of `events`. */
  arm(options: ArmOptions): void;
  /** The armed measurement's result. */
  result(): Promise<Measurement>;
  /** Takes the canvas's "before" picture and times the next trusted click → changed pixels. */
  armPixels(options: { quietMs: number; timeoutMs: number; profile?: boolean }): void;
  pixelResult(): Promise<PixelMeasurement>;
  /** The canvas's box in page css px, or undefined when there is none. */
  canvasBox(): CanvasBox | undefined;
  errors(): string[];
}

/** `window` of a bench page. */
export interface BenchWindow {
  benchKit: BenchKit;
  benchImpl?: BenchImpl;
}
