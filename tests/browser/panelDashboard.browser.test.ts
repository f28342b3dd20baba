/**
 * @jest-environment node
 */
/**
 * Issue 13's panel items on the demo dashboard (the sandbox host over the seeded history, the demo's spikes in
 * flowAdv): in compare mode the top table's first function reads flowAdv, "Dashboard range" clears both the focus
 * moment and the comparison and the panels return to plain flame graphs, and no panel says "No data" while a slow
 * query is pending (a proxy in front of the test server holds its answers). Screenshots in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../support/browser';
import { startDelayProxy, type DelayProxy } from '../support/delayProxy';
import { saveScreenshot } from '../support/panelPage';
import {
  openSandboxPage,
  poll,
  searchParams,
  startSandbox,
  startSeededPyroscope,
  type Sandbox,
  type SandboxPage,
  type SeededPyroscope,
} from '../support/sandbox';

jest.setTimeout(240_000);

const FLAME = '[data-panel-id="2"]';
const TOP = '[data-panel-id="3"]';
/** About the width of the "What changed" panel (940 px) in the demo's grid. */
const VIEWPORT = { width: 1640, height: 1500 };

function panelText(page: Page, panel: string): Promise<string> {
  return page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', panel);
}

describe('issue 13 on the demo dashboard', () => {
  let browser: Browser;
  let seeded: SeededPyroscope;
  let proxy: DelayProxy;
  let sandbox: Sandbox;
  let ui: SandboxPage;
  let focusMs: number;
  let range: string;

  beforeAll(async () => {
    browser = await launchChromium();
    seeded = await startSeededPyroscope();
    proxy = await startDelayProxy(seeded.pyroscope.url);
    sandbox = await startSandbox({ seeded, pyroscopeUrl: proxy.url });
    ui = await openSandboxPage(browser, sandbox.url, VIEWPORT);
    const spike = seeded.history.spikes[seeded.history.spikes.length - 1];
    focusMs = Math.round((spike.startMs + spike.endMs) / 2);
    range = `from=${focusMs - 3_600_000}&to=${Math.min(seeded.nowMs, focusMs + 600_000)}`;
  });
  afterAll(async () => {
    await ui?.close();
    await sandbox?.close();
    await proxy?.close();
    await seeded?.close();
    await browser?.close();
  });

  it('compares with flowAdv first in the top table', async () => {
    const page = ui.page;
    await ui.open(`/d/flamelens-demo?${range}&var-focus=${focusMs}&var-compare=before`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('comparing'), FLAME);
    const first = page.locator(`${TOP} tbody tr[aria-rowindex] td`).first();
    await first.waitFor();
    const cell = await first.evaluate((td) => ({
      text: (td as HTMLElement).innerText,
      clipped: td.scrollWidth > td.clientWidth + 1,
    }));
    await saveScreenshot(page, 'panel-dashboard-compare');
    // The name as shown (not only in the DOM) reads flowAdv, not cut by its cell.
    expect(cell.text).toContain('flowAdv');
    expect(cell.clipped).toBe(false);
    expect(ui.errors).toEqual([]);
  });

  it('"Dashboard range" clears the focus moment and the comparison: plain flame graphs again', async () => {
    const page = ui.page;
    await ui.open(`/d/flamelens-demo?${range}&var-focus=${focusMs}&var-compare=before`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('comparing'), FLAME);
    await page
      .locator(FLAME)
      .getByRole('button', { name: /Dashboard range/ })
      .click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('var-focus') === '');
    expect(searchParams(page).get('var-compare')).toBe('off');
    // Every profile panel that follows the variables is a plain flame graph of the dashboard range again.
    await poll('the plain flame graph', 30_000, async () => {
      const text = await panelText(page, FLAME);
      return !text.includes('comparing') && !text.includes('Profile around') ? true : undefined;
    });
    expect(await page.locator(`${FLAME} [aria-label="Diff legend"]`).count()).toBe(0);
    await poll('the plain top table', 30_000, async () => {
      const heads = await page.locator(`${TOP} thead th`).allTextContents();
      return heads.join('|') === 'Function|Self|Total' ? true : undefined;
    });
    await saveScreenshot(page, 'panel-dashboard-back-to-range');
    expect(ui.errors).toEqual([]);
  });

  it('says no "No data" while a slow query is pending, and keeps the last picture', async () => {
    const page = ui.page;
    await ui.open(`/d/flamelens-demo?${range}`);
    await page.locator(`${FLAME} [data-testid="flamelens-canvas"]`).waitFor();
    // Every answer of the test server now takes 2.5 s; set a focus moment (as the annotation links do).
    proxy.setDelay(2_500);
    try {
      const seen: Array<{ noData: boolean; graph: boolean; moment: boolean }> = [];
      const sample = () =>
        page.evaluate(() => {
          const panels = Array.from(document.querySelectorAll('[data-testid="flamelens-panel"]'));
          const flame = document.querySelector('[data-panel-id="2"]');
          return {
            noData: panels.some((p) => p.textContent?.includes('No data')),
            graph: flame?.querySelector('[data-testid="flamelens-canvas"]') !== null,
            moment: flame?.textContent?.includes('Profile around') ?? false,
          };
        });
      await page.evaluate((ms) => {
        const w = window as unknown as { flamelensHost: { location: { partial(q: Record<string, string>): void } } };
        w.flamelensHost.location.partial({ 'var-focus': String(ms) });
      }, focusMs);
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        const s = await sample();
        seen.push(s);
        if (s.moment) {
          break;
        }
        if (seen.length === 10) {
          await saveScreenshot(page, 'panel-dashboard-pending');
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen[seen.length - 1].moment).toBe(true);
      // Pending for a while (held by the proxy), never "No data", the last picture all along.
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.filter((s) => s.noData)).toEqual([]);
      expect(seen.filter((s) => !s.graph)).toEqual([]);

      // A first load of the whole dashboard with every answer held.
      const firstLoad: boolean[] = [];
      await page.goto(`${sandbox.url}/d/flamelens-demo?${range}`);
      const end = Date.now() + 3_000;
      while (Date.now() < end) {
        firstLoad.push((await sample()).noData);
        await new Promise((r) => setTimeout(r, 50));
      }
      await ui.ready();
      expect(firstLoad.filter(Boolean)).toEqual([]);
    } finally {
      proxy.setDelay(0);
    }
    expect(ui.errors).toEqual([]);
  });
});
