/**
 * @jest-environment node
 */
/**
 * The built plugin in the sandbox host as Grafana runs it (issue 5): the three modules load through SystemJS, the
 * provisioned demo dashboard renders and follows the time range, the datasource settings page saves and tests through
 * the emulated data proxy, and the query editor drives the panel. On every Grafana line the sandbox emulates, each
 * checking the top bar names that line. Screenshots in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { nodeName } from '../../src/model/profile';
import { formatShare, formatValue } from '../../src/model/units';
import { startPyroscopeServer } from '../../sandbox/pyroscope/server';
import { launchChromium } from '../support/browser';
import { expectGrafanaLine, lineScreenshot, testedGrafanaLines } from '../support/grafanaLines';
import { barCentre, saveScreenshot, waitForPaint, widestChildOfRoot } from '../support/panelPage';
import {
  openSandboxPage,
  serverProfile,
  startSandbox,
  urlTimeMs,
  startSeededPyroscope,
  type Sandbox,
  type SeededPyroscope,
  type SandboxPage,
} from '../support/sandbox';

jest.setTimeout(180_000);

const APP = '/public/plugins/flamelens-profiles-app';
const FLAME = '[data-panel-id="2"]';

async function flameCanvas(page: Page) {
  const canvas = page.locator(`${FLAME} [data-testid="flamelens-canvas"]`);
  await canvas.waitFor();
  await waitForPaint(page, 'flamelens-canvas');
  return canvas;
}

// One browser and one seeded test server for every line; a host per line and suite (the settings tests edit the
// host's datasource).
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

describe.each(testedGrafanaLines())('the sandbox host with the provisioned demo dashboard, Grafana %s', (line) => {
  let sandbox: Sandbox;
  let ui: SandboxPage;
  // An absolute window the seeded history covers, so the test can ask the server for the same profile.
  let fromMs: number;
  let toMs: number;

  beforeAll(async () => {
    sandbox = await startSandbox({ grafana: line, seeded });
    toMs = Math.floor(sandbox.nowMs / 60_000) * 60_000 - 60_000;
    fromMs = toMs - 30 * 60_000;
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    ui = await openSandboxPage(browser, sandbox.url);
  });
  afterEach(async () => {
    await ui.close();
  });

  it('loads all three plugin modules through SystemJS with no console errors', async () => {
    const loadedModules = () =>
      ui.page.evaluate(() => {
        const system = (window as unknown as { System: { entries(): Iterable<[string, unknown]> } }).System;
        return [...system.entries()].map(([id]) => id);
      });
    // The dashboard loads the datasource and the panel, the app page the app (each a fresh page, as in Grafana).
    await ui.open(`/d/flamelens-demo?from=${fromMs}&to=${toMs}`);
    await expectGrafanaLine(ui.page, line);
    await ui.page.locator('[data-testid="flamelens-panel"]').first().waitFor();
    const onDashboard = await loadedModules();
    expect(onDashboard).toContainEqual(expect.stringContaining(`${APP}/datasource/module.js`));
    expect(onDashboard).toContainEqual(expect.stringContaining(`${APP}/panel/module.js`));
    await ui.open('/a/flamelens-profiles-app');
    expect(await loadedModules()).toContainEqual(expect.stringMatching(new RegExp(`${APP}/module\\.js$`)));
    await saveScreenshot(ui.page, lineScreenshot('sandbox-app-page', line));
    expect(ui.errors).toEqual([]);
  });

  it('renders the dashboard: the flame graph paints, the tooltip gives the numbers of the widest frame', async () => {
    await ui.open(`/d/flamelens-demo?from=${fromMs}&to=${toMs}`);
    const canvas = await flameCanvas(ui.page);
    const header = (await ui.page.locator(`${FLAME} [data-testid="flamelens-header"]`).textContent()) ?? '';
    expect(header).toContain('demo-workload');
    await saveScreenshot(ui.page, lineScreenshot('sandbox-dashboard', line));

    const profile = await serverProfile(sandbox.pyroscope.url, fromMs, toMs);
    const node = widestChildOfRoot(profile);
    const at = await barCentre(canvas, profile, node);
    await ui.page.mouse.move(at.x, at.y);
    const tooltip = ui.page.locator('[data-testid="flamelens-tooltip"]').first();
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toContain(nodeName(profile, node));
    expect(text).toContain(formatValue(profile.total[node], 'nanoseconds'));
    expect(text).toContain(formatShare(profile.total[node], profile.total[0]));
    await saveScreenshot(ui.page, lineScreenshot('sandbox-tooltip', line));

    // A click focuses the frame.
    await ui.page.mouse.click(at.x, at.y);
    const crumbs = ui.page.locator(`${FLAME} nav[aria-label="Focused path"]`);
    await crumbs.waitFor();
    expect(await crumbs.textContent()).toContain(nodeName(profile, node));
    expect(ui.errors).toEqual([]);
  });

  it('search highlights matches and the top table sorts', async () => {
    await ui.open(`/d/flamelens-demo?from=${fromMs}&to=${toMs}`);
    await flameCanvas(ui.page);
    const search = ui.page.locator(`${FLAME} input[placeholder^="Search"]`);
    await search.fill('flowAdv');
    const summary = ui.page.locator(`${FLAME} [data-testid="flamelens-search-summary"]`);
    await summary.waitFor();
    // The matched share of the total: the workload's history spends a good part of its CPU in flowAdv.
    expect(await summary.textContent()).toMatch(/\d+(\.\d+)?%/);

    const table = ui.page.locator('[data-panel-id="3"] table');
    await table.waitFor();
    const firstRow = async () => (await table.locator('tbody tr').first().textContent()) ?? '';
    const before = await firstRow();
    await table.getByRole('button', { name: /^Self/ }).click();
    await ui.page.waitForFunction(
      ([sel, old]) => (document.querySelector(`${sel} table tbody tr`)?.textContent ?? '') !== old,
      ['[data-panel-id="3"]', before] as const
    );
    expect(await firstRow()).not.toBe(before);
    await saveScreenshot(ui.page, lineScreenshot('sandbox-search-table', line));
  });

  it('changing the time range re-queries and the panel shows the new window', async () => {
    await ui.open(`/d/flamelens-demo?from=${fromMs}&to=${toMs}`);
    await flameCanvas(ui.page);
    const header = ui.page.locator(`${FLAME} [data-testid="flamelens-header"]`);
    const before = (await header.textContent()) ?? '';
    expect(before).toContain('(30 min)');
    await ui.page.evaluate(
      ([f, t]) =>
        (
          window as unknown as { flamelensHost: { location: { partial(q: Record<string, unknown>): void } } }
        ).flamelensHost.location.partial({
          from: f,
          to: t,
        }),
      [String(toMs - 10 * 60_000), String(toMs)]
    );
    await ui.page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('(10 min)'),
      `${FLAME} [data-testid="flamelens-header"]`
    );
    expect(urlTimeMs(ui.page, 'from')).toBe(toMs - 10 * 60_000);

    // The time picker's own control: zoom out doubles the window around its centre.
    await ui.page.getByRole('button', { name: 'Zoom out time range' }).click();
    await ui.page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('(20 min)'),
      `${FLAME} [data-testid="flamelens-header"]`
    );
    expect(urlTimeMs(ui.page, 'to') - urlTimeMs(ui.page, 'from')).toBe(20 * 60_000);
  });

  it('a drag on the time series panel narrows the dashboard range', async () => {
    await ui.open(`/d/flamelens-demo?from=${fromMs}&to=${toMs}`);
    const plot = ui.page.locator('[data-panel-id="1"] .u-over');
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    await ui.page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
    await ui.page.mouse.up();
    // The URL's time as epoch ms, whether written as such or as ISO 8601 (as scenes writes absolute times).
    await ui.page.waitForFunction((f) => {
      const v = new URL(location.href).searchParams.get('from') ?? '';
      return (/^\d+$/.test(v) ? Number(v) : Date.parse(v)) !== f;
    }, fromMs);
    const from = urlTimeMs(ui.page, 'from');
    const to = urlTimeMs(ui.page, 'to');
    expect(from).toBeGreaterThan(fromMs);
    expect(to).toBeLessThan(toMs);
    expect(to - from).toBeLessThan((toMs - fromMs) / 5);
    await ui.ready();
    await saveScreenshot(ui.page, lineScreenshot('sandbox-drag-zoomed', line));
  });
});

describe.each(testedGrafanaLines())('the datasource settings page and the query editor, Grafana %s', (line) => {
  let sandbox: Sandbox;
  let ui: SandboxPage;
  beforeAll(async () => {
    sandbox = await startSandbox({ grafana: line, seeded });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    ui = await openSandboxPage(browser, sandbox.url);
  });
  afterEach(async () => {
    await ui.close();
  });

  const EDIT = '/connections/datasources/edit/flamelens-pyroscope';
  const alert = (page: Page) => page.locator('[data-testid="data-testid Data source settings page Alert"]');

  async function saveAndTest(page: Page): Promise<string> {
    await page.getByRole('button', { name: 'Save & test' }).click();
    const a = alert(page);
    await a.waitFor();
    // Grafana first shows "Testing...", then the result.
    await page.waitForFunction(
      (sel) => !(document.querySelector(sel)?.textContent ?? 'Testing').startsWith('Testing'),
      '[data-testid="data-testid Data source settings page Alert"]'
    );
    return (await a.textContent()) ?? '';
  }

  /** Puts the provisioned settings back (the tests below change the URL and credentials). */
  async function restore(page: Page) {
    await ui.open(EDIT);
    await page.locator('#flamelens-url').fill(sandbox.pyroscope.url);
    await page.getByRole('radio', { name: 'No authentication' }).check({ force: true });
    expect(await saveAndTest(page)).toMatch(/Connected/);
  }

  it('saves and tests against the test server through the data proxy', async () => {
    await ui.open(EDIT);
    await expectGrafanaLine(ui.page, line);
    expect(await saveAndTest(ui.page)).toMatch(/Connected to Grafana Pyroscope: \d+ profile types and \d+ services/);
    await saveScreenshot(ui.page, lineScreenshot('sandbox-datasource-ok', line));
  });

  it('shows the specific error for a wrong URL and keeps what was typed', async () => {
    await ui.open(EDIT);
    const url = ui.page.locator('#flamelens-url');
    await url.fill('http://127.0.0.1:9');
    const text = await saveAndTest(ui.page);
    expect(text).toMatch(/could not reach the server \(HTTP 502\)/);
    expect(await url.inputValue()).toBe('http://127.0.0.1:9');
    await saveScreenshot(ui.page, lineScreenshot('sandbox-datasource-wrong-url', line));
    await restore(ui.page);
  });

  it('shows the specific error for wrong credentials, and succeeds with the right ones', async () => {
    const locked = await startPyroscopeServer({ basicAuth: 'flame:lens' });
    try {
      await ui.open(EDIT);
      await ui.page.locator('#flamelens-url').fill(locked.url);
      await ui.page.getByRole('radio', { name: 'Basic authentication' }).check({ force: true });
      await ui.page.locator('#flamelens-basic-user').fill('flame');
      await ui.page.locator('#flamelens-basic-password').fill('wrong');
      expect(await saveAndTest(ui.page)).toMatch(/Authentication failed.*Check the credentials/);
      await saveScreenshot(ui.page, lineScreenshot('sandbox-datasource-wrong-credentials', line));
      // The secret is configured now: reset it and type the right one.
      await ui.page.getByRole('button', { name: 'Reset' }).click();
      await ui.page.locator('#flamelens-basic-password').fill('lens');
      expect(await saveAndTest(ui.page)).toMatch(/Connected to Grafana Pyroscope/);
      // The password never reaches the browser: the settings the page reads back only say it is configured.
      const settings = await ui.page.evaluate(async () =>
        (await fetch('/api/datasources/uid/flamelens-pyroscope')).text()
      );
      expect(settings).not.toContain('lens"');
      expect(settings).toContain('"basicAuthPassword":true');
    } finally {
      await locked.close();
    }
    await restore(ui.page);
  });

  it('the query editor picks a profile type, a service and a label filter; the panel follows', async () => {
    const toMs = Math.floor(sandbox.nowMs / 60_000) * 60_000;
    await ui.open(`/d/flamelens-demo?from=${toMs - 3_600_000}&to=${toMs}&editPanel=2`);
    const page = ui.page;
    const header = page.locator('[data-testid="flamelens-header"]').first();
    await header.waitFor();
    /** Types into a Combobox and picks the option with exactly this text. */
    const choose = async (input: ReturnType<Page['locator']>, text: string, option: string | RegExp = text) => {
      await input.click();
      await input.fill(text);
      await page
        .getByRole('option', { name: option, exact: typeof option === 'string' })
        .first()
        .click();
    };
    await choose(page.locator('#flamelens-profile-type'), 'process_cpu', 'process_cpu - cpu');
    await choose(page.locator('#flamelens-service'), 'ad-server');
    await page.getByRole('button', { name: /add label filter/i }).click();
    await choose(page.locator('input[data-testid="label-filter-name"]'), 'namespace');
    await choose(page.locator('input[data-testid="label-filter-value"]'), 'flamelens-demo');
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="flamelens-header"]')?.textContent ?? '';
      return text.includes('service_name="ad-server"') && text.includes('namespace="flamelens-demo"');
    });
    const text = (await header.textContent()) ?? '';
    expect(text).toMatch(/^CPU/);
    expect(text).toMatch(/total [\d.]+ (s|min)/);
    await waitForPaint(page, 'flamelens-canvas');
    await saveScreenshot(page, lineScreenshot('sandbox-query-editor', line));
    // The options pane shows the built panel's own options (the host's unit tests use a fixture of the same shape).
    const flameOptions = page.getByRole('region', { name: 'Flame graph' });
    for (const name of ['View', 'Orientation', 'Color', 'Diff palette', 'Label alignment']) {
      await flameOptions.getByRole('radiogroup', { name, exact: true }).first().waitFor();
    }
    expect(await flameOptions.getByRole('radio', { name: 'Red / green', exact: true }).first().isChecked()).toBe(true);
    expect(ui.errors).toEqual([]);
  });
});
