/**
 * @jest-environment node
 */
/**
 * Issue 13's datasource items in the sandbox over the seeded demo history (its CPU spikes in flowAdv): the same spike
 * gets the same annotation region whatever the dashboard's `from`; the region starts where the values rise; both ways
 * into a moment (the annotation's "Open profile", the CPU panel's data link) write the focus moment as ISO-8601, the
 * variable box shows it so, and the flame graph's header writes the moment one way; a hostile focus value is refused
 * with its reason and never widens a query. Screenshots in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { formatMoment } from '../../src/model/moment';
import type { SpikeWindow } from '../../sandbox/demo/spikeSchedule';
import { launchChromium } from '../support/browser';
import { saveScreenshot } from '../support/panelPage';
import { openSpikeTooltip as openTooltip, spikeMarker } from '../support/spikeTooltip';
import { openSandboxPage, poll, searchParams, startSandbox, type Sandbox, type SandboxPage } from '../support/sandbox';

jest.setTimeout(240_000);

const CPU_PANEL = '[data-panel-id="1"]';
const FLAME = '[data-panel-id="2"]';
/** The query step of the demo dashboard's annotation (the datasource's min step). */
const STEP_MS = 15_000;
/** ISO-8601 in UTC, as the links write it (Grafana's `date:iso` keeps the milliseconds). */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

let browser: Browser;
let sandbox: Sandbox;
let ui: SandboxPage;
/** A spike of the seeded history with half an hour of history before it. */
let spike: SpikeWindow;

beforeAll(async () => {
  browser = await launchChromium();
  sandbox = await startSandbox();
  const spikes = sandbox.history.spikes.filter((s) => s.startMs - 40 * 60_000 > sandbox.history.fromMs);
  spike = spikes[spikes.length - 3];
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  ui = await openSandboxPage(browser, sandbox.url);
});
afterEach(async () => {
  await ui.close();
});

/** The dashboard around the spike: from 20 minutes before it, plus `shiftMs`, for 30 minutes. */
function around(shiftMs = 0): { fromMs: number; toMs: number; path: string } {
  const fromMs = spike.startMs - 20 * 60_000 + shiftMs;
  const toMs = fromMs + 30 * 60_000;
  return { fromMs, toMs, path: `/d/flamelens-demo?from=${fromMs}&to=${toMs}` };
}

/** The focus variable's box (scenes' textbox variable, labelled by the variable's label). */
function focusBox(page: Page) {
  return page.getByLabel('Focus moment', { exact: true });
}

/** The moment the flame graph's header names, once it shows a focus moment. */
async function headerMoment(page: Page): Promise<string> {
  const header = page.locator(`${FLAME} [data-testid="flamelens-header"]`);
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent?.includes('Profile around'),
    `${FLAME} [data-testid="flamelens-header"]`
  );
  const m = /Profile around (.+?) \(±2m30s\)/.exec((await header.textContent()) ?? '');
  return m?.[1] ?? '';
}

