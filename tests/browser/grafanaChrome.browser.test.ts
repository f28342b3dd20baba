/**
 * @jest-environment node
 */
/**
 * The sandbox looks and routes as Grafana (issue 13's sandbox and app items), on every Grafana line: the app page in
 * Grafana's page frame (padding at 300, 600, 940 and 1600 px), its "Add a Flamelens Pyroscope data source" link on a
 * page Grafana has that creates our datasource, and Grafana's global styles and icons (a styled switch track, dim
 * dividers, the time picker's "move backward" icon drawn, Grafana's web font). Screenshots in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../support/browser';
import { expectGrafanaLine, lineScreenshot, testedGrafanaLines } from '../support/grafanaLines';
import { saveScreenshot } from '../support/panelPage';
import {
  openSandboxPage,
  startSandbox,
  startSeededPyroscope,
  type Sandbox,
  type SandboxPage,
  type SeededPyroscope,
} from '../support/sandbox';

jest.setTimeout(180_000);

/** Grafana's theme: `spacing(2)` and `spacing(4)` (8 px grid), the `md` breakpoint, dark `border.weak`. */
const PAGE_PADDING_NARROW = 16;
const PAGE_PADDING_WIDE = 32;
const MD_BREAKPOINT = 769;
const BORDER_WEAK = 'rgba(204, 204, 220, 0.12)';

const APP_PAGE = '/a/flamelens-profiles-app';

/** The card Grafana's "Add data source" page shows for a plugin: aria-label before 13.1, data-testid since. */
const addCard = (page: Page, name: string) =>
  page.locator(`[aria-label="Add new data source ${name}"], [data-testid="data-testid Add new data source ${name}"]`);

let browser: Browser;
let seeded: SeededPyroscope;
beforeAll(async () => {
  browser = await launchChromium();
  seeded = await startSeededPyroscope();
});
afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

