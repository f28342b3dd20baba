import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import type { DataFrame } from '@grafana/data';

import { ARTIFACTS } from './browser';

/** Loads the built panel plugin in the host page and renders it with these frames and options. */
export async function renderPanelInPage(
  page: Page,
  series: DataFrame[],
  options: Record<string, unknown> = {},
  size = { width: 1180, height: 720 }
): Promise<void> {
  await page.evaluate(
    async ({ series, options, size }) => {
      const w = window as unknown as {
        flamelensHost: {
          loadPlugin(u: string): Promise<{ plugin: unknown }>;
          renderPanel(p: unknown, el: HTMLElement, input: unknown): void;
        };
      };
      const mod = await w.flamelensHost.loadPlugin('/public/plugins/flamelens-profiles-app/panel/module.js');
      w.flamelensHost.renderPanel(mod.plugin, document.getElementById('panel')!, { series, options, ...size });
    },
    { series: JSON.parse(JSON.stringify(series)), options, size }
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
