/**
 * @jest-environment node
 */
/**
 * Issue 13's panel layout, in Chromium with the built panel: the demo's comparison ("What changed" after "Compare
 * with before", the frame the built datasource returns over the seeded history) at 300, 600, 940 and 1600 px. The
 * toolbar wraps without clipping or overlapping a control, the header has no empty `·` slot and keeps its button,
 * the search's match count shows, a focus leaves one Reset, and the top table's first function reads flowAdv.
 * Screenshots of each width in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { dataFrameToProfile } from '../../src/model/frame';
import { nodeName, type Profile } from '../../src/model/profile';
import { launchChromium, openHost } from '../support/browser';
import { demoComparison, type DemoComparison } from '../support/demoComparison';
import { headerProblems, toolbarProblems } from '../support/layoutChecks';
import { barCentre, renderPanelInPage, saveScreenshot, waitForPaint } from '../support/panelPage';
import { startSeededPyroscope, type SeededPyroscope } from '../support/sandbox';

jest.setTimeout(240_000);

const WIDTHS = [300, 600, 940, 1600];
const HEIGHT = 480;
const PANEL = '[data-testid="flamelens-panel"]';

describe('the panel at 300 to 1600 px, on the demo comparison', () => {
  let browser: Browser;
  let seeded: SeededPyroscope;
  let comparison: DemoComparison;
  let profile: Profile;
  let host: Awaited<ReturnType<typeof openHost>>;

  beforeAll(async () => {
    browser = await launchChromium();
    seeded = await startSeededPyroscope();
    comparison = await demoComparison(seeded);
    profile = dataFrameToProfile(comparison.frame);
    host = await openHost(browser);
    await host.page.setViewportSize({ width: 1700, height: 800 });
  });
  afterAll(async () => {
    await host?.close();
    await browser?.close();
    await seeded?.close();
  });

  async function render(page: Page, view: string, width: number) {
    const range = { fromMs: comparison.fromMs, toMs: comparison.toMs };
    await renderPanelInPage(page, [comparison.frame], { view }, { width, height: HEIGHT }, range);
    await page.locator(`${PANEL} [role="toolbar"]`).waitFor();
  }

  /** The flowAdv frame of the comparison (the widest one that grew). */
  function flowAdvNode(): number {
    const node = profile.nameId.findIndex((id) => profile.names[id].includes('flowAdv'));
    if (node < 0) {
      throw new Error('the comparison has no flowAdv frame');
    }
    return node;
  }

  it.each(WIDTHS)('"What changed" at %i px: toolbar, header, match count and one Reset', async (width) => {
    const page = host.page;
    await render(page, 'flamegraph', width);
    await waitForPaint(page);
    const search = page.getByRole('textbox', { name: 'Search functions' });
    await search.fill('flowAdv');
    await search.press('Enter');
    // The count follows the search after a paint: wait for this search's.
    await page.waitForFunction(() =>
      /^\d+ match(es)? · /.test(document.querySelector('[data-testid="flamelens-search-summary"]')?.textContent ?? '')
    );
    // Focus flowAdv: the breadcrumb appears, with no second Reset.
    const node = flowAdvNode();
    const at = await barCentre(page.getByTestId('flamelens-canvas'), profile, node);
    await page.mouse.click(at.x, at.y);
    await page.locator('nav[aria-label="Focused path"]').waitFor();
    await page.mouse.move(0, 0);
    await page.waitForFunction(() =>
      document.querySelector('[aria-current="location"]')?.textContent?.includes('flowAdv')
    );
    const resets = await page.getByRole('button', { name: 'Reset' }).count();
    const problems = [
      ...(await toolbarProblems(page, PANEL)),
      ...(await headerProblems(page, PANEL)),
      ...(resets === 1 ? [] : [`${resets} Reset buttons after a focus`]),
    ];
    await saveScreenshot(page, `panel-layout-what-changed-${width}`);
    expect(problems).toEqual([]);
    expect(await page.getByRole('button', { name: 'Reset' }).isEnabled()).toBe(true);
    expect(await page.getByTestId('flamelens-header').textContent()).toContain('Profile around');
    expect(nodeName(profile, node)).toContain('flowAdv');
  });

  it.each(WIDTHS)('"Top functions" at %i px: the first function reads flowAdv', async (width) => {
    const page = host.page;
    await render(page, 'table', width);
    const first = page.locator(`${PANEL} tbody tr[aria-rowindex] td`).first();
    await first.waitFor({ state: 'attached' });
    const cell = await first.evaluate((td) => ({
      text: (td as HTMLElement).innerText,
      clipped: td.scrollWidth > td.clientWidth + 1,
      width: td.getBoundingClientRect().width,
    }));
    await saveScreenshot(page, `panel-layout-top-functions-${width}`);
    // The text shown (not only the DOM's) names flowAdv, whole: nothing of it is cut by the cell.
    expect({ ...cell, width: cell.width >= 150 }).toEqual({
      text: expect.stringContaining('flowAdv'),
      clipped: false,
      width: true,
    });
    expect(await toolbarProblems(page, PANEL)).toEqual([]);
  });
});
