/**
 * @jest-environment node
 */
/**
 * Hostile function names in the built panel (Chromium, sandbox host): a 100 KB name, an RTL override, newlines,
 * HTML/JS, emoji and lone surrogates must keep the tooltip inside the viewport and bounded, the table rows at their
 * height and the breadcrumb inside its container; no markup from a name is ever interpreted.
 */
import type { Browser, Page } from 'playwright-core';
import type { DataFrame } from '@grafana/data';

import { profileToDataFrame } from '../../src/model/frame';
import type { Profile } from '../../src/model/profile';
import { HOSTILE_NAMES } from '../../src/model/testing/hostileNames';
import { TOOLTIP_MAX_WIDTH_PX } from '../../src/panel/components/tooltipPlacement';
import { launchChromium, openHost } from '../support/browser';
import { barCentre, renderPanelInPage, saveScreenshot, waitForPaint } from '../support/panelPage';

jest.setTimeout(180_000);

const VIEWPORT = { width: 1200, height: 800 };
/** TopTable's ROW_HEIGHT_PX (its module needs a browser to import). */
const TABLE_ROW_HEIGHT_PX = 28;

/** Every hostile name but the empty one, as a chain under the root: each bar is as wide as the graph. */
const CHAIN = Object.entries(HOSTILE_NAMES).filter(([, name]) => name !== '');

function chainProfile(): Profile {
  const n = CHAIN.length + 1;
  const self = new Float64Array(n);
  self[n - 1] = 1000;
  return {
    names: ['total', ...CHAIN.map(([, name]) => name)],
    level: Int32Array.from({ length: n }, (_, i) => i),
    total: new Float64Array(n).fill(1000),
    self,
    nameId: Int32Array.from({ length: n }, (_, i) => i),
    unit: 'nanoseconds',
  };
}

const profile = chainProfile();
const frame = profileToDataFrame(profile, { refId: 'A' });

/** Elements or dialogs a name could have created if it were interpreted as HTML. */
async function expectNoMarkupFromNames(page: Page, dialogs: string[]): Promise<void> {
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent?.includes('alert(1)')).length,
  }));
  expect(injected).toEqual({ images: 0, scripts: 0 });
  expect(dialogs).toEqual([]);
}

