import fs from 'fs';
import path from 'path';
import type { Locator, Page } from 'playwright-core';
import type { DataFrame } from '@grafana/data';

import type { Profile } from '../../src/model/profile';
import { buildFlameIndex } from '../../src/panel/render/flameIndex';
import { DEFAULT_ROW_HEIGHT_PX } from '../../src/panel/render/viewport';
import { ARTIFACTS } from './browser';

/** What else a test can give the host's panel render (see `RenderPanelInput` in sandbox/host/renderPanel.tsx). */
export interface PanelRenderExtra {
  /** The query's state, `Loading`, `Streaming`, `Done` (default) or `Error`. */
  state?: string;
  error?: { message: string };
  /** Re-render the panel already shown with new data (its own state lives on), as Grafana does. */
  update?: boolean;
  fromMs?: number;
  toMs?: number;
}

/** Loads the built panel plugin in the host page and renders it with these frames and options. */
export async function renderPanelInPage(
  page: Page,
  series: DataFrame[],
  options: Record<string, unknown> = {},
  size = { width: 1180, height: 720 },
  extra: PanelRenderExtra = {}
): Promise<void> {
  await page.evaluate(
    async ({ series, options, size, extra }) => {
      const w = window as unknown as {
        flamelensHost: {
          loadPlugin(u: string): Promise<{ plugin: unknown }>;
          renderPanel(p: unknown, el: HTMLElement, input: unknown): void;
        };
      };
      const mod = await w.flamelensHost.loadPlugin('/public/plugins/flamelens-profiles-app/panel/module.js');
      w.flamelensHost.renderPanel(mod.plugin, document.getElementById('panel')!, {
        series,
        options,
        ...size,
        ...extra,
      });
    },
    { series: JSON.parse(JSON.stringify(series)), options, size, extra }
  );
  await page.waitForSelector('[data-testid="flamelens-panel"]');
}

/** Saves a screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the canvas has painted something (some pixel differs from transparent). */
export async function waitForPaint(page: Page, testId = 'flamelens-canvas'): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const c = document.querySelector(`[data-testid="${id}"]`) as HTMLCanvasElement | null;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || c.width === 0) {
        return false;
      }
      const px = ctx.getImageData(0, 0, Math.min(c.width, 200), Math.min(c.height, 40)).data;
      for (let i = 3; i < px.length; i += 4) {
        if (px[i] !== 0) {
          return true;
        }
      }
      return false;
    },
    testId,
    { timeout: 15_000 }
  );
}

/** Centre of `node`'s bar in page coordinates, for the icicle layout of `canvas` (the whole profile shown). */
export async function barCentre(canvas: Locator, p: Profile, node: number): Promise<{ x: number; y: number }> {
  const box = await canvas.boundingBox();
  if (!box) {
    throw new Error('no canvas');
  }
  const index = buildFlameIndex(p);
  const x = ((index.startValue[node] + index.widthValue[node] / 2) / index.widthValue[0]) * box.width;
  return { x: box.x + x, y: box.y + (p.level[node] + 0.5) * DEFAULT_ROW_HEIGHT_PX };
}

/** The widest node at level 1: what a user sees as the widest frame below the root. */
export function widestChildOfRoot(p: Profile): number {
  let best = -1;
  for (let i = 1; i < p.level.length; i++) {
    if (p.level[i] === 1 && (best < 0 || p.total[i] > p.total[best])) {
      best = i;
    }
  }
  if (best < 0) {
    throw new Error('the profile has no frame below the root');
  }
  return best;
}

/** Frames of the Node.js runtime's event loop that head every JavaScript stack (`node:internal/timers:...`). */
const RUNTIME_FRAME = /^node:internal\//;

/**
 * What a user reads as "the widest frame below the root" in a Node.js flame graph: going down from the root through
 * the widest child, the first frame that is not one of the runtime's event-loop frames (every JavaScript stack starts
 * with `processTimers` → `listOnTimeout` or the like).
 */
export function widestBelowRuntime(p: Profile): number {
  let node = widestChildOfRoot(p);
  while (RUNTIME_FRAME.test(p.names[p.nameId[node]])) {
    let best = -1;
    for (let i = node + 1; i < p.level.length && p.level[i] > p.level[node]; i++) {
      if (p.level[i] === p.level[node] + 1 && (best < 0 || p.total[i] > p.total[best])) {
        best = i;
      }
    }
    if (best < 0) {
      break;
    }
    node = best;
  }
  return node;
}
