/**
 * @jest-environment node
 */
/**
 * A focus click on the built panel in Chromium: the zoom is drawn by the canvas first (from the view prepared while
 * the pointer rested on the bar, or by a full paint), the view's state follows. Whatever path drew it, the pixels
 * must be exactly those of a full paint of the same focus and hover.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';

import { decodeConnectFlameGraph } from '../../src/model/connect';
import { profileToDataFrame } from '../../src/model/frame';
import { nodeName } from '../../src/model/profile';
import { launchChromium, openHost } from '../support/browser';
import { barCentre, renderPanelInPage, waitForPaint, widestChildOfRoot } from '../support/panelPage';

jest.setTimeout(120_000);

const body = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8'));
const profile = decodeConnectFlameGraph(body, 'nanoseconds');
const frame = profileToDataFrame(profile, { refId: 'A' });
const CANVAS = '[data-testid="flamelens-canvas"]';

/** Keeps the canvas's pixels under `name` on window; returns how many differ from the pixels kept under `than`. */
function keepPixels(page: Page, name: string, than?: string): Promise<number> {
  return page.evaluate(
    ({ sel, name, than }) => {
      const c = document.querySelector(sel) as HTMLCanvasElement;
      const px = new Uint32Array(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.buffer.slice(0));
      const kept = window as unknown as Record<string, Uint32Array>;
      kept[name] = px;
      const other = than ? kept[than] : undefined;
      if (!other) {
        return -1;
      }
      let diff = Math.abs(other.length - px.length);
      for (let i = 0; i < Math.min(other.length, px.length); i++) {
        diff += other[i] === px[i] ? 0 : 1;
      }
      return diff;
    },
    { sel: CANVAS, name, than }
  );
}

/**
 * Keeps the canvas's pixels under `first` in the animation frame right after the next click, after the canvas's own
 * paint callback (a window listener in the bubble phase runs after React's, so its callback is queued later): what
 * the user sees first, before the view's state has caught up.
 */
function keepFirstFrameAfterClick(page: Page): Promise<void> {
  return page.evaluate((sel) => {
    window.addEventListener(
      'click',
      () =>
        requestAnimationFrame(() => {
          const c = document.querySelector(sel) as HTMLCanvasElement;
          const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.buffer.slice(0);
          (window as unknown as Record<string, Uint32Array>).first = new Uint32Array(px);
        }),
      { once: true }
    );
  }, CANVAS);
}

/** Counts bitmap copies onto the panel's canvas from now on (the prepared view is pasted with drawImage). */
function countCopies(page: Page): Promise<void> {
  return page.evaluate((sel) => {
    const w = window as unknown as { copies: number };
    w.copies = 0;
    const proto = CanvasRenderingContext2D.prototype;
    const original = proto.drawImage;
    proto.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (this.canvas.matches(sel)) {
        w.copies++;
      }
      return Reflect.apply(original, this, args);
    } as typeof proto.drawImage;
  }, CANVAS);
}

const frames = (page: Page, n: number) =>
  page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(count);
      }),
    n
  );

describe('a focus click in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function withPanel(run: (page: Page) => Promise<void>) {
    const host = await openHost(browser);
    try {
      await renderPanelInPage(host.page, [frame], { view: 'flamegraph' });
      await waitForPaint(host.page);
      await run(host.page);
    } finally {
      await host.close();
    }
  }

  it('on a bar the pointer rested on, pastes the prepared zoom, pixel for pixel a full paint', async () => {
    await withPanel(async (page) => {
      const node = widestChildOfRoot(profile);
      const at = await barCentre(page.locator(CANVAS), profile, node);
      await page.mouse.move(at.x, at.y);
      // Idle time for the prepared view (requestIdleCallback, at most 500 ms).
      await page.waitForTimeout(700);
      await keepPixels(page, 'before');
      await countCopies(page);
      await keepFirstFrameAfterClick(page);
      await page.mouse.down();
      await page.mouse.up();
      const crumbs = page.locator('nav[aria-label="Focused path"]');
      await crumbs.waitFor();
      expect(await crumbs.textContent()).toContain(nodeName(profile, node));
      await frames(page, 3);
      expect(await page.evaluate(() => (window as unknown as { copies: number }).copies)).toBeGreaterThan(0);
      expect(await keepPixels(page, 'zoomed', 'before')).toBeGreaterThan(1000);
      expect(await keepPixels(page, 'zoomed', 'first')).toBe(0);

      // A full paint of the same state: the pointer leaves (full repaint without hover) and comes back to the same
      // point (the hover outline drawn on top), so the view's state has caught up with the click by now.
      await page.mouse.move(5, 5);
      await frames(page, 3);
      await page.mouse.move(at.x, at.y);
      await frames(page, 3);
      expect(await keepPixels(page, 'repainted', 'zoomed')).toBe(0);
    });
  });

  it('a click with no pause before it (nothing prepared) zooms the same', async () => {
    await withPanel(async (page) => {
      const node = widestChildOfRoot(profile);
      const at = await barCentre(page.locator(CANVAS), profile, node);
      await keepFirstFrameAfterClick(page);
      await page.mouse.click(at.x, at.y);
      await page.locator('nav[aria-label="Focused path"]').waitFor();
      await frames(page, 3);
      expect(await keepPixels(page, 'zoomed', 'first')).toBe(0);
      await page.mouse.move(5, 5);
      await frames(page, 3);
      await page.mouse.move(at.x, at.y);
      await frames(page, 3);
      expect(await keepPixels(page, 'repainted', 'zoomed')).toBe(0);
    });
  });

  it('the sandwich graphs cannot be focused: a click there changes nothing, not even for a frame', async () => {
    await withPanel(async (page) => {
      const at = await barCentre(page.locator(CANVAS), profile, widestChildOfRoot(profile));
      await page.mouse.click(at.x, at.y, { button: 'right' });
      await page.getByText('Sandwich view').click();
      const callees = '[data-testid="flamelens-sandwich-callees"]';
      await waitForPaint(page, 'flamelens-sandwich-callees');
      const box = await page.locator(callees).boundingBox();
      const pixels = () =>
        page.evaluate((sel) => {
          const c = document.querySelector(sel) as HTMLCanvasElement;
          return Array.from(
            new Uint32Array(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.buffer)
          ).reduce((h, v) => Math.imul(h ^ v, 16777619) >>> 0, 2166136261);
        }, callees);
      // The pointer rests on the first bar below the callees' root (hover outline drawn), then clicks it.
      await page.mouse.move(box!.x + 3, box!.y + 22 + 11);
      await page.waitForTimeout(700);
      const before = await pixels();
      await page.mouse.down();
      await page.mouse.up();
      await frames(page, 3);
      expect(await pixels()).toBe(before);
    });
  });

  it('Enter on the bar chosen with the keyboard zooms to it and the breadcrumb follows', async () => {
    await withPanel(async (page) => {
      await page.locator(CANVAS).focus();
      // From the root, ArrowDown (icicle: towards the leaves) moves to a child of the root.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const crumbs = page.locator('nav[aria-label="Focused path"]');
      await crumbs.waitFor();
      expect((await crumbs.textContent())?.length).toBeGreaterThan(0);
    });
  });
});