describe('hostile names in the panel, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function withPanel(options: Record<string, unknown>, body: (page: Page, dialogs: string[]) => Promise<void>) {
    const host = await openHost(browser);
    const dialogs: string[] = [];
    host.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await renderPanelInPage(host.page, [frame], options);
      if (options.view !== 'table') {
        await waitForPaint(host.page);
      }
      await body(host.page, dialogs);
      await expectNoMarkupFromNames(host.page, dialogs);
    } finally {
      await host.close();
    }
  }

  it('the tooltip stays in the viewport and bounded for every hostile name, wherever the pointer is', async () => {
    await withPanel({ view: 'flamegraph' }, async (page) => {
      const canvas = page.locator('[data-testid="flamelens-canvas"]');
      const box = (await canvas.boundingBox())!;
      for (let node = 1; node < profile.level.length; node++) {
        const centre = await barCentre(canvas, profile, node);
        // Middle of the bar, then near the right edge of the viewport: the tooltip must open to the left.
        for (const x of [centre.x, box.x + box.width - 4]) {
          await page.mouse.move(x, centre.y);
          const tooltip = page.locator('body > * [data-testid="flamelens-tooltip"]').first();
          await tooltip.waitFor();
          const t = (await tooltip.boundingBox())!;
          const what = `${CHAIN[node - 1][0]} at x ${Math.round(x)}`;
          expect({
            what,
            inside: t.x >= 0 && t.y >= 0 && t.x + t.width <= VIEWPORT.width && t.y + t.height <= VIEWPORT.height,
          }).toEqual({ what, inside: true });
          expect(t.width).toBeLessThanOrEqual(TOOLTIP_MAX_WIDTH_PX + 1);
          expect(t.height).toBeLessThan(VIEWPORT.height / 2);
        }
        if (CHAIN[node - 1][0] === 'huge' || CHAIN[node - 1][0] === 'rtlOverride') {
          await saveScreenshot(page, `panel-hostile-tooltip-${CHAIN[node - 1][0]}`);
        }
      }
      // The bidi override is not applied: the name reads in its real order, the numbers below it as usual.
      const rtlAt = await barCentre(canvas, profile, 1 + CHAIN.findIndex(([key]) => key === 'rtlOverride'));
      await page.mouse.move(rtlAt.x, rtlAt.y);
      const rtl = page.locator('body > * [data-testid="flamelens-tooltip"]').first();
      expect(await rtl.textContent()).toContain('main.gnp.exe.handlerTotal1 µs (100.00% of profile)');
    });
  });

  it('table rows keep their height and the table does not grow sideways', async () => {
    await withPanel({ view: 'table' }, async (page) => {
      const rows = page.locator('tbody tr:not([aria-hidden])');
      await rows.first().waitFor();
      const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
      // One row per function; the root is not a function.
      expect(heights.length).toBe(CHAIN.length);
      for (const h of heights) {
        expect(h).toBeCloseTo(TABLE_ROW_HEIGHT_PX, 0);
      }
      const overflow = await page.evaluate(() => {
        const table = document.querySelector('[data-testid="flamelens-panel"] table') as HTMLElement;
        const scroller = table.parentElement!;
        return { table: table.getBoundingClientRect().width, scroller: scroller.clientWidth };
      });
      expect(overflow.table).toBeLessThanOrEqual(overflow.scroller + 1);
      expect(await page.locator('tbody').textContent()).toContain('main.gnp.exe.handler');
      await saveScreenshot(page, 'panel-hostile-table');
    });
  });

  it('the breadcrumb of a path through hostile names stays in its container', async () => {
    await withPanel({ view: 'flamegraph' }, async (page) => {
      const canvas = page.locator('[data-testid="flamelens-canvas"]');
      const deepest = profile.level.length - 1;
      const at = await barCentre(canvas, profile, deepest);
      await page.mouse.click(at.x, at.y);
      const nav = page.locator('nav[aria-label="Focused path"]');
      await nav.waitFor();
      // Expand the collapsed middle so every hostile name is a crumb.
      const more = nav.getByRole('button', { name: /hidden/ });
      if ((await more.count()) > 0) {
        await more.click();
      }
      const panel = (await page.locator('[data-testid="flamelens-panel"]').boundingBox())!;
      const n = (await nav.boundingBox())!;
      expect(n.x).toBeGreaterThanOrEqual(panel.x - 1);
      expect(n.x + n.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
      expect(n.height).toBeLessThan(40);
      const crumbHeights = await nav
        .locator('li')
        .evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().height)));
      expect(Math.max(...crumbHeights)).toBeLessThan(40);
      expect(await nav.textContent()).toContain('main.gnp.exe.handler');
      await saveScreenshot(page, 'panel-hostile-breadcrumb');
    });
  });

  it('a 100 KB label selector in the frame meta keeps the header on one line inside the panel', async () => {
    const host = await openHost(browser);
    try {
      const custom = { labelSelector: `{service_name="${HOSTILE_NAMES.huge}", x="${HOSTILE_NAMES.html}"}` };
      await renderPanelInPage(host.page, [profileToDataFrame(profile, { refId: 'A', custom })], { view: 'flamegraph' });
      await waitForPaint(host.page);
      const panel = (await host.page.locator('[data-testid="flamelens-panel"]').boundingBox())!;
      const code = host.page.locator('[data-testid="flamelens-panel"] code').first();
      const c = (await code.boundingBox())!;
      expect(c.x + c.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
      expect(c.height).toBeLessThan(30);
      await expectNoMarkupFromNames(host.page, []);
    } finally {
      await host.close();
    }
  });

  it('a malformed frame gets a message naming what is wrong, never a blank panel or a crash', async () => {
    const bad = (values: unknown) =>
      ({
        refId: 'A',
        length: 2,
        fields: [
          { name: 'level', type: 'number', values: [0, 1], config: {} },
          { name: 'value', type: 'number', values: [10, 5], config: {} },
          { name: 'self', type: 'number', values, config: {} },
          { name: 'label', type: 'string', values: ['total', HOSTILE_NAMES.html], config: {} },
        ],
      }) as unknown as DataFrame;
    const cases: Array<[unknown, string]> = [
      [[50, 5], "self 50 is more than the node's total 10 (field self, node 0)"],
      [null, 'values must be a list, got null (field self)'],
      [[0, `${HOSTILE_NAMES.huge}`], 'is not a non-negative number (field self, node 1)'],
    ];
    for (const [i, [values, expected]] of cases.entries()) {
      const host = await openHost(browser);
      const dialogs: string[] = [];
      host.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      try {
        await renderPanelInPage(host.page, [bad(values)], {});
        const problem = host.page.locator('[data-testid="flamelens-problem"]');
        await problem.waitFor();
        const text = (await problem.textContent()) ?? '';
        expect(text).toContain(expected);
        expect(text.length).toBeLessThan(400);
        await expectNoMarkupFromNames(host.page, dialogs);
        await saveScreenshot(host.page, `panel-hostile-problem-${i}`);
      } finally {
        await host.close();
      }
    }
  });
});