describe.each(testedGrafanaLines())('the sandbox as Grafana shows it, Grafana %s', (line) => {
  let sandbox: Sandbox;
  let ui: SandboxPage;
  beforeAll(async () => {
    sandbox = await startSandbox({ grafana: line, seeded });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  afterEach(async () => {
    await ui?.close();
  });

  it.each([300, 600, 940, 1600])("pads the app page as Grafana's Page does at %i px", async (width) => {
    ui = await openSandboxPage(browser, sandbox.url, { width, height: 900 });
    await ui.open(APP_PAGE);
    await expectGrafanaLine(ui.page, line);
    const overview = ui.page.getByTestId('flamelens-overview');
    await overview.waitFor();
    const box = await overview.boundingBox();
    const padding = width >= MD_BREAKPOINT ? PAGE_PADDING_WIDE : PAGE_PADDING_NARROW;
    expect(box?.x).toBe(padding);
    // The text keeps the same distance from the right edge, within the window (no horizontal overflow).
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width - padding);
    await saveScreenshot(ui.page, lineScreenshot(`sandbox-app-page-${width}`, line));
    expect(ui.errors).toEqual([]);
  });

  it('follows "Add a Flamelens Pyroscope data source" to Grafana\'s Add data source page and creates ours', async () => {
    ui = await openSandboxPage(browser, sandbox.url);
    await ui.open(APP_PAGE);
    await ui.page.getByTestId('flamelens-add-datasource').click();
    await ui.ready();
    expect(new URL(ui.page.url()).pathname).toBe('/connections/datasources/new');
    const card = addCard(ui.page, 'Flamelens Pyroscope');
    await card.waitFor();
    expect(await ui.page.locator('main').textContent()).not.toContain('Page not found');
    // Grafana's categories: ours under Profiling.
    const profiling = ui.page.locator('section', { has: ui.page.getByRole('heading', { name: 'Profiling' }) });
    expect(await profiling.locator(`text=Flamelens Pyroscope`).count()).toBe(1);
    await saveScreenshot(ui.page, lineScreenshot('sandbox-add-datasource', line));

    await card.click();
    await ui.page.waitForURL(/\/connections\/datasources\/edit\/[^/]+$/);
    const uid = decodeURIComponent(new URL(ui.page.url()).pathname.split('/').pop() ?? '');
    // Our ConfigEditor on the new datasource's settings page.
    await ui.page.getByText('Type: Flamelens Pyroscope').waitFor();
    await ui.page.getByText('Authentication method').waitFor();
    const created = (await (await fetch(`${sandbox.url}/api/datasources/uid/${encodeURIComponent(uid)}`)).json()) as {
      type: string;
      name: string;
    };
    expect(created).toMatchObject({ type: 'flamelens-pyroscope-datasource', name: 'Flamelens Pyroscope' });
    await saveScreenshot(ui.page, lineScreenshot('sandbox-new-datasource-settings', line));
    expect(ui.errors).toEqual([]);
  });

  it("draws switches, dividers and text with Grafana's global styles and web font", async () => {
    ui = await openSandboxPage(browser, sandbox.url);
    await ui.open('/connections/datasources/edit/flamelens-pyroscope');
    await ui.page.getByText('Authentication method').waitFor();
    const looks = await ui.page.evaluate(async (borderWeak) => {
      await document.fonts.ready;
      const normalized = (color: string) => {
        const probe = document.createElement('div');
        probe.style.color = color;
        document.body.appendChild(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      };
      const track = document.querySelector('input[role="switch"] ~ label');
      const trackStyle = track ? getComputedStyle(track) : undefined;
      const trackBox = track?.getBoundingClientRect();
      const hr = document.querySelector('hr');
      return {
        trackBackground: trackStyle?.backgroundColor,
        trackRadius: parseFloat(trackStyle?.borderTopLeftRadius ?? '0'),
        trackSize: trackBox ? [trackBox.width, trackBox.height] : [],
        switchInputOpacity: getComputedStyle(document.querySelector('input[role="switch"]') as Element).opacity,
        hrColor: hr ? getComputedStyle(hr).borderTopColor : undefined,
        hrWidth: hr ? getComputedStyle(hr).borderTopWidth : undefined,
        borderWeak: normalized(borderWeak),
        interLoaded: [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Inter' && f.status === 'loaded'),
      };
    }, BORDER_WEAK);
    // The switch: a rounded, filled track 32×16 (theme.spacing(4) × spacing(2)) with the checkbox hidden under it.
    expect(looks.trackBackground).not.toBe('rgba(0, 0, 0, 0)');
    expect(looks.trackRadius).toBeGreaterThanOrEqual(8);
    expect(looks.trackSize).toEqual([32, 16]);
    expect(looks.switchInputOpacity).toBe('0');
    // Section dividers in the theme's weak border colour, not the browser's bright inset line.
    expect(looks.hrColor).toBe(looks.borderWeak);
    expect(looks.hrWidth).toBe('1px');
    expect(looks.interLoaded).toBe(true);
    await saveScreenshot(ui.page, lineScreenshot('sandbox-datasource-looks', line));
    expect(ui.errors).toEqual([]);
  });

  it("draws the time picker's icons, not placeholders", async () => {
    ui = await openSandboxPage(browser, sandbox.url);
    const to = Math.floor(sandbox.nowMs / 60_000) * 60_000;
    await ui.open(`/d/flamelens-demo?from=${to - 30 * 60_000}&to=${to}`);
    // Move backward (the one @grafana/ui's package lacks), move forward, zoom out; `icon-<name>` is the Icon's test id.
    for (const name of ['angle-double-left', 'angle-double-right', 'search-minus']) {
      const svg = ui.page.locator(`svg[data-testid="icon-${name}"]`).first();
      await svg.waitFor();
      const boxes = await svg.evaluate((el) =>
        [...el.querySelectorAll('path')].map((p) => {
          const b = (p as SVGGraphicsElement).getBBox();
          return [b.width, b.height];
        })
      );
      // A drawn glyph on the 24-unit grid, not the placeholder's dot (a 6-unit circle, no path).
      expect([name, boxes.some(([w, h]) => w >= 8 && h >= 5)]).toEqual([name, true]);
    }
    await saveScreenshot(ui.page, lineScreenshot('sandbox-time-picker', line));
    expect(ui.errors).toEqual([]);
  });
});