describe('spike annotations', () => {
  it('give the same spike the same region on three loads whose from differs by non-multiples of the step', async () => {
    const seen: Array<{ time: string | null; text: string; focus: string | null }> = [];
    for (const shiftMs of [0, 7_000, 41_000]) {
      const { path } = around(shiftMs);
      await ui.open(path);
      const marker = await spikeMarker(ui.page, spike);
      const { text, focus } = await openTooltip(ui.page, marker);
      seen.push({ time: await marker.getAttribute('data-annotation-time'), text, focus });
      await saveScreenshot(ui.page, `spike-region-from-shifted-${shiftMs / 1000}s`);
      await ui.page.keyboard.press('Escape');
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    // The region starts where the values rise: within one step of the spike's start.
    expect(Math.abs(Number(seen[0].time) - spike.startMs)).toBeLessThanOrEqual(STEP_MS);
    // Its text says what the number is.
    expect(seen[0].text).toMatch(
      /demo-workload: peak [\d.]+ cores \(mean over 30 s\), [\d.]+× its baseline of [\d.]+ cores; above [\d.]+ cores for \d+ (s|min)/
    );
    expect(ui.errors).toEqual([]);
  });
});

describe('the focus moment', () => {
  it('reads as ISO-8601 in the URL and the variable box after "Open profile", and the header names it', async () => {
    await ui.open(around().path);
    const { tip } = await openTooltip(ui.page, await spikeMarker(ui.page, spike));
    await tip.getByRole('link', { name: 'Open profile' }).click();
    await ui.page.waitForFunction(() => (new URL(location.href).searchParams.get('var-focus') ?? '') !== '');
    const focus = searchParams(ui.page).get('var-focus') ?? '';
    expect(focus).toMatch(ISO_UTC);
    await poll('the variable box to show the focus', 10_000, async () =>
      (await focusBox(ui.page).inputValue()) === focus ? true : undefined
    );
    // The browser runs in this machine's time zone, as the dashboard says ("browser").
    expect(await headerMoment(ui.page)).toBe(formatMoment(Date.parse(focus)));
    await saveScreenshot(ui.page, 'focus-iso-from-annotation');
    expect(ui.errors).toEqual([]);
  });

  it("reads as ISO-8601 after the CPU panel's data link, and the header writes it the same way", async () => {
    const { fromMs, toMs, path } = around();
    await ui.open(path);
    const page = ui.page;
    const plot = page.locator(`${CPU_PANEL} .u-over`);
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    const x = box.x + ((spike.startMs + 20_000 - fromMs) / (toMs - fromMs)) * box.width;
    // A click near the series pins the tooltip with the data links: find the series' height at the spike.
    const links = page.locator('[data-testid="timeseries-tooltip-links"]');
    for (let y = box.y + 2; y < box.y + box.height && (await links.count()) === 0; y += 4) {
      await page.mouse.move(x, y, { steps: 2 });
      await page.mouse.click(x, y);
      await page.waitForTimeout(100);
    }
    await links.getByText('Profile at this moment').click();
    await page.waitForFunction(() => (new URL(location.href).searchParams.get('var-focus') ?? '') !== '');
    const focus = searchParams(page).get('var-focus') ?? '';
    expect(focus).toMatch(ISO_UTC);
    await poll('the variable box to show the focus', 10_000, async () =>
      (await focusBox(page).inputValue()) === focus ? true : undefined
    );
    const moment = await headerMoment(page);
    expect(moment).toBe(formatMoment(Date.parse(focus)));
    expect(moment).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await saveScreenshot(page, 'focus-iso-from-data-link');
    expect(ui.errors).toEqual([]);
  });

  /** Records the windows of the flame graph requests the page sends. */
  function flameGraphWindows(page: Page): Array<{ start: number; end: number }> {
    const windows: Array<{ start: number; end: number }> = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/querier.v1.QuerierService/SelectMergeStacktraces')) {
        windows.push(JSON.parse(request.postData() ?? '{}') as { start: number; end: number });
      }
    });
    return windows;
  }

  it.each([
    ['garbage', 'yesterday-ish', 'which is not a moment: it is not a time'],
    ['far future', '2999-01-01T00:00:00Z', 'is outside the dashboard range'],
    ['negative', '-1796601001978', 'which is not a moment: it is negative'],
  ])('refuses a hostile value (%s) with its reason, without asking the server', async (_, value, reason) => {
    const { path } = around();
    const windows = flameGraphWindows(ui.page);
    await ui.open(`${path}&var-focus=${encodeURIComponent(value)}`);
    const status = ui.page.locator(`${FLAME} [data-testid="data-testid Panel status error"]`);
    await status.waitFor();
    await status.hover();
    const tooltip = ui.page.getByRole('tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain(reason);
    await saveScreenshot(ui.page, `focus-hostile-${value.replace(/[^\w]+/g, '_')}`);
    // Every panel that follows the focus refused it: no flame graph was asked for.
    expect(windows).toEqual([]);
  });

  it("never reads more than the dashboard shows: a focus near the range's start is cut to it", async () => {
    const { fromMs, toMs, path } = around();
    const windows = flameGraphWindows(ui.page);
    await ui.open(`${path}&var-focus=${new Date(fromMs + 30_000).toISOString()}`);
    await headerMoment(ui.page);
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) {
      expect(w.start).toBeGreaterThanOrEqual(fromMs);
      expect(w.end).toBeLessThanOrEqual(toMs);
    }
    expect(windows.map((w) => w.start)).toContain(fromMs);
  });
});
